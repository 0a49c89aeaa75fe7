"""Register a new report and write its review files; later, take over the rows a curator accepted.

`register` copies the text into data/texts/, adds the report to sources.csv with an empty
observations file, and writes two review files into data/review/ (which the build does not read):

- <id>.csv: every figure in the report as a candidate observation, in the columns of an
  observations file plus `accept` and `paragraph`, with guesses of indicator, kind and year;
- <id>-terms.csv: every quoted formula or slogan in it, and whether the glossary has it.

`accept` copies the rows marked accepted into data/observations/<id>.csv. Nothing reaches the
published data without that human decision.
"""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

from .figures import candidates as figure_candidates
from .load import OBSERVATION_COLUMNS, TABLES
from .term_candidates import find_candidates
from .texts import SourceText

REVIEW_DIR = "review"
REVIEW_COLUMNS = ["accept", *OBSERVATION_COLUMNS, "paragraph"]
ACCEPTED = {"yes", "y", "x", "1", "true", "是"}


class IngestError(Exception):
    pass


def register(data: Path, text_file: Path, district: str, year: int, kind: str, title: str,
             date: str = "", source_id: str = "") -> dict:
    data = Path(data)
    source_id = source_id or f"{district}-{year}-{kind}"
    sources = _rows(data / "sources.csv")
    if any(r["id"] == source_id for r in sources):
        raise IngestError(f"sources.csv: id: {source_id!r} is already registered")
    for table, value in (("districts.csv", district), ("kinds.csv", kind)):
        if value not in {r["id"] for r in _rows(data / table)}:
            raise IngestError(f"{table}: {value!r} is not listed there: add it first")
    raw = Path(text_file).read_bytes().decode("utf-8")
    target = data / "texts" / f"{source_id}.txt"
    shutil.copyfile(text_file, target)
    with (data / "sources.csv").open("a", encoding="utf-8", newline="") as fh:
        csv.DictWriter(fh, TABLES["sources.csv"], lineterminator="\n").writerow({
            "id": source_id, "district": district, "year": year, "title": title, "kind": kind,
            "date": date, "file": target.name, "covers": "", "publisher": "", "url": "",
            "url_note": "No official address recorded yet.", "note": "",
        })
    observations = data / "observations" / f"{source_id}.csv"
    if not observations.exists():
        _write(observations, OBSERVATION_COLUMNS, [])
    return write_review(data, source_id, SourceText(raw), district, int(year))


def write_review(data: Path, source_id: str, text: SourceText, district: str, year: int) -> dict:
    indicators = _rows(data / "indicators.csv")
    names = {r["id"]: [r["name_zh"], *filter(None, r["aliases"].split("|"))] for r in indicators}
    units = {r["id"] for r in _rows(data / "units.csv")}
    rows = []
    for c in figure_candidates(text, names):
        rows.append({
            "accept": "", "indicator": c.indicator, "district": district,
            # A report reviews the year before it and sets targets for its own year.
            "year": year if c.kind == "target" else year - 1,
            "kind": c.kind, "value": c.value, "qualifier": c.qualifier, "value_text": c.value_text,
            "unit": c.unit if c.unit in units else "", "source": source_id, "quote": c.clause, "after": "",
            "note": "", "paragraph": c.paragraph,
        })
    review = data / REVIEW_DIR
    review.mkdir(exist_ok=True)
    _write(review / f"{source_id}.csv", REVIEW_COLUMNS, rows)

    known = _known_terms(data)
    found = find_candidates({source_id: _Source(text)})
    terms = [{"candidate": t, "occurrences": n, "in_glossary": "yes" if t in known else "no"} for t, n in sorted(found.items())]
    _write(review / f"{source_id}-terms.csv", ["candidate", "occurrences", "in_glossary"], terms)
    return {"figures": len(rows), "matched": sum(1 for r in rows if r["indicator"]),
            "terms": len(terms), "new_terms": sum(1 for t in terms if t["in_glossary"] == "no"),
            "review": review / f"{source_id}.csv"}


def accept(data: Path, review_file: Path) -> int:
    """Append the accepted rows of a review file to the report's observations file."""
    rows = [r for r in _rows(review_file) if r["accept"].strip().lower() in ACCEPTED]
    by_source: dict[str, list[dict]] = {}
    for r in rows:
        by_source.setdefault(r["source"], []).append({k: r[k] for k in OBSERVATION_COLUMNS})
    for source_id, accepted in by_source.items():
        path = Path(data) / "observations" / f"{source_id}.csv"
        existing = _rows(path) if path.exists() else []
        _write(path, OBSERVATION_COLUMNS, existing + accepted)
    return len(rows)


class _Source:
    """The little of a source that the candidate finder needs."""

    def __init__(self, text: SourceText):
        self.text = text


def _known_terms(data: Path) -> set[str]:
    import yaml

    known = set()
    for t in yaml.safe_load((data / "glossary.yml").read_text(encoding="utf-8")) or []:
        known.add(str(t.get("term", "")))
        known.update(str(m).strip("“”") for m in t.get("match") or [])
    known.update(r["candidate"] for r in _rows(data / "glossary-ignore.csv"))
    return known


def _rows(path: Path) -> list[dict]:
    with Path(path).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _write(path: Path, columns: list[str], rows: list[dict]) -> None:
    with Path(path).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
