"""Numbers and units: the one figure detector, shared by the coverage count (figures.py) and the
guesser of `ingest.py add`.

A figure is a number with a unit of data/units.csv:
- the number: Arabic digits (8.5, 1200), or Chinese numerals right after a word that introduces an
  amount (突破千亿, 超三千万元): elsewhere 一 and 三 are mostly words (一批, 三年行动);
- 余 or 多 after it (30余个: more than 30), also after a scale (4.3万余户);
- the unit: a 万 or 亿 before a unit scales it (2.1万标箱, 300亿元), a second unit after a slash makes
  one (亿元/平方公里), and a bare 亿 or 万亿 stands for yuan (突破千亿);
- a calendar year (2019年) is no figure.

In a table row, a number cell after the row's unit cell (“%” then “6左右”) is a figure in that unit.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from .texts import squeeze

NO_UNIT = "-"  # units.csv's unit of a value in words
SPELLINGS = {"％": "%"}  # other ways the reports write a unit of units.csv
BARE_MONEY = {"亿": "亿元", "万亿": "万亿元"}
CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMBER = "[零〇一二两三四五六七八九十百千]+"
# The words after which a Chinese numeral is an amount.
CN_CUES = ("突破", "超过", "超", "逾", "近", "约", "达到", "达", "增长", "实现", "完成", "累计", "共", "总计", "合计", "新增", "引进")
# The numbers of a value as a curator writes it (its value_text) or of a figure as written.
NUMBERS = re.compile(rf"\d+(?:[.．]\d+)?|{CN_NUMBER}")
CALENDAR_YEAR = re.compile(r"(19|20)\d\d")
# A table cell that is a figure: a number with the qualifier a table writes beside it (＞13.2, 6左右).
CELL_FIGURE = re.compile(r"^(?P<before>[＞＜><≥≤]|约|超过|超|近|不低于|不超过)?(?P<number>-?\d+(?:\.\d+)?)(?P<after>左右|以上|以内|以下)?$")


@dataclass(frozen=True)
class Figure:
    start: int  # where it stands in the text searched
    end: int
    text: str  # as written: 30余个, 4.3万余户; a table cell with its column's unit: 6左右 %
    number: str  # as written, without a sign: 30, 4.3, 千
    unit: str  # 个, 万户, 亿元/平方公里
    more: tuple[tuple[int, str], ...] = ()  # 余 or 多 inside the figure, with where each stands
    cell: int | None = None  # a table row's figure: the index of its cell

    @property
    def value(self) -> str | None:
        """The number as a plain decimal (千 → 1000); None when Chinese characters are no number."""
        if self.number[0].isdigit():
            return self.number.replace("．", ".")
        value = cn_number(self.number)
        return None if value is None else f"{value:g}"


def cn_number(text: str) -> float | None:
    """一千二百 → 1200, 千 → 1000, 两 → 2, 十五 → 15; None when the characters are not a number."""
    if not text:
        return None
    total, digit = 0, None
    for ch in text:
        if ch in CN_DIGITS:
            if digit is not None:  # 一二: not a number
                return None
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            total += (1 if digit is None else digit) * CN_UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


def numbers_in(text: str) -> frozenset[str]:
    """The numbers a curator's value_text or a dismissal's figures name, as written."""
    return frozenset(NUMBERS.findall(text))


def cell_figure(cell: str) -> re.Match | None:
    return CELL_FIGURE.match(squeeze(cell).translate(str.maketrans(SPELLINGS)).rstrip("%"))


class FigureReader:
    """Finds the figures of a sentence or a table row, with the units of units.csv."""

    def __init__(self, units: Iterable[str]):
        self.units = {u for u in units if u and u != NO_UNIT}
        words = "|".join(re.escape(u) for u in sorted(self.units | set(SPELLINGS), key=len, reverse=True)) or "(?!)"
        money = "|".join(re.escape(u) for u in sorted(BARE_MONEY, key=len, reverse=True))
        # number, 余/多, a scale (with 余/多 after it: 4.3万余户), the unit (a second one after a slash:
        # 亿元/平方公里), or a bare 亿 not followed by a unit (突破千亿, not 亿元)
        self.pattern = re.compile(
            rf"(?P<number>(?<![\d.．])\d+(?:[.．]\d+)?|{CN_NUMBER})\s*(?P<more1>余|多)?\s*(?P<scale>万|亿)?(?P<more2>余|多)?\s*"
            rf"(?P<unit>(?:{words})(?:/(?:{words}))?|(?:{money})(?![\u4e00-\u9fff]{{0,1}}(?:{words})))"
        )

    def figures(self, sentence: str) -> list[Figure]:
        """The figures of a sentence, in order."""
        out = []
        for m in self.pattern.finditer(sentence):
            figure = Figure(m.start(), m.end(), m.group(0), m.group("number"), self._unit(m),
                            tuple((m.start(g), m.group(g)) for g in ("more1", "more2") if m.group(g)))
            if self._counts(figure, sentence):
                out.append(figure)
        return out

    def unit_cell(self, cells: list[str]) -> int | None:
        """The cell of a table row that gives its unit: the first that is a unit of units.csv (or its
        no-unit mark) and no figure."""
        return next((i for i, c in enumerate(cells) if self._spelt(squeeze(c)) in self.units | {NO_UNIT} and not cell_figure(c)), None)

    def row(self, cells: list[str]) -> list[Figure]:
        """The figure cells of a table row: those after its unit cell; positions in the cells joined by
        spaces, as Paragraph.plain joins them."""
        unit_at = self.unit_cell(cells)
        if unit_at is None:
            return []
        unit = self._spelt(squeeze(cells[unit_at]))
        out, at = [], 0
        for i, cell in enumerate(cells):
            m = cell_figure(cell) if i > unit_at else None
            if m:
                out.append(Figure(at, at + len(cell), f"{cell} {unit}", m.group("number").lstrip("-"), unit, cell=i))
            at += len(cell) + 1
        return out

    def _unit(self, m: re.Match) -> str:
        unit = BARE_MONEY.get(m.group("unit"), m.group("unit"))
        return (m.group("scale") or "") + self._spelt(unit)

    @staticmethod
    def _spelt(unit: str) -> str:
        return "".join(SPELLINGS.get(ch, ch) for ch in unit)

    @staticmethod
    def _counts(figure: Figure, sentence: str) -> bool:
        if figure.number[0].isdigit():
            return not (figure.unit == "年" and CALENDAR_YEAR.fullmatch(figure.number))
        # A Chinese numeral: only after a cue word, and a lone 一 or 两 only with 万 or 亿 (一个, 两年 are words).
        if cn_number(figure.number) is None or figure.number in ("一", "两", "二") and not figure.unit.startswith(("亿", "万")):
            return False
        return sentence[:figure.start].endswith(CN_CUES)


@lru_cache(maxsize=8)
def _reader(units: frozenset[str]) -> FigureReader:
    return FigureReader(units)


def reader(units: Iterable[str]) -> FigureReader:
    """The reader of a set of units, compiled once."""
    return _reader(frozenset(units))
