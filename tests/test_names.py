"""Indicator names (govreports/ingest/names.py) and the vocabulary read from data/ (vocabulary.py)."""
import pytest
from conftest import DATA

from govreports.ingest.names import indicator_for, learnt_names, normalise
from govreports.ingest.vocabulary import build_vocabulary, vocabulary_of
from govreports.load.read import TABLES, read_csv


@pytest.fixture(scope="module")
def vocabulary():
    return build_vocabulary(DATA)


def table(name):
    return read_csv(DATA / name, TABLES[name], name, [])


def test_the_unit_chooses_between_a_level_and_its_growth(vocabulary):
    assert indicator_for("地区生产总值", "亿元", vocabulary) == "gdp"
    assert indicator_for("地区生产总值", "%", vocabulary) == "gdp-growth"
    assert indicator_for("外贸进出口总额", "亿元", vocabulary) == indicator_for("进出口总额", "亿元", vocabulary)  # a longer spelling


def test_every_indicator_name_and_alias_is_known(vocabulary):
    for r in table("indicators.csv"):
        for name in [r["name_zh"], *filter(None, r["aliases"].split("|"))]:
            assert r["id"] in vocabulary.names[normalise(name)], name


def test_names_are_learnt_from_the_words_before_a_curated_value():
    rows = [{"quote": "规模以上工业增加值增长8%", "value_text": "增长8%", "indicator": "a"},
            {"quote": "引进等市级金融机构4家", "value_text": "4家", "indicator": "b"},
            {"quote": "地区生产总值（GDP）增速 % 预期性 6左右 6左右", "value_text": "6左右", "indicator": "c"}]
    assert learnt_names(rows) == [("规模以上工业增加值", "a"), ("市级金融机构", "b"), ("地区生产总值(GDP)增速", "c")]


def test_an_alias_left_out_is_not_known():
    indicators = table("indicators.csv")
    alias, iid = next((a, r["id"]) for r in indicators for a in r["aliases"].split("|") if a)
    vocabulary = vocabulary_of(indicators, table("units.csv"), table("periods.csv"), [], keep_alias=lambda a, i: a != alias)
    assert iid not in vocabulary.names.get(normalise(alias), {})
