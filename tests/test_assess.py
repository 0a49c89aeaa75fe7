"""Targets against results: every status rule, on real rows and on edge cases."""
import csv

import pytest
from conftest import DATA, ROOT, render, source_row

from govreports.errors import DataError
from govreports.model.assess import DECIDED, MET, Readings, judge
from govreports.pipeline import check
from govreports.publish.downloads import target_records

UP, DOWN = True, False


def table(name: str) -> dict[str, dict]:
    with (DATA / name).open(encoding="utf-8") as fh:
        return {r["id"]: r for r in csv.DictReader(fh)}


# The cases below name qualifiers by id: how the rule reads each is in the data, as a build reads it.
READINGS = Readings.from_tables(table("qualifiers.csv"), table("promises.csv"))


@pytest.mark.parametrize("target, tq, outcome, oq, higher, status", [
    # plain targets follow the indicator's direction
    (5, set(), 5, set(), UP, "met"),
    (5, set(), 4.9, set(), UP, "missed"),
    (5.3, set(), 5.4, set(), DOWN, "missed"),
    (5.3, set(), 5.3, set(), DOWN, "met"),
    # 左右: short by at most 5 % of the target is met within tolerance, more is missed
    (6, {"about"}, 5.8, set(), UP, "within-tolerance"),
    (6, {"about"}, 5.7, set(), UP, "within-tolerance"),
    (6, {"about"}, 5.69, set(), UP, "missed"),
    (0.7, {"about"}, 0.62, set(), UP, "missed"),
    (6, {"about"}, 6.5, set(), UP, "met"),
    # floors and ceilings override the direction; ＞ 突破 超过 are strict
    (3.5, {"at_least"}, 3.5, set(), UP, "met"),
    (28.2, {"gt"}, 28.2, set(), UP, "missed"),
    (500, {"exceed"}, 520, set(), UP, "met"),
    (5.3, {"within"}, 5.3, set(), DOWN, "met"),
    (0.01, {"lt"}, 0.0055, set(), DOWN, "met"),
    (0.01, {"lt"}, 0.01, set(), DOWN, "missed"),
    (3.5, {"below"}, 3.6, set(), UP, "missed"),
    (3.5, {"below"}, 3.5, set(), UP, "missed"),  # 低于 is strict, like ＜
    (90, {"not_below"}, 90, set(), UP, "met"),  # 不低于 counts the figure itself
    (90, {"not_below"}, 89.9, set(), UP, "missed"),
    (10, {"not_above"}, 10, set(), UP, "met"),  # 不超过 is a ceiling whatever the direction
    (10, {"not_above"}, 10.5, set(), UP, "missed"),
    (30, {"more_than"}, 30, set(), UP, "missed"),  # 30余个 means more than 30
    (50, {"at_least"}, 50, set(), UP, "met"),  # 50场以上 against 50场
    (10, set(), 11, set(), UP, "met"),  # 11栋 against 10栋
    (20, set(), 4100, set(), UP, "met"),  # 增长41倍 is compared as 4,100 %
    # 力争 does not change the rule
    (15, {"strive", "about"}, 14.5, set(), UP, "within-tolerance"),
    # outcomes that are bounds
    (28.2, {"gt"}, 29, {"gt"}, UP, "met"),
    (37.77, {"gt"}, 37.77, {"gt"}, UP, "met"),
    (500, {"exceed"}, 400, {"exceed"}, UP, "not-comparable"),
    (5, set(), 5, {"at_least"}, UP, "met"),
    (5, set(), 4, {"within"}, UP, "missed"),
    (5.3, {"within"}, 5.3, {"within"}, DOWN, "met"),
    # words instead of numbers
    (None, set(), 5, set(), UP, "not-comparable"),
    (10, set(), None, set(), UP, "not-comparable"),
])
def test_judge(target, tq, outcome, oq, higher, status):
    assert judge(target, tq, outcome, oq, higher, READINGS)[0] == status


@pytest.mark.parametrize("qualifiers, promise", [
    ({"ensure", "at_least"}, "firm"), ({"strive", "about"}, "aspiration"), ({"exceed"}, "floor"),
    ({"not_above"}, "ceiling"), ({"nearly"}, "approximate"), (set(), "plain"),
])
def test_a_targets_promise_is_the_strongest_its_qualifiers_make(qualifiers, promise):
    assert READINGS.promise(qualifiers) == promise


def test_a_new_qualifier_is_read_as_its_row_says():
    """A qualifier a curator adds (以下, "or less") is a ceiling because its row says so, with no change of code."""
    qualifiers = {**table("qualifiers.csv"), "or_less": {"id": "or_less", "bound": "ceiling", "strict": "false", "promise": ""}}
    readings = Readings.from_tables(qualifiers, table("promises.csv"))
    assert judge(5, {"or_less"}, 4, set(), UP, readings)[0] == "met"
    assert judge(5, set(), 4, set(), UP, readings)[0] == "missed"
    assert readings.promise({"or_less"}) == "ceiling"


