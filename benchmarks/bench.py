#!/usr/bin/env python3
"""Build benchmark: time, memory and size of the site at growing sizes of data.

    python benchmarks/bench.py [--sizes real,1000,2000,5000,10000] [--runs 3]

For each size it writes the data (`real` is data/; a number is that many synthetic indicators from
benchmarks/synth_data.py), then runs `build.py` in its own process:
  - once with empty caches (the first build on a new machine formats every citation);
  - --runs times with --force (every page rebuilt; medians are printed);
  - --runs times with nothing changed (the build is skipped);
  - --runs times after one observation's note changed (only the pages it touches are rebuilt).
Peak memory is the largest resident size of the build's processes (MkDocs runs inside the build;
the search indexing runs in its children). Everything is written under build/bench/. At the end, the ratio of the
full-build time to that of the size with half the pages, which stays near 2 when time grows
linearly.
"""
from __future__ import annotations

import argparse
import csv
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth_data import generate  # noqa: E402

BENCH = ROOT / "build" / "bench"


def build(data: Path, site: Path, work: Path, *extra: str) -> tuple[float, float, str]:
    """One build in a fresh process: (seconds, peak MB, output)."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "--data", str(data), "--site", str(site), "--work", str(work), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status):
        sys.exit(f"build of {data} failed:\n{output}")
    return seconds, usage.ru_maxrss / 1024, output


def touch_one_observation(data: Path, n: int) -> None:
    """Change the note of the first observation: a change that moves no value."""
    path = sorted((data / "observations").glob("*.csv"))[0]
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows[0]["note"] = f"benchmark edit {n}"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def measure(size: str, runs: int) -> dict:
    folder = BENCH / size
    data, site, work = folder / "data", folder / "site", folder / "work"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    if size == "real":
        shutil.copytree(ROOT / "data", data)
    else:
        generate(data, int(size))
    first, first_mb, output = build(data, site, work)
    pages = int(re.search(r"\((\d+) pages\)", output).group(1))
    print(f"[{size}] first build {first:.1f} s, {pages} pages", flush=True)
    full = [build(data, site, work, "--force")[:2] for _ in range(runs)]
    print(f"[{size}] full builds {', '.join(f'{s:.1f}' for s, _ in full)} s", flush=True)
    unchanged = [build(data, site, work)[0] for _ in range(runs)]
    one_change = []
    for n in range(runs):
        touch_one_observation(data, n)
        one_change.append(build(data, site, work)[0])
    files = [p for p in site.rglob("*") if p.is_file()]
    indicator_pages = [p.stat().st_size for p in site.glob("indicators/*/index.html")]
    return {
        "size": size, "pages": pages, "first": first,
        "full": statistics.median(s for s, _ in full), "peak_mb": max([first_mb] + [mb for _, mb in full]),
        "site_mb": sum(p.stat().st_size for p in files) / 1e6, "files": len(files),
        "largest_indicator_kb": max(indicator_pages) / 1000,
        "unchanged": statistics.median(unchanged), "one_change": statistics.median(one_change),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="real,1000,2000,5000,10000", help="comma-separated: real and/or numbers of indicators")
    parser.add_argument("--runs", type=int, default=3, help="builds of each kind per size (default 3)")
    args = parser.parse_args()
    results = [measure(size, args.runs) for size in args.sizes.split(",")]
    print(f"\nMedians of {args.runs} runs; {os.cpu_count()} CPUs.\n")
    print("| data | pages | first build s | full build s | peak MB | site MB | files | largest indicator page KB | nothing changed s | one observation changed s | one change ÷ full |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        name = "real data" if r["size"] == "real" else f"{int(r['size']):,} indicators"
        print(f"| {name} | {r['pages']:,} | {r['first']:.1f} | {r['full']:.1f} | {r['peak_mb']:.0f} | {r['site_mb']:.0f} | {r['files']:,} "
              f"| {r['largest_indicator_kb']:.0f} | {r['unchanged']:.2f} | {r['one_change']:.1f} | {r['one_change'] / r['full']:.2f} |")
    print()
    for small in results:
        for big in results:
            if 1.8 <= big["pages"] / small["pages"] <= 2.2:
                print(f"{small['pages']:,} → {big['pages']:,} pages ({big['pages'] / small['pages']:.2f}×): "
                      f"full build time {big['full'] / small['full']:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
