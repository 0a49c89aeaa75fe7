"""Qualifiers the guesser reads around a figure (govreports/ingest/qualifiers.py)."""
import pytest
from conftest import DATA

from govreports.ingest import qualifiers
from govreports.ingest.qualifiers import qualifiers_of, value_text_of
from govreports.load.numbers import reader
from govreports.load.read import TABLES, read_csv

UNITS = reader(r["id"] for r in read_csv(DATA / "units.csv", TABLES["units.csv"], "units.csv", []))


@pytest.mark.parametrize("clause, ids, value_text", [
    ("力争地区生产总值增长6%左右", ["strive", "about"], "增长6%左右"),
    ("力争增长6%", ["strive"], "力争增长6%"),  # right before the figure, 力争 is part of its wording
    ("突破1200亿元", ["exceed"], "突破1200亿元"),
    ("签约项目30个", [], "30个"),  # 约 in 签约 is no qualifier
    ("达标率不低于90%", ["not_below"], "不低于90%"),
    ("30余家机构", ["more_than"], "30余家"),
    ("确保城镇调查失业率5.3%以内", ["ensure", "within"], "5.3%以内"),
])
def test_the_words_around_a_figure(clause, ids, value_text):
    figure = UNITS.figures(clause)[0]
    assert qualifiers_of(clause, figure, 0) == ids
    assert value_text_of(clause, figure, 0) == value_text


def test_every_qualifier_the_guesser_writes_is_one_of_qualifiers_csv():
    known = {r["id"] for r in read_csv(DATA / "qualifiers.csv", TABLES["qualifiers.csv"], "qualifiers.csv", [])}
    written = {q for _, q in qualifiers.BEFORE + qualifiers.AFTER + qualifiers.SENTENCE_WIDE} | set(qualifiers.INSIDE.values())
    assert written - {""} <= known, written - known
