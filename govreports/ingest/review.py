"""The review files of a new report (data/review/, which the build does not read):

- <id>.csv (UTF-8 with a BOM, so spreadsheet programs open it as UTF-8): every figure in the report as a
  candidate observation, in the columns of an observations file plus `accept`, the paragraph anchor,
  the whole sentence, the clause and the name the indicator was guessed from;
- <id>-terms.csv: every quoted formula or slogan in it, and whether the glossary has it.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import Problem
from ..load.read import OBSERVATION_COLUMNS, parse_csv, read_glossary
from ..load.texts import SourceText
from ..model.term_candidates import find_candidates
from .files import CONVERTED, read_decoded, stop, table, write_csv
from .names import Vocabulary
from .proposal import Guess

REVIEW_DIR = "review"
GUESS_COLUMNS = ["paragraph", "sentence", "clause", "found_name", "indicator_zh"]
REVIEW_COLUMNS = ["accept", *OBSERVATION_COLUMNS, *GUESS_COLUMNS]


def write_review(data: Path, source_id: str, text: SourceText, district: str, guesses: list, vocabulary: Vocabulary) -> dict:
    """Write a report's two review files; returns what `ingest.py add` tells of them."""
    names = {iid: ind["name_zh"] for iid, ind in vocabulary.indicators.items()}
    rows = [review_row(g, district, source_id, names) for g in guesses]
    review = data / REVIEW_DIR
    review.mkdir(exist_ok=True)
    write_csv(review / f"{source_id}.csv", REVIEW_COLUMNS, rows, bom=True)

    known = known_terms(data)
    found = find_candidates([text])
    terms = [{"candidate": t, "occurrences": n, "in_glossary": "yes" if t in known else "no"} for t, n in sorted(found.items())]
    write_csv(review / f"{source_id}-terms.csv", ["candidate", "occurrences", "in_glossary"], terms, bom=True)
    return {"figures": len(rows), "matched": sum(1 for r in rows if r["indicator"]),
            "terms": len(terms), "new_terms": sum(1 for t in terms if t["in_glossary"] == "no"),
            "review": review / f"{source_id}.csv", "terms_file": review / f"{source_id}-terms.csv"}


def review_row(g: Guess, district: str, source_id: str, names: dict) -> dict:
    """A guess as a row of the review file: the columns of an observations file, then what it was guessed from."""
    return {
        "accept": "", "indicator": g.indicator, "district": district, "year": g.year, "period": g.period,
        "kind": g.kind, "value": g.value, "qualifier": g.qualifier, "value_text": g.value_text, "unit": g.unit,
        "source": source_id, "quote": g.quote, "after": g.after, "note": "",
        "paragraph": g.paragraph, "sentence": g.sentence, "clause": g.clause, "found_name": g.name,
        "indicator_zh": names.get(g.indicator, ""),
    }


def read_review(path: Path) -> tuple[list[dict], list[str]]:
    """A review file's rows as dicts (with `__line__`), UTF-8 with or without a BOM or GBK, and notices."""
    path = Path(path)
    text, notices = read_decoded(path)
    notices = [n for n in notices if CONVERTED["utf-8-sig"] not in n]  # spreadsheets keep the BOM ingest writes
    problems: list[Problem] = []
    rows = parse_csv(text, REVIEW_COLUMNS, str(path), problems, optional=tuple(GUESS_COLUMNS), more=True)
    stop(problems)
    return [{**r, "__line__": r.line} for r in rows], notices


def known_terms(data: Path) -> set[str]:
    """The terms the glossary has (their spellings and match strings) or glossary-ignore.csv sets aside."""
    problems: list[Problem] = []
    terms = read_glossary(data / "glossary.yml", problems)
    stop(problems)
    known = set()
    for t in terms:
        known.add(str(t["term"]))
        known.update(str(m).strip("“”") for m in t.get("match") or [])
    known.update(r["candidate"] for r in table(data, "glossary-ignore.csv"))
    return known
