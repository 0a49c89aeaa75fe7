"""Year over year between reports: each report against the district's next (model/report_pairs.py), and
every term's use report by report (model/concordance.py: frequencies)."""
import csv
import re

from conftest import DATA, render


def _pages(data, tmp_path, *extra):
    wanted = [("report-pair", p.key) for p in data.report_pairs] + [("source", sid) for sid in data.sources] + list(extra)
    return render(DATA, tmp_path, *wanted)


def test_every_district_has_a_page_for_each_pair_of_consecutive_reports_linked_from_both(data, tmp_path):
    by_district: dict[str, list] = {}
    for sid, src in data.sources.items():  # in the order they were delivered
        by_district.setdefault(src.district, []).append(sid)
    expected = {(a, b) for ids in by_district.values() for a, b in zip(ids, ids[1:])}
    assert {(p.earlier, p.later) for p in data.report_pairs} == expected
    pages = _pages(data, tmp_path)
    for p in data.report_pairs:
        for sid in (p.earlier, p.later):
            assert f"year-over-year/{p.key}/" in pages[("source", sid)]


def test_a_pair_page_lists_every_target_of_both_reports_with_its_quote(data, tmp_path):
    pages = _pages(data, tmp_path)
    for p in data.report_pairs:
        page = pages[("report-pair", p.key)]
        earlier, later = data.sources[p.earlier], data.sources[p.later]
        own = {(r["source"], r["indicator_id"]) for r in data.rows
               if r["kind"] == "target" and not r["period"] and r["year"] == data.sources[r["source"]].year}
        listed = {t.indicator for t in p.targets}
        assert listed == {iid for sid, iid in own if sid in (p.earlier, p.later)}
        for t in p.targets:
            for row in (t.before, t.after):
                if row:
                    assert row["quote"] in page.replace("&quot;", '"').replace("&#34;", '"')
        for change, n in p.counts(list(data.target_change_kinds)).items():
            if n:
                assert re.search(rf'<h3 id="{change}">.*\({n}\)</h3>', page)
        assert "dropped”" not in page.replace("never “dropped”", "")
        # A part of a report, or another kind of document, is named as the reason for caution.
        for src in (earlier, later):
            assert (src.part and src.title in page) or not src.part
        assert (earlier.kind != later.kind) == ("different kinds of document" in page)


def test_a_pair_page_marks_the_terms_first_seen_in_the_later_report(data, tmp_path):
    pages = _pages(data, tmp_path)
    seen: set[str] = set()
    first_in: dict[str, set] = {}
    for sid in data.sources:
        used = {slug for slug, t in data.terms.items() if any(o.source == sid for o in t.occurrences)}
        first_in[sid] = used - seen
        seen |= used
    pairs = [p for p in data.report_pairs if first_in[p.later]]
    assert pairs
    for p in pairs:
        assert set(p.terms_first) == first_in[p.later]
        page = pages[("report-pair", p.key)]
        for slug in p.terms_first:
            assert re.search(rf'glossary/{re.escape(slug)}/">[^<]*</a> <span class="first-seen"', page), slug


def test_term_frequencies_count_every_occurrence_per_report(real_downloads, data):
    rows = list(csv.DictReader((real_downloads / "data" / "term-frequencies.csv").open(encoding="utf-8-sig")))
    sizes = {sid: sum(1 for ch in source.text.raw if not ch.isspace()) for sid, source in data.sources.items()}
    for slug, term in data.terms.items():
        mine = [r for r in rows if r["term_slug"] == slug]
        assert {r["source"] for r in mine} == {o.source for o in term.occurrences}  # a row for each report that uses the term
        assert sum(int(r["occurrences"]) for r in mine) == len(term.occurrences)
        for r in mine:
            size = sizes[r["source"]]
            assert int(r["characters"]) == size
            assert abs(float(r["per_10k"]) - int(r["occurrences"]) * 10_000 / size) < 0.01


def test_the_terms_over_time_views_have_a_shaded_cell_for_every_use(data, tmp_path):
    """Each district's page: a cell per term and report it uses; the overview: a cell per term and year."""
    districts = sorted({s.district for s in data.sources.values()})
    pages = render(DATA, tmp_path, ("terms-over-time", ""), *(("terms-over-time-district", d) for d in districts))
    used = data.frequencies
    for d in districts:
        mine = [f for f in used if data.sources[f.source].district == d]
        page = pages[("terms-over-time-district", d)]
        assert mine and len(re.findall(r'class="num heat heat-[1-9]"', page)) == len(mine)
        # a blank cell for each of the district's reports that one of its terms does not use
        reports = sum(1 for s in data.sources.values() if s.district == d)
        assert page.count('class="num heat heat-0"') == len({f.term for f in mine}) * reports - len(mine)
    by_year = {(f.term, data.sources[f.source].year) for f in used}
    assert len(re.findall(r'class="num heat heat-[1-9]"', pages[("terms-over-time", "")])) == len(by_year)
