"""The built site in headless Chromium: charts draw, search finds Chinese words, no console errors.

Needs Debian's chromium at /usr/bin/chromium. Without it these tests fail; deselect them on purpose
with -m "not slow".
"""
import csv
import functools
import http.server
import json
import sys
import threading
from pathlib import Path

import pytest
from conftest import ARTIFACTS, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from audit_site import CHROMIUM, CHROMIUM_ARGS, SEARCHES, QuietHandler, audit, pages_of_each_kind  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base_url(built_site):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    # Imported by the test process that runs these, not by every one that collects them.
    sync_playwright = pytest.importorskip("playwright.sync_api", reason="the browser tests drive Chromium through Playwright").sync_playwright
    if not Path(CHROMIUM).exists():
        pytest.fail("the browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium fonts-noto-cjk); "
                    "deselect them with -m 'not slow'")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.console_errors = []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    yield page
    page.close()


def shot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


@pytest.mark.parametrize("path, charts", [
    ("", 0), ("indicators/", 0), ("indicators/gdp-growth/", 1), ("indicators/retail-sales-growth/", 1),
    ("glossary/", 0), ("glossary/4311/", 1), ("glossary/yi-wen-san-zhua-wu-cu/", 1), ("sources/yuzhong-2025-plan-report/", 0),
])
def test_page_loads_without_console_errors_and_draws_its_charts(page, base_url, path, charts):
    fetched = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    # Drawn at build time, the chart is there before any script; the library waits for the reader.
    assert page.locator(".plotly-chart .static-chart svg.plot-area").count() >= charts
    assert not any("plotly" in url for url in fetched)
    if charts:
        page.hover(".plotly-chart")
        page.wait_for_selector(".plotly-chart .main-svg", timeout=10_000)
        assert page.locator(".plotly-chart .static-chart").count() == 0
    assert page.locator(".plotly-chart").count() == page.locator(".plotly-chart[data-drawn]").count()
    shot(page, path.strip("/").replace("/", "_") or "home")
    assert page.console_errors == []


def test_search_finds_a_chinese_word_and_links_to_real_pages(page, base_url, built_site):
    fetched = set()  # the shards of the index the search read
    page.on("request", lambda r: fetched.add(r.url.split("/search-index/")[1].split("/")[0]) if "/search-index/" in r.url else None)
    page.goto(base_url + "search/")
    box = page.locator("#search-query")
    box.click()
    page.keyboard.type("旅游")  # typed, not pasted
    results = page.locator(".search-result__link")
    results.first.wait_for(timeout=10_000)
    assert results.count() > 0
    shot(page, "search")
    more = page.locator("button.search-more")  # results come twenty at a time
    for _ in range(10):
        if not more.is_visible():
            break
        more.click()
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    assert any("/indicators/" in h for h in hrefs) and any("/sources/" in h or "/glossary/" in h for h in hrefs), hrefs
    for href in hrefs:
        assert page.request.get(href.split("#")[0]).ok, href
    shards = json.loads((built_site / "search-index" / "shards.json").read_text(encoding="utf-8"))["shards"]
    assert len(shards) > 1 and set(shards) <= fetched, fetched  # every shard was searched
    assert page.console_errors == []


def test_the_header_search_box_opens_the_results_from_any_page(page, base_url):
    page.goto(base_url + "glossary/4311/")
    page.locator(".md-header .site-search input").fill("营商环境")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    page.locator(".search-result__link").first.wait_for(timeout=10_000)
    assert page.locator("#search-query").input_value() == "营商环境"
    assert page.console_errors == []


def test_a_term_brings_its_glossary_page_first_and_reports_open_at_the_paragraph(page, base_url):
    """三农 (issue 15): its glossary page first, then the report at the paragraph, the words marked."""
    page.goto(base_url + "search/?q=三农")
    first = page.locator(".search-result").first
    first.wait_for(timeout=10_000)
    assert first.locator(".search-result__link").get_attribute("href").endswith("glossary/san-nong/")
    assert "术语" in first.locator(".search-kind").inner_text()
    report = page.locator('.search-result[data-kind="report"]').first
    href = report.locator(".search-result__link").get_attribute("href")
    assert "/sources/" in href and "#p" in href
    assert "三农" in report.locator(".search-excerpts mark").first.inner_text()
    report.locator(".search-result__link").click()
    anchor = href.split("#")[1]
    assert "三农" in page.locator(f"#{anchor}").inner_text()
    box = page.locator(f"#{anchor}").bounding_box()
    assert 0 <= box["y"] < 900
    assert page.console_errors == []


