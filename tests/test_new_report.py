"""A new report of a new district, added as content/add-a-report.md says: the district's row, `ingest.py
add`, the curator's accept marks, `ingest.py accept`, `scripts/check_data.py`, `build.py`, and the site's
link check. Nothing here depends on how many reports data/ holds today."""
import csv
import importlib.util
import re
import shlex
import subprocess
import sys

import pytest
from conftest import ROOT, run_build

spec = importlib.util.spec_from_file_location("check_links", ROOT / "scripts" / "check_links.py")
check_links = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_links)

DISTRICT = "shapingba,沙坪坝区,Shapingba District,#2ca02c"
ID = "shapingba-2026-work-report"
# A synthetic report: the figures are made up for the test.
REPORT = """2026年沙坪坝区人民政府工作报告（测试）

各位代表：

一、2025年工作回顾

上半年，全区地区生产总值增长4.1%。预计全年地区生产总值增长5.2%，达到1260.5亿元；社会消费品零售总额增长6%左右；城镇新增就业2.1万人。

二、2026年主要预期目标

地区生产总值增长5.5%左右，社会消费品零售总额增长6.5%，城镇新增就业2万人以上，空气质量优良天数不低于320天。
"""


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, *map(str, args)], capture_output=True, text=True, cwd=cwd)


@pytest.mark.slow
def test_a_new_district_report_is_added_accepted_built_and_checked(data_copy, warm_site, tmp_path):
    with (data_copy / "districts.csv").open("a", encoding="utf-8") as fh:
        fh.write(DISTRICT + "\n")
    colours = {r["id"]: r["colour"] for r in csv.DictReader((data_copy / "districts.csv").open(encoding="utf-8"))}
    text = tmp_path / "report.txt"
    text.write_text(REPORT, encoding="utf-8")

    added = run(ROOT / "ingest.py", "--data", data_copy, "add", text, "--district", "shapingba", "--year", "2026",
                "--kind", "work-report", "--title", "2026年沙坪坝区人民政府工作报告（测试）", "--date", "2026-01-15")
    assert added.returncode == 0, added.stderr
    # The curator follows the steps as printed: with this data folder, each command names it.
    steps = dict(line.strip().split(". ", 1) for line in added.stdout[added.stdout.index("Next steps"):].splitlines() if line[:4].strip()[:1].isdigit())
    assert "ingest.py --data" in steps["2"] and "scripts/check_data.py" in steps["4"] and "build.py --data" in steps["5"]

    review_file = data_copy / "review" / f"{ID}.csv"
    with review_file.open(encoding="utf-8-sig", newline="") as fh:
        review = list(csv.DictReader(fh))
    guessed = {(r["indicator"], r["year"], r["period"], r["kind"], r["value"], r["qualifier"]) for r in review}
    assert ("gdp-growth", "2025", "h1", "result", "4.1", "") in guessed
    assert ("gdp-growth", "2025", "", "estimate", "5.2", "") in guessed
    assert ("gdp", "2025", "", "estimate", "1260.5", "") in guessed
    assert ("gdp-growth", "2026", "", "target", "5.5", "about") in guessed
    assert ("air-quality-days", "2026", "", "target", "320", "not_below") in guessed
    for r in review:  # the curator checked every guess and accepts the rows that have an indicator
        r["accept"] = "yes" if r["indicator"] else ""
    with review_file.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, list(review[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(review)
    accepted = run(*shlex.split(steps["2"])[1:])
    assert accepted.returncode == 0, accepted.stderr

    checked = run(*shlex.split(steps["4"])[1:])
    assert checked.returncode == 0, checked.stdout
    assert re.search(rf"^{ID}: \d+ curated", checked.stdout, re.M)

    site, work = warm_site  # the site as published before the report came: the build is the rebuild a curator runs
    built = run_build(data_copy, site, work=work)
    assert built.returncode == 0, built.stderr
    problems, _ = check_links.check(site)
    assert problems == []

    page = (site / "indicators" / "gdp-growth" / "index.html").read_text(encoding="utf-8")
    assert "沙坪坝区" in page and "上半年" in page
    for district, colour in colours.items():  # each district keeps the colour data/ gives it
        if district in ("yuzhong", "shapingba"):
            assert colour.lower() in page.lower(), district
    assert (site / "sources" / ID / "index.html").is_file()
    with (data_copy / "sources.csv").open(encoding="utf-8") as fh:
        registered = sum(1 for _ in csv.DictReader(fh))
    assert f"{registered} sources" in built.stdout
