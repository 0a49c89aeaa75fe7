"""Kind, year and period cues of the guesser (govreports/ingest/cues.py)."""
import pytest
from conftest import DATA

from govreports.ingest.cues import kind_and_year, nearest_kind, period_of, section_of
from govreports.ingest.vocabulary import build_vocabulary
from govreports.load.read import TABLES, read_csv


@pytest.fixture(scope="module")
def vocabulary():
    return build_vocabulary(DATA)


def at_figure(sentence: str) -> int:
    return next(i for i, ch in enumerate(sentence) if ch.isdigit())


def test_words_holding_a_cue_are_not_cues():
    assert nearest_kind("重要产业投资30亿元", 8) == (None, None)  # 要 in 重要
    assert nearest_kind("要把企业数做到30家", 8) == (None, "target")
    assert nearest_kind("增长6%的目标", 2) == ("target", None)  # a cue right after the figure


def test_a_heading_says_what_its_section_is_about():
    assert section_of("一、2023年工作回顾", 2024, ("", None)) == ("result", 2023)
    assert section_of("二、2024年主要预期目标", 2024, ("result", 2023)) == ("target", 2024)
    assert section_of("三、2025年", 2024, ("result", 2023)) == ("target", 2025)
    assert section_of("三、坚持党的领导", 2024, ("result", 2023)) == ("result", 2023)  # says neither: the section goes on


@pytest.mark.parametrize("sentence, kind, year", [
    ("预计全年增长5.9%", "estimate", 2023),
    ("今年力争增长6%", "target", 2024),
    ("去年增长5%", "result", 2023),
    ("明年增长7%", "target", 2025),
    ("2019—2023年累计增长30%", "result", 2023),  # a span is no year of the figure: the section's
])
def test_kind_and_year_from_the_nearest_cue(sentence, kind, year):
    assert kind_and_year(sentence, at_figure(sentence), 2024, ("result", 2023), "work-report") == (kind, year)


def test_every_period_is_read_from_its_cues_and_全年_resets_it(vocabulary):
    periods = read_csv(DATA / "periods.csv", TABLES["periods.csv"], "periods.csv", [])
    assert periods
    for p in periods:
        for cue in p["cues"].split("|"):
            sentence = f"{cue}地区生产总值增长5%"
            assert period_of(sentence, at_figure(sentence[len(cue):]) + len(cue), vocabulary) == ("" if p["id"] == "year" else p["id"]), cue
    sentence = "上半年增长4%，全年增长5%"
    assert period_of(sentence, sentence.index("5%"), vocabulary) == ""
