"""Figure-bearing sentences in a report, and how much of them is curated, dismissed or still open.

A figure is a number with a unit of data/units.csv (8.5%, 1200亿元, 4.6万人, 300天, 突破千亿), as
numbers.py finds it, the detector that ingest's guesser uses too; a table row is one sentence, its
figure cells among its figures.
"""
from __future__ import annotations

import bisect
import contextlib
import hashlib
import itertools
import marshal
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from . import numbers, texts
from .numbers import Figure, FigureReader, numbers_in
from .texts import squeeze

SENTENCE_END = re.compile(r"(?<=[。；！？;])")


@dataclass
class Found:
    """A figure-bearing sentence as the count reads it: its figures lie in the sentence without white space."""

    anchor: str
    sentence: str
    squeezed: str
    figures: list[Figure]


def figure_sentences(text, reader: FigureReader) -> list[Found]:
    """Every sentence of a SourceText that holds a figure; a table row is one sentence. Found once per text and reader."""
    if ("figures", reader) not in text.memo:
        text.memo[("figures", reader)] = _figure_sentences(text, reader)
    return text.memo[("figures", reader)]


def _figure_sentences(text, reader: FigureReader) -> list[Found]:
    out = []
    for para in text.paragraphs:
        for s in [para.plain] if para.kind == "row" else SENTENCE_END.split(para.plain):
            squeezed = squeeze(s)
            figures = reader.figures(squeezed)
            if para.kind == "row":
                figures = _with_cells(figures, para.plain, reader.row(para.cells))
            if figures:
                out.append(Found(para.anchor, s.strip(), squeezed, figures))
    return out


def _with_cells(figures: list[Figure], plain: str, cells: list[Figure]) -> list[Figure]:
    """A row's figures in its words and its figure cells, placed in the row without white space."""
    placed = []
    for f in cells:
        start = len(squeeze(plain[:f.start]))
        placed.append(Figure(start, start + len(squeeze(plain[f.start:f.end])), f.text, f.number, f.unit, f.more, f.cell))
    apart = [f for f in figures if all(f.end <= c.start or c.end <= f.start for c in placed)]
    return sorted(apart + placed, key=lambda f: f.start)


@dataclass
class Claim:
    """A curated row's hold on the figures of a report: an observation (its value's numbers) or a
    dismissal (the figures it names, or every figure within its quote)."""

    quote: str
    numbers: frozenset[str]  # the figures' numbers it accounts for; empty: all within the quote
    dismissal: bool
    reason: str = ""  # a dismissal's reason


@dataclass(slots=True)
class FigureSentence:
    anchor: str
    sentence: str
    figures: list[tuple[str, str, str]]  # (the figure as written, "curated" | "dismissed" | "open", a dismissal's reason)

    @property
    def state(self) -> str:
        states = {s for _, s, _ in self.figures}
        return "open" if "open" in states else "curated" if "curated" in states else "dismissed"


def sentence_counts(found: list[FigureSentence]) -> dict[str, int]:
    return {state: sum(1 for fs in found if fs.state == state) for state in ("curated", "dismissed", "open")}


def observation_claim(quote: str, value_text: str) -> Claim:
    return Claim(quote, numbers_in(value_text), False)


def dismissal_claim(quote: str, figures: str, reason: str = "") -> Claim:
    return Claim(quote, numbers_in(figures), True, reason)


def account(text, claims: list[Claim], reader: FigureReader) -> list[FigureSentence]:
    """Every figure of every figure-bearing sentence, curated (a value row holds it), dismissed (a
    dismissal names it, with its reason) or open."""
    return _resolve(text, claims, reader, "account")[0]


def held(text, claims: list[Claim], reader: FigureReader) -> list[int]:
    """How many figures each claim holds, in one pass over the report (a dismissal that holds none
    is a mistake)."""
    return _resolve(text, claims, reader, "held")[1]


def _resolve(text, claims: list[Claim], reader: FigureReader, asker: str) -> tuple[list[FigureSentence], list[int]]:
    """_found, or what an earlier build found for `asker` with the same text, claims and units (kept_in)."""
    if _kept is None:
        return _found(text, claims, reader)
    return _kept.resolve(text, claims, reader, asker)


