"""Guesses for a new report's figures: what a curator would write in each observation row.

For every figure (a number with a unit, in the text or in a table row) the guesser proposes the
indicator, kind, year, period, qualifier, unit and value; the curator checks and accepts. Every guess
is made per clause, from the words nearest the figure:

- kind and year (cues.py): the nearest cue word before the figure in its sentence (预计 an estimate;
  目标, 力争, 确保 … a target; 实现, 完成, 同比 … a result; an explicit 2024年, 今年 or 去年), else what
  the section it stands in is about (a heading such as “一、2023年工作回顾” or “二、2024年主要工作任务”),
  else the kind of report; a table's column header (“2024年预计完成情况”) decides for its cells
  (table_rows.py);
- period (cues.py): the nearest period cue (上半年, 前三季度, 累计, 五年 … from data/periods.csv), reset by 全年;
- indicator (names.py): the longest indicator name or alias that governs the figure: the one that ends
  nearest before it in its own clause, or, when the clause has no name of its own (“…突破1200亿元、
  增长1%左右”), in the clause before; the figure's unit then chooses between a level and its growth
  rate (a percent of 地区生产总值 is 地区生产总值增速). Names come from indicators.csv (names and the
  `aliases` column) and the names that curated rows of other reports put before their values;
- qualifiers (qualifiers.py): 左右, 以上, 以内 after the figure; 突破, 超过, 超, 逾, 约, 近, 不低于 … before
  it; 余 or 多 inside it (30余个, 4.3万余户); 力争 and 确保 for the rest of their sentence;
- numbers and units: the figures that govreports/load/numbers.py finds (the coverage count's too),
  with the units of data/units.csv, but for those that are no value (sentences.py: 第3批, 18号线,
  千亿级, 500强).

Nothing here reads or writes data/: the caller passes the vocabulary in (vocabulary.py reads it).
"""
from __future__ import annotations

from ..load.numbers import cell_figure
from .cues import HEADING, REVIEW_HEADING, section_of
from .names import Vocabulary
from .proposal import Guess
from .sentences import text_guesses
from .table_rows import looks_like_header, row_guesses


def guess(text, report_year: int, vocabulary: Vocabulary, report_kind: str = "") -> list[Guess]:
    """Every figure of a SourceText with its guesses, in the order of the text."""
    out: list[Guess] = []
    # (kind, year) the current section is about; before the first heading, a report that reviews
    # nothing (the second half of a work report, a task breakdown) is about its plans.
    reviews = any(p.kind == "text" and HEADING.match(p.plain) and REVIEW_HEADING.search(p.plain) for p in text.paragraphs)
    section = ("", None) if reviews else ("target", report_year)
    header: list[str] = []  # the last table header row's cells
    for para in text.paragraphs:
        plain = para.plain
        if para.kind == "text" and HEADING.match(plain) and len(plain) <= 40:
            section = section_of(plain, report_year, section)
        if para.kind == "row":
            if not any(cell_figure(c) for c in para.cells):
                header = list(para.cells) if looks_like_header(para.cells) else header
                continue
            found = row_guesses(para, header, report_year, vocabulary, section)
        else:
            found = text_guesses(para, report_year, vocabulary, section, report_kind)
        for g in sorted(found, key=lambda g: g.start):  # a name's twin (养老、医疗…) beside its figure
            g.after = _after(text, g)
            out.append(g)
    return out


def _after(text, g: Guess) -> str:
    """Words before the quote, where the quote alone would be found earlier in the text."""
    found = text.find(g.quote)
    if found is None or found.anchor == g.paragraph:
        return ""
    para = next(p for p in text.paragraphs if p.anchor == g.paragraph)
    for length in (8, 16, 32, len(para.plain)):
        lead = para.plain[:length]
        hit = text.find(g.quote, lead)
        if hit is not None and hit.anchor == g.paragraph and text.find(lead) is not None and text.find(lead).anchor == g.paragraph:
            return lead
    return ""
