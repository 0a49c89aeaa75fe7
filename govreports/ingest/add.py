"""`ingest.py add`: check the arguments, register a new report (its text in data/texts/, a row of
sources.csv, an empty observations file) and write its review files; the commands a curator runs next."""
from __future__ import annotations

import csv
import re
import shlex
from datetime import date as Date
from pathlib import Path

from ..load.read import OBSERVATION_COLUMNS, TABLES
from ..load.texts import SourceText
from .errors import IngestError
from .files import read_report, table, write_csv
from .guess import guess
from .remove import remove
from .review import write_review
from .vocabulary import build_vocabulary

ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
NEXT_STEPS = """Next steps (content/add-a-report.md explains each):
  1. Open {review} in a spreadsheet program; correct the guesses of the rows that are values and write yes in their accept column.
  2. {ingest} accept {review}
  3. For each quoted term marked no in {terms}: add it to glossary.yml, or give the reason in glossary-ignore.csv.
  4. {check}
  5. {build}
To undo this add: {ingest} remove {id}"""


def check_arguments(data: Path, district: str, year, kind: str, title: str, date: str, source_id: str,
                    replace: bool = False) -> tuple[str, list[str]]:
    """The source id to use and every problem with the arguments of `add`, one line each."""
    data = Path(data)
    problems = []
    districts = {r["id"]: r for r in table(data, "districts.csv")}
    kinds = {r["id"]: r for r in table(data, "kinds.csv")}
    if district not in districts:
        problems.append(f"--district: unknown district {district!r}: expected one of {', '.join(districts)} "
                        "(for a new district, first add a row with its id, names and colour to data/districts.csv)")
    if kind not in kinds:
        problems.append(f"--kind: unknown kind {kind!r}: expected one of {', '.join(kinds)} (data/kinds.csv)")
    try:
        year = int(year)
        if not 1949 <= year <= 2100:
            raise ValueError
    except (TypeError, ValueError):
        problems.append(f"--year: expected the year the report was delivered, as 4 digits, found {year!r}")
        year = None
    if not str(title).strip():
        problems.append("--title: empty: expected the report's title as printed")
    if date:
        try:
            day = Date.fromisoformat(date)
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
                raise ValueError
            if year and day.year != year:
                problems.append(f"--date: {date} is not in --year {year}: the date is the day the report was delivered")
        except ValueError:
            problems.append(f"--date: expected a date as YYYY-MM-DD (2026-01-20), found {date!r}; leave it out if the text gives none")
    source_id = source_id or (f"{district}-{year}-{kind}" if year else "")
    if source_id and not ID.match(source_id):
        problems.append(f"--id: expected lower-case letters, digits and '-' (yuzhong-2026-work-report), found {source_id!r}")
    for r in table(data, "sources.csv"):
        if r["id"] == source_id and not replace:
            problems.append(
                f"sources.csv:{r.line}: id: {source_id!r} is already registered ({r['title']}). If this is another report "
                f"(the other half, another version), give it its own id with --id, for example --id {source_id}-2; "
                f"if it replaces that one, run `ingest.py remove {source_id}` first, or add with --replace")
    return source_id, problems


def register(data: Path, text_file: Path, district: str, year: int, kind: str, title: str,
             date: str = "", source_id: str = "", replace: bool = False) -> dict:
    """Check every argument first, read the text, copy it into data/texts/, add the report to
    sources.csv with an empty observations file, and write its review files."""
    data = Path(data)
    source_id, problems = check_arguments(data, district, year, kind, title, date, source_id, replace)
    text, notices = "", []
    try:
        text, notices = read_report(text_file)
    except IngestError as e:
        problems += e.problems
    if problems:
        raise IngestError(problems)
    year = int(year)
    source = SourceText(text)
    vocabulary = build_vocabulary(data)
    guesses = guess(source, year, vocabulary, kind)
    if not guesses:
        raise IngestError(f"{text_file}: no figure (a number with a unit or a percent sign) found: is this the report's text, "
                          "one paragraph per line?")
    # --replace takes the registered report away first, but never its curated rows unasked (remove --yes does).
    removed = remove(data, source_id) if replace and is_registered(data, source_id) else []
    target = data / "texts" / f"{source_id}.txt"
    target.write_text(text, encoding="utf-8", newline="")
    with (data / "sources.csv").open("a", encoding="utf-8", newline="") as fh:
        csv.DictWriter(fh, TABLES["sources.csv"], lineterminator="\n").writerow({
            "id": source_id, "district": district, "year": year, "title": title.strip(), "kind": kind,
            "date": date or str(year), "date_note": "" if date else "Only the year: no date was given when the report was added.",
            "file": target.name, "covers": "", "publisher": "", "url": "",
            "url_note": "No official address recorded yet.", "note": "",
        })
    observations = data / "observations" / f"{source_id}.csv"
    if not observations.exists():
        write_csv(observations, OBSERVATION_COLUMNS, [])
    result = write_review(data, source_id, source, district, guesses, vocabulary)
    result.update(notices=notices, id=source_id, removed=removed)
    return result


def is_registered(data: Path, source_id: str) -> bool:
    return any(r["id"] == source_id for r in table(data, "sources.csv"))


def commands(python: str = "python", data: Path | None = None) -> dict[str, str]:
    """The commands a curator runs next, naming the data folder when it is not the default."""
    folder = shlex.quote(shown(data)) if data else ""
    return {"ingest": f"{python} ingest.py" + (f" --data {folder}" if folder else ""),
            "check": f"{python} scripts/check_data.py" + (f" {folder}" if folder else ""),
            "build": f"{python} build.py" + (f" --data {folder}" if folder else "")}


def next_steps(result: dict, python: str = "python", data: Path | None = None) -> str:
    return NEXT_STEPS.format(review=shlex.quote(shown(result["review"])), terms=shown(result["terms_file"]), id=result["id"],
                             **commands(python, data))


def shown(path: Path) -> str:
    """A path as the curator would type it: relative to the current folder where it lies inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
