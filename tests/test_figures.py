"""Every figure of every report is curated as a value or set aside with a reason."""
import pytest
from conftest import DATA

from govreports.errors import DataError
from govreports.load.figures import account, dismissal_claim, observation_claim, sentence_counts
from govreports.load.texts import SourceText
from govreports.pipeline import check

TEXT = SourceText("新增停车位800个、充电桩1500个，举办会议3次。\n2019年完成投资30余亿元。\n")


def states(claims):
    return [(fs.anchor, [(f, s) for f, s, _ in fs.figures]) for fs in account(TEXT, claims)]


def test_each_figure_is_accounted_for_on_its_own():
    assert states([]) == [
        ("p1", [("800个", "open"), ("1500个", "open"), ("3次", "open")]),
        ("p2", [("30余亿元", "open")]),  # 2019年 is a calendar year, not a figure
    ]
    claims = [observation_claim("新增停车位800个、充电桩1500个", "800个")]
    assert states(claims)[0][1] == [("800个", "curated"), ("1500个", "open"), ("3次", "open")]
    claims += [observation_claim("新增停车位800个、充电桩1500个", "1500个"), dismissal_claim("举办会议3次", "", "meeting")]
    found = account(TEXT, claims)
    assert [fs.state for fs in found] == ["curated", "open"]
    assert sentence_counts(found) == {"curated": 1, "dismissed": 0, "open": 1}
    found = account(TEXT, claims + [dismissal_claim("2019年完成投资30余亿元", "30余亿元", "background")])
    assert [fs.state for fs in found] == ["curated", "dismissed"]
    assert found[1].figures[0][2] == "background"


def test_a_value_holds_only_the_figure_it_names():
    # The quote spans both figures; the value names one of them.
    found = account(TEXT, [observation_claim("新增停车位800个、充电桩1500个，举办会议3次。", "1500个")])
    assert [s for _, s, _ in found[0].figures] == ["open", "curated", "open"]


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


def test_the_build_prints_curated_dismissed_and_open_per_report(first_build):
    result = first_build
    data = check(DATA)
    for sid, found in data.figures.items():
        c = sentence_counts(found)
        assert f"Coverage of {sid}: {len(found)} figure-bearing sentences: {c['curated']} curated, {c['dismissed']} dismissed, {c['open']} open" in result.stdout
