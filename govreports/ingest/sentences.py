"""Guesses for the figures of a text paragraph: each figure with the name that governs it in its
clause, its kind, year, period and qualifiers; a figure shared by several names (…、…均增长10%) is
guessed for each."""
from __future__ import annotations

import re

from ..load.numbers import Figure
from .cues import kind_and_year, period_of
from .names import (
    CLAUSE_DELIMITERS,
    Vocabulary,
    complete_name,
    governing_name,
    indicator_for,
    names_in,
    rename,
    similar_name,
    strip_qualifiers,
)
from .proposal import Guess
from .qualifiers import qualifiers_of, value_text_of

SENTENCE_END = re.compile(r"(?<=[。；！？;!?])")
NEGATIVE = ("下降", "减少", "降低", "回落", "下滑", "负增长")


def text_guesses(para, report_year: int, vocabulary: Vocabulary, section: tuple, report_kind: str) -> list[Guess]:
    """A guess for every figure of a text paragraph that may be a value, sentence by sentence."""
    out = []
    plain = para.plain
    offset = 0
    for sentence in SENTENCE_END.split(plain):
        begin = offset
        offset += len(sentence)
        if not sentence.strip():
            continue
        figures = [f for f in vocabulary.reader.figures(sentence) if _is_value(f, sentence)]
        if not figures:
            continue
        names = names_in(sentence, vocabulary)
        inherited = ""  # the name governing the clauses that have none of their own
        subject = ""  # the words of the last clause that named something
        for f in figures:
            c_start, c_end = _clause_bounds(sentence, f.start, f.end)
            name, name_start = governing_name(sentence, names, c_start, f.start, inherited)
            if not name or name_start > f.start:
                # Counted things follow their number: 30栋老旧楼宇, 等15处文物.
                following = [(start, -(end - start), n) for start, end, n in names if f.end <= start <= f.end + 1 and end <= c_end]
                if following:
                    start, _, name = min(following)
                    name_start = f.start
            unit, value = f.unit, f.value
            qualifiers = qualifiers_of(sentence, f, c_start)
            # Kind, year and period cues reach back over ； to the last full stop (预计全年…；…增长5%).
            lead = plain[plain.rfind("。", 0, begin) + 1:begin] if sentence.rstrip().endswith(("；", ";")) or plain[begin - 1:begin] in ("；", ";") else ""
            context = lead + sentence
            kind, year = kind_and_year(context, len(lead) + f.start, report_year, section, report_kind)
            period = period_of(context, len(lead) + f.start, vocabulary)
            indicator = indicator_for(name, unit, vocabulary)
            if not indicator:
                # No known name governs the figure: the known name most like the clause's words.
                head = sentence[c_start:f.start]
                head = head[head.rfind("等") + 1:]
                tail = sentence[f.end:c_end]
                phrases = [head, tail, head + tail] if strip_qualifiers(head) else [subject, tail]
                indicator, similar = similar_name(phrases, unit, vocabulary)
                if indicator and not name:
                    name = "≈" + similar
            if strip_qualifiers(sentence[c_start:f.start]):
                subject = sentence[c_start:f.start]
            # 下降6.7% is −6.7, unless the indicator is itself a fall (单位GDP能耗下降 3%); a bare figure
            # after a fall (分别下降33.1%、34.7%) falls too.
            before = sentence[max(c_start, f.start - 6):f.start]
            falls = any(re.search(w + r"(?:了|约|近|超过|超)?$", before) for w in NEGATIVE)
            if not sentence[c_start:f.start].strip() and out and out[-1].value.startswith("-") and out[-1].sentence == sentence.strip():
                falls = True
            if falls and not any(w in vocabulary.indicators.get(indicator, {}).get("name_zh", "") for w in NEGATIVE + ("降低",)):
                value = "-" + value
            quote_start = min(c_start, name_start)
            quote = sentence[quote_start:c_end].strip("，,、；;：:。！？!? ")
            clause = sentence[c_start:c_end].strip("，,、；;：:。！？!? ")
            out.append(Guess(
                paragraph=para.anchor, sentence=sentence.strip(), clause=clause, quote=quote, after="",
                start=begin + f.start, value=value, value_text=value_text_of(sentence, f, c_start),
                unit=unit, qualifier="+".join(qualifiers), kind=kind, year=year, period=period,
                indicator=indicator, name=name,
            ))
            if name and not name.startswith("≈"):
                inherited = name
        out += _shared(sentence, [g for g in out if g.sentence == sentence.strip() and g.paragraph == para.anchor], figures, vocabulary)
    return out