def _found(text, claims: list[Claim], reader: FigureReader) -> tuple[list[FigureSentence], list[int]]:
    """A claim holds a figure that lies within its quote and whose number it names. A quote that runs
    over several sentences is cut at the sentence ends, and each piece is searched in one joined
    string of the sentences (comparing every sentence with every quote grew with their product).
    """
    found = figure_sentences(text, reader)
    states: list[dict[int, tuple[str, str]]] = [{} for _ in found]
    counts = [0] * len(claims)
    joined = "\0".join(f.squeezed for f in found)
    starts = list(itertools.accumulate([0] + [len(f.squeezed) + 1 for f in found[:-1]]))
    for c, claim in enumerate(claims):
        for piece in filter(None, SENTENCE_END.split(squeeze(claim.quote))):
            at = joined.find(piece)
            while at >= 0:
                i = bisect.bisect_right(starts, at) - 1  # a piece holds no \0, so it lies within one sentence
                lo, hi = at - starts[i], at - starts[i] + len(piece)
                for n, figure in enumerate(found[i].figures):
                    if lo <= figure.start and figure.end <= hi and (figure.number in claim.numbers or (claim.dismissal and not claim.numbers)):
                        counts[c] += 1
                        if states[i].get(n, ("",))[0] != "curated":
                            states[i][n] = ("dismissed", claim.reason) if claim.dismissal else ("curated", "")
                at = joined.find(piece, at + 1)
    sentences = [
        FigureSentence(f.anchor, f.sentence, [(figure.text, *states[i].get(n, ("open", ""))) for n, figure in enumerate(f.figures)])
        for i, f in enumerate(found)
    ]
    return sentences, counts


# What _resolve found for each report, kept between builds (kept_in): it depends only on the report's text, the
# claims on it, the units and this code, and took 1.8 s of every build at 10,000 indicators (reading it back: 0.1 s).
_CODE = hashlib.sha256(
    b"".join(Path(m.__file__).read_bytes() for m in (sys.modules[__name__], numbers, texts)) + sys.version.encode()
).hexdigest()


class _Kept:
    """The results kept in one file, by who asked (`held`: the checks, `account`: the model) and the text's hash: the
    digest of the claims and units, and the result. What one asker asked replaces all it had asked before."""

    def __init__(self, path: Path):
        self.path = path
        try:
            code, self.earlier = marshal.loads(path.read_bytes())
            if code != _CODE:
                self.earlier = {}
        except (OSError, ValueError, EOFError, TypeError):
            self.earlier = {}
        self.now: dict[tuple[str, str], tuple] = {}
        self.found_anew = False

    def resolve(self, text, claims: list[Claim], reader: FigureReader, asker: str) -> tuple[list[FigureSentence], list[int]]:
        key = (asker, _text_hash(text))
        digest = hashlib.sha256(repr((sorted(reader.units), [(c.quote, sorted(c.numbers), c.dismissal, c.reason) for c in claims])).encode()).hexdigest()
        kept = self.earlier.get(key)
        if kept is not None and kept[0] == digest:
            self.now[key] = kept
            return [FigureSentence(*fs) for fs in kept[1]], list(kept[2])
        sentences, counts = _found(text, claims, reader)
        self.found_anew = True
        self.now[key] = (digest, [(fs.anchor, fs.sentence, fs.figures) for fs in sentences], counts)
        return sentences, counts

    def save(self) -> None:
        asked = {who for who, _ in self.now}
        entries = {key: value for key, value in self.earlier.items() if key[0] not in asked} | self.now
        if not self.found_anew and entries.keys() == self.earlier.keys():
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        part = self.path.with_suffix(".part")
        part.write_bytes(marshal.dumps((_CODE, entries)))
        os.replace(part, self.path)


_kept: _Kept | None = None


@contextlib.contextmanager
def kept_in(path: Path | None):
    """Within: take what _resolve found from `path` where the text, claims and units are the same, and keep there
    what it finds (nothing is kept without a path)."""
    global _kept
    if path is None:
        yield
        return
    outer, _kept = _kept, _Kept(path)
    try:
        yield
        _kept.save()
    finally:
        _kept = outer


def kept_file(work: Path, asker: str) -> Path:
    """Where a build keeps what _resolve found for `asker` ("checks" or "model"), in its work folder's cache: a file
    for each, as the data is checked and modelled at once, by two processes."""
    return work / "cache" / f"figures-{asker}.marshal"


def _text_hash(text) -> str:
    if "sha256" not in text.memo:
        text.memo["sha256"] = hashlib.sha256(text.raw.encode()).hexdigest()
    return text.memo["sha256"]
