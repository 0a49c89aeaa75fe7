"""What changed since the previous published version of the dataset, and in every version before.

Every build writes a snapshot of the data under data/versions/<version>.json in the site and
carries the snapshots of earlier versions over from the site it replaces. The "what changed" page
compares the data with the latest snapshot of an earlier version; each indicator page lists the
revisions of its values across all versions; an Atom feed announces each version.
"""
from __future__ import annotations

import json
import operator
from pathlib import Path

SNAPSHOTS = Path("data") / "versions"
# The files each version keeps under data/v/<version>/, its permanent address.
# A snapshot lists its version's files: versions archived before the workbook and database have LEGACY.
LEGACY = ("datapackage.json", "observations.csv", "targets.csv", "targets.json", "indicators.csv", "sources.csv", "glossary.json")
ARCHIVED = ("datapackage.json", "observations.csv", "targets.csv", "targets.json", "indicators.csv", "sources.csv", "glossary.csv",
            "glossary_definitions.csv", "glossary_indicators.csv", "glossary.json", "dataset.xlsx", "dataset.sqlite")


_SNAPSHOT_KEY = operator.itemgetter("indicator_id", "district", "year", "kind", "source")


def snapshot(data) -> dict:
    values: dict[str, list[str]] = {}
    for r in data.rows:
        values.setdefault("|".join(map(str, _SNAPSHOT_KEY(r))), []).append(r["value_text"])
    return {
        "version": data.meta["version"],
        "released": data.meta["released"],
        "indicators": sorted(data.indicators),
        "terms": sorted(data.terms),
        "values": {k: sorted(v) for k, v in sorted(values.items())},
        "files": list(ARCHIVED),
    }


def earlier_snapshots(site: Path, version: str) -> dict[str, dict]:
    """The snapshots of other versions in the published site, by version."""
    folder = Path(site) / SNAPSHOTS
    found = {}
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            snap = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            continue
        if snap.get("version") and snap["version"] != version:
            found[snap["version"]] = snap
    return found


def compare(current: dict, previous: dict | None) -> dict:
    if previous is None:
        return {"previous": None}
    old, new = previous["values"], current["values"]
    return {
        "previous": previous["version"],
        "new_indicators": [i for i in current["indicators"] if i not in set(previous["indicators"])],
        "new_terms": [t for t in current["terms"] if t not in set(previous["terms"])],
        "new_values": [snapshot_row(k, v) for k, v in new.items() if k not in old],
        "changed_values": [{**snapshot_row(k, v), "before": old[k]} for k, v in new.items() if k in old and old[k] != v],
        "removed_values": [snapshot_row(k, v) for k, v in old.items() if k not in new],
    }


def history(current: dict, earlier: dict[str, dict], version_key) -> dict[str, list[dict]]:
    """Each indicator's revisions: a value (indicator, district, year, kind, report) that a version
    added after the first, changed or removed, with the version and what it was before."""
    snaps = sorted([*earlier.values(), current], key=lambda s: version_key(s["version"]))
    out: dict[str, list[dict]] = {}
    for before, after in zip(snaps, snaps[1:]):
        old, new = before["values"], after["values"]
        for key in sorted(set(old) | set(new)):
            if old.get(key) != new.get(key):
                row = snapshot_row(key, new.get(key, []))
                row.update(version=after["version"], released=after.get("released", ""), before=old.get(key, []))
                out.setdefault(row["indicator"], []).append(row)
    return out


def atom(snaps: list[dict], meta: dict, version_key, page: str, feed: str) -> str:
    """An Atom feed with one entry per published version, newest first, saying what it changed."""
    from xml.sax.saxutils import escape

    base = meta["site_url"]
    home = f"{base}{page}" if base else f"urn:{meta['citation_prefix']}:changes"  # an Atom id must be absolute
    ordered = sorted(snaps, key=lambda s: version_key(s["version"]))
    entries = []
    for previous, snap in reversed(list(zip([None, *ordered], ordered))):
        diff = compare(snap, previous)
        summary = (f"Version {snap['version']}: the first published version, with {len(snap['values'])} values."
                   if previous is None else
                   f"Version {snap['version']}, compared with {previous['version']}: {len(diff['new_values'])} new values, "
                   f"{len(diff['changed_values'])} changed, {len(diff['removed_values'])} removed; "
                   f"{len(diff['new_indicators'])} new indicators, {len(diff['new_terms'])} new glossary terms.")
        when = f"{snap.get('released') or '1970-01-01'}T00:00:00Z"
        entries.append(
            f"<entry><title>Version {escape(snap['version'])}</title><id>{escape(home)}#{escape(snap['version'])}</id>"
            f"<updated>{when}</updated><link href=\"{escape(base + page)}\"/><summary>{escape(summary)}</summary></entry>")
    updated = f"{ordered[-1].get('released') or '1970-01-01'}T00:00:00Z"
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{escape(meta['title'])} · {escape(meta['title_en'])}: versions</title><id>{escape(home)}</id>"
            f"<updated>{updated}</updated><author><name>{escape(meta['publisher'])}</name></author>"
            f"<link rel=\"self\" href=\"{escape(base + feed)}\"/>{''.join(entries)}</feed>\n")


def snapshot_row(key: str, value_texts: list[str]) -> dict:
    """A snapshot's value key and texts as a row."""
    indicator, district, year, kind, source = key.split("|")
    return {"indicator": indicator, "district": district, "year": int(year), "kind": kind, "source": source,
            "value_texts": value_texts, "before": []}
