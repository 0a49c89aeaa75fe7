#!/usr/bin/env python3
"""Lighthouse (mobile profile, its simulated slow 4G and mid-range phone) against the built site,
served with gzip as a static host would: performance, LCP, TBT and accessibility, medians of runs.

usage: python benchmarks/lighthouse.py [--runs N] [--lighthouse PATH] [SITE_DIR] [PAGE ...]
Lighthouse comes from npm (`npm install lighthouse`); it drives Debian's Chromium.
Targets (issue 14): performance ≥ 90 and LCP ≤ 2.5 s on an indicator page.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from audit_site import CHROMIUM, QuietHandler, pages_of_each_kind  # noqa: E402

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".csv", ".xml", ".txt")


class GzipHandler(QuietHandler):
    """Sends text files gzip-compressed when the browser accepts it, as any static host does."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (not path.is_file() or path.suffix not in COMPRESSIBLE
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io
        return io.BytesIO(body)


def run(lighthouse: str, url: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            [lighthouse, url, "--quiet", "--output=json", f"--output-path={report}",
             "--only-categories=performance,accessibility",
             f"--chrome-path={CHROMIUM}", "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
            check=True, capture_output=True)
        data = json.loads(report.read_text())
    audits = data["audits"]
    return {"performance": round(data["categories"]["performance"]["score"] * 100),
            "accessibility": round(data["categories"]["accessibility"]["score"] * 100),
            "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
            "tbt": audits["total-blocking-time"]["numericValue"],
            "fcp": audits["first-contentful-paint"]["numericValue"] / 1000}


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site", nargs="?", default="site", type=Path)
    ap.add_argument("pages", nargs="*", help="paths below the site (default: one page of each kind)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--lighthouse", default=shutil.which("lighthouse") or "lighthouse")
    args = ap.parse_args(argv)
    pages = args.pages or pages_of_each_kind(args.site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(args.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    failed = False
    print(f"{'page':48} {'perf':>5} {'LCP s':>6} {'FCP s':>6} {'TBT ms':>7} {'a11y':>5}   (medians of {args.runs} runs)")
    try:
        for path in pages:
            runs = [run(args.lighthouse, base + path) for _ in range(args.runs)]
            med = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
            print(f"{path or '/':48} {med['performance']:5.0f} {med['lcp']:6.1f} {med['fcp']:6.1f} "
                  f"{med['tbt']:7.0f} {med['accessibility']:5.0f}")
            if path.startswith("indicators/") and path != "indicators/":
                failed |= med["performance"] < 90 or med["lcp"] > 2.5
    finally:
        server.shutdown()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
