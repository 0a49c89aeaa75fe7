"""Issue 16's thresholds for the guesser, measured leave-one-out on the curated reports
(benchmarks/ingest_quality.py explains the evaluation; its table is in benchmarks/INGEST_RESULTS.md)."""
import sys

import pytest
from conftest import DATA, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from ingest_quality import evaluate, totals  # noqa: E402

FLOORS = {"kind": 0.90, "year": 0.90, "qualifier": 0.95, "indicator": 0.80}
RECALL = 0.95


@pytest.fixture(scope="module")
def scores():
    return evaluate(DATA)


def test_every_report_with_curated_figures_is_evaluated(scores):
    import csv

    with (DATA / "sources.csv").open(encoding="utf-8") as fh:
        sources = [r["id"] for r in csv.DictReader(fh)]
    curated = {p.stem for p in (DATA / "observations").glob("*.csv") if p.read_text(encoding="utf-8").count("\n") > 1}
    assert {s.source for s in scores} == {s for s in sources if s in curated}


def test_the_guesser_reaches_the_issues_thresholds(scores):
    total = totals(scores)
    assert total.recall >= RECALL, total.recall
    for field, floor in FLOORS.items():
        assert total.share(field) >= floor, (field, total.share(field))


def test_no_report_falls_far_below(scores):
    # Each report on its own, with some slack: a new report is one of these kinds.
    for s in scores:
        assert s.recall >= RECALL - 0.05, (s.source, s.recall)
        for field, floor in FLOORS.items():
            if s.of[field] >= 20:
                assert s.share(field) >= floor - 0.10, (s.source, field, s.share(field))
