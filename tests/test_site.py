"""The published site: what every build holds (on the small data, and on the real data among the slow
tests), and what the real data's pages and downloads say."""
import csv
import json
import re
from pathlib import Path

from conftest import DATA, render
from markupsafe import escape

from govreports.load.texts import SourceText, squeeze
from govreports.publish.search_shards import shard_count

HEADER = "id,indicator_id,indicator_zh,district,year,period,kind,value,qualifier,value_text,unit,source,paragraph,quote,after"


def read(site, path):
    return (site / path).read_text(encoding="utf-8-sig")


def test_observations_csv_has_the_fixed_header_and_every_quote_is_in_its_source(build):
    text = read(build.site, "data/observations.csv")
    assert text.splitlines()[0] == HEADER
    rows = list(csv.DictReader(text.splitlines()))
    assert len(rows) == len(build.dataset.rows)
    texts = {}
    for r in rows:
        if r["source"] not in texts:
            texts[r["source"]] = squeeze((build.data / "texts" / f"{r['source']}.txt").read_text(encoding="utf-8"))
        assert squeeze(r["quote"]) in texts[r["source"]], r
        assert r["value"] == "" or float(r["value"]) == float(r["value"])


def test_values_are_published_as_written(real_downloads):
    rows = list(csv.DictReader(read(real_downloads, "data/observations.csv").splitlines()))
    gdp_2018 = [r for r in rows if r["indicator_id"] == "gdp-growth" and r["year"] == "2018"]
    assert [(r["kind"], r["value"], r["qualifier"], r["value_text"]) for r in gdp_2018] == [("estimate", "1", "about", "增长1%左右")]
    worded = [r for r in rows if r["value_text"] == "保持全市前列"]
    assert worded and all(r["value"] == "" for r in worded)


def test_glossary_json_lists_every_term_with_its_occurrences(real_downloads, data):
    terms = json.loads(read(real_downloads, "data/glossary.json"))
    by_slug = {t["slug"]: t for t in terms}
    assert len(terms) == len(data.terms)
    t = by_slug["4311"]
    assert t["definition"].startswith("“4311”：指") and t["source"] == "yuzhong-2025-plan-report"
    assert t["occurrences"] and {"source", "paragraph", "snippet"} <= set(t["occurrences"][0])
    undefined = [t for t in terms if t["definition"] is None]
    assert undefined and all(t["source"] is None for t in undefined)
    assert by_slug["11241"]["definition"] is None  # used by the reports, never explained


def test_every_page_the_issue_names_exists(build):
    data = build.dataset
    for path in ["index.html", "indicators/index.html", "glossary/index.html", "sources/index.html", "methodology/index.html", "404.html",
                 *(f"indicators/{i}/index.html" for i in data.indicators), *(f"glossary/{t.slug}/index.html" for t in data.terms.values()),
                 *(f"sources/{s}/index.html" for s in data.sources)]:
        assert (build.site / path).is_file(), path


def test_indicator_page_has_chart_table_and_links_to_paragraphs(real_downloads, data, tmp_path):
    sources = render(DATA, tmp_path, ("indicator", "retail-sales-growth"), *(("source", s) for s in data.sources))
    page = sources[("indicator", "retail-sales-growth")]
    spec = re.search(r'<script type="application/json" id="chart-retail-sales-growth">(.*?)</script>', page, re.S)
    figure = json.loads(spec.group(1))
    assert {trace["name"] for trace in figure["data"]} >= {"渝中区 Yuzhong District · 目标 target", "大渡口区 Dadukou District · 实际 result"}
    rows = list(csv.DictReader(read(real_downloads, "data/observations.csv").splitlines()))
    mine = [r for r in rows if r["indicator_id"] == "retail-sales-growth"]
    assert page.count('<tr class="kind-') == len(mine)
    assert all(f'id="obs-{r["id"]}"' in page for r in mine)  # every value has its permalink
    for anchor_link in re.findall(r'href="\.\./\.\./sources/([^/]+)/#(p\d+|fn\d+)"', page):
        source_page = sources[("source", anchor_link[0])]
        assert f'id="{anchor_link[1]}"' in source_page


