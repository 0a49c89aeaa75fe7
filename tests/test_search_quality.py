"""Search quality on queries derived from the data (benchmarks/search_quality.py), run by the site's own
search code in headless Chromium against the built site. Fails when a change lowers recall or ranking.

Thresholds from issue 15: recall ≥ 99 % over (term, report holding it); the glossary page first for
≥ 95 % of terms and aliases; ≥ 95 % of report results open at a paragraph holding the words; every
everyday English query (English names and synonyms) with its indicator in the top 3; the first result
within a second from a local server.
"""
import sys
from pathlib import Path

import pytest

# A benchmark, in a browser: without Chromium it fails, unless deselected. One worker runs it once.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("search-quality")]
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from search_quality import measure  # noqa: E402
from search_queries import derive  # noqa: E402

from govreports.pipeline import check  # noqa: E402


@pytest.fixture(scope="module")
def figures(built_site, tmp_path_factory):
    return measure(built_site, tmp_path_factory.mktemp("bench"), ["own"], runs=5, log=lambda line: None)["own"]


def test_the_queries_come_from_the_data(data_copy):
    """Adding a term, an alias or a synonym adds its query: nothing is a fixed list."""
    data = check(data_copy)
    queries = derive(data)
    terms = {q.text for q in queries if q.kind == "term"}
    assert {t.term for t in data.terms.values()} <= terms
    assert {m for t in data.terms.values() for m in t.match} <= terms
    english = {q.text for q in queries if q.kind == "indicator-en"}
    assert {s for i in data.indicators.values() for s in i.synonyms} <= english
    assert {i.name_en for i in data.indicators.values()} <= english
    with (data_copy / "synonyms.csv").open("a", encoding="utf-8") as f:
        f.write("gdp,regional output\n")
    assert "regional output" in {q.text for q in derive(check(data_copy)) if q.kind == "indicator-en"}


def test_every_report_that_holds_a_term_is_found(figures):
    assert figures["recall"] >= 99, figures["misses"]["recall"][:20]


def test_a_term_or_alias_brings_its_glossary_page_first(figures):
    assert figures["first"] >= 95, figures["misses"]["first"][:20]


def test_report_results_open_at_the_paragraph_that_holds_the_words(figures):
    assert figures["paragraph"] >= 95, figures["misses"]["paragraph"][:20]
    assert figures["phrase"] >= 95, figures["misses"]["phrase"][:20]


def test_every_english_name_and_synonym_finds_its_indicator_in_the_top_3(figures):
    assert figures["english"] == 100, figures["misses"]["indicator-en"][:20]
    assert figures["chinese"] >= 95, figures["misses"]["indicator-zh"][:20]


def test_the_first_result_comes_within_a_second(figures):
    assert figures["first_ms"] <= 1000 and figures["typed_ms"] <= 1000, (figures["first_ms"], figures["typed_ms"])
