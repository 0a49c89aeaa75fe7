"""Adding a report as the how-to says: a report taken out of data/ and ingested again yields its
headline figures and terms; arguments are checked first; odd encodings are read or refused; accept
checks the rows as the build does and is idempotent; remove undoes an add to the byte."""
import contextlib
import csv
import hashlib
import importlib.util
import io
import subprocess
import sys

import yaml
from conftest import ROOT

from govreports.pipeline import check

SOURCE = "yuzhong-2019-work-report"
ADD = ["--district", "yuzhong", "--year", "2026", "--kind", "work-report", "--title", "测试报告", "--date", "2026-01-20"]
_SPEC = importlib.util.spec_from_file_location("ingest_command", ROOT / "ingest.py")
INGEST = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(INGEST)
REPORT = "一、2025年工作回顾\n\n预计全年地区生产总值增长5.9%，社会消费品零售总额增长6%左右。\n\n二、2026年主要预期目标\n\n地区生产总值增长5.5%左右。\n"


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


def ingest(data, *args) -> subprocess.CompletedProcess:
    """ingest.py as a curator runs it, in this process: an interpreter and the build's imports for each of the
    tests' thirty commands took longer than the commands. (test_new_report runs it as a command.)"""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = INGEST.main(["--data", str(data), *map(str, args)])
        except SystemExit as e:  # argparse's refusal of the arguments
            code = e.code
    return subprocess.CompletedProcess(["ingest.py", *args], code, out.getvalue(), err.getvalue())


def read_review(path):
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def write_review(path, rows):
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def added(data, tmp_path):
    """REPORT added to data: its review file and rows."""
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    assert ingest(data, "add", str(report), *ADD).returncode == 0
    path = data / "review" / "yuzhong-2026-work-report.csv"
    return path, read_review(path)


