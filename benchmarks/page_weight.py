#!/usr/bin/env python3
"""What one page of each kind costs a reader: every file the browser fetches to show it, summed as
gzip would send it (a static host compresses text), and whether the chart library is among them.
A page's charts are hovered once, so the weight includes the interactive plot the reader asks for.

usage: python benchmarks/page_weight.py [SITE_DIR]
Budgets (issue 14): a page without a chart at most 250 KB gzip, a page with a chart at most 600 KB.
The exit code is 1 if a page is over its budget.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from audit_site import CHROMIUM, CHROMIUM_ARGS, Network, QuietHandler, pages_of_each_kind  # noqa: E402

BUDGET_KB = {False: 250, True: 600}  # without, with a chart
CHART_LIBRARY = "plotly-basic.min.js"


def weigh(site: Path, paths: list[str], browser=None) -> list[dict]:
    """{"page", "files", "bytes", "gzip", "chart"} for each page, after it has finished loading."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return weigh(site, paths, browser)
            finally:
                browser.close()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    out = []
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        for path in paths:
            network = Network(page)
            page.goto(base + path, wait_until="load")
            draw_chart(page)
            network.settle()
            network.stop()
            out.append(weight(site, base, path, network.fetched))
    finally:
        page.close()
        server.shutdown()
    return out


def draw_chart(page) -> None:
    """Hover a page's first chart, as a reader does, until its interactive plot is drawn."""
    charts = page.locator(".plotly-chart")
    if charts.count():
        charts.first.hover()
        page.wait_for_selector(".plotly-chart .main-svg", timeout=10_000)


def weight(site: Path, base: str, path: str, fetched: list[str]) -> dict:
    """The row of a page served from `site` at `base`, which fetched the addresses `fetched`."""
    files = [_local(site, base, url) for url in dict.fromkeys(fetched)]
    files = [f for f in files if f and f.is_file()]
    return {"page": path or "/", "files": len(files), "bytes": sum(f.stat().st_size for f in files),
            "gzip": sum(len(gzip.compress(f.read_bytes(), 6)) for f in files), "chart": any(f.name == CHART_LIBRARY for f in files)}


def _local(site: Path, base: str, url: str) -> Path | None:
    path = unquote(urlparse(url).path).removeprefix(urlparse(base).path)
    target = site / path
    return target / "index.html" if target.is_dir() else target


def main() -> int:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "site"
    rows = weigh(site, pages_of_each_kind(site))
    print(f"{'page':<48} {'files':>5} {'KB':>8} {'KB gzip':>8}  chart  budget")
    over = 0
    for r in rows:
        budget = BUDGET_KB[r["chart"]]
        ok = r["gzip"] / 1024 <= budget
        over += not ok
        print(f"{r['page']:<48} {r['files']:>5} {r['bytes'] / 1024:>8.0f} {r['gzip'] / 1024:>8.0f}  {'yes' if r['chart'] else 'no ':<5}  "
              f"{'ok' if ok else 'OVER'} (≤ {budget})")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