def test_every_chart_is_drawn_for_readers_without_javascript(build):
    """Each chart's build-time drawing holds every point, band, status label and legend entry of its
    interactive spec, in the same order, and the same axis title."""
    pages = [p for p in build.site.rglob("index.html") if 'class="plotly-chart' in p.read_text(encoding="utf-8")]
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for drawing, spec in re.findall(r'<div class="plotly-chart[^"]*"[^>]*>(.*?)</div>\s*<script type="application/json" id="chart-[^"]+">(.*?)</script>', html, re.S):
            figure = json.loads(spec)
            plot = re.search(r'<svg class="plot-area".*?</svg></div>', drawing, re.S).group(0)
            markers = [t for t in figure["data"] if "markers" in t.get("mode", "")]
            points = sum(y is not None for t in markers for y in t["y"])
            assert plot.count("<path ") == points, page
            bands = sum(1 for t in figure["data"] for b in (t.get("error_y") or {}).get("array", []) if b)
            assert plot.count('stroke-width="6"') == bands, page
            bars = sum(1 for t in figure["data"] if t["type"] == "bar" for y in t["y"] if y)
            assert plot.count("<rect ") == bars, page
            labels = [a["text"] for a in figure["layout"].get("annotations", [])]
            assert re.findall(r'paint-order="stroke">([^<]*)</text>', plot) == labels, page
            names = [t["name"] for t in figure["data"] if t.get("name")]
            assert re.findall(r'<li><svg[^>]*>.*?</svg> ([^<]*)</li>', drawing) == names, page
            title = figure["layout"]["yaxis"].get("title", {}).get("text")
            assert not title or title in drawing, page


def test_every_paragraph_link_on_every_page_lands_on_an_anchor(build):
    anchors = {}
    for src in (build.site / "sources").iterdir():
        if (src / "index.html").is_file():
            anchors[src.name] = set(re.findall(r'id="((?:p|fn)\d+)"', read(build.site, f"sources/{src.name}/index.html")))
    checked = 0
    for page in list(build.site.glob("indicators/*/index.html")) + list(build.site.glob("glossary/*/index.html")):
        for sid, anchor in re.findall(r'sources/([a-z0-9-]+)/#((?:p|fn)\d+)"', page.read_text(encoding="utf-8")):
            assert anchor in anchors[sid], (page, sid, anchor)
            checked += 1
    assert checked >= len(build.dataset.rows)  # each value links its paragraph


def test_renamed_indicators_link_both_ways_with_the_quoted_reason(tmp_path):
    pages = render(DATA, tmp_path, ("indicator", "high-tech-enterprises"), ("indicator", "invention-patents-per-10k"))
    new, old = pages[("indicator", "high-tech-enterprises")], pages[("indicator", "invention-patents-per-10k")]
    assert 'href="../../indicators/invention-patents-per-10k/"' in new and "将“万人发明专利拥有量”调整为“高新技术企业数量”" in new
    assert 'href="../../indicators/high-tech-enterprises/"' in old


def test_glossary_page_quotes_its_definition_and_lists_occurrences(tmp_path):
    pages = render(DATA, tmp_path, ("term", "4311"), ("term", "11241"))
    page = pages[("term", "4311")]
    assert "“4311”：指聚力发展现代金融" in page
    assert 'href="../../sources/yuzhong-2025-plan-report/#fn4"' in page
    assert page.count("<mark>4311</mark>") >= 3
    undefined = pages[("term", "11241")]
    assert "never define it" in undefined


