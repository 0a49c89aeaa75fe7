"""The benchmark's synthetic data is valid, and a site built from it keeps the page budgets."""
import sys

import pytest
from conftest import ROOT, run_build

from govreports.pipeline import check

sys.path.insert(0, str(ROOT / "benchmarks"))
from synth_data import generate  # noqa: E402

pytestmark = pytest.mark.slow  # a benchmark's build
PAGE_BUDGET = 150_000  # bytes: an indicator page's own HTML with its chart data; the library is shared


def test_synthetic_data_passes_every_check_and_builds_within_the_page_budget(tmp_path):
    data, site = tmp_path / "data", tmp_path / "site"
    counts = generate(data, indicators=60, districts=6, years=4)
    assert counts["indicators"] == 60 and counts["sources"] == 24
    checked = check(data)
    assert len(checked.indicators) == 60 and len(checked.observations) == counts["observations"]
    assert checked.stamped == []  # the generator writes the glossary's version table itself
    result = run_build(data, site)
    assert result.returncode == 0, result.stderr
    sizes = [p.stat().st_size for p in site.glob("indicators/*/index.html") if p.parent.name != "indicators"]
    assert len(sizes) == 60
    assert max(sizes) < PAGE_BUDGET
    assert len(list(site.glob("scoreboard/*/index.html"))) > 0