def status(data, indicator, district, year):
    [a] = [a for a in data.assessments if (a.indicator, a.district, a.year) == (indicator, district, year)]
    return a


@pytest.mark.parametrize("indicator, district, year, expected", [
    ("retail-sales-growth", "yuzhong", 2024, "missed"),  # 7.5 → 4
    ("gdp-growth", "yuzhong", 2024, "met"),  # 6左右 → 6左右
    ("rd-intensity", "yuzhong", 2024, "missed"),  # 0.7左右 → 0.62
    ("surveyed-unemployment", "yuzhong", 2024, "met"),  # 5.3以内 → 5.3以内, lower is better
    ("accident-death-rate", "yuzhong", 2024, "met"),  # ＜0.01 → 0.0055
    ("invention-patents-per-10k", "yuzhong", 2024, "met"),  # ＞37.77 → ＞37.77
    ("software-revenue", "yuzhong", 2024, "not-comparable"),  # 突破500 → 突破400
    ("labour-productivity", "yuzhong", 2024, "met"),  # 保持全市前列 → 保持全市前列: the same words
    ("trade-growth", "yuzhong", 2024, "met"),  # 3 → 预计完成: the report's own verdict
    ("life-expectancy", "yuzhong", 2024, "met"),  # 高于全市平均水平 → 81.72岁: the rule cannot decide, the report says met
    ("fdi-growth", "yuzhong", 2024, "met"),  # 20 → 增长41倍
    ("land-sea-corridor-growth", "yuzhong", 2024, "met"),  # one target, two measures: +20 % and +15 % against 15
    ("new-urban-jobs", "yuzhong", 2024, "met"),  # 4.6万人 → 5.07万人, compared in one unit
    ("gdp-growth", "yuzhong", 2019, "awaiting"),  # no report reviewing 2019 is in the data
    ("gdp-growth", "yuzhong", 2025, "awaiting"),  # no report after 2025 yet
    ("gdp-growth", "dadukou", 2024, "awaiting"),
])
def test_real_targets(data, indicator, district, year, expected):
    assert status(data, indicator, district, year).status == expected


def test_the_earliest_report_states_the_target_and_a_result_beats_an_estimate(data):
    a = status(data, "air-quality-days", "yuzhong", 2024)
    assert a.target["source"] == "yuzhong-2024-work-report"
    assert a.outcome["kind"] == "result" and a.outcome["value_text"] == "303天"


def test_an_editorial_override_replaces_the_status_and_shows_its_reason(data_copy, tmp_path):
    with (data_copy / "status-overrides.csv").open("a", encoding="utf-8") as fh:
        fh.write("retail-sales-growth,yuzhong,2024,not-comparable,Test reason: the 2024 figure was redefined.\n")
    overridden = check(data_copy)
    assert status(overridden, "retail-sales-growth", "yuzhong", 2024).status == "not-comparable"
    [page] = render(data_copy, tmp_path, ("indicator", "retail-sales-growth"), checked=overridden).values()
    assert "Editorial override: Test reason: the 2024 figure was redefined." in page


def test_an_override_must_name_a_target(data_copy):
    with (data_copy / "status-overrides.csv").open("a", encoding="utf-8") as fh:
        fh.write("retail-sales-growth,yuzhong,2030,met,no such target\n")
    with pytest.raises(DataError) as e:
        check(data_copy)
    assert any("no target of 'retail-sales-growth' for 'yuzhong' in '2030'" in str(p) for p in e.value.problems)


def test_differing_values_for_one_year_are_kept_and_flagged(data_copy, tmp_path):
    # A test row: a second 2024 estimate of fixed-asset investment growth that differs from the table's 5.
    with (data_copy / "observations" / "yuzhong-2025-plan-report.csv").open("a", encoding="utf-8") as fh:
        fh.write("fai-growth,yuzhong,2024,estimate,4,about,增长4%左右,%,yuzhong-2025-plan-report,社会消费品零售总额增长4%左右,,test row\n")
    data = check(data_copy)
    [flag] = [d for d in data.differences if d["indicator_id"] == "fai-growth"]
    assert flag["year"] == 2024 and flag["kind"] == "estimate" and {r["value_text"] for r in flag["rows"]} >= {"5", "增长4%左右"}
    [page] = render(data_copy, tmp_path, ("indicator", "fai-growth"), checked=data).values()
    assert "Reports differ" in page and page.count('class="kind-estimate"') >= 2


