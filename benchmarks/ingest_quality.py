#!/usr/bin/env python3
"""How well `ingest.py add` guesses: each report ingested as if it were new, scored against the rows
already curated from it.

Leave-one-out, with no new data: for each report R in data/sources.csv that has curated rows, the
guesser gets the vocabulary it would have had before R arrived (`held_out_vocabulary`):

- names learnt from curated rows come from the other reports only;
- indicators that only R's rows use do not exist (they would have been created while curating R),
  and figures curated with them are left out of the indicator score (they count for the others);
- an alias in indicators.csv is kept only if it occurs in the text of another report.
  indicators.csv does not say which report an alias was learnt from, so the test is on the
  evidence: an alias that only R writes must have been copied from R, and is dropped, whoever added
  it. (This is stricter than needed for aliases added from general knowledge, such as a common word
  order, which then count only for reports other than the one that has them.) Indicators' own names
  are all kept.

R's text is then guessed, and every curated row of R with a number (rows giving words instead of a
number are not figures) is matched to a guess in the paragraph its quote starts in, with the same
number (sign aside), lying within the quote where possible; one guess serves one row. Printed per
report and in total:

- recall: the share of curated figures that a guess was matched to;
- of the matched figures, the share whose guess is right for kind, year, qualifier (as a set),
  unit, period (blank = year), value (with its sign), and indicator (of those whose indicator
  exists without R).

  .venv/bin/python benchmarks/ingest_quality.py            # the table
  .venv/bin/python benchmarks/ingest_quality.py --errors R # and every wrong guess of report R
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govreports.ingest.guess import guess  # noqa: E402
from govreports.ingest.names import Vocabulary, normalise  # noqa: E402
from govreports.ingest.vocabulary import vocabulary_of  # noqa: E402
from govreports.load.read import RawData, load, parse_texts  # noqa: E402
from govreports.load.texts import SourceText, squeeze  # noqa: E402

FIELDS = ("kind", "year", "qualifier", "unit", "period", "value", "indicator")


@dataclass
class Score:
    source: str
    figures: int = 0  # curated rows with a number
    found: int = 0
    guesses: int = 0  # review rows written (the rest are figures curators dismissed or left)
    misnamed: int = 0  # indicator guesses that name another indicator (not left blank)
    right: dict = field(default_factory=lambda: {f: 0 for f in FIELDS})
    of: dict = field(default_factory=lambda: {f: 0 for f in FIELDS})
    errors: list = field(default_factory=list)

    def share(self, f: str) -> float | None:
        return self.right[f] / self.of[f] if self.of[f] else None

    @property
    def recall(self) -> float | None:
        return self.found / self.figures if self.figures else None

    def add(self, other: "Score") -> None:
        self.figures += other.figures
        self.found += other.found
        self.guesses += other.guesses
        self.misnamed += other.misnamed
        for f in FIELDS:
            self.right[f] += other.right[f]
            self.of[f] += other.of[f]


def evaluate(data: Path = ROOT / "data", only: str = "") -> list[Score]:
    raw = load(Path(data))
    if raw.problems:
        raise SystemExit("\n".join(str(p) for p in raw.problems))
    texts = parse_texts(raw)
    scores = []
    observations: dict[str, list] = {}
    for r in raw.observations:
        observations.setdefault(r["source"], []).append(dict(r))
    for src in raw.tables["sources.csv"]:
        sid = src["id"]
        if sid not in observations or (only and sid != only):
            continue
        vocabulary = held_out_vocabulary(raw, texts, sid)
        guesses = guess(texts[sid], int(src["year"]), vocabulary, src["kind"])
        scores.append(score(sid, texts[sid], observations[sid], guesses, set(vocabulary.indicators)))
    return scores


def held_out_vocabulary(raw: RawData, texts: dict[str, SourceText], held_out: str) -> Vocabulary:
    """The guesser's vocabulary as if report `held_out` had never been seen: its rows teach nothing,
    indicators only it has curated do not exist, and an alias is kept only if another report's text
    has it (an alias that only the held-out report writes must have been copied from it)."""
    others = [r for r in raw.observations if r["source"] != held_out]
    only_here = {r["indicator"] for r in raw.observations if r["source"] == held_out} - {r["indicator"] for r in others}
    indicators = [r for r in raw.tables["indicators.csv"] if r["id"] not in only_here]
    other_texts = [normalise(text.raw) for sid, text in texts.items() if sid != held_out]
    return vocabulary_of(indicators, raw.tables["units.csv"], raw.tables["periods.csv"], others,
                         keep_alias=lambda alias, iid: any(normalise(alias) in t for t in other_texts))


def score(sid: str, text: SourceText, curated: list[dict], guesses, known: set[str]) -> Score:
    s = Score(sid, guesses=len(guesses))
    by_paragraph: dict[str, list] = {}
    for g in guesses:
        by_paragraph.setdefault(g.paragraph, []).append(g)
    used: set[int] = set()
    plain = {p.anchor: p.plain for p in text.paragraphs}
    for row in curated:
        if not row["value"]:
            continue
        s.figures += 1
        para = text.find(row["quote"], row["after"])
        if para is None:
            continue
        squeezed = squeeze(plain[para.anchor])
        q_at = squeezed.find(squeeze(row["quote"]))
        q_end = q_at + len(squeeze(row["quote"])) if q_at >= 0 else len(squeezed)
        options = []
        for g in by_paragraph.get(para.anchor, []):
            if id(g) in used or not _same_number(g.value, row["value"]):
                continue
            at = len(squeeze(plain[para.anchor][:g.start]))
            inside = q_at <= at < q_end if q_at >= 0 else True
            agree = sum(_right(f, g, row) for f in FIELDS)
            options.append((inside, agree, -g.start, g))
        if not options:
            s.errors.append(("missed", row, None))
            continue
        g = max(options, key=lambda o: o[:3])[3]
        used.add(id(g))
        s.found += 1
        for f in FIELDS:
            if f == "indicator" and row["indicator"] not in known:
                continue
            s.of[f] += 1
            if _right(f, g, row):
                s.right[f] += 1
            else:
                s.errors.append((f, row, g))
                s.misnamed += f == "indicator" and bool(g.indicator)
    return s


def _same_number(a: str, b: str) -> bool:
    try:
        return abs(float(a)) == abs(float(b))
    except ValueError:
        return False


def _right(f: str, g, row: dict) -> bool:
    if f == "qualifier":
        return set(filter(None, g.qualifier.split("+"))) == set(filter(None, row["qualifier"].split("+")))
    if f == "period":
        return (g.period or "year") == (row.get("period") or "year")
    if f == "year":
        return str(g.year) == row["year"]
    if f == "value":
        return float(g.value) == float(row["value"])
    return str(getattr(g, f)) == row[f]


def table(scores: list[Score]) -> str:
    total = Score("total")
    for s in scores:
        total.add(s)
    head = ["report", "review rows", "figures", "recall", *FIELDS, "wrong indicator"]
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join(["---"] + ["---:"] * (len(head) - 1)) + " |"]
    for s in [*scores, total]:
        cells = [f"**{s.source}**" if s is total else s.source, str(s.guesses), str(s.figures), _pct(s.recall)]
        cells += [_pct(s.share(f)) + f" ({s.of[f]})" if f == "indicator" else _pct(s.share(f)) for f in FIELDS]
        cells.append(_pct(s.misnamed / s.of["indicator"] if s.of["indicator"] else None))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def totals(scores: list[Score]) -> Score:
    total = Score("total")
    for s in scores:
        total.add(s)
    return total


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f} %"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--errors", default="", metavar="SOURCE", help="list the wrong guesses of one report (or 'all')")
    parser.add_argument("--field", default="", help="with --errors: only this field (kind, year, indicator, missed …)")
    args = parser.parse_args()
    scores = evaluate(args.data)
    print(table(scores))
    print("\nindicator: of the matched figures whose indicator exists without the report (count in brackets);"
          " wrong indicator: of those, the share given another indicator (the rest of the misses are left blank).")
    for s in scores:
        if args.errors in (s.source, "all"):
            for f, row, g in s.errors:
                if args.field and f != args.field:
                    continue
                got = "" if g is None else f"{getattr(g, f, '') if f not in ('year',) else g.year} (name {g.name!r}; clause {g.clause!r})"
                want = row.get(f, "") if f != "missed" else f"{row['value_text']} {row['indicator']}"
                print(f"{s.source} {f}: want {want!r} got {got} | {row['quote'][:70]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
