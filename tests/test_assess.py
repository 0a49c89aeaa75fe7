"""Targets against results: every status rule, on real rows and on edge cases."""
import csv
import json
import re

import pytest
from conftest import DATA, ROOT, render

from govreports.errors import DataError
from govreports.model.assess import DECIDED, MET, RULE_STATUSES, Readings, judge
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


@pytest.fixture(scope="module")
def data():
    return check(DATA)


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
    [page] = render(data_copy, tmp_path, ("indicator", "retail-sales-growth")).values()
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
    [page] = render(data_copy, tmp_path, ("indicator", "fai-growth")).values()
    assert "Reports differ" in page and page.count('class="kind-estimate"') >= 2


def test_no_report_contradicts_itself_where_it_restates_a_value():
    # Reports may differ from each other (a later report revises an estimate: the page flags it), but no
    # report states one value twice differently.
    for d in check(DATA).differences:
        assert len({r["source"] for r in d["rows"]}) > 1, d


def test_scoreboard_page_counts_and_links(built_site):
    page = (built_site / "scoreboard" / "index.html").read_text(encoding="utf-8")
    data = check(DATA)
    met = sum(a.status == "met" and a.year == 2024 and a.district == "yuzhong" for a in data.assessments)
    assert met > 10
    assert 'id="chart-scoreboard"' in page
    assert '<tr id="y2024-yuzhong"><td><a href="../scoreboard/2024-yuzhong/">2024</a>' in page  # old anchors still land on their row
    year = (built_site / "scoreboard" / "2024-yuzhong" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../indicators/retail-sales-growth/#t2024-yuzhong"' in year
    assert year.count('class="status') >= met


def test_renamed_indicators_are_separate_series(built_site):
    import json
    import re
    page = (built_site / "indicators" / "high-tech-enterprises" / "index.html").read_text(encoding="utf-8")
    spec = json.loads(re.search(r'id="chart-high-tech-enterprises">(.*?)</script>', page, re.S).group(1))
    assert all(2024 not in t["x"] for t in spec["data"])  # the old indicator's 2024 values are not drawn here
    assert "口径调整" in page


def test_comparison_pages_put_both_districts_side_by_side(built_site):
    page = (built_site / "compare" / "gdp-growth" / "index.html").read_text(encoding="utf-8")
    assert "<th>大渡口区</th>" in page and "<th>渝中区</th>" in page
    index = (built_site / "compare" / "index.html").read_text(encoding="utf-8")
    assert 'href="../compare/gdp-growth/"' in index


def test_the_2023_tasks_are_data_with_units_and_indicators(data, built_site):
    tasks = [t for t in data.tasks if t.source == "yuzhong-2023-task-breakdown"]
    assert [t.number for t in tasks] == list(range(1, len(tasks) + 1))  # numbered without a gap, as in the text
    first = tasks[0]
    assert first.lead == ["fagaiwei"] and first.indicators == ["gdp-growth"]
    # one unit written two ways is one unit
    culture = data.agencies["muchengwenhuagongsi"]
    rows = list(csv.DictReader((DATA / "tasks.csv").open(encoding="utf-8")))
    written = [r for r in rows if "母城文化公司" in r["lead"] + r["responsible"]]  # as 母城文化公司 or 区母城文化公司
    assert {"母城文化公司", "区母城文化公司"} <= {name for r in written for name in re.split("[、，,]", r["lead"] + "、" + r["responsible"])}
    assert len(culture.leads) + len(culture.shares) == len(written)
    page = (built_site / "agencies" / "muchengwenhuagongsi" / "index.html").read_text(encoding="utf-8")
    assert page.count('<li id="task-') == len(culture.leads) + len(culture.shares)
    assert (built_site / "tasks" / "index.html").read_text(encoding="utf-8").count('<li id="task-') == len(data.tasks)


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
    [page] = render(data_copy, tmp_path, ("indicator", "gdp-growth")).values()
    assert "The rule and the report disagree" in page
    [row] = [r for r in target_records(check(data_copy))
             if (r["indicator_id"], r["district"], r["year"]) == ("gdp-growth", "yuzhong", 2024)]
    assert row["disagrees"] is True and row["status"] == "met" and row["verdict"] == "missed"


def test_targets_csv_has_one_row_per_target_with_both_quotes(built_site, data):
    rows = list(csv.DictReader((built_site / "data" / "targets.csv").open(encoding="utf-8-sig")))
    assert len(rows) == len(data.assessments)
    records = json.loads((built_site / "data" / "targets.json").read_text(encoding="utf-8"))
    assert len(records) == len(rows)
    for r in rows:
        assert r["status"] in RULE_STATUSES and r["target_quote"] and r["target_source"] and r["reason"]
        if r["status"] in DECIDED and not r["override"]:
            assert r["outcome_quote"] or r["verdict_quote"]
        if r["margin"]:
            assert r["outcome_value"] and r["target_value"]


def test_every_status_links_both_quotes_and_the_rule(built_site, data):
    [a] = [a for a in data.assessments if (a.indicator, a.district, a.year) == ("retail-sales-growth", "yuzhong", 2024)]
    page = (built_site / "indicators" / "retail-sales-growth" / "index.html").read_text(encoding="utf-8")
    row = page[page.index('id="t2024-yuzhong"'):]
    row = row[:row.index("</tr>")]
    assert f"sources/{a.target['source']}/#{a.target['anchor']}" in row
    assert f"sources/{a.outcome['source']}/#{a.outcome['anchor']}" in row
    assert "Margin" in row and "Report's own verdict" in row


def test_a_half_year_figure_is_shown_but_settles_no_year_target(data_copy, tmp_path):
    # A test row: a first-half result for 2025 equal to the 2025 target; only a full-year figure may settle it.
    assert status(check(data_copy), "gdp-growth", "yuzhong", 2025).status == "awaiting"
    (data_copy / "observations" / "test-half-year.csv").write_text(
        "indicator,district,year,period,kind,value,qualifier,value_text,unit,source,quote,after,note\n"
        "gdp-growth,yuzhong,2025,h1,result,6,about,增长6%左右,%,yuzhong-2025-plan-report,提出地区生产总值增长6%左右的预期目标建议,,test row\n",
        encoding="utf-8")
    data = check(data_copy)
    assert status(data, "gdp-growth", "yuzhong", 2025).status == "awaiting"
    assert not [d for d in data.differences if d["indicator_id"] == "gdp-growth" and d["year"] == 2025]
    [page] = render(data_copy, tmp_path, ("indicator", "gdp-growth")).values()
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
        fh.write(f"{sid},yuzhong,2025,测试报告,work-report,2025-01-10,,{sid}.txt,results of 2024,,,test,\n")
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
