"""Every figure of every report is curated as a value or set aside with a reason."""
import csv

import pytest
from conftest import DATA

from govreports.errors import DataError
from govreports.ingest.guess import guess
from govreports.ingest.vocabulary import build_vocabulary
from govreports.load import figures
from govreports.load.figures import account, dismissal_claim, figure_sentences, held, observation_claim, sentence_counts
from govreports.load.numbers import reader
from govreports.load.texts import SourceText, squeeze
from govreports.pipeline import check

TEXT = SourceText("新增停车位800个、充电桩1500个，举办会议3次。\n2019年完成投资30余亿元。\n")
with (DATA / "units.csv").open(encoding="utf-8") as fh:
    UNITS = reader(r["id"] for r in csv.DictReader(fh))


def account_for(claims, text=TEXT):
    return account(text, claims, UNITS)


def states(claims):
    return [(fs.anchor, [(f, s) for f, s, _ in fs.figures]) for fs in account_for(claims)]


def test_each_figure_is_accounted_for_on_its_own():
    assert states([]) == [
        ("p1", [("800个", "open"), ("1500个", "open"), ("3次", "open")]),
        ("p2", [("30余亿元", "open")]),  # 2019年 is a calendar year, not a figure
    ]
    claims = [observation_claim("新增停车位800个、充电桩1500个", "800个")]
    assert states(claims)[0][1] == [("800个", "curated"), ("1500个", "open"), ("3次", "open")]
    claims += [observation_claim("新增停车位800个、充电桩1500个", "1500个"), dismissal_claim("举办会议3次", "", "meeting")]
    found = account_for(claims)
    assert [fs.state for fs in found] == ["curated", "open"]
    assert sentence_counts(found) == {"curated": 1, "dismissed": 0, "open": 1}
    found = account_for(claims + [dismissal_claim("2019年完成投资30余亿元", "30余亿元", "background")])
    assert [fs.state for fs in found] == ["curated", "dismissed"]
    assert found[1].figures[0][2] == "background"


def test_a_value_holds_only_the_figure_it_names():
    # The quote spans both figures; the value names one of them.
    found = account_for([observation_claim("新增停车位800个、充电桩1500个，举办会议3次。", "1500个")])
    assert [s for _, s, _ in found[0].figures] == ["open", "curated", "open"]


def test_a_table_row_is_one_sentence_whose_number_cells_are_figures():
    row = SourceText("\t序号\n\t指标名称\n\t单位\n\t2024年预期目标\n\n\t1\n\t地区生产总值增速\n\t%\n\t6左右\n\t5.5\n")
    quote = "地区生产总值增速 % 6左右 5.5"
    found = account_for([observation_claim(quote, "6左右")], row)
    assert [(fs.anchor, fs.figures) for fs in found] == [("p2", [("6左右 %", "curated", ""), ("5.5 %", "open", "")])]
    found = account_for([observation_claim(quote, "6左右"), dismissal_claim(quote, "5.5", "restated")], row)
    assert found[0].figures[1] == ("5.5 %", "dismissed", "restated")


def test_a_chinese_numeral_is_held_by_the_value_that_writes_it():
    text = SourceText("营业收入突破千亿，为近三年最高。\n")
    found = account_for([observation_claim("营业收入突破千亿", "突破千亿")], text)
    assert found[0].figures == [("千亿", "curated", ""), ("三年", "open", "")]


def test_what_a_build_found_is_kept_and_found_anew_when_text_claims_or_units_differ(tmp_path, monkeypatch):
    """A rebuild takes each report's figures and what its claims hold from the last build (the checks' and the
    model's each), and finds them anew, the same as without the kept file, when anything they depend on changed."""
    found_anew = []
    find = figures._found
    monkeypatch.setattr(figures, "_found", lambda text, claims, units: found_anew.append(text.raw) or find(text, claims, units))
    kept = tmp_path / "cache" / "figures.marshal"

    def found_anew_by(claims, text=TEXT, units=UNITS):
        found_anew.clear()
        with figures.kept_in(kept):
            got = account(text, claims, units), held(text, claims, units)
        anew = len(found_anew)
        assert got == (account(text, claims, units), held(text, claims, units))  # as found without the kept file
        return anew

    claims = [observation_claim("新增停车位800个、充电桩1500个", "800个"), dismissal_claim("举办会议3次", "", "meeting")]
    longer = SourceText(TEXT.raw + "新增绿地5个。\n")
    fewer_units = reader(u for u in UNITS.units if u != "个")
    assert found_anew_by(claims) == 2  # nothing kept yet: found for account and for held
    assert found_anew_by(claims) == 0  # taken from the last build
    assert found_anew_by(claims[:1]) == 2
    assert found_anew_by(claims, longer) == 2
    assert found_anew_by(claims, longer, fewer_units) == 2
    assert found_anew_by(claims, longer, fewer_units) == 0


def test_every_figure_ingest_proposes_is_one_the_count_sees():
    """The guesser and the count share one detector: each report's guesses stand on the figures the
    coverage count accounts for, in its figure-bearing sentences."""
    vocabulary = build_vocabulary(DATA)
    data = check(DATA)
    for sid, src in data.sources.items():
        counted = {(f.anchor, f.squeezed): f for f in figure_sentences(src.text, UNITS)}
        guesses = guess(src.text, src.year, vocabulary, src.kind)
        assert guesses
        for g in guesses:
            sentence = counted.get((g.paragraph, squeeze(g.sentence)))
            assert sentence is not None, (sid, g.paragraph, g.value_text)
            assert any(f.value.lstrip("-") == g.value.lstrip("-") and f.unit == g.unit for f in sentence.figures), (sid, g.paragraph, g.value_text)


def test_no_figure_of_the_real_reports_is_left_open():
    data = check(DATA)
    for sid, found in data.figures.items():
        counts = sentence_counts(found)
        assert counts["open"] == 0, (sid, [(fs.anchor, fs.sentence) for fs in found if fs.state == "open"][:5])
        assert counts["curated"] > counts["dismissed"]


@pytest.mark.parametrize("row, message", [
    ("yuzhong-2019-work-report,2019年渝中区,,,no-such-reason,", "reason: unknown dismissal reason 'no-such-reason'"),
    ("yuzhong-2019-work-report,各位代表,,,date,", "figures: the quote holds no figure"),
    ("yuzhong-2019-work-report,这句话不在报告里,,,date,", "quote: does not occur in source"),
])
def test_a_bad_dismissal_is_reported_with_its_file_and_line(data_copy, row, message):
    path = data_copy / "dismissed" / "test.csv"
    path.write_text("source,quote,after,figures,reason,note\n" + row + "\n", encoding="utf-8")
    with pytest.raises(DataError) as e:
        check(data_copy)
    assert any(str(p).startswith("dismissed/test.csv:2:") and message in str(p) for p in e.value.problems), e.value.problems


def test_the_build_prints_curated_dismissed_and_open_per_report(build):
    result, data = build, build.dataset
    for sid, found in data.figures.items():
        c = sentence_counts(found)
        assert f"Coverage of {sid}: {len(found)} figure-bearing sentences: {c['curated']} curated, {c['dismissed']} dismissed, {c['open']} open" in result.stdout
