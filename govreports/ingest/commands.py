"""Register a new report and write its review file; take over the rows a curator accepted; undo.

`register` checks every argument first, reads the text (UTF-8; a BOM, GBK/GB18030 or UTF-16 are
read with a notice and saved as UTF-8), copies it into data/texts/, adds the report to sources.csv
with an empty observations file, and writes two review files into data/review/ (which the build
does not read):

- <id>.csv (UTF-8 with a BOM, so spreadsheet programs open it as UTF-8): every figure in the
  report as a candidate observation, in the columns of an observations file plus `accept`, the
  paragraph anchor, the whole sentence, the clause and the name the indicator was guessed from;
- <id>-terms.csv: every quoted formula or slogan in it, and whether the glossary has it.

`accept` checks the accepted rows as the build does and, when all pass, makes them the report's
rows in data/observations/<id>.csv; running it again changes nothing. `remove` undoes `register`.
Nothing reaches the published data without a curator's `accept`.

The guesses come from govreports.ingest.guess, with the names of data/indicators.csv (name_zh and the
`aliases` column, which a curator extends) and the names that curated rows put before their values.
This module imports neither pandas nor the build, so `ingest.py --help` answers at once.
"""
from __future__ import annotations

import csv
import io
import re
import shlex
from datetime import date as Date
from pathlib import Path

from ..errors import Problem
from ..load.read import (
    DISMISSAL_COLUMNS,
    OBSERVATION_COLUMNS,
    OPTIONAL_OBSERVATION_COLUMNS,
    TABLES,
    decode,
    line_at,
    parse_csv,
    read_csv,
    read_glossary,
    read_text,
)
from ..load.texts import SourceText, squeeze
from ..model.term_candidates import find_candidates
from .guess import Vocabulary, guess, learnt_names

REVIEW_DIR = "review"
GUESS_COLUMNS = ["paragraph", "sentence", "clause", "found_name", "indicator_zh"]
REVIEW_COLUMNS = ["accept", *OBSERVATION_COLUMNS, *GUESS_COLUMNS]
ACCEPTED = {"yes", "y", "x", "1", "true", "是", "ok", "✓"}
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
KEY = ("indicator", "district", "year", "period", "kind", "source")
NEXT_STEPS = """Next steps (content/add-a-report.md explains each):
  1. Open {review} in a spreadsheet program; correct the guesses of the rows that are values and write yes in their accept column.
  2. {ingest} accept {review}
  3. For each quoted term marked no in {terms}: add it to glossary.yml, or give the reason in glossary-ignore.csv.
  4. {check}
  5. {build}
To undo this add: {ingest} remove {id}"""


class IngestError(Exception):
    """A curator's mistake: one line per problem, no traceback."""

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


# ---------------------------------------------------------------- reading files

def read_report(path: Path) -> tuple[str, list[str]]:
    """The text of a report file and notices about how it was read; IngestError if it cannot be."""
    text, notices = _decoded(Path(path))
    if not text.strip():
        raise IngestError(f"{path}: the file is empty: expected the report's text, one paragraph per line")
    return text, notices


# How ingest converts a text that is not plain UTF-8 (load.read.decode names the encoding).
CONVERTED = {
    "utf-8-sig": "starts with a byte-order mark (BOM); read as UTF-8 and saved without it",
    "utf-16": "UTF-16; read and saved as UTF-8",
    "gb18030": "not UTF-8; read as GBK/GB18030 (the usual Chinese Windows encoding) and saved as UTF-8: check a few lines of the saved text",
}


def _decoded(path: Path) -> tuple[str, list[str]]:
    """A file from elsewhere as text, in UTF-8, GBK/GB18030 or UTF-16, with a notice for all but plain UTF-8."""
    if not path.is_file():
        raise IngestError(f"{path}: file not found")
    raw = path.read_bytes()
    try:
        text, encoding = decode(raw, others=True)
    except UnicodeDecodeError as e:
        raise IngestError(f"{path}:{line_at(raw, e.start)}: neither UTF-8 nor GBK/GB18030 (byte {e.start}): open it in a text editor and "
                          "save it as plain text in UTF-8 (Save as → Plain text → UTF-8)") from None
    return text, [f"{path}: {CONVERTED[encoding]}"] if encoding in CONVERTED else []