def snapshot(folder):
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_removed_report_ingested_again_yields_its_headline_figures_and_terms(data_copy, tmp_path):
    original = without_the_2019_report(data_copy)
    report = tmp_path / "report.txt"
    report.write_text(original, encoding="utf-8")
    result = ingest(data_copy, "add", str(report), "--district", "yuzhong", "--year", "2019", "--kind", "work-report",
                    "--title", "2019年重庆市渝中区人民政府工作报告", "--date", "2019-01-13", "--id", SOURCE)
    assert result.returncode == 0, result.stderr
    assert "figure candidates" in result.stdout
    # The review file opens in a spreadsheet as UTF-8, and shows the sentence, clause and paragraph of each figure.
    assert (data_copy / "review" / f"{SOURCE}.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    review = read_review(data_copy / "review" / f"{SOURCE}.csv")
    assert {"accept", "period", "sentence", "clause", "paragraph"} <= set(review[0])
    found = {(r["indicator"], r["year"], r["kind"], r["value"], r["qualifier"]) for r in review}
    # The 2018 headline figures (预计…) and the 2019 main targets.
    for expected in [("gdp", "2018", "estimate", "1200", "exceed"), ("gdp-growth", "2018", "estimate", "1", "about"),
                     ("budget-revenue-growth", "2018", "estimate", "-6.7", ""), ("retail-sales-growth", "2018", "estimate", "8.5", "about"),
                     ("fai", "2018", "estimate", "220", ""), ("urban-income", "2018", "estimate", "3.9", ""),
                     ("retail-sales-growth", "2019", "target", "7.5", "about"), ("budget-revenue", "2019", "target", "44.5", "about")]:
        assert expected in found, expected
    terms = {r["candidate"]: r["in_glossary"] for r in read_review(data_copy / "review" / f"{SOURCE}-terms.csv")}
    assert terms["一稳三抓五促"] == "yes" and terms["八项行动计划"] == "yes" and terms["三大攻坚战"] == "yes"
    check(data_copy)  # registered, nothing accepted yet: still valid

    # The curator accepts the two GDP rows; they are published after the next build.
    for r in review:
        if (r["indicator"], r["value"]) in {("gdp", "1200"), ("gdp-growth", "1")}:
            r["accept"] = "yes"
    write_review(data_copy / "review" / f"{SOURCE}.csv", review)
    assert ingest(data_copy, "accept", str(data_copy / "review" / f"{SOURCE}.csv")).returncode == 0
    data = check(data_copy)
    mine = data.observations[data.observations["source"] == SOURCE]
    assert sorted(mine["value_text"]) == ["增长1%左右", "突破1200亿元"]


def test_add_checks_every_argument_first_and_names_the_valid_values(data_copy, tmp_path):
    before = snapshot(data_copy)
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    result = ingest(data_copy, "add", str(report), "--district", "nowhere", "--year", "20x6", "--kind", "speech", "--title", "x", "--date", "2026-13-01")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert any(line.startswith("ingest: --district: unknown district 'nowhere'") and "yuzhong" in line for line in lines), lines
    assert any(line.startswith("ingest: --kind: unknown kind 'speech': expected one of work-report, task-breakdown, plan-report") for line in lines), lines
    assert any(line.startswith("ingest: --year:") for line in lines) and any(line.startswith("ingest: --date: expected a date as YYYY-MM-DD") for line in lines)
    assert snapshot(data_copy) == before  # nothing written


def test_a_clashing_id_is_explained_with_the_ways_out(data_copy, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    # The first half of the 2024 report, whose second half is registered under the default id.
    result = ingest(data_copy, "add", str(report), "--district", "yuzhong", "--year", "2024", "--kind", "work-report", "--title", "上半部分")
    assert result.returncode == 1
    assert "sources.csv:" in result.stderr and "'yuzhong-2024-work-report' is already registered" in result.stderr
    assert "--id yuzhong-2024-work-report-2" in result.stderr and "ingest.py remove yuzhong-2024-work-report" in result.stderr
    assert ingest(data_copy, "add", str(report), "--district", "yuzhong", "--year", "2024", "--kind", "work-report", "--title", "上半部分",
                  "--id", "yuzhong-2024-work-report-1").returncode == 0


def test_gbk_and_bom_texts_are_read_with_a_notice_and_saved_as_utf8(data_copy, tmp_path):
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(REPORT.encode("gbk"))
    result = ingest(data_copy, "add", str(gbk), *ADD)
    assert result.returncode == 0, result.stderr
    assert "GBK" in result.stdout and str(gbk) in result.stdout
    assert (data_copy / "texts" / "yuzhong-2026-work-report.txt").read_text(encoding="utf-8") == REPORT
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + REPORT.encode("utf-8"))
    result = ingest(data_copy, "add", str(bom), *ADD, "--id", "yuzhong-2026-work-report-bom")
    assert result.returncode == 0 and "byte-order mark" in result.stdout
    assert not (data_copy / "texts" / "yuzhong-2026-work-report-bom.txt").read_bytes().startswith(b"\xef\xbb\xbf")
    check(data_copy)


def test_unreadable_empty_and_figure_free_texts_are_refused_with_the_file_name(data_copy, tmp_path):
    before = snapshot(data_copy)
    cases = {"binary.txt": (b"\x81\x30\xff\xfe\x00abc", "neither UTF-8 nor GBK/GB18030"),
             "empty.txt": (b"  \n\n", "the file is empty"),
             "words.txt": ("只有文字，没有数字。\n".encode("utf-8"), "no figure")}
    for name, (content, message) in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        result = ingest(data_copy, "add", str(path), *ADD)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert str(path) in result.stderr and message in result.stderr, result.stderr
    assert ingest(data_copy, "add", str(tmp_path / "missing.txt"), *ADD).stderr.startswith(f"ingest: {tmp_path / 'missing.txt'}: file not found")
    assert snapshot(data_copy) == before


def test_a_review_file_saved_as_gbk_is_accepted_with_a_notice(data_copy, tmp_path):
    """A spreadsheet program on a Chinese Windows may save the review file as GBK: it is read with a notice."""
    path, review = added(data_copy, tmp_path)
    review[0]["accept"] = "是"
    write_review(path, review)
    path.write_bytes(path.read_text(encoding="utf-8-sig").encode("gbk"))
    result = ingest(data_copy, "accept", str(path))
    assert result.returncode == 0, result.stderr
    assert f"notice: {path}: not UTF-8; read as GBK/GB18030" in result.stdout and "1 added" in result.stdout


def test_a_malformed_data_table_stops_add_with_its_file_and_line(data_copy, tmp_path):
    """Ingest reads data/ with the build's own CSV reader, so a broken table is named as the build names it."""
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    path = data_copy / "indicators.csv"
    line = path.read_text(encoding="utf-8").count("\n") + 1
    with path.open("a", encoding="utf-8") as fh:
        fh.write("broken-row,断行\n")
    before = snapshot(data_copy)
    result = ingest(data_copy, "add", str(report), *ADD)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith(f"ingest: indicators.csv:{line}: 2 cells: expected"), result.stderr
    assert snapshot(data_copy) == before


def test_accept_checks_rows_as_the_build_does_and_runs_twice_to_the_same_result(data_copy, tmp_path):
    path, review = added(data_copy, tmp_path)
    for r in review:
        r["accept"] = "yes"
    review[0]["indicator"] = ""
    review[1]["unit"] = "percent"
    write_review(path, review)
    result = ingest(data_copy, "accept", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "review/yuzhong-2026-work-report.csv:2: indicator: empty" in result.stderr, result.stderr
    assert "review/yuzhong-2026-work-report.csv:3: unit: unknown unit 'percent'" in result.stderr, result.stderr
    observations = data_copy / "observations" / "yuzhong-2026-work-report.csv"
    assert observations.read_text(encoding="utf-8").count("\n") == 1  # nothing accepted

    review[0]["indicator"], review[1]["unit"] = "gdp-growth", "%"
    write_review(path, review)
    assert "3 added" in ingest(data_copy, "accept", str(path)).stdout
    first = observations.read_bytes()
    again = ingest(data_copy, "accept", str(path))
    assert again.returncode == 0 and "0 added, 0 updated, 3 unchanged" in again.stdout
    assert observations.read_bytes() == first
    assert len(check(data_copy).observations.query("source == 'yuzhong-2026-work-report'")) == len(review)

    review[2]["accept"] = ""  # changed their mind
    write_review(path, review)
    assert "1 withdrawn" in ingest(data_copy, "accept", str(path)).stdout
    assert len(check(data_copy).observations.query("source == 'yuzhong-2026-work-report'")) == len(review) - 1


def test_remove_undoes_an_add_completely(data_copy, tmp_path):
    before = snapshot(data_copy)
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    assert ingest(data_copy, "add", str(report), *ADD).returncode == 0
    path = data_copy / "review" / "yuzhong-2026-work-report.csv"
    review = read_review(path)
    review[0]["accept"] = "yes"
    write_review(path, review)
    assert ingest(data_copy, "accept", str(path)).returncode == 0
    refused = ingest(data_copy, "remove", "yuzhong-2026-work-report")
    assert refused.returncode == 1 and "--yes" in refused.stderr  # it has curated rows
    assert ingest(data_copy, "remove", "yuzhong-2026-work-report", "--yes").returncode == 0
    after = snapshot(data_copy)
    assert after == {k: v for k, v in before.items()}, set(after) ^ set(before)
    # --replace removes and adds in one go
    assert ingest(data_copy, "add", str(report), *ADD).returncode == 0
    assert ingest(data_copy, "add", str(report), *ADD, "--replace").returncode == 0
    check(data_copy)


def test_a_report_others_refer_to_is_not_removed(data_copy):
    result = ingest(data_copy, "remove", "yuzhong-2025-plan-report", "--yes")
    assert result.returncode == 1 and "verdicts.csv:" in result.stderr and "refers to 'yuzhong-2025-plan-report'" in result.stderr


def test_the_command_line_answers_without_loading_the_build():
    code = "import sys, govreports.ingest; print('pandas' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout.strip() == "False"
    assert subprocess.run([sys.executable, str(ROOT / "ingest.py"), "--help"], capture_output=True, text=True).returncode == 0


def test_a_report_added_without_its_day_is_dated_to_its_year_and_says_so(data_copy, tmp_path):
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    args = [a for a in ADD if a not in ("--date", "2026-01-20")]
    assert ingest(data_copy, "add", str(report), *args).returncode == 0
    row = next(r for r in csv.DictReader((data_copy / "sources.csv").open(encoding="utf-8")) if r["id"] == "yuzhong-2026-work-report")
    assert row["date"] == "2026" and row["date_note"]
    check(data_copy)  # a valid report of the build's own rules
