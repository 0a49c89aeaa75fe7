#!/usr/bin/env python3
"""Serve site/ on localhost and save screenshots of the given pages with headless Chromium.

usage: python scripts/screenshots.py OUT_DIR PATH [PATH ...]   e.g. indicators/gdp-growth/
Console errors are printed; the exit code is 1 if any page logged one.
"""
import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

SITE = Path(__file__).resolve().parent.parent / "site"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main() -> int:
    out, paths = Path(sys.argv[1]), [a for a in sys.argv[2:] if not a.startswith("--")]
    out.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(QuietHandler, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    failed = 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        for path in paths:
            errors.clear()
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            name = path.strip("/").replace("/", "_").replace("#", "_") or "home"
            page.screenshot(path=str(out / f"{name}.png"), full_page="--full" in sys.argv)
            print(f"{path}: {len(errors)} console errors", *errors, sep="\n  ")
            failed += bool(errors)
        browser.close()
    server.shutdown()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
