#!/usr/bin/env python3
"""Open built pages in headless Chromium as a reader would, at phone and desktop width, and report
what a reader would notice: a page that scrolls sideways, a console error, a request to another
host, and axe-core's serious or critical WCAG 2.1 A/AA violations.

usage: python scripts/audit_site.py [SITE_DIR] [--all] [--widths 390,1280]
Without --all it opens one page of each kind in the page registry (govreports/render/pages.py); with --all, every page.
The exit code is 1 if any page has a finding.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import re
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "vendor" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SERIOUS = {"serious", "critical"}
SETTLE = 0.3  # seconds after a page loads during which its console errors and requests count
SEARCHES = ["search/?q=三农", "search/?q=fiscal%20revenue"]  # the search page with results


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Network:
    """The requests of a page: what it fetched, and a wait until it has fetched all it will. A file taken from the
    browser's cache is reported as fetched too, so one page can open many addresses and weigh each (a new page
    costs Chromium about a second of processor here)."""

    QUIET = 0.2  # seconds without a request starting or ending: the page has fetched what it loads by itself

    def __init__(self, page):
        self.page, self.requested, self.fetched, self.refused, self.pending, self.last = page, [], [], [], 0, time.monotonic()
        self.listeners = {
            "request": lambda r: (self.requested.append(r.url), self._count(+1)),
            "requestfinished": lambda r: (self.fetched.append(r.url), self._count(-1)),
            "requestfailed": lambda r: self._count(-1),
            "response": lambda r: self.refused.append(f"{r.status} {r.url}") if r.status >= 400 else None,
        }
        for event, listener in self.listeners.items():
            page.on(event, listener)

    def _count(self, change: int) -> None:
        self.pending, self.last = self.pending + change, time.monotonic()

    def settle(self, longest: float = 10.0) -> None:
        deadline = time.monotonic() + longest
        while (self.pending or time.monotonic() - self.last < self.QUIET) and time.monotonic() < deadline:
            self.page.wait_for_timeout(50)

    def stop(self) -> None:
        """Stop listening, so that the page can go on to another address."""
        for event, listener in self.listeners.items():
            self.page.remove_listener(event, listener)


def pages_of_each_kind(site: Path) -> list[str]:
    """One page of each kind in the page registry: the single pages, and the first page built of each
    kind that has one page per item."""
    sys.path.insert(0, str(ROOT))
    from govreports.render.pages import KINDS

    built = every_page(site)
    pages = []
    for kind in KINDS:
        if "{key}" not in kind.path:
            pages.append(kind.url())
            continue
        prefix, suffix = kind.url("\0").split("\0")
        # A kind in a folder of its own has a folder per key; the embed pages beside each chart's page have paths as keys.
        pattern = re.compile(f"{re.escape(prefix)}{'[^/]+' if prefix else '.+'}{re.escape(suffix)}")
        first = next((p for p in built if pattern.fullmatch(p) and _is_page(site / p / "index.html")), None)
        pages += [first] if first else []
    return sorted(set(pages))


def _is_page(page: Path) -> bool:
    """A page, not the redirect of an old glossary address."""
    return 'http-equiv="refresh"' not in page.read_text(encoding="utf-8")


def every_page(site: Path) -> list[str]:
    return sorted(p.parent.relative_to(site).as_posix() + "/" if p.parent != site else ""
                  for p in site.rglob("index.html") if "search-index" not in p.parts)


def audit(site: Path, paths: list[str], widths=(390, 1280), browser=None) -> list[dict]:
    """One finding per problem: {"page", "width", "kind", "detail"}. Uses `browser` if given (a test's)."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return audit(site, paths, widths, browser)
            finally:
                browser.close()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    axe = AXE.read_text(encoding="utf-8")
    findings = []
    try:
        for width in widths:
            page = browser.new_page(viewport={"width": width, "height": 900})
            for path in paths:
                findings += audit_page(page, base, path, width, axe)
            page.close()
    finally:
        server.shutdown()
    return findings


def audit_page(page, base: str, path: str, width: int, axe: str, ready=None) -> list[dict]:
    """The findings of one page, opened in `page`; `ready()`, if given, runs once it has loaded, before axe
    (a test's own steps, such as drawing a chart)."""
    errors, foreign = [], []
    host = urlparse(base).netloc
    on_console = lambda m: errors.append(m.text) if m.type == "error" else None  # noqa: E731
    on_error = lambda e: errors.append(str(e))  # noqa: E731
    on_request = lambda r: foreign.append(r.url) if urlparse(r.url).scheme in ("http", "https") and urlparse(r.url).netloc != host else None  # noqa: E731
    page.on("console", on_console)
    page.on("pageerror", on_error)
    page.on("request", on_request)
    try:
        page.goto(base + path, wait_until="load")
        if "?q=" in path:  # a search: audit its results, not the empty page
            page.wait_for_selector(".search-result", timeout=10_000)
        loaded = time.monotonic()
        if ready:
            ready()
        page.add_script_tag(content=axe)
        result = page.evaluate("""async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
            return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help,
                                           target: v.nodes[0] && v.nodes[0].target.join(' ')}));
        }""")
        # A page's late errors and requests are heard for at least SETTLE seconds after it loaded: mostly while axe runs.
        page.wait_for_timeout(max(0.0, SETTLE - (time.monotonic() - loaded)) * 1000)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    finally:
        page.remove_listener("console", on_console)
        page.remove_listener("pageerror", on_error)
        page.remove_listener("request", on_request)
    out = []
    where = {"page": path or "/", "width": width}
    if overflow > 0:
        out.append({**where, "kind": "overflow", "detail": f"scrolls sideways by {overflow}px"})
    out += [{**where, "kind": "console", "detail": e} for e in errors]
    out += [{**where, "kind": "off-site", "detail": u} for u in foreign]
    out += [{**where, "kind": "axe", "detail": f"{v['impact']} {v['id']} ×{v['nodes']}: {v['help']} ({v['target']})"}
            for v in result if v["impact"] in SERIOUS]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site")
    parser.add_argument("--all", action="store_true", help="every page, not one of each kind")
    parser.add_argument("--widths", default="390,1280")
    args = parser.parse_args()
    paths = (every_page(args.site) if args.all else pages_of_each_kind(args.site)) + SEARCHES
    findings = audit(args.site, paths, [int(w) for w in args.widths.split(",")])
    for f in findings:
        print(json.dumps(f, ensure_ascii=False))
    print(f"{len(paths)} pages × {args.widths} px: {len(findings)} finding(s)")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
