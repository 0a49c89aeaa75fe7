"""A table row's figures (govreports/ingest/table_rows.py): each figure cell read by its column header."""
from conftest import DATA

from govreports.ingest.guess import guess
from govreports.ingest.vocabulary import build_vocabulary
from govreports.load.texts import SourceText


def test_a_table_row_takes_kind_and_year_from_its_column():
    text = "\t指标名称\n\t单位\n\t2024年预期目标\n\t2024年预计完成情况\n\n\t地区生产总值（GDP）增速\n\t%\n\t6左右\n\t5.5\n"
    found = guess(SourceText(text), 2025, build_vocabulary(DATA), "plan-report")
    assert [(g.indicator, g.year, g.period, g.kind, g.value, g.qualifier, g.unit, g.quote) for g in found] == [
        ("gdp-growth", 2024, "", "target", "6", "about", "%", "地区生产总值（GDP）增速 % 6左右 5.5"),
        ("gdp-growth", 2024, "", "estimate", "5.5", "", "%", "地区生产总值（GDP）增速 % 6左右 5.5"),
    ]


def test_a_row_without_a_unit_cell_has_no_figures():
    text = "\t指标名称\n\t2024年预期目标\n\n\t地区生产总值增速\n\t6左右\n"
    assert guess(SourceText(text), 2025, build_vocabulary(DATA), "plan-report") == []