def test_search_results_filter_by_kind_district_and_year(page, base_url):
    page.goto(base_url + "search/?q=营商环境")
    page.locator(".search-result").first.wait_for(timeout=10_000)
    total = page.locator(".search-result").count()
    page.locator('.search-kinds input[value="report"]').check()
    kinds = page.locator(".search-result").evaluate_all("rs => rs.map(r => r.dataset.kind)")
    assert kinds and set(kinds) == {"report"}
    page.locator('.search-kinds input[value="report"]').uncheck()
    page.locator(".search-district").select_option("大渡口区")
    wheres = page.locator(".search-result .search-where").all_inner_texts()
    assert wheres and all("大渡口区" in w for w in wheres)
    page.locator(".search-district").select_option("")
    page.locator(".search-year").select_option("2019")
    assert 0 < page.locator(".search-result").count() < total
    assert page.console_errors == []


def test_a_paragraph_link_scrolls_to_its_paragraph(page, base_url):
    page.goto(base_url + "indicators/gdp-growth/")
    link = page.locator('a[href*="sources/yuzhong-2019-work-report/#p"]').first
    anchor = link.get_attribute("href").split("#")[1]
    link.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("#" + anchor)
    box = page.locator(f"#{anchor}").bounding_box()
    assert 0 <= box["y"] < 900
    shot(page, "paragraph-link")


def test_glossary_filter_narrows_the_index(page, base_url):
    page.goto(base_url + "glossary/")
    shown = page.locator("form.index-tools .shown")
    total = int(shown.inner_text())
    page.locator("form.index-tools input.index-words").fill("wen san zhua")  # pinyin without tones
    assert page.locator("table.glossary-index tbody tr:not([hidden])").count() == int(shown.inner_text()) >= 1
    assert int(shown.inner_text()) < total
    assert page.locator("table.glossary-index tbody tr:not([hidden]) a", has_text="一稳三抓五促").count() == 1


def test_the_indicator_index_filters_by_facet_and_words_and_sorts(page, base_url, built_site):
    rows = list(csv.DictReader((built_site / "data" / "targets.csv").open(encoding="utf-8-sig")))
    missed = {r["indicator_id"] for r in rows if r["status"] == "missed"}
    page.goto(base_url + "indicators/")
    page.locator('select[data-facet="statuses"]').select_option("missed")
    visible = page.locator("table.indicator-index tbody tr:not([hidden]) td:first-child a")
    hrefs = visible.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert {h.strip("/").split("/")[-1] for h in hrefs} == missed
    page.locator('select[data-facet="statuses"]').select_option("")
    page.locator("form.index-tools input.index-words").fill("GDP growth")  # English, any case
    assert page.locator('table.indicator-index tbody tr:not([hidden]) a[href$="/gdp-growth/"]').count() == 1
    assert visible.count() < page.locator("table.indicator-index tbody tr").count()
    page.locator("form.index-tools input.index-words").fill("")
    page.locator("table.indicator-index th", has_text="数值 Values").locator("button").click()
    page.locator("table.indicator-index th", has_text="数值 Values").locator("button").click()  # descending
    counts = page.locator("table.indicator-index tbody tr td.num").evaluate_all("cells => cells.map(c => Number(c.textContent))")
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
    assert page.console_errors == []


def test_citations_name_the_address_the_page_is_read_at_and_the_day(page, base_url):
    import datetime
    day = datetime.date.today()
    long_date = f"{day:%B} {day.day}, {day.year}"
    mla_month = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."][day.month - 1]
    address = base_url + "glossary/4311/"
    page.goto(address)
    page.wait_for_load_state("networkidle")
    apa, mla, chicago = page.locator(".cite-box .cite-text").all_inner_texts()
    assert f"Retrieved {long_date}, from {address}" in apa
    assert mla.endswith(f"{address}. Accessed {day.day} {mla_month} {day.year}.")
    assert f"Accessed {long_date}. {address}" in chicago
    assert f'urldate = "{day.isoformat()}"' in page.locator(".cite-box .bibtex code").inner_text()
    for name, wanted in (("RIS", [f"Y2  - {day:%Y/%m/%d}", f"UR  - {address}"]), ("CSL-JSON", ['"accessed"', f'"URL": "{address}"'])):
        with page.expect_download() as download:
            page.locator(".cite-box .downloads a", has_text=name).click()
        text = Path(download.value.path()).read_text(encoding="utf-8")
        assert all(w in text for w in wanted), (name, text)
    page.goto(base_url + "indicators/gdp-growth/")
    page.locator("details.cite-value summary").first.click()
    assert page.locator("details.cite-value .cite-text").first.inner_text().endswith(f"Accessed {long_date}.")
    assert page.console_errors == []


