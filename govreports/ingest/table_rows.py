"""Guesses for a table row's figures: the cells after its unit cell, each read by its column's header
(“2024年预计完成情况”: an estimate for 2024)."""
from __future__ import annotations

import re

from ..load.numbers import cell_figure
from .cues import YEAR, nearest_kind, period_of
from .names import Vocabulary, indicator_for, names_in, normalise
from .proposal import Guess
from .qualifiers import AFTER, BEFORE


def looks_like_header(cells: list[str]) -> bool:
    """A row without figures that names columns (指标名称, 单位, 2024年预期目标 …)."""
    return any(re.search(r"指标|单位|目标|预计|完成|年", c) for c in cells)


def row_guesses(para, header: list[str], report_year: int, vocabulary: Vocabulary, section: tuple) -> list[Guess]:
    """A guess for every figure cell of a table row (load/numbers.py finds them after the row's unit
    cell): the indicator from the row's name cell, kind and year from the cell's column header."""
    cells = para.cells
    figures = vocabulary.reader.row(cells)
    out = []
    if not figures:
        return out
    unit_at = vocabulary.reader.unit_cell(cells)
    unit = figures[0].unit
    name_cells = [c for c in cells[:unit_at] if c and not cell_figure(c)]
    name = name_cells[-1] if name_cells else ""
    name_start = cells.index(name) if name else unit_at
    quote = " ".join(cells[name_start:])
    plain = para.plain
    # A figure cell's column header: the header row's cell as far from the end as the figure is.
    def label_of(i: int) -> str:
        at = len(header) - (len(cells) - i)
        return header[at] if header and 0 <= at < len(header) else ""
    found_names = names_in(name, vocabulary)
    governing = ""
    if found_names:
        governing = max((end, end - start, n) for start, end, n in found_names)[2]
    for f in figures:
        i = f.cell
        m = cell_figure(cells[i])
        label = label_of(i)
        strong, weak = nearest_kind(label, len(label)) if label else (None, None)
        kind = strong or weak or section[0] or "target"
        if "预计" in label:
            kind = "estimate"
        years = YEAR.findall(label)
        year = int(years[-1]) if years else (section[1] or report_year)
        qualifiers = []
        if m.group("before"):
            qualifiers.append(dict(BEFORE).get(m.group("before"), ""))
        if m.group("after"):
            qualifiers.append(dict(AFTER)[m.group("after")])
        out.append(Guess(
            paragraph=para.anchor, sentence=plain, clause=cells[i], quote=quote, after="",
            start=f.start, value=m.group("number"), value_text=cells[i].strip(),
            unit=unit, qualifier="+".join(q for q in qualifiers if q), kind=kind, year=year, period=period_of(label, len(label), vocabulary),
            indicator=indicator_for(normalise(governing or name), unit, vocabulary) if (governing or name) else "",
            name=governing,
        ))
    return out
