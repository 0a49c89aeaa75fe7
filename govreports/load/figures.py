"""Figure-bearing sentences in a report, and how much of them is curated, dismissed or still open.

A figure is a number with a unit or a percent sign (8.5%, 1200亿元, 4.6万人, 300天). (What ingest
guesses of each figure of a new report is in guess.py.)
"""
from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from .texts import squeeze

UNIT_WORDS = sorted([
    "%", "个百分点", "万亿元", "亿元", "万元", "元", "万美元", "亿美元", "万元/人", "万人次", "人次", "万人", "万户", "万平方米",
    "平方米", "平方公里", "公顷", "公里", "米", "万吨", "吨", "件", "万件", "家", "个", "万个", "户", "人", "张", "天", "年", "岁",
    "场", "场次", "栋", "套", "万套", "座", "台", "部", "辆", "万辆", "亩", "名", "万名", "项", "处", "条", "所", "批", "次", "起",
    "倍", "小时", "分钟", "碗", "艘",
], key=len, reverse=True)
# A number, an optional 余/多 ("30余个": more than 30), and a unit word.
FIGURE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(余|多)?\s*(" + "|".join(re.escape(u) for u in UNIT_WORDS) + ")")
SENTENCE_END = re.compile(r"(?<=[。；！？;])")


def sentences(text) -> list[tuple[str, str]]:
    """(paragraph anchor, sentence) for every sentence of a SourceText."""
    out = []
    for para in text.paragraphs:
        for s in SENTENCE_END.split(para.plain):
            if s.strip():
                out.append((para.anchor, s.strip()))
    return out


def figures_in(sentence: str) -> list[re.Match]:
    """Numbers with units, leaving out calendar years (2019年)."""
    return [m for m in FIGURE.finditer(sentence) if not (m.group(3) == "年" and re.fullmatch(r"(19|20)\d\d", m.group(1)))]


def figure_sentences(text) -> list[tuple[str, str]]:
    return [(a, s) for a, s in sentences(text) if figures_in(s)]


NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclass
class Claim:
    """A curated row's hold on the figures of a report: an observation (its value's numbers) or a
    dismissal (the figures it names, or every figure within its quote)."""

    quote: str
    numbers: frozenset[str]  # the figures' numbers it accounts for; empty: all within the quote
    dismissal: bool
    reason: str = ""  # a dismissal's reason


@dataclass
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
    return Claim(quote, frozenset(NUMBER.findall(value_text)), False)


def dismissal_claim(quote: str, figures: str, reason: str = "") -> Claim:
    return Claim(quote, frozenset(n for f in figures.split("|") for n in NUMBER.findall(f)), True, reason)


def account(text, claims: list[Claim]) -> list[FigureSentence]:
    """Every figure of every figure-bearing sentence, curated (a value row holds it), dismissed (a
    dismissal names it, with its reason) or open."""
    return _resolve(text, claims)[0]


def held(text, claims: list[Claim]) -> list[int]:
    """How many figures each claim holds, in one pass over the report (a dismissal that holds none
    is a mistake)."""
    return _resolve(text, claims)[1]


def _resolve(text, claims: list[Claim]) -> tuple[list[FigureSentence], list[int]]:
    """A claim holds a figure that lies within its quote and whose number it names. A quote that runs
    over several sentences is cut at the sentence ends, and each piece is searched in one joined
    string of the sentences (comparing every sentence with every quote grew with their product).
    """
    found = [(a, s, squeeze(s)) for a, s in figure_sentences(text)]
    figures = [[(m.start(), m.end(), m.group(0), m.group(1)) for m in figures_in(sq)] for _, _, sq in found]
    states: list[dict[int, tuple[str, str]]] = [{} for _ in found]
    counts = [0] * len(claims)
    joined = "\0".join(sq for _, _, sq in found)
    starts = list(itertools.accumulate([0] + [len(sq) + 1 for _, _, sq in found[:-1]]))
    for c, claim in enumerate(claims):
        for piece in filter(None, SENTENCE_END.split(squeeze(claim.quote))):
            at = joined.find(piece)
            while at >= 0:
                i = bisect.bisect_right(starts, at) - 1  # a piece holds no \0, so it lies within one sentence
                lo, hi = at - starts[i], at - starts[i] + len(piece)
                for n, (fs, fe, _, number) in enumerate(figures[i]):
                    if lo <= fs and fe <= hi and (number in claim.numbers or (claim.dismissal and not claim.numbers)):
                        counts[c] += 1
                        if states[i].get(n, ("",))[0] != "curated":
                            states[i][n] = ("dismissed", claim.reason) if claim.dismissal else ("curated", "")
                at = joined.find(piece, at + 1)
    sentences = [
        FigureSentence(a, s, [(f[2], *states[i].get(n, ("open", ""))) for n, f in enumerate(figures[i])])
        for i, (a, s, _) in enumerate(found)
    ]
    return sentences, counts
