"""`ingest.py accept`: check the rows a curator accepted in a review file as the build does, and make
them the report's rows in data/observations/<id>.csv; running it again changes nothing."""
from __future__ import annotations

from pathlib import Path

from ..load.read import OBSERVATION_COLUMNS
from ..load.texts import squeeze
from .errors import IngestError
from .files import table, write_csv
from .review import read_review

ACCEPTED = {"yes", "y", "x", "1", "true", "是", "ok", "✓"}
KEY = ("indicator", "district", "year", "period", "kind", "source")


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
    registered = {r["id"] for r in table(data, "sources.csv")}
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
    previous = {_key(rec): dict(rec) for rec in raw.observations if rec["source"] in sources}
    withdrawn_keys = {_key(r) for r in others} - set(seen)
    kept = [rec for rec in raw.observations if rec["source"] not in sources or _key(rec) not in set(seen) | withdrawn_keys]
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
        mine = [{c: rec[c] for c in OBSERVATION_COLUMNS} for rec in raw.observations if rec["source"] == source_id]
        current = [{c: r[c] for c in OBSERVATION_COLUMNS} for r in table(data, path.name, "observations")] if path.exists() else None
        if current != mine:
            write_csv(path, OBSERVATION_COLUMNS, mine)
    return counts


def _key(r: dict) -> tuple:
    return (*(str(r.get(c, "")).strip() for c in KEY), squeeze(r.get("quote", "")), squeeze(r.get("after", "")))


def _relative(path: Path, data: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path(data).resolve()))
    except ValueError:
        return str(path)
