"""Figure-bearing sentences in a report: what a curator should look at, and how much of it is curated.

A figure is a number with a unit or a percent sign (8.5%, 1200亿元, 4.6万人, 300天). For each one the
sentence, the clause around it, the qualifier words next to it and a guess at the indicator are
offered as a candidate; the curator decides. Nothing here enters the published data by itself.
"""
from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from .texts import squeeze

UNIT_WORDS = sorted([
    "%", "个百分点", "万亿元", "亿元", "万元", "元", "万美元", "亿美元", "万元/人", "万人次", "万人", "万户", "万平方米",
    "平方米", "公里", "万吨", "吨", "件", "家", "个", "户", "人", "张", "天", "年", "岁", "场", "栋", "套", "座", "台", "辆", "亩", "名", "万名",
], key=len, reverse=True)
FIGURE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(" + "|".join(re.escape(u) for u in UNIT_WORDS) + ")")
SENTENCE_END = re.compile(r"(?<=[。；！？;])")
CLAUSE_END = re.compile(r"[，,、：:]")
BEFORE = {"力争": "strive", "突破": "exceed", "超过": "over", "超": "over", "约": "approx", "近": "nearly", "＞": "gt", "＜": "lt", "低于": "below"}
AFTER = {"左右": "about", "以上": "at_least", "以内": "within"}
TARGET_WORDS = ("力争", "目标", "预期", "确保", "计划", "争取", "将", "要")


@dataclass
class Candidate:
    paragraph: str
    sentence: str
    clause: str
    value: str
    unit: str
    qualifier: str
    value_text: str
    kind: str  # a guess: estimate when the sentence says 预计, target for plan wording, else result
    indicator: str  # a guess from the indicator names in the clause, or ""


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
    return [m for m in FIGURE.finditer(sentence) if not (m.group(2) == "年" and re.fullmatch(r"(19|20)\d\d", m.group(1)))]


def figure_sentences(text) -> list[tuple[str, str]]:
    return [(a, s) for a, s in sentences(text) if figures_in(s)]


def candidates(text, indicator_names: dict[str, list[str]]) -> list[Candidate]:
    """Every figure in the report as a candidate observation. `indicator_names`: id → names and aliases."""
    names = sorted(((n, iid) for iid, ns in indicator_names.items() for n in ns if n), key=lambda x: len(x[0]), reverse=True)
    found = []
    for anchor, sentence in figure_sentences(text):
        kind = "estimate" if "预计" in sentence else "target" if any(w in sentence for w in TARGET_WORDS) else "result"
        for m in figures_in(sentence):
            start = max((c.end() for c in CLAUSE_END.finditer(sentence, 0, m.start())), default=0)
            end = next((c.start() for c in CLAUSE_END.finditer(sentence, m.end())), len(sentence))
            clause = sentence[start:end].strip("。；;！？ ")
            before, after = sentence[max(0, m.start() - 4):m.start()], sentence[m.end():m.end() + 2]
            qualifiers = [q for w, q in BEFORE.items() if w in before] + [q for w, q in AFTER.items() if after.startswith(w)]
            value_start = m.start()
            for w in [*BEFORE, "增长", "下降", "减少", "达到", "达"]:
                if sentence[:value_start].endswith(w):
                    value_start -= len(w)
            value_end = m.end() + next((len(w) for w in AFTER if after.startswith(w)), 0)
            value = m.group(1)
            if sentence[:m.start()].endswith(("下降", "减少")):
                value = "-" + value
            found.append(Candidate(
                paragraph=anchor, sentence=sentence, clause=clause, value=value, unit=m.group(2),
                qualifier="+".join(dict.fromkeys(qualifiers)), value_text=sentence[value_start:value_end],
                kind=kind, indicator=_guess(sentence[:m.start()], m.group(2), names),
            ))
    return found


def _guess(before: str, unit: str, names: list[tuple[str, str]]) -> str:
    """The indicator named closest before the figure; a growth rate (增速) where the figure is a percent."""
    best, best_key = "", None
    for name, iid in names:
        growth = name.endswith("增速")
        at = before.rfind(name)
        if at < 0 and growth and unit == "%":
            at = before.rfind(name.removesuffix("增速"))
        if at < 0:
            continue
        key = (at, growth == (unit == "%"), len(name))
        if best_key is None or key > best_key:
            best, best_key = iid, key
    return best


def coverage(text, quotes: list[str]) -> tuple[int, list[tuple[str, str]]]:
    """How many figure-bearing sentences a report has, and those no curated quote overlaps."""
    figures = figure_sentences(text)
    sentences = [squeeze(s) for _, s in figures]
    quoted = "\0".join(squeeze(q) for q in quotes)
    # A sentence is covered if it lies within a quote, or a quote within it: both found by
    # searching one joined string (comparing every pair grew with sentences × quotes).
    covered = {i for i, s in enumerate(sentences) if s in quoted}
    joined = "\0".join(sentences)
    starts = list(itertools.accumulate(len(s) + 1 for s in sentences[:-1]))
    starts.insert(0, 0)
    for q in filter(None, (squeeze(q) for q in quotes)):
        at = joined.find(q)
        while at >= 0:
            covered.add(bisect.bisect_right(starts, at) - 1)  # a quote holds no \0, so it lies within one sentence
            at = joined.find(q, at + 1)
    return len(figures), [f for i, f in enumerate(figures) if i not in covered]
