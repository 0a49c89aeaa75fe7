"""What changed since the previous published version of the dataset.

Every build writes a snapshot of the data under data/versions/<version>.json in the site and
carries the snapshots of earlier versions over from the site it replaces. The "what changed" page
compares the data with the latest snapshot of an earlier version.
"""
from __future__ import annotations

import json
from pathlib import Path

SNAPSHOTS = Path("data") / "versions"


def snapshot(data) -> dict:
    values: dict[str, list[str]] = {}
    for r in data.rows:
        key = "|".join(str(r[k]) for k in ("indicator_id", "district", "year", "kind", "source"))
        values.setdefault(key, []).append(r["value_text"])
    return {
        "version": data.meta["version"],
        "indicators": sorted(data.indicators),
        "terms": sorted(data.terms),
        "values": {k: sorted(v) for k, v in sorted(values.items())},
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
        "new_values": [_split(k, v) for k, v in new.items() if k not in old],
        "changed_values": [{**_split(k, v), "before": old[k]} for k, v in new.items() if k in old and old[k] != v],
        "removed_values": [_split(k, v) for k, v in old.items() if k not in new],
    }


def _split(key: str, value_texts: list[str]) -> dict:
    indicator, district, year, kind, source = key.split("|")
    return {"indicator": indicator, "district": district, "year": int(year), "kind": kind, "source": source,
            "value_texts": value_texts, "before": []}