def _shared(sentence: str, guesses: list[Guess], figures: list[Figure], vocabulary: Vocabulary) -> list[Guess]:
    """One figure for several names joined by 、 (“本外币存贷款余额、保费收入均增长10%以上”; “养老、医疗保险参保率
    保持97%以上”): a guess for each further name. With 分别 and as many figures (“处理率、达标排放率分别达98%、100%”),
    the names and the figures pair off instead: the guesses are renamed, none added."""
    extra = []
    spans = [(f.start, f.end) for f in figures]
    for (f_start, f_end), g in zip(spans, guesses):
        c_start, c_end = _clause_bounds(sentence, f_start, f_end)
        head = sentence[c_start:f_start]
        if not strip_qualifiers(head):
            continue
        subjects = []
        at = c_start
        while at >= 2 and sentence[at - 1] == "、":
            prev_start, _ = _clause_bounds(sentence, at - 2, at - 1)
            words = sentence[prev_start:at - 1]
            if any(prev_start <= a < at for a, _ in spans) or not words.strip():
                break
            subjects.insert(0, words)
            at = prev_start
        if not subjects:
            continue
        own = head.split("分别")[0].split("均")[0]
        phrases = [complete_name(w, own) for w in subjects]
        if "分别" in head:
            following = [g2 for (a, _), g2 in zip(spans, guesses) if a > f_start and _clause_bounds(sentence, a, a)[0] > c_start
                         and not strip_qualifiers(sentence[_clause_bounds(sentence, a, a)[0]:a])]
            if len(following) == len(phrases):
                # pair off: the first figure is the first name's, and so on; the clause's own name is the last's
                chain = [g, *following]
                names = [*phrases, own]
                for figure_guess, phrase in zip(chain, names):
                    rename(figure_guess, phrase, vocabulary)
                continue
        for phrase in phrases:
            twin = Guess(**{**g.__dict__})
            rename(twin, phrase, vocabulary)
            twin.quote = sentence[at:c_end].strip("，,、；;：:。！？!? ")
            extra.append(twin)
    return extra


def _is_value(f: Figure, sentence: str) -> bool:
    """Whether a figure may be a value: not a part of a name (千亿级, 500强), an ordinal (第3批, 前5名)
    or a date or label (3月, 18号线, 1年期)."""
    if sentence[f.end:f.end + 1] in ("级", "强", "型"):
        return False
    if f.number[0].isdigit():
        if sentence[max(0, f.start - 1):f.start] in ("第", "前", "后") and f.unit in ("年", "批", "次", "期", "届", "名", "个"):
            return False
        if sentence[f.end:f.end + 1] in ("月", "日", "号", "级", "线", "期", "区"):
            return False
    return True


def _clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    c_start = max((i + 1 for i, ch in enumerate(sentence[:start]) if ch in CLAUSE_DELIMITERS and not _in_number(sentence, i)), default=0)
    c_end = next((i for i in range(end, len(sentence)) if sentence[i] in CLAUSE_DELIMITERS and not _in_number(sentence, i)), len(sentence))
    return c_start, c_end


def _in_number(sentence: str, i: int) -> bool:
    """A comma between digits (1,200) does not end a clause."""
    return sentence[i] == "," and 0 < i < len(sentence) - 1 and sentence[i - 1].isdigit() and sentence[i + 1].isdigit()
