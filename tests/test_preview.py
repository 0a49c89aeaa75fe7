"""build.py --serve: serves the site with its search index, and rebuilds it when the data changes.
A plain `mkdocs build` stops with one line that points to build.py and publishes nothing."""
import os
import re
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import ROOT, digest, run_build, warm_copy
from test_rebuild import edit_note, note_retail_sales


def read_until(process, pattern, seconds=120):
    deadline = time.monotonic() + seconds
    lines = []
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        lines.append(line)
        if m := re.search(pattern, line):
            return m
    raise AssertionError(f"{pattern!r} not printed: {''.join(lines)}")


@pytest.mark.slow
def test_serve_rebuilds_on_a_change_and_serves_search(data_copy, warm_site):
    site, work = warm_site
    process = subprocess.Popen([sys.executable, "-u", str(ROOT / "build.py"), "--data", str(data_copy), "--site", str(site),
                                "--work", str(work), "--serve", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    try:
        base = read_until(process, r"at (http://127\.0\.0\.1:\d+/)").group(1)
        assert urllib.request.urlopen(base).status == 200
        assert urllib.request.urlopen(base + "search-index/shards.json").status == 200
        assert "/__rebuilds__" in urllib.request.urlopen(base + "indicators/retail-sales-growth/").read().decode("utf-8")
        changed = base + "__rebuilds__?page=/indicators/retail-sales-growth/"
        untouched = base + "__rebuilds__?page=/glossary/4311/"
        assert urllib.request.urlopen(changed).read() == b"0"
        # A burst of saves: one rebuild.
        for n in range(3):
            note_retail_sales(data_copy, f"A note written while the preview runs ({n}).")
            time.sleep(0.01)
        read_until(process, r"^Rebuilt")
        assert urllib.request.urlopen(changed).read() == b"1"  # what tells the open page to reload
        assert urllib.request.urlopen(untouched).read() == b"0"  # a page the edit did not change stays as it is
        page = urllib.request.urlopen(base + "indicators/retail-sales-growth/").read().decode("utf-8")
        assert "A note written while the preview runs (2)." in page
        time.sleep(1.5)
        process.terminate()
        assert "rebuilding" not in process.communicate(timeout=30)[0]  # the burst made one rebuild
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_a_plain_mkdocs_build_points_to_build_py(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("published earlier", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if "ERROR" in line]
    assert len(errors) == 1 and "python build.py" in errors[0], result.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]


@pytest.mark.slow  # two rebuilds of the small data, one compared with the other
def test_the_preview_shows_the_pages_first_and_ends_as_a_build_does(small_build, small_copy, warm_small_site, tmp_path):
    """A preview's rebuild swaps in the pages with the search index the site had, says so, and then puts the
    new index in its place: it ends with the same site as build.py, up to date (a build after it has nothing to do)."""
    from govreports.pipeline import run
    from govreports.publish import fingerprint
    from govreports.publish.staging import SHARDS_FILE

    data, (site, work) = small_copy, warm_small_site
    other_site, other_work = warm_copy(small_build, tmp_path / "other")
    indicator = edit_note(sorted((data / "observations").glob("*.csv"))[0], lambda row: True, "A note the preview shows first.")
    page = site / "indicators" / indicator / "index.html"
    index_before = (site / SHARDS_FILE).read_bytes()
    seen = []

    def shown():
        seen.append(("A note the preview shows first." in page.read_text(encoding="utf-8"), (site / SHARDS_FILE).read_bytes() == index_before))

    run(data, site, work=work, warm=True, shown=shown)
    assert seen == [(True, True)]  # once, with the new page and the index as it was
    assert (site / SHARDS_FILE).read_bytes() != index_before
    assert not list(site.parent.glob(f".{site.name}.*"))  # nothing left beside the site
    assert run_build(data, other_site, work=other_work).returncode == 0
    assert digest(site) == digest(other_site)
    assert fingerprint.published(site)["inputs"] == fingerprint.inputs(ROOT, data)