def read_review(path: Path) -> tuple[list[dict], list[str]]:
    """A review file's rows as dicts (with `__line__`), UTF-8 with or without a BOM or GBK, and notices."""
    path = Path(path)
    text, notices = _decoded(path)
    notices = [n for n in notices if CONVERTED["utf-8-sig"] not in n]  # spreadsheets keep the BOM ingest writes
    problems: list[Problem] = []
    rows = parse_csv(text, REVIEW_COLUMNS, str(path), problems, optional=tuple(GUESS_COLUMNS), more=True)
    _stop(problems)
    return [{**r.values, "__line__": r.line} for r in rows], notices


def _table(data: Path, name: str, folder: str = "") -> list:
    """A table of data/ (an observations or dismissed file with `folder`), read as the build reads it."""
    problems: list[Problem] = []
    if folder:
        columns, optional = (OBSERVATION_COLUMNS, OPTIONAL_OBSERVATION_COLUMNS) if folder == "observations" else (DISMISSAL_COLUMNS, ())
        rows = read_csv(data / folder / name, columns, f"{folder}/{name}", problems, optional)
    else:
        rows = read_csv(data / name, TABLES[name], name, problems)
    _stop(problems)
    return rows


def _stop(problems: list[Problem]) -> None:
    if problems:
        raise IngestError([str(p) for p in problems])


def _write(path: Path, columns: list[str], rows: list[dict], bom: bool = False) -> None:
    with Path(path).open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


# ---------------------------------------------------------------- add

def check_arguments(data: Path, district: str, year, kind: str, title: str, date: str, source_id: str,
                    replace: bool = False) -> tuple[str, list[str]]:
    """The source id to use and every problem with the arguments of `add`, one line each."""
    data = Path(data)
    problems = []
    districts = {r["id"]: r for r in _table(data, "districts.csv")}
    kinds = {r["id"]: r for r in _table(data, "kinds.csv")}
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
    for r in _table(data, "sources.csv"):
        if r["id"] == source_id and not replace:
            problems.append(
                f"sources.csv:{r.line}: id: {source_id!r} is already registered ({r['title']}). If this is another report "
                f"(the other half, another version), give it its own id with --id, for example --id {source_id}-2; "
                f"if it replaces that one, run `ingest.py remove {source_id}` first, or add with --replace")
    return source_id, problems


def register(data: Path, text_file: Path, district: str, year: int, kind: str, title: str,
             date: str = "", source_id: str = "", replace: bool = False) -> dict:
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
    removed = remove(data, source_id) if replace and _registered(data, source_id) else []
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
        _write(observations, OBSERVATION_COLUMNS, [])
    result = write_review(data, source_id, source, district, guesses, vocabulary)
    result.update(notices=notices, id=source_id, removed=removed)
    return result


def _registered(data: Path, source_id: str) -> bool:
    return any(r["id"] == source_id for r in _table(data, "sources.csv"))


def write_review(data: Path, source_id: str, text: SourceText, district: str, guesses: list, vocabulary: Vocabulary) -> dict:
    names = {iid: ind["name_zh"] for iid, ind in vocabulary.indicators.items()}
    rows = [review_row(g, district, source_id, names) for g in guesses]
    review = data / REVIEW_DIR
    review.mkdir(exist_ok=True)
    _write(review / f"{source_id}.csv", REVIEW_COLUMNS, rows, bom=True)

    known = _known_terms(data)
    found = find_candidates([text])
    terms = [{"candidate": t, "occurrences": n, "in_glossary": "yes" if t in known else "no"} for t, n in sorted(found.items())]
    _write(review / f"{source_id}-terms.csv", ["candidate", "occurrences", "in_glossary"], terms, bom=True)
    return {"figures": len(rows), "matched": sum(1 for r in rows if r["indicator"]),
            "terms": len(terms), "new_terms": sum(1 for t in terms if t["in_glossary"] == "no"),
            "review": review / f"{source_id}.csv", "terms_file": review / f"{source_id}-terms.csv"}


