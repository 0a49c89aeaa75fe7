"""Rebuilds: skipped when nothing changed; after a change, only what changed is rebuilt, and the
result is the same as a full build."""
import csv
import subprocess
import sys

from conftest import ROOT, run_build
from test_output import fingerprint


def edit_note(data, text):
    path = data / "observations" / "yuzhong-2025-plan-report.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    row = next(r for r in rows if r["indicator"] == "retail-sales-growth")
    row["note"] = text
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_a_rebuild_with_nothing_changed_is_skipped_and_a_change_is_not(data_copy, tmp_path):
    site = tmp_path / "site"
    first = run_build(data_copy, site)
    assert first.returncode == 0, first.stderr
    for stage in ("checked 181 indicators", "rendered", "MkDocs wrote the HTML", "Pagefind indexed"):
        assert stage in first.stdout  # progress, stage by stage
    stamp = (site / "index.html").stat().st_mtime_ns
    again = run_build(data_copy, site)
    assert again.returncode == 0
    assert again.stdout.startswith("Nothing changed since the last build") and "Published" not in again.stdout
    assert (site / "index.html").stat().st_mtime_ns == stamp
    edit_note(data_copy, "A note added after the first build.")
    changed = run_build(data_copy, site)
    assert "Published" in changed.stdout
    assert "A note added after the first build." in (site / "indicators" / "retail-sales-growth" / "index.html").read_text(encoding="utf-8")


def test_a_rebuild_after_one_change_equals_a_full_build(data_copy, tmp_path):
    site, full = tmp_path / "site", tmp_path / "full"
    assert run_build(data_copy, site).returncode == 0
    edit_note(data_copy, "Checked again.")
    partial = run_build(data_copy, site)
    assert partial.returncode == 0, partial.stderr
    carried = [line for line in partial.stdout.splitlines() if "unchanged files carried over" in line]
    assert carried, partial.stdout
    forced = subprocess.run([sys.executable, str(ROOT / "build.py"), "--data", str(data_copy), "--site", str(full), "--force"],
                            capture_output=True, text=True, cwd=ROOT)
    assert forced.returncode == 0 and "carried over" not in forced.stdout
    assert fingerprint(site) == fingerprint(full)


def test_a_term_that_is_removed_leaves_no_page_behind(data_copy, tmp_path):
    import yaml

    site = tmp_path / "site"
    assert run_build(data_copy, site).returncode == 0
    path = data_copy / "glossary.yml"
    text = path.read_text(encoding="utf-8")
    terms = yaml.safe_load(text)
    gone = next(t for t in terms if text.count(t["slug"]) == 1)  # a term no other entry refers to
    path.write_text(yaml.safe_dump([t for t in terms if t is not gone], allow_unicode=True, sort_keys=False), encoding="utf-8")
    rebuilt = run_build(data_copy, site)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "carried over" in rebuilt.stdout
    assert not (site / "glossary" / gone["slug"]).exists()
    assert (site / "glossary" / "4311" / "index.html").exists()
