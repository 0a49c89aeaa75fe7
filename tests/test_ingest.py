"""A report taken out of data/ and ingested again from its text: the review lists its headline
figures and terms, and accepted rows build."""
import csv
import subprocess
import sys

import yaml
from conftest import ROOT

from govreports.pipeline import check

SOURCE = "yuzhong-2019-work-report"


def without_the_2019_report(data):
    text = data / "texts" / f"{SOURCE}.txt"
    original = text.read_text(encoding="utf-8")
    text.unlink()
    (data / "observations" / f"{SOURCE}.csv").unlink()
    (data / "dismissed" / f"{SOURCE}.csv").unlink(missing_ok=True)
    rows = (data / "sources.csv").read_text(encoding="utf-8").splitlines()
    (data / "sources.csv").write_text("\n".join(r for r in rows if not r.startswith(SOURCE + ",")) + "\n", encoding="utf-8")
    terms = yaml.safe_load((data / "glossary.yml").read_text(encoding="utf-8"))
    for t in terms:
        t["definitions"] = [d for d in t.get("definitions") or [] if d["source"] != SOURCE]
    (data / "glossary.yml").write_text(yaml.safe_dump(terms, allow_unicode=True, sort_keys=False), encoding="utf-8")
    check(data)  # the data is valid without the report
    return original


def ingest(data, *args):
    return subprocess.run([sys.executable, str(ROOT / "ingest.py"), "--data", str(data), *args], capture_output=True, text=True)


def test_a_removed_report_ingested_again_yields_its_headline_figures_and_terms(data_copy, tmp_path):
    original = without_the_2019_report(data_copy)
    report = tmp_path / "report.txt"
    report.write_text(original, encoding="utf-8")
    result = ingest(data_copy, "add", str(report), "--district", "yuzhong", "--year", "2019", "--kind", "work-report",
                    "--title", "2019年重庆市渝中区人民政府工作报告", "--date", "2019-01-13", "--id", SOURCE)
    assert result.returncode == 0, result.stderr
    assert "figure candidates" in result.stdout
    with (data_copy / "review" / f"{SOURCE}.csv").open(encoding="utf-8") as fh:
        review = list(csv.DictReader(fh))
    found = {(r["indicator"], r["year"], r["kind"], r["value"], r["qualifier"]) for r in review}
    # The 2018 headline figures (预计…) and the 2019 main targets.
    for expected in [("gdp", "2018", "estimate", "1200", "exceed"), ("gdp-growth", "2018", "estimate", "1", "about"),
                     ("budget-revenue-growth", "2018", "estimate", "-6.7", ""), ("retail-sales-growth", "2018", "estimate", "8.5", "about"),
                     ("fai", "2018", "estimate", "220", ""), ("urban-income", "2018", "estimate", "3.9", ""),
                     ("retail-sales-growth", "2019", "target", "7.5", "about"), ("budget-revenue", "2019", "target", "44.5", "about")]:
        assert expected in found, expected
    with (data_copy / "review" / f"{SOURCE}-terms.csv").open(encoding="utf-8") as fh:
        terms = {r["candidate"]: r["in_glossary"] for r in csv.DictReader(fh)}
    assert terms["一稳三抓五促"] == "yes" and terms["八项行动计划"] == "yes" and terms["三大攻坚战"] == "yes"
    check(data_copy)  # registered, nothing accepted yet: still valid

    # The curator accepts the two GDP rows; they are published after the next build.
    for r in review:
        if (r["indicator"], r["value"]) in {("gdp", "1200"), ("gdp-growth", "1")}:
            r["accept"] = "yes"
    with (data_copy / "review" / f"{SOURCE}.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, list(review[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(review)
    assert ingest(data_copy, "accept", str(data_copy / "review" / f"{SOURCE}.csv")).returncode == 0
    data = check(data_copy)
    mine = data.observations[data.observations["source"] == SOURCE]
    assert sorted(mine["value_text"]) == ["增长1%左右", "突破1200亿元"]


def test_registering_a_report_twice_is_refused(data_copy, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("测试。\n", encoding="utf-8")
    result = ingest(data_copy, "add", str(report), "--district", "yuzhong", "--year", "2019", "--kind", "work-report", "--title", "x", "--id", SOURCE)
    assert result.returncode == 1 and "already registered" in result.stderr