def review_row(g, district: str, source_id: str, names: dict) -> dict:
    return {
        "accept": "", "indicator": g.indicator, "district": district, "year": g.year, "period": g.period,
        "kind": g.kind, "value": g.value, "qualifier": g.qualifier, "value_text": g.value_text, "unit": g.unit,
        "source": source_id, "quote": g.quote, "after": g.after, "note": "",
        "paragraph": g.paragraph, "sentence": g.sentence, "clause": g.clause, "found_name": g.name,
        "indicator_zh": names.get(g.indicator, ""),
    }


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


# ---------------------------------------------------------------- the guesser's vocabulary

def build_vocabulary(data: Path) -> Vocabulary:
    """The names the guesser knows, from data/: indicators' names and aliases, and the names that
    curated rows put before their values."""
    data = Path(data)
    observations = [r for path in sorted((data / "observations").glob("*.csv")) for r in _table(data, path.name, "observations")]
    return vocabulary_of(_table(data, "indicators.csv"), _table(data, "units.csv"), _table(data, "periods.csv"), observations)


def vocabulary_of(indicators: list, units: list, periods: list, observations: list, keep_alias=lambda alias, iid: True) -> Vocabulary:
    """The guesser's vocabulary from the rows of indicators.csv, units.csv, periods.csv and the curated
    observations; `keep_alias` may leave out some of the aliases of indicators.csv."""
    known = {r["id"]: r for r in indicators}
    aliases = [(a, r["id"]) for r in indicators for a in r["aliases"].split("|") if a and keep_alias(a, r["id"])]
    learnt = [(name, iid) for name, iid in learnt_names(observations) if iid in known]
    return Vocabulary(
        indicators={iid: {"name_zh": r["name_zh"], "unit": r["unit"]} for iid, r in known.items()},
        units={r["id"]: r["dimension"] for r in units}, aliases=aliases + learnt,
        periods=[(r["id"], [c for c in r["cues"].split("|") if c]) for r in periods], learnt=set(learnt) - set(aliases),
    )


# ---------------------------------------------------------------- accept

def accept(data: Path, review_file: Path) -> dict:
    """Make the review file's accepted rows the report's rows in data/observations/<id>.csv.

    Every accepted row is checked as the build checks it; if any fails, nothing is written and every
    problem is reported with the review file's line. A row accepted before is kept (updated when
    edited: it is the same row while its indicator, district, year, period, kind, source and quote
    are); a row accepted before and no longer marked is withdrawn; rows of the observations file
    that the review file does not hold (added by hand) are kept. Running it twice changes nothing.
    """
    from ..load.read import Record, load, parse_texts  # the build's reader and checks (validate needs pandas: only here)
    from ..validate.checks import validate

    data = Path(data)
    review_file = Path(review_file)
    rows, notices = read_review(review_file)
    if not rows:
        raise IngestError(f"{review_file}: no rows: expected the review file that ingest.py add wrote")
    chosen = [r for r in rows if r["accept"].strip().lower() in ACCEPTED]
    others = [r for r in rows if r["accept"].strip().lower() not in ACCEPTED]
    problems = [f"{review_file}:{r['__line__']}: accept: {r['accept']!r} is not a yes: write yes to accept the row, or leave it empty"
                for r in others if r["accept"].strip()]
    registered = {r["id"] for r in _table(data, "sources.csv")}
    for r in chosen:
        if r["source"] not in registered:
            problems.append(f"{review_file}:{r['__line__']}: source: {r['source']!r} is not registered: run ingest.py add first")
    seen: dict[tuple, dict] = {}
    for r in chosen:
        if _key(r) in seen:
            problems.append(f"{review_file}:{r['__line__']}: quote: the same indicator, year, period, kind and quote as line "
                            f"{seen[_key(r)]['__line__']}: accept one of them")
        seen[_key(r)] = r
    if problems:
        raise IngestError(problems)

    raw = load(data)
    sources = {r["source"] for r in rows} & registered
    previous = {_key(rec.values): rec.values for rec in raw.observations if rec["source"] in sources}
    withdrawn_keys = {_key(r) for r in others} - set(seen)
    kept = [rec for rec in raw.observations if rec["source"] not in sources or _key(rec.values) not in set(seen) | withdrawn_keys]
    rel = _relative(review_file, data)
    raw.observations = kept + [Record(rel, r["__line__"], {c: r.get(c, "") for c in OBSERVATION_COLUMNS}) for r in chosen]
    problems = [str(p) for p in validate(raw, parse_texts(raw)) if p.file == rel]
    if problems:
        raise IngestError(problems)
    counts = {"accepted": len(chosen), "added": 0, "updated": 0, "unchanged": 0,
              "withdrawn": sum(1 for k in previous if k in withdrawn_keys), "notices": notices}
    for r in chosen:
        old = previous.get(_key(r))
        counts["added" if old is None else "unchanged" if all(old.get(c, "") == r.get(c, "") for c in OBSERVATION_COLUMNS) else "updated"] += 1
    for source_id in sorted(sources):
        path = data / "observations" / f"{source_id}.csv"
        mine = [{c: rec.values.get(c, "") for c in OBSERVATION_COLUMNS} for rec in raw.observations if rec["source"] == source_id]
        current = [{c: r[c] for c in OBSERVATION_COLUMNS} for r in _table(data, path.name, "observations")] if path.exists() else None
        if current != mine:
            _write(path, OBSERVATION_COLUMNS, mine)
    return counts


