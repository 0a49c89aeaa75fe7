"""Publishing (issue 25): the site built with SITE_URL for an address under a sub-path and served only
there, as a static host would: no broken link, request or search; charts load; link previews carry
absolute addresses; pages print without their chrome. Needs Chromium, like test_browser."""
import functools
import http.server
import sys
import threading
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from conftest import DATA, ROOT, run_build, warm_copy
from test_browser import QuietHandler, browser  # noqa: F401 - the module's Chromium, shared as a fixture
from test_take_away_charts import preview_tags, site_pages

sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))
from audit_site import AXE, SEARCHES, Network, audit, audit_page, pages_of_each_kind  # noqa: E402
from page_weight import BUDGET_KB, draw_chart, weight  # noqa: E402

# One worker runs the module, so the site is built for it once.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("published")]
PREFIX = "/some/path/"
PHONE = 390


class SubPathHandler(QuietHandler):
    """Serves the site at PREFIX, and nothing elsewhere."""

    def send_head(self):
        if not self.path.startswith(PREFIX):
            self.send_error(404, "outside the site's address")
            return None
        self.path = "/" + self.path[len(PREFIX):]
        return super().send_head()


@pytest.fixture(scope="module")
def published(first_build, tmp_path_factory):
    """(site folder, its address): built again with SITE_URL set to where it is then served."""
    site, work = warm_copy(first_build, tmp_path_factory.mktemp("published"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SubPathHandler, directory=str(site)))
    address = f"http://127.0.0.1:{server.server_port}{PREFIX}"
    result = run_build(DATA, site, work=work, env={"SITE_URL": address})
    assert result.returncode == 0, result.stderr
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site, address
    server.shutdown()


def open_page(browser, url, problems):  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    network = Network(page)
    page.goto(url)
    network.settle()
    return page


@dataclass
class Visit:
    findings: list[dict]  # the audit's: sideways scrolling, console errors, requests to other hosts, axe
    requested: list[str]  # every address the page asked for, its chart's library included
    refused: list[str]  # the responses of status 400 or more
    linked: list[str]  # the addresses of its links, without their fragments
    weight: dict  # page_weight's row: what the page cost a reader with an empty cache


@pytest.fixture(scope="module")
def visits(browser, published) -> dict[str, Visit]:  # noqa: F811
    """One page of each kind (and the searches and an embed page) of the published site, opened once as a reader on a
    phone opens it, its chart hovered until the interactive plot is drawn and the network is quiet. The tests below
    read what each visit saw, so the site is opened once for all of them."""
    site, address = published
    axe = AXE.read_text(encoding="utf-8")
    page = browser.new_page(viewport={"width": PHONE, "height": 844})
    seen = {path: visit(page, site, address, path, axe) for path in pages_of_each_kind(site) + ["indicators/gdp-growth/embed/"] + SEARCHES}
    page.close()
    return seen


def visit(page, site, address: str, path: str, axe: str) -> Visit:
    network = Network(page)
    findings = audit_page(page, address, path, PHONE, axe, ready=lambda: (draw_chart(page), network.settle()))
    linked = page.locator("a[href]").evaluate_all("links => links.map(a => a.href.split('#')[0])")
    network.stop()
    return Visit(findings, network.requested, network.refused, linked, weight(site, address, path, network.fetched))


def test_every_kind_of_page_works_under_a_sub_path(browser, published, visits):  # noqa: F811
    site, address = published
    problems = [f for v in visits.values() for f in v.refused]
    requested = {u for v in visits.values() for u in v.requested}
    ours = {u for v in visits.values() for u in v.linked if urlsplit(u).netloc == urlsplit(address).netloc}
    assert requested and all(u.startswith(address) for u in requested), [u for u in requested if not u.startswith(address)]
    assert ours and all(u.startswith(address) for u in ours), [u for u in ours if not u.startswith(address)]
    context = browser.new_context()
    for url in sorted(ours):
        response = context.request.get(url)
        if not response.ok:
            problems.append(f"{response.status} {url} (linked)")
    context.close()
    assert problems == []


def test_every_kind_of_page_fits_a_phone_stays_on_site_and_passes_axe_as_published(visits):
    """At 390 px, with its chart drawn: no sideways scrolling, no console error, no request to another host, and no
    serious or critical axe-core (WCAG 2.1 A/AA) violation. test_browser audits the same pages at 1280 px."""
    assert len(visits) >= 17
    findings = [f for v in visits.values() for f in v.findings]
    assert findings == [], "\n".join(f"{f['page']} @{f['width']}: {f['kind']} {f['detail']}" for f in findings)


def test_the_chart_library_loads_only_where_a_chart_is_drawn_and_pages_keep_their_budget(published, visits):
    site, _ = published
    rows = [v.weight for path, v in visits.items() if "?" not in path]  # the budgets are those of the pages, not of a search's results
    for r in rows:
        html = (site / r["page"].lstrip("/") / "index.html").read_text(encoding="utf-8")
        assert r["files"] and r["chart"] == ('class="plotly-chart' in html), r  # each page fetched at least itself
        assert r["gzip"] <= BUDGET_KB[r["chart"]] * 1024, r
    assert any(r["chart"] for r in rows) and any(not r["chart"] for r in rows)


def test_search_works_under_a_sub_path(browser, published):  # noqa: F811
    site, address = published
    problems = []
    page = open_page(browser, address + "glossary/4311/", problems)
    page.locator(".md-header .site-search input").fill("三农")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{address}search/?q=*")
    results = page.locator(".search-result__link")
    results.first.wait_for(timeout=10_000)
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    assert hrefs[0] == address + "glossary/san-nong/"
    assert all(page.request.get(h.split("#")[0]).ok for h in hrefs)
    page.close()
    assert problems == []


def test_link_previews_carry_absolute_addresses(published):
    site, address = published
    for page in site_pages(site):
        tags = preview_tags(page)
        folder = page.parent.relative_to(site).as_posix()
        assert tags["og:url"] == address + (f"{folder}/" if folder != "." else ""), page
        if "og:image" in tags:
            assert tags["og:image"].startswith(address) and tags["twitter:image"] == tags["og:image"], page
            assert (site / tags["og:image"].removeprefix(address)).is_file(), page
    assert preview_tags(site / "indicators" / "gdp-growth" / "index.html")["og:image"] == address + "indicators/gdp-growth/chart.png"
    assert preview_tags(site / "glossary" / "4311" / "index.html")["og:image"] == address + "glossary/4311/card.png"


@pytest.mark.parametrize("path", ["indicators/gdp-growth/", "glossary/4311/", "sources/yuzhong-2025-plan-report/"])
def test_a_page_prints_its_content_without_chrome_and_with_its_address(browser, published, path):  # noqa: F811
    site, address = published
    problems = []
    page = open_page(browser, address + path, problems)
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".cite-box", ".chart-tools", ".site-search"):
        assert all(not el.is_visible() for el in page.locator(chrome).all()), chrome
    assert page.locator("article h1").is_visible()
    if page.locator(".plotly-chart").count():
        assert page.locator(".static-chart svg.plot-area").first.is_visible()
    footer = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--print-footer')")
    assert address + path in footer and "version" in footer
    assert page.pdf(format="A4").startswith(b"%PDF")
    page.close()
    assert problems == []


def test_an_indicator_embed_page_passes_the_audit(browser, built_site):  # noqa: F811
    findings = audit(built_site, ["indicators/gdp-growth/embed/", "glossary/4311/embed/", "scoreboard/embed/"], browser=browser)
    assert findings == [], findings