def test_source_page_has_every_paragraph_and_links_terms(tmp_path):
    page = render(DATA, tmp_path, ("source", "yuzhong-2025-plan-report"))[("source", "yuzhong-2025-plan-report")]
    paragraphs = SourceText((DATA / "texts" / "yuzhong-2025-plan-report.txt").read_text(encoding="utf-8")).paragraphs
    for p in paragraphs:
        assert f'id="{p.anchor}"' in page
    assert '<a class="term" href="../../glossary/4311/">4311</a>' in page


def test_plotly_is_shipped_once_as_a_partial_bundle_and_no_page_needs_the_internet(build):
    bundles = list(build.site.rglob("plotly*.js"))
    assert [b.name for b in bundles] == ["plotly-basic.min.js"]
    assert 1_000_000 < bundles[0].stat().st_size < 1_300_000  # the full library is 4.6 MB
    for page in build.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "cdn.plot.ly" not in html and "fonts.googleapis.com" not in html, page


def test_every_indicator_page_keeps_the_page_weight_budget(build):
    """An indicator page's own HTML, chart data included, stays under 150 KB; the chart library is
    shipped once beside the pages."""
    sizes = {p.parent.name: p.stat().st_size for p in build.site.glob("indicators/*/index.html")}
    sizes.pop("indicators", None)  # the index
    assert len(sizes) == len(build.dataset.indicators)
    heaviest = max(sizes, key=sizes.get)
    assert sizes[heaviest] < 150_000, (heaviest, sizes[heaviest])


def test_the_bundle_is_the_plotly_js_that_plotly_py_writes_figures_for(build):
    import plotly

    def version(text):
        return re.search(r"plotly\.js (?:\(basic - minified\) )?v(\d+\.\d+\.\d+)", text[:300]).group(1)

    full = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_text(encoding="utf-8")
    assert version(read(build.site, "assets/plotly-basic.min.js")) == version(full)


def test_charts_use_only_trace_types_the_bundle_carries(build):
    types = set()
    for page in build.site.rglob("index.html"):
        for spec in re.findall(r'<script type="application/json" id="chart-[^"]+">(.*?)</script>', page.read_text(encoding="utf-8"), re.S):
            types |= {trace.get("type", "scatter") for trace in json.loads(spec)["data"]}
    assert types and types <= {"scatter", "bar", "pie"}, types


