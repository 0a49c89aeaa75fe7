"""The glossary as a citable reference: citations, metadata, versions, permanent URLs, candidates."""
import csv
import io
import json
import re
from datetime import date

import pytest
import rispy
from conftest import DATA, render
from pybtex.database import parse_string

from govreports.errors import DataError
from govreports.load.read import load
from govreports.model import glossary_dates as versions
from govreports.pipeline import check


def read(site, path):
    return (site / path).read_text(encoding="utf-8")


def test_bibtex_ris_and_csl_json_come_from_one_record_with_version_and_hash(real_downloads, tmp_path):
    terms = {t["slug"]: t for t in json.loads(read(real_downloads, "data/glossary.json"))}
    [page] = render(DATA, tmp_path, ("term", "4311")).values()
    folder = tmp_path / "glossary" / "4311"
    csl = json.loads(read(folder, "cite.json"))[0]
    assert csl["type"] == "entry-dictionary" and csl["title"].startswith("4311")
    version = csl["version"]
    assert re.fullmatch(r"\d{4}\.\d+\+[a-p]{8}", version), version
    bib = parse_string(read(folder, "cite.bib"), "bibtex").entries["cqreports-4311"]
    assert bib.fields["version"] == version and bib.fields["title"] == csl["title"]
    ris = rispy.loads(read(folder, "cite.ris"))[0]
    assert ris["type_of_reference"] == "DICT" and ris["edition"] == version
    for style in ("APA", "MLA", "Chicago"):
        assert f'<span class="style">{style}</span>' in page
    assert page.count(version) >= 4  # APA, MLA, Chicago, BibTeX
    assert terms["4311"]["url"] == "glossary/4311/"


def test_head_carries_highwire_dublin_core_and_json_ld(build):
    for term in build.dataset.terms.values():
        head = read(build.site, f"glossary/{term.slug}/index.html").split("</head>")[0]
        for name in ("citation_title", "citation_author", "citation_publication_date", "citation_publisher",
                     "citation_language", "citation_public_url", "citation_keywords",
                     "DC.title", "DC.creator", "DC.date", "DC.identifier", "DC.language", "DC.rights"):
            assert f'<meta name="{name}" content="' in head, name
        assert f'content="{term.term} ({term.pinyin})"' in head
        assert '<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">' in head
        assert "citation_journal_title" not in head
        ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', head, re.S).group(1))
        assert ld["@type"] == "DefinedTerm" and ld["name"] == term.term
        assert ld["inDefinedTermSet"]["@type"] == "DefinedTermSet"


def test_a_changed_slug_keeps_its_old_url_as_a_redirect(data_copy, tmp_path):
    path = data_copy / "glossary.yml"
    text = path.read_text(encoding="utf-8")
    assert '- slug: "4311"\n' in text
    path.write_text(text.replace('- slug: "4311"\n', '- slug: "4311"\n  old_slugs: ["si-san-yi-yi"]\n', 1), encoding="utf-8")
    [page] = render(data_copy, tmp_path, ("term", "4311")).values()
    redirect = read(tmp_path, "glossary/si-san-yi-yi/index.html")
    assert '<meta http-equiv="refresh" content="0; url=../4311/">' in redirect
    assert '<link rel="canonical" href="../4311/">' in redirect
    assert "4-3-1-1 modern industrial system" in page


def test_an_old_slug_may_not_take_another_entrys_address(data_copy):
    path = data_copy / "glossary.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('- slug: "4311"\n', '- slug: "4311"\n  old_slugs: ["1361"]\n', 1), encoding="utf-8")
    try:
        check(data_copy)
    except DataError as e:
        assert any("old_slugs: '1361' is already the slug or an old slug of another entry" in str(p) for p in e.problems)
    else:
        raise AssertionError("expected a DataError")


def test_an_entry_that_changes_gets_a_new_hash_and_date(data_copy):
    raw = load(data_copy)
    dates, stamped = versions.stamp(data_copy, raw.glossary, today=date(2030, 1, 2))
    assert stamped == []  # the committed versions file matches the committed glossary
    before = dates["4311"]
    path = data_copy / "glossary.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("4-3-1-1 modern industrial system", "4-3-1-1 industrial system", 1), encoding="utf-8")
    dates, stamped = versions.stamp(data_copy, load(data_copy).glossary, today=date(2030, 1, 2))
    assert stamped == ["4311"] and dates["4311"] == "2030-01-02" != before
    rows = {r["slug"]: r for r in csv.DictReader(io.StringIO((data_copy / "glossary-versions.csv").read_text(encoding="utf-8")))}
    assert rows["4311"]["changed"] == "2030-01-02"


def test_the_build_prints_the_uncurated_candidates(build):
    line = f"{len(build.dataset.uncurated)} glossary candidate(s) in the sources have no glossary record"
    assert line in build.stdout


def test_candidates_are_found_in_the_sources_and_covered_by_records():
    data = check(__import__("conftest").DATA)
    for formula in ("4311", "1361", "11241", "一稳三抓五促", "八项行动计划"):
        assert formula in data.candidates, formula
        assert formula not in data.uncurated


def test_glossary_index_groups_by_kind_sorts_by_pinyin_and_counts(data, tmp_path):
    [page] = render(DATA, tmp_path, ("glossary", "")).values()
    assert 'class="index-words"' in page
    total = len(data.terms)
    assert f'<span class="shown">{total}</span> of {total} terms shown' in page
    assert page.count('class="glossary-kind"') >= 3
    for group in page.split('class="glossary-kind"')[1:]:
        keys = re.findall(r'<td data-sort-value="([^"]*)"><a href="../glossary/', group.split("</table>")[0])
        assert keys == sorted(keys) and keys
    assert "yi wen san zhua wu cu" in page  # pinyin without tones, for sorting and the filter


def test_terms_and_indicators_link_both_ways(tmp_path):
    pages = render(DATA, tmp_path, ("indicator", "gdp-growth"), ("term", "si-ge-jin-gen"))
    gdp, term = pages[("indicator", "gdp-growth")], pages[("term", "si-ge-jin-gen")]
    assert '<a href="../../glossary/si-ge-jin-gen/">四个紧跟</a>' in gdp
    assert 'href="../../indicators/gdp-growth/"' in term


@pytest.mark.slow
def test_terms_are_linked_in_the_quotes_of_indicator_pages(built_site):
    linked = [p for p in built_site.glob("indicators/*/index.html") if 'class="term" href="../../glossary/' in p.read_text(encoding="utf-8")]
    assert len(linked) >= 3


def test_broader_and_narrower_terms_link_each_other(tmp_path):
    pages = render(DATA, tmp_path, ("term", "4311"), ("term", "4-da-sheng-chan-xing-fu-wu-ye"))
    parent, child = pages[("term", "4311")], pages[("term", "4-da-sheng-chan-xing-fu-wu-ye")]
    assert "Narrower: <a href=\"../../glossary/4-da-sheng-chan-xing-fu-wu-ye/\">" in parent
    assert "Broader: <a href=\"../../glossary/4311/\">" in child
