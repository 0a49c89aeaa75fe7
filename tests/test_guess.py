"""The guesser on the cases issue 16 reported: kind and year per clause, the indicator the figure's own
name governs, aliases and word orders, qualifiers, Chinese numerals and compound units. Its parts have
their own files: test_cues, test_qualifiers, test_names, test_table_rows; its figures test_numbers."""
import pytest
from conftest import DATA

from govreports.ingest.guess import guess
from govreports.ingest.vocabulary import build_vocabulary
from govreports.load.texts import SourceText


@pytest.fixture(scope="module")
def vocabulary():
    return build_vocabulary(DATA)


def rows(text: str, vocabulary, year: int = 2024, kind: str = "work-report"):
    return [(g.indicator, g.year, g.period, g.kind, g.value, g.qualifier, g.unit) for g in guess(SourceText(text), year, vocabulary, kind)]


def test_kind_year_and_period_are_guessed_per_clause(vocabulary):
    text = ("一、2023年工作回顾\n\n上半年地区生产总值增长5.1%，预计全年增长5.9%。主要指标圆满实现既定目标，地区生产总值增长6%。\n\n"
            "二、2024年主要预期目标\n\n地区生产总值增长5.5%左右。\n")
    assert rows(text, vocabulary) == [
        ("gdp-growth", 2023, "h1", "result", "5.1", "", "%"),  # a later 预计全年 does not relabel it
        ("gdp-growth", 2023, "", "estimate", "5.9", "", "%"),
        ("gdp-growth", 2023, "", "result", "6", "", "%"),  # 圆满实现既定目标 is no target
        ("gdp-growth", 2024, "", "target", "5.5", "about", "%"),
    ]


def test_one_estimate_word_does_not_turn_the_next_sentence(vocabulary):
    text = "一、2023年工作回顾\n\n预计全年地区生产总值增长5.9%。社会消费品零售总额增长7%。\n"
    assert [r[3] for r in rows(text, vocabulary)] == ["estimate", "result"]


def test_the_indicator_is_the_name_that_governs_the_figure(vocabulary):
    text = "一、2023年工作回顾\n\n社会消费品零售总额增长5.9%，达到1133.16亿元。实际使用外资（FDI）5000万美元，外贸进出口增长4%，人均地区生产总值突破12万元。\n"
    assert [r[0] for r in rows(text, vocabulary)] == ["retail-sales-growth", "retail-sales", "fdi", "trade-growth", "gdp-per-capita"]


def test_aliases_and_other_word_orders(vocabulary):
    text = "二、2024年主要预期目标\n\n规上工业增加值增长8%，新增城镇就业2万人，人均期望寿命达到82岁。\n"
    assert [r[0] for r in rows(text, vocabulary)] == ["industrial-value-added-growth", "new-urban-jobs", "life-expectancy"]


def test_qualifiers_numbers_and_units(vocabulary):
    text = ("二、2024年主要预期目标\n\n签约项目30个，重要产业投资约20亿元，逾20家企业，30余家机构，4.3万余户，达标率不低于90%，"
            "增幅不超过5%，近10万人，楼宇产出超70亿元/平方公里，营收突破千亿。\n")
    found = [(r[4], r[5], r[6]) for r in rows(text, vocabulary)]
    assert found == [
        ("30", "", "个"),  # 约 in 签约 is no qualifier
        ("20", "approx", "亿元"),
        ("20", "over", "家"),
        ("30", "more_than", "家"),
        ("4.3", "more_than", "万户"),
        ("90", "not_below", "%"),  # not 低于
        ("5", "not_above", "%"),  # not 超过
        ("10", "nearly", "万人"),
        ("70", "over", "亿元/平方公里"),  # the compound unit whole
        ("1000", "exceed", "亿元"),  # a Chinese numeral
    ]


def test_a_year_looked_back_on_without_a_heading_is_a_result(vocabulary):
    """A short text with no section headings: a figure of the year before the report, with no word of
    a target, is what was achieved; the report's own year is its target."""
    text = "2025年，全区地区生产总值增长6.1%，一般公共预算收入完成45.2亿元。\n2026年主要预期目标是：地区生产总值增长6%左右。\n"
    assert [(r[0], r[1], r[3]) for r in rows(text, vocabulary, 2026)] == [
        ("gdp-growth", 2025, "result"), ("budget-revenue", 2025, "result"), ("gdp-growth", 2026, "target")]