def test_search_indexes_every_page_but_those_that_rearrange_others(build):
    index = json.loads(read(build.site, "search-index/shards.json"))
    indexed = sum(len(m["kinds"]) for m in index["manifests"].values())
    searched = [p for p in build.site.rglob("index.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    assert len(index["shards"]) == shard_count(len(searched))  # the search page queries them all (tested in the browser)
    data = build.dataset
    assert indexed == len(searched) >= len(data.indicators) + len(data.terms) + len(data.sources)
    assert not any(p.parent.parent.name in ("compare", "scoreboard") for p in searched)  # comparison and per-year pages
    assert not (build.site / "pagefind").exists()


def test_every_chart_spec_is_valid_for_plotly(build):
    import plotly.graph_objects as go

    specs = 0
    for page in list(build.site.glob("indicators/*/index.html")) + list(build.site.glob("glossary/*/index.html")):
        for spec in re.findall(r'<script type="application/json" id="chart-[^"]+">(.*?)</script>', page.read_text(encoding="utf-8"), re.S):
            go.Figure(json.loads(spec))  # raises on any property plotly.js does not know
            specs += 1
    assert specs >= len({r["indicator_id"] for r in build.dataset.rows})  # every indicator with a value has its chart


def test_english_passages_say_they_are_english(build):
    from govreports.publish.mkdocs_hooks import mark_english

    assert mark_english("<p>Values are plotted in 亿元; hover for the wording.</p>") == '<p lang="en">Values are plotted in 亿元; hover for the wording.</p>'
    for kept in ("<p>全区地区生产总值增长6%左右。</p>", "<td>推动高质量发展 High-quality development</td>", '<p lang="zh">Some English words</p>'):
        assert mark_english(kept) == kept
    marked = 0
    for ind in csv.DictReader((build.data / "indicators.csv").open(encoding="utf-8")):
        subtitle = mark_english(f'<p class="subtitle">{escape(ind["name_en"])}</p>')
        assert subtitle in read(build.site, f"indicators/{ind['id']}/index.html"), ind["id"]
        marked += 'lang="en"' in subtitle
    assert marked, "no English subtitle was long enough to be marked"


def test_every_citable_page_has_a_cite_box_metadata_and_files_and_every_page_the_licence(build):
    built_site, data = build.site, build.data
    meta = __import__("yaml").safe_load((data / "dataset.yml").read_text(encoding="utf-8"))
    citable = {"indicators": list(csv.DictReader((data / "indicators.csv").open(encoding="utf-8"))),
               "sources": list(csv.DictReader((data / "sources.csv").open(encoding="utf-8"))),
               "agencies": list(csv.DictReader((data / "agencies.csv").open(encoding="utf-8")))}
    folders = [f"{kind}/{r['id']}" for kind, rows in citable.items() for r in rows] + ["scoreboard"]
    folders += [f"glossary/{t['slug']}" for t in __import__("yaml").safe_load((data / "glossary.yml").read_text(encoding="utf-8"))]
    for folder in folders:
        page = read(built_site, f"{folder}/index.html")
        assert '<meta name="citation_title"' in page and 'class="cite-box"' in page and "application/ld+json" in page, folder
        record = json.loads(read(built_site, f"{folder}/cite.json"))[0]
        assert record["version"].startswith(meta["version"] + "+") and f'content="{record["version"]}"' in page, folder
        assert (built_site / folder / "cite.bib").is_file() and read(built_site, f"{folder}/cite.ris").startswith("TY  - "), folder
        box = page.split('class="cite-box"')[1].split('class="downloads"')[0]
        assert re.findall(r'(Retrieved|Accessed) <span class="accessed" data-style="(\w+)">', box) == [
            ("Retrieved", "apa"), ("Accessed", "mla"), ("Accessed", "chicago")], folder  # site.js writes the day in
    for source in citable["sources"]:
        facts = read(built_site, f"sources/{source['id']}/index.html").split('class="facts"')[1].split("</table>")[0]
        assert re.search(rf"日期 Date</th><td[^>]*>{source['date']}\b", facts) and source["date"][:4] == source["year"], source["id"]
        assert source["url"] or source["url_note"], source["id"]
    for page in built_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        if "md-footer" in html:  # every page of the theme; the redirects of old glossary addresses have none
            assert f'rel="license">{meta["licence"]}</a>' in html, page
            assert f'">version {meta["version"]}</a>' in html, page  # a link to the version's page
    rows = list(csv.DictReader((built_site / "data" / "observations.csv").open(encoding="utf-8-sig")))
    first = rows[0]["indicator_id"]
    gdp = read(built_site, f"indicators/{first}/index.html")
    for r in (r for r in rows if r["indicator_id"] == first):
        cite = gdp.split(f'id="obs-{r["id"]}"')[1].split("</tr>")[0]
        assert "Cite this value" in cite and f"#obs-{r['id']}" in cite and r["quote"] in cite


def test_fast_citations_match_what_citeproc_and_pybtex_write(build):
    """Citations are formatted once per shape and filled in; on real records of every kind, and on
    every record whose text BibTeX escapes, the result is what formatting each record in full gives."""
    from govreports.render import citation

    records = [json.loads(p.read_text(encoding="utf-8"))[0] for p in sorted(build.site.rglob("cite.json"))]
    by_kind: dict[str, list] = {}
    for r in records:
        by_kind.setdefault(r["id"].split("-")[1], []).append(r)
    sample = [r for rs in by_kind.values() for r in rs[:3]] + [r for r in records if re.search(r"[&%#_$]", json.dumps(r, ensure_ascii=False))][:15]
    assert len(by_kind) >= 4 and sample
    for r in sample:
        assert citation.formatted(r) == citation._formatted(r), r["id"]