def test_charts_draw_after_navigating_inside_the_site(page, base_url):
    page.goto(base_url + "indicators/")
    page.locator('a[href$="indicators/retail-sales-growth/"]').first.click()
    page.hover(".plotly-chart")
    page.wait_for_selector(".plotly-chart .main-svg", timeout=10_000)
    page.locator('a[href*="glossary/"]').first.click()
    page.wait_for_load_state("networkidle")
    page.go_back()
    page.hover(".plotly-chart")
    page.wait_for_selector(".plotly-chart .main-svg", timeout=10_000)
    assert page.locator(".plotly-chart").count() == page.locator(".plotly-chart:has(.main-svg)").count() >= 1
    page.goto(base_url + "scoreboard/")
    page.locator(".plotly-chart").focus()  # the keyboard reader's way to the interactive plot
    page.wait_for_selector(".plotly-chart .main-svg", timeout=10_000)
    shot(page, "scoreboard")
    assert page.console_errors == []


def test_every_kind_of_page_stays_on_site_and_passes_axe_on_a_desktop(browser, built_site):
    """One page of each kind at 1280 px: no sideways scrolling, no console error, no request to another host, and
    no serious or critical axe-core (WCAG 2.1 A/AA) violation. test_publish audits the same pages at 390 px, as
    published under a sub-path, in the one visit of each page its tests share."""
    paths = pages_of_each_kind(built_site) + SEARCHES
    assert len(paths) >= 17
    findings = audit(built_site, paths, widths=(1280,), browser=browser)
    assert findings == [], "\n".join(f"{f['page']} @{f['width']}: {f['kind']} {f['detail']}" for f in findings)


def test_the_audit_reports_each_kind_of_problem_it_looks_for(browser, tmp_path):
    """A page with one of each problem, the console error written a moment after the page loaded."""
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>Broken</title></head><body><main>'
        '<div style="width:3000px">wide</div><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<script>addEventListener("load", () => { fetch("http://example.invalid/x").catch(() => {});'
        ' setTimeout(() => console.error("late failure"), 250); })</script></main></body></html>', encoding="utf-8")
    findings = audit(tmp_path, ["broken/"], widths=(390,), browser=browser)
    found = {kind: " ".join(f["detail"] for f in findings if f["kind"] == kind) for kind in {f["kind"] for f in findings}}
    assert found.keys() == {"overflow", "console", "off-site", "axe"}, findings
    assert "late failure" in found["console"] and "example.invalid" in found["off-site"] and "image-alt" in found["axe"]


@pytest.mark.parametrize("width, toolbar", [(390, False), (1280, True)])
def test_the_chart_toolbar_shows_only_where_it_leaves_the_legend_free(page, base_url, width, toolbar):
    """With a mouse: on a wide page the toolbar shows on hover; on a narrow one the legend runs across the chart's top,
    where the toolbar would lie over it, so there is none."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base_url + "indicators/gdp-growth/")
    page.hover(".plotly-chart")
    page.wait_for_selector(".plotly-chart .main-svg", timeout=10_000)
    page.hover(".plotly-chart .main-svg")
    assert (page.locator(".plotly-chart .modebar").count() > 0) == toolbar
    assert page.console_errors == []


def test_a_phone_reader_sees_targets_as_cards_and_a_chart_without_a_toolbar(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(base_url + "indicators/retail-sales-growth/")
    page.tap(".plotly-chart")
    page.wait_for_selector(".plotly-chart .main-svg", timeout=10_000)
    assert page.locator(".plotly-chart .modebar").count() == 0  # no toolbar over the plot on touch
    header = page.locator("table.assessments thead")
    assert not header.is_visible()  # the cells carry their own labels
    label = page.locator("table.assessments td[data-label]").first.evaluate("td => getComputedStyle(td, '::before').content")
    assert "Year" in label
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "phone-indicator")
    context.close()
