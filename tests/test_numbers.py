"""The one figure detector (govreports/load/numbers.py): numbers with the units of data/units.csv,
Chinese numerals after a cue word, 余 and 多, scales and compound units, table cells."""
import pytest
from conftest import DATA

from govreports.errors import Problem
from govreports.load.numbers import NO_UNIT, FigureReader, cn_number, numbers_in, reader
from govreports.load.read import TABLES, read_csv

PROBLEMS: list[Problem] = []
UNITS = [r["id"] for r in read_csv(DATA / "units.csv", TABLES["units.csv"], "units.csv", PROBLEMS)]
assert UNITS and not PROBLEMS


@pytest.fixture(scope="module")
def units():
    return reader(UNITS)


def found(units, sentence):
    return [(f.text, f.value, f.unit) for f in units.figures(sentence)]


def test_every_unit_of_units_csv_is_found_after_a_number(units):
    for unit in UNITS:
        if unit == NO_UNIT:
            continue
        assert found(units, f"全年完成7{unit}，") == [(f"7{unit}", "7", unit)], unit


def test_a_word_that_is_no_unit_of_the_table_makes_no_figure():
    without = FigureReader([u for u in UNITS if u != "篇"])
    assert without.figures("3篇德育案例") == [] and without.figures("38.9米") != []
    assert FigureReader([]).figures("增长8.5%") == []  # no table, no figure


def test_scales_compound_units_and_more_than(units):
    assert found(units, "市场主体4.3万余户") == [("4.3万余户", "4.3", "万户")]
    assert found(units, "承运箱量达2.1万标箱") == [("2.1万标箱", "2.1", "万标箱")]
    assert found(units, "楼宇产出超70亿元/平方公里") == [("70亿元/平方公里", "70", "亿元/平方公里")]
    assert found(units, "突破1200亿，") == [("1200亿", "1200", "亿元")]  # a bare 亿 is yuan
    assert found(units, "增长１２％") == [("１２％", "１２", "%")]  # another spelling of %
    figure = units.figures("30余家机构、20多个项目")
    assert [(f.number, f.unit, f.more) for f in figure] == [("30", "家", ((2, "余"),)), ("20", "个", ((9, "多"),))]


def test_chinese_numerals_count_only_after_a_word_of_amount(units):
    assert found(units, "营收突破千亿") == [("千亿", "1000", "亿元")]
    assert found(units, "超三千万元") == [("三千万元", "3000", "万元")]
    assert found(units, "为近三年最高水平") == [("三年", "3", "年")]
    assert found(units, "实施三年行动，打造一批项目，新增一个站点") == []  # words, not amounts
    assert found(units, "新增两万人") == [("两万人", "2", "万人")]  # a lone 两 with 万 is an amount


def test_calendar_years_are_no_figures(units):
    assert found(units, "2019年完成投资30亿元，连续5年增长") == [("30亿元", "30", "亿元"), ("5年", "5", "年")]


def test_a_table_rows_figures_are_the_number_cells_after_its_unit_cell(units):
    cells = ["1", "推动高质量发展", "地区生产总值（GDP）增速", "%", "预期性", "6左右", "＞5.5", "预计完成"]
    row = units.row(cells)
    plain = " ".join(cells)
    assert [(f.text, f.number, f.unit, f.cell, plain[f.start:f.end]) for f in row] == [
        ("6左右 %", "6", "%", 5, "6左右"), ("＞5.5 %", "5.5", "%", 6, "＞5.5")]
    assert units.row(["序号", "指标名称", "2024年预期目标"]) == []  # a header row has no unit cell


def test_chinese_numerals():
    assert [cn_number(t) for t in ("千", "一千二百", "两", "十五", "三十", "一二", "")] == [1000, 1200, 2, 15, 30, None, None]


def test_the_numbers_a_curator_writes():
    assert numbers_in("增长8.5%左右") == {"8.5"} and numbers_in("突破千亿") == {"千"} and numbers_in("6个|10分钟") == {"6", "10"}