def _key(r: dict) -> tuple:
    return (*(str(r.get(c, "")).strip() for c in KEY), squeeze(r.get("quote", "")), squeeze(r.get("after", "")))


def _relative(path: Path, data: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path(data).resolve()))
    except ValueError:
        return str(path)


# ---------------------------------------------------------------- remove

def references(data: Path, source_id: str) -> list[str]:
    """Where other data files name a report: they must go before the report can."""
    found = []
    for name, column in (("verdicts.csv", "source"), ("tasks.csv", "source"), ("indicators.csv", "change_source")):
        if (data / name).is_file():
            found += [f"{name}:{r.line}" for r in _table(data, name) if r[column] == source_id]
    if (data / "glossary.yml").is_file():
        for n, line in enumerate(_text(data, "glossary.yml").splitlines(), start=1):
            if re.match(rf"^\s*-?\s*source:\s*[\"']?{re.escape(source_id)}[\"']?\s*$", line):
                found.append(f"glossary.yml:{n}")
    return found


def remove(data: Path, source_id: str, force: bool = False) -> list[str]:
    """Undo `add`: the report's row in sources.csv, its text, observations, dismissals and review
    files. Refused while other files refer to it, or (without `force`) while it has curated rows."""
    data = Path(data)
    rows = _table(data, "sources.csv")
    match = [r for r in rows if r["id"] == source_id]
    if not match:
        raise IngestError(f"sources.csv: id: no report {source_id!r} is registered: expected one of {', '.join(r['id'] for r in rows)}")
    refs = references(data, source_id)
    if refs:
        raise IngestError([f"{ref}: refers to {source_id!r}: remove or change this first" for ref in refs])
    observations = data / "observations" / f"{source_id}.csv"
    curated = len(_table(data, observations.name, "observations")) if observations.is_file() else 0
    dismissed = data / "dismissed" / f"{source_id}.csv"
    n_dismissed = len(_table(data, dismissed.name, "dismissed")) if dismissed.is_file() else 0
    if (curated or n_dismissed) and not force:
        raise IngestError(f"observations/{source_id}.csv: holds {curated} curated rows and dismissed/ {n_dismissed}: "
                          f"run again with --yes to delete them too")
    (data / "sources.csv").write_text(_without_row(_text(data, "sources.csv"), source_id), encoding="utf-8")
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


def _text(data: Path, name: str) -> str:
    problems: list[Problem] = []
    text = read_text(data / name, name, problems)
    _stop(problems)
    return text


def _known_terms(data: Path) -> set[str]:
    problems: list[Problem] = []
    terms = read_glossary(data / "glossary.yml", problems)
    _stop(problems)
    known = set()
    for t in terms:
        known.add(str(t["term"]))
        known.update(str(m).strip("“”") for m in t.values.get("match") or [])
    known.update(r["candidate"] for r in _table(data, "glossary-ignore.csv"))
    return known