def test_no_report_contradicts_itself_where_it_restates_a_value():
    # Reports may differ from each other (a later report revises an estimate: the page flags it), but no
    # report states one value twice differently.
    for d in check(DATA).differences:
        assert len({r["source"] for r in d["rows"]}) > 1, d


def test_an_unknown_unit_in_a_task_is_reported(data_copy):
    path = data_copy / "tasks.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("1,一、主要预期指标,,", "1,一、主要预期指标,,", 1).replace(",区发改委,各产业主管部门", ",区发改委,各产业主管部门、区新设局", 1), encoding="utf-8")
    with pytest.raises(DataError) as e:
        check(data_copy)
    assert any("responsible: unknown unit '区新设局'" in str(p) for p in e.value.problems)


def test_the_site_agrees_with_every_verdict_the_reports_give(data):
    """Where a report says whether it met a target (annex 1 of the 2025 plan report: 24 met, 2 missed),
    the status shown is that verdict, and the rule contradicts none of them."""
    judged = [a for a in data.assessments if a.verdict]
    assert judged
    for a in judged:
        assert (a.status in MET) == (a.verdict["verdict"] == "met"), (a.indicator, a.status, a.verdict["verdict"])
        assert not a.disagrees
    verdict_rows = {(r["indicator"], r["district"], int(r["year"])): r["verdict"] for r in csv.DictReader((DATA / "verdicts.csv").open(encoding="utf-8"))}
    shown = {(a.indicator, a.district, a.year): "met" if a.status in MET else a.status for a in judged}
    assert {k: shown[k] for k in verdict_rows} == verdict_rows


def test_most_targets_with_an_outcome_are_settled(data):
    with_outcome = [a for a in data.assessments if a.outcome or any(row for _, row, _, _ in a.parts) or a.verdict]
    settled = [a for a in with_outcome if a.status in DECIDED]
    assert with_outcome and len(settled) >= 0.9 * len(with_outcome)


def test_unsettled_targets_say_which_report_would_settle_them(data):
    awaiting = [a for a in data.assessments if a.status == "awaiting"]
    assert awaiting
    for a in awaiting:
        assert f"government work report of {a.year + 1}" in a.reason
    for a in data.assessments:
        if a.status == "no-result":
            assert "reviews" in a.reason


def test_a_target_of_two_measures_waits_for_both(data_copy):
    """Without the freight value's result, the corridor target cannot be settled by the rule."""
    corridor = check(data_copy)
    [a] = [a for a in corridor.assessments if a.indicator == "land-sea-corridor-growth" and a.year == 2024]
    parts = [p for p, row, _, _ in a.parts if row]
    assert len(parts) == len(corridor.indicators["land-sea-corridor-growth"].parts) >= 2
    path = data_copy / "observations" / "yuzhong-2025-plan-report.csv"
    kept = [line for line in path.read_text(encoding="utf-8").splitlines(keepends=True) if not line.startswith(parts[-1] + ",")]
    path.write_text("".join(kept), encoding="utf-8")
    [a] = [a for a in check(data_copy).assessments if a.indicator == "land-sea-corridor-growth" and a.year == 2024]
    assert a.rule_status == "not-comparable" and "settled only when all are known" in a.rule_reason


def test_a_disagreement_between_rule_and_report_is_flagged_on_the_page_and_in_the_data(data_copy, tmp_path):
    path = data_copy / "verdicts.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    [gdp] = [i for i, line in enumerate(lines) if line.startswith("gdp-growth,yuzhong,2024,met,")]
    lines[gdp] = lines[gdp].replace(",met,", ",missed,", 1)
    path.write_text("".join(lines), encoding="utf-8")
    checked = check(data_copy)
    [page] = render(data_copy, tmp_path, ("indicator", "gdp-growth"), checked=checked).values()
    assert "The rule and the report disagree" in page
    [row] = [r for r in target_records(checked)
             if (r["indicator_id"], r["district"], r["year"]) == ("gdp-growth", "yuzhong", 2024)]
    assert row["disagrees"] is True and row["status"] == "met" and row["verdict"] == "missed"


def test_a_half_year_figure_is_shown_but_settles_no_year_target(data, data_copy, tmp_path):
    # A test row: a first-half result for 2025 equal to the 2025 target; only a full-year figure may settle it.
    assert status(data, "gdp-growth", "yuzhong", 2025).status == "awaiting"
    (data_copy / "observations" / "test-half-year.csv").write_text(
        "indicator,district,year,period,kind,value,qualifier,value_text,unit,source,quote,after,note\n"
        "gdp-growth,yuzhong,2025,h1,result,6,about,增长6%左右,%,yuzhong-2025-plan-report,提出地区生产总值增长6%左右的预期目标建议,,test row\n",
        encoding="utf-8")
    with_half = check(data_copy)
    assert status(with_half, "gdp-growth", "yuzhong", 2025).status == "awaiting"
    assert not [d for d in with_half.differences if d["indicator_id"] == "gdp-growth" and d["year"] == 2025]
    [page] = render(data_copy, tmp_path, ("indicator", "gdp-growth"), checked=with_half).values()
    assert "上半年 first half" in page


