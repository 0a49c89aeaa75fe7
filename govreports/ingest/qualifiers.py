"""Qualifiers: the words around a figure that bound it or state its promise (左右, 以上, 突破, 力争 …),
as ids of data/qualifiers.csv."""
from __future__ import annotations

import re

from ..load.numbers import Figure

# Qualifier words, longest first where one holds another (不低于 before 低于, 不超过 before 超过 and 超).
BEFORE = [
    ("不低于", "not_below"), ("不少于", "not_below"), ("不超过", "not_above"), ("不高于", "not_above"),
    ("突破", "exceed"), ("超过", "over"), ("高于", ""), ("低于", "below"), ("超", "over"), ("逾", "over"), ("大于", "gt"),
    ("小于", "lt"), ("约", "approx"), ("接近", "nearly"), ("近", "nearly"), ("＞", "gt"), (">", "gt"), ("＜", "lt"), ("<", "lt"),
    ("≥", "not_below"), ("≤", "not_above"),
]
AFTER = [("左右", "about"), ("以上", "at_least"), ("以内", "within"), ("以下", "within"), ("上下", "about")]
INSIDE = {"余": "more_than", "多": "more_than"}
SENTENCE_WIDE = [("力争", "strive"), ("力促", "strive"), ("争创", "strive"), ("确保", "ensure")]


# Characters before 约 or 近 that make them part of another word (签约, 节约, 附近, 最近 …).
NOT_QUALIFIER_BEFORE = {"约": "签节制特合履违预集公大", "近": "附最接将邻靠就亲临", "超": "赶高", "逾": ""}


def qualifiers_of(sentence: str, m: Figure, c_start: int) -> list[str]:
    """The qualifiers of a figure, in the order they stand: 力争 or 确保 before it in its clause, a word
    right before it, 余 or 多 inside it, a word right after it."""
    found: list[tuple[int, str]] = []
    # 力争 / 确保 before the figure, in its clause or in the clauses joined to it by 、 (力争缔结友好城市2个、新增…2个).
    for word, q in SENTENCE_WIDE:
        at = sentence.rfind(word, 0, m.start)
        if at >= 0 and not re.search(r"[，,；;。：:]", sentence[at:m.start]):
            found.append((at, q))
    # Right before the number, perhaps with 增长 / 达到 … between (增长约5%, 达到近万人).
    before = sentence[c_start:m.start]
    tail = re.sub(r"(?:增长|增加|提高|下降|减少|达到|达|实现|完成|年均|分别|为|在|到|至|同比|\s)+$", "", before)
    for word, q in BEFORE:
        if tail.endswith(word):
            ch = tail[-len(word) - 1:-len(word)] if len(tail) > len(word) else ""
            if ch and ch in NOT_QUALIFIER_BEFORE.get(word, ""):
                continue
            if q:
                found.append((c_start + len(tail) - len(word), q))
            break
    found += [(at, INSIDE[word]) for at, word in m.more]
    rest = sentence[m.end:m.end + 4].lstrip()
    for word, q in AFTER:
        if rest.startswith(word):
            found.append((m.end, q))
            break
    return list(dict.fromkeys(q for _, q in sorted(found)))


def value_text_of(sentence: str, m: Figure, c_start: int) -> str:
    """The figure with the qualifier and verb words around it, as a curator writes value_text (突破1200亿元, 5%左右)."""
    start = m.start
    words = [w for w, _ in BEFORE] + ["增长", "下降", "减少", "降低", "达到", "达", "力争"]
    moved = True
    while moved:
        moved = False
        for w in sorted(words, key=len, reverse=True):
            if start - len(w) >= c_start and sentence[start - len(w):start] == w:
                start -= len(w)
                moved = True
                break
    rest = sentence[m.end:]
    end = m.end + next((len(rest) - len(rest.lstrip()) + len(w) for w, _ in AFTER if rest.lstrip().startswith(w)), 0)
    return sentence[start:end].strip()
