"""When each glossary entry last changed: a short content hash per entry, and the date it was recorded.

data/glossary-versions.csv holds slug, hash and changed (a date). Like a lock file, the build keeps it
up to date: an entry whose hash differs from the recorded one gets today's date. Commit the file with
the data, so a citation's date and hash tell a reader whether the page changed since.
"""
from __future__ import annotations

import csv
import hashlib
import json
from datetime import date
from pathlib import Path
from typing import Callable

from ..load.read import TABLES, read_csv

VERSIONS_FILE = "glossary-versions.csv"
COLUMNS = TABLES[VERSIONS_FILE]


def entry_hash(values: dict) -> str:
    """Eight letters from the SHA-256 of the entry. Letters only: citation styles read a version
    such as "2026.11+74cb66d0" as a list of numbers and print "Versions"."""
    canonical = json.dumps(_content(values), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "".join("abcdefghijklmnop"[int(c, 16)] for c in hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:8])


def _content(value):
    """The entry without the loader's line numbers: moving an entry in the file is no change."""
    if isinstance(value, dict):
        return {k: _content(v) for k, v in value.items() if not k.startswith("__")}
    if isinstance(value, list):
        return [_content(v) for v in value]
    return value


def stamp(data_dir: Path, records: list, today: date | None = None) -> tuple[dict[str, str], list[str]]:
    """Record today's date for new or changed entries; returns every entry's date and the slugs stamped."""
    changed, stamped, write = dates(data_dir, records, today)
    write()
    return changed, stamped


def dates(data_dir: Path, records: list, today: date | None = None) -> tuple[dict[str, str], list[str], Callable[[], None]]:
    """What `stamp` returns, and what records it in the file: a build that checks the data while it models it
    records the dates only once the data proved valid."""
    path = Path(data_dir) / VERSIONS_FILE
    # The loader has read the file and reported any problem in it before the glossary is stamped.
    old = {r["slug"]: dict(r) for r in read_csv(path, COLUMNS, VERSIONS_FILE, [])} if path.is_file() else {}
    today_text = (today or date.today()).isoformat()
    rows, stamped = [], []
    for rec in records:
        slug, digest = str(rec["slug"]), entry_hash(rec)
        if slug in old and old[slug]["hash"] == digest:
            rows.append(old[slug])
        else:
            rows.append({"slug": slug, "hash": digest, "changed": today_text})
            stamped.append(slug)

    def write() -> None:
        if stamped or len(rows) != len(old):
            with path.open("w", encoding="utf-8", newline="") as fh:
                writer = csv.DictWriter(fh, COLUMNS, lineterminator="\n")
                writer.writeheader()
                writer.writerows(sorted(rows, key=lambda r: r["slug"]))
    return {r["slug"]: r["changed"] for r in rows}, stamped, write
