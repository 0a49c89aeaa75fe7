"""`ingest.py remove`: undo an add (the report's row of sources.csv, its text, observations, dismissals
and review files), refused while other files refer to the report."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from .errors import IngestError
from .files import table, text_of
from .review import REVIEW_DIR


def references(data: Path, source_id: str) -> list[str]:
    """Where other data files name a report: they must go before the report can."""
    found = []
    for name, column in (("verdicts.csv", "source"), ("tasks.csv", "source"), ("indicators.csv", "change_source")):
        if (data / name).is_file():
            found += [f"{name}:{r.line}" for r in table(data, name) if r[column] == source_id]
    if (data / "glossary.yml").is_file():
        for n, line in enumerate(text_of(data, "glossary.yml").splitlines(), start=1):
            if re.match(rf"^\s*-?\s*source:\s*[\"']?{re.escape(source_id)}[\"']?\s*$", line):
                found.append(f"glossary.yml:{n}")
    return found


def remove(data: Path, source_id: str, force: bool = False) -> list[str]:
    """Undo `add`: the report's row in sources.csv, its text, observations, dismissals and review
    files. Refused while other files refer to it, or (without `force`) while it has curated rows."""
    data = Path(data)
    rows = table(data, "sources.csv")
    match = [r for r in rows if r["id"] == source_id]
    if not match:
        raise IngestError(f"sources.csv: id: no report {source_id!r} is registered: expected one of {', '.join(r['id'] for r in rows)}")
    refs = references(data, source_id)
    if refs:
        raise IngestError([f"{ref}: refers to {source_id!r}: remove or change this first" for ref in refs])
    observations = data / "observations" / f"{source_id}.csv"
    curated = len(table(data, observations.name, "observations")) if observations.is_file() else 0
    dismissed = data / "dismissed" / f"{source_id}.csv"
    n_dismissed = len(table(data, dismissed.name, "dismissed")) if dismissed.is_file() else 0
    if (curated or n_dismissed) and not force:
        raise IngestError(f"observations/{source_id}.csv: holds {curated} curated rows and dismissed/ {n_dismissed}: "
                          f"run again with --yes to delete them too")
    (data / "sources.csv").write_text(_without_row(text_of(data, "sources.csv"), source_id), encoding="utf-8")
    gone = ["sources.csv: its row"]
    text = data / "texts" / match[0]["file"]
    still_used = any(r["file"] == match[0]["file"] for r in rows if r["id"] != source_id)
    for path in ([] if still_used else [text]) + [observations, dismissed, data / REVIEW_DIR / f"{source_id}.csv",
                                                   data / REVIEW_DIR / f"{source_id}-terms.csv"]:
        if path.is_file():
            path.unlink()
            gone.append(str(path.relative_to(data)))
    return gone


def _without_row(text: str, source_id: str) -> str:
    """sources.csv without exactly the report's lines, the rest byte for byte (csv only tells where each row ends)."""
    lines = text.splitlines(keepends=True)
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    keep, consumed = lines[:1], 1
    for row in reader:
        chunk, consumed = lines[consumed:reader.line_num], reader.line_num
        if not (row and row[header.index("id")] == source_id):
            keep += chunk
    return "".join(keep)