def test_an_unknown_period_is_reported(data_copy):
    (data_copy / "observations" / "test-half-year.csv").write_text(
        "indicator,district,year,period,kind,value,qualifier,value_text,unit,source,quote,after,note\n"
        "gdp-growth,yuzhong,2025,H1,result,6,about,增长6%左右,%,yuzhong-2025-plan-report,提出地区生产总值增长6%左右的预期目标建议,,\n",
        encoding="utf-8")
    with pytest.raises(DataError) as e:
        check(data_copy)
    assert any(str(p).startswith("observations/test-half-year.csv:2: period: unknown period 'H1'") for p in e.value.problems)


def test_same_year_reports_count_in_the_order_they_were_delivered(data_copy):
    # A test report of the same district and year, delivered before the plan report but with an id that
    # sorts after it: the plan report, delivered later, gives the outcome.
    sid = "yuzhong-2025-zz-earlier"
    (data_copy / "texts" / f"{sid}.txt").write_text("预计全年地区生产总值增长5%。\n", encoding="utf-8")
    with (data_copy / "sources.csv").open("a", encoding="utf-8") as fh:
        fh.write(source_row(sid, "yuzhong", 2025, date="2025-01-10", covers="results of 2024") + "\n")
    (data_copy / "observations" / f"{sid}.csv").write_text(
        "indicator,district,year,kind,value,qualifier,value_text,unit,source,quote,after,note\n"
        f"gdp-growth,yuzhong,2024,estimate,5,,增长5%,%,{sid},预计全年地区生产总值增长5%,,test row\n", encoding="utf-8")
    data = check(data_copy)
    outcome = status(data, "gdp-growth", "yuzhong", 2024).outcome
    assert outcome["source"] == "yuzhong-2025-plan-report", outcome
    assert list(data.sources).index(sid) < list(data.sources).index("yuzhong-2025-plan-report")


def test_the_methodology_names_every_qualifier_as_the_rule_reads_it():
    """The reader's account of the rule (content/methodology.md) must follow the data: every qualifier
    of qualifiers.csv is named as a floor, a ceiling or neither, and strict where it is."""
    page = (ROOT / "content" / "methodology.md").read_text(encoding="utf-8")
    direction = page.split("**Direction.**")[1].split("\n")[0]
    sentence = {key: next(s for s in direction.split(". ") if marker in s)
                for key, marker in (("floor", "is a floor"), ("ceiling", "is a ceiling"), ("", "Any other target"))}
    for q in table("qualifiers.csv").values():
        named, _, strict = sentence[q["bound"] if q["bound"] in sentence else ""].partition(";")
        where = f"{q['zh']} ({q['id']}: bound {q['bound'] or 'none'}, strict {q['strict']})"
        assert q["zh"] in named, f"{where}: methodology.md's Direction paragraph must name it so"
        assert (q["zh"] in strict) == (q["strict"] == "true"), f"{where}: methodology.md must say whether it is strict"


def test_margins_of_rates_are_in_percentage_points(data, tmp_path):
    """A growth rate's margin is outcome − target in percentage points, never a percentage of the target."""
    rates = [a for a in data.assessments if a.margin is not None and data.units[data.indicators[a.indicator].unit]["dimension"] == "percent"]
    assert rates
    assert all(a.margin_unit == "个百分点" and a.margin_pct is None for a in rates)
    others = [a for a in data.assessments if a.margin is not None and a not in rates]
    assert all(a.margin_unit == data.indicators[a.indicator].unit for a in others)
    a = rates[0]
    page = render(DATA, tmp_path, ("indicator", a.indicator))[("indicator", a.indicator)]
    row = page[page.index(f'id="t{a.year}-{a.district}"'):]
    row = row[:row.index("</tr>")]
    assert "个百分点 percentage points" in row and "% of the target" not in row


def test_a_status_overridden_as_not_comparable_has_no_margin(data, tmp_path):
    overridden = [a for a in data.assessments if a.override and a.status not in DECIDED]
    assert overridden
    assert all(a.margin is None and a.margin_pct is None and a.reason == a.override for a in overridden)
    a = overridden[0]
    page = render(DATA, tmp_path, ("indicator", a.indicator))[("indicator", a.indicator)]
    row = page[page.index(f'id="t{a.year}-{a.district}"'):]
    row = row[:row.index("</tr>")]
    assert "Margin" not in row and "Editorial override" in row and "The rule alone would say" in row
