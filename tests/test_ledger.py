"""The ledger's edges, checked against the reports (issue 24): promises that govern whole sentences, one
measure under two names, series that mixed two measures, and numbered formulas shown in their parts."""
import re

from conftest import DATA, render

SENTENCE = re.compile(r"[^。；！？;]*")
PROMISES = {"力争": "strive", "确保": "ensure"}


def _sentence_before(text: str, quote: str, value_text: str) -> str:
    """The words of the quote's sentence before the value: what governs it."""
    squeezed = re.sub(r"\s+", "", text)
    at = squeezed.find(re.sub(r"\s+", "", quote))
    value = squeezed.find(re.sub(r"\s+", "", value_text), at)
    start = max(squeezed.rfind(end, 0, value) for end in "。；！？;")
    return squeezed[start + 1:value]


def test_a_promise_that_opens_a_sentence_governs_every_target_it_leads(data):
    """力争 … , … 、 … : a 力争 (or 确保) that opens a clause leads every clause after it to the end of the sentence,
    and each target there carries its promise."""
    checked = 0
    for r in data.rows:
        if r["kind"] != "target":
            continue
        before = _sentence_before(data.sources[r["source"]].text.raw, r["quote"], r["value_text"])
        for word, qualifier in PROMISES.items():
            if re.search(rf"(^|[，,]){word}", before):
                checked += 1
                assert qualifier in r["qualifier"].split("+"), (r["indicator_id"], r["year"], r["value_text"], before)
    assert checked


def test_an_outcome_under_the_other_name_of_the_same_measure_settles_a_target(data, tmp_path):
    pairs = [(iid, p) for iid, ind in data.indicators.items() for p in ind.pairings]
    assert pairs
    settled = [a for a in data.assessments if a.outcome and a.outcome["indicator_id"] != a.indicator]
    assert settled
    for a in settled:
        assert a.outcome["indicator_id"] in data.indicators[a.indicator].same_measures() and "the same measure" in a.reason
    # Each decision, with its reason, stands on both pages.
    iid, pairing = pairs[0]
    pages = render(DATA, tmp_path, ("indicator", iid), ("indicator", pairing.other))
    for page in pages.values():
        assert pairing.reason.split("“")[0][:40] in page.replace("&quot;", '"')


def test_series_that_mixed_two_measures_are_kept_apart():
    """续建项目 (continuing) and 在建项目 (under construction); 特色楼宇 and the municipal 特色“星级”楼宇."""
    import csv

    from conftest import DATA as data_dir
    rows = [r for path in (data_dir / "observations").glob("*.csv") for r in csv.DictReader(path.open(encoding="utf-8"))]
    for indicator, other_measure in (("continuing-projects", "在建项目"), ("new-featured-buildings", "星级")):
        mine = [r for r in rows if r["indicator"] == indicator]
        assert mine and not any(other_measure in r["value_text"] or other_measure in r["quote"].split(r["value_text"])[0][-12:] for r in mine), indicator


def test_numbered_formulas_defined_in_the_reports_show_their_parts(data, tmp_path):
    defined = [t for t in data.terms.values() if t.kind == "numbered-formula" and t.definitions]
    assert defined and all(t.components for t in defined), [t.term for t in defined if not t.components]
    page = render(DATA, tmp_path, ("term", defined[0].slug))[("term", defined[0].slug)]
    assert 'class="components"' in page
