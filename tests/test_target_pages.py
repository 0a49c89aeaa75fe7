"""What the scoreboard, indicator, comparison and task pages and targets.csv show of the assessed targets
(the rule itself is tested in test_assess.py)."""
import csv
import json
import re

from conftest import DATA, render

from govreports.load.vocabulary import RULE_STATUSES
from govreports.model.assess import DECIDED


def test_scoreboard_page_counts_and_links(data, tmp_path):
    pages = render(DATA, tmp_path, ("scoreboard", ""), ("scoreboard-year", "2024-yuzhong"))
    page, year = pages[("scoreboard", "")], pages[("scoreboard-year", "2024-yuzhong")]
    met = sum(a.status == "met" and a.year == 2024 and a.district == "yuzhong" for a in data.assessments)
    assert met > 10
    assert 'id="chart-scoreboard"' in page
    assert '<tr id="y2024-yuzhong"><td><a href="../scoreboard/2024-yuzhong/">2024</a>' in page  # old anchors still land on their row
    assert 'href="../../indicators/retail-sales-growth/#t2024-yuzhong"' in year
    assert year.count('class="status') >= met

def test_renamed_indicators_are_separate_series(tmp_path):
    [page] = render(DATA, tmp_path, ("indicator", "high-tech-enterprises")).values()
    spec = json.loads(re.search(r'id="chart-high-tech-enterprises">(.*?)</script>', page, re.S).group(1))
    assert all(2024 not in t["x"] for t in spec["data"])  # the old indicator's 2024 values are not drawn here
    assert "口径调整" in page

def test_comparison_pages_put_both_districts_side_by_side(tmp_path):
    pages = render(DATA, tmp_path, ("compare", "gdp-growth"), ("compare-index", ""))
    page, index = pages[("compare", "gdp-growth")], pages[("compare-index", "")]
    assert "<th>大渡口区</th>" in page and "<th>渝中区</th>" in page
    assert 'href="../compare/gdp-growth/"' in index

def test_the_2023_tasks_are_data_with_units_and_indicators(data, tmp_path):
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
    pages = render(DATA, tmp_path, ("agency", "muchengwenhuagongsi"), ("tasks", ""))
    assert pages[("agency", "muchengwenhuagongsi")].count('<li id="task-') == len(culture.leads) + len(culture.shares)
    assert pages[("tasks", "")].count('<li id="task-') == len(data.tasks)

def test_targets_csv_has_one_row_per_target_with_both_quotes(real_downloads, data):
    rows = list(csv.DictReader((real_downloads / "data" / "targets.csv").open(encoding="utf-8-sig")))
    assert len(rows) == len(data.assessments)
    records = json.loads((real_downloads / "data" / "targets.json").read_text(encoding="utf-8"))
    assert len(records) == len(rows)
    for r in rows:
        assert r["status"] in RULE_STATUSES and r["target_quote"] and r["target_source"] and r["reason"]
        if r["status"] in DECIDED and not r["override"]:
            assert r["outcome_quote"] or r["verdict_quote"]
        if r["margin"]:
            assert r["outcome_value"] and r["target_value"]

def test_every_status_links_both_quotes_and_the_rule(data, tmp_path):
    [a] = [a for a in data.assessments if (a.indicator, a.district, a.year) == ("retail-sales-growth", "yuzhong", 2024)]
    [page] = render(DATA, tmp_path, ("indicator", "retail-sales-growth")).values()
    row = page[page.index('id="t2024-yuzhong"'):]
    row = row[:row.index("</tr>")]
    assert f"sources/{a.target['source']}/#{a.target['anchor']}" in row
    assert f"sources/{a.outcome['source']}/#{a.outcome['anchor']}" in row
    assert "Margin" in row and "Report's own verdict" in row
