#!/usr/bin/env python3
"""Build benchmark: time, memory and size of the site at growing sizes of data, against the floor of a
one-page MkDocs build, and the live preview's delay.

    python benchmarks/bench.py [--sizes real,1000,2000,5000,10000] [--runs 3] [--preview] [--tests]

First a one-page MkDocs build with the Material theme, in the same environment, --runs times: the floor
every ratio below is taken against. Then for each size it writes the data (`real` is data/; a number is
that many synthetic indicators from benchmarks/synth_data.py), and runs `build.py` in its own process:
  - --runs times from nothing (a new site and work folder: the first build on a new machine, which
    formats every citation);
  - --runs times with --force (every page rebuilt; medians are printed);
  - --runs times with nothing changed (the build is skipped);
  - --runs times after one observation's note changed (only the pages it touches are rebuilt);
  - --runs times after a value was taken out or put back (the first observation): the tables of the whole
    dataset are written again, the workbook among them, and the summary pages that count values rendered.
Peak memory is the largest resident size of the build's processes; site size is what the site takes
on disk (blocks, as `du` counts them). Everything is written under build/bench/. At the end, the ratio
of the full-build time to that of the size with half the pages, which stays near 2 when time grows
linearly. With --preview, `build.py --serve` on the real data: the seconds from saving an edited value
until the served page holds it (--runs edits). With --tests, the test suites --runs times each: the quick
one (`pytest -m "not slow"`) in this checkout, and the whole one as CI runs it (`.ci/run`, its set-up
included) in a fresh clone of the last commit (minutes a run).
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
import tempfile
import time
import urllib.request
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


def touch_one_observation(data: Path, n) -> None:
    """Change the note of the first observation: a change that moves no value."""
    path = sorted((data / "observations").glob("*.csv"))[0]
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows[0]["note"] = f"benchmark edit {n}"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def move_one_value(data: Path, n: int) -> None:
    """Take the first observation out (n even) or put it back (n odd): a value that goes or comes."""
    path = sorted((data / "observations").glob("*.csv"))[0]
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = data.parent / "taken-out.csv"
    if n % 2 == 0:
        kept.write_text(lines[1], encoding="utf-8")
        del lines[1]
    else:
        lines.insert(1, kept.read_text(encoding="utf-8"))
        kept.unlink()
    path.write_text("".join(lines), encoding="utf-8")


def one_page_mkdocs(runs: int) -> float:
    """The median seconds of a one-page MkDocs build with the Material theme: the floor of any build."""
    folder = BENCH / "floor"
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    (folder / "docs" / "index.md").write_text("# x\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text("site_name: x\ntheme:\n  name: material\n", encoding="utf-8")
    times = []
    for _ in range(runs + 1):  # the first warms the disk cache
        times.append(_timed([sys.executable, "-m", "mkdocs", "build", "-q"], folder, dict(os.environ)))
    return statistics.median(times[1:])


def measure(size: str, runs: int) -> dict:
    folder = BENCH / size
    data, site, work = folder / "data", folder / "site", folder / "work"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    if size == "real":
        shutil.copytree(ROOT / "data", data)
    else:
        generate(data, int(size))
    cold = []
    for _ in range(runs):
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
        seconds, first_mb, output = build(data, site, work)
        cold.append(seconds)
    first = statistics.median(cold)
    pages = int(re.search(r"\((\d+) pages\)", output).group(1))
    print(f"[{size}] first builds {', '.join(f'{s:.1f}' for s in cold)} s, {pages} pages", flush=True)
    full = [build(data, site, work, "--force")[:2] for _ in range(runs)]
    print(f"[{size}] full builds {', '.join(f'{s:.1f}' for s, _ in full)} s", flush=True)
    unchanged = [build(data, site, work)[0] for _ in range(runs)]
    one_change = []
    for n in range(runs):
        touch_one_observation(data, n)
        one_change.append(build(data, site, work)[0])
    value_change = []
    for n in range(runs):
        move_one_value(data, n)
        value_change.append(build(data, site, work)[0])
    if runs % 2:
        move_one_value(data, runs)  # the value back, as the data was
    files = [p for p in site.rglob("*") if p.is_file()]
    indicator_pages = [p.stat().st_size for p in site.glob("indicators/*/index.html")]
    return {
        "size": size, "pages": pages, "first": first,
        "full": statistics.median(s for s, _ in full), "peak_mb": max([first_mb] + [mb for _, mb in full]),
        "site_mb": sum({(st.st_dev, st.st_ino): st.st_blocks * 512 for st in map(os.stat, files)}.values()) / 1e6,  # a linked file once, as du counts it
        "files": len(files),
        "largest_indicator_kb": max(indicator_pages) / 1000,
        "unchanged": statistics.median(unchanged), "one_change": statistics.median(one_change),
        "value_change": statistics.median(value_change),
    }


def preview_delay(runs: int) -> list[float]:
    """Seconds from saving an edited value until `build.py --serve` serves the page holding it."""
    folder = BENCH / "preview"
    data, site, work = folder / "data", folder / "site", folder / "work"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(ROOT / "data", data)
    build(data, site, work)
    server = subprocess.Popen([sys.executable, "-u", str(ROOT / "build.py"), "--data", str(data), "--site", str(site), "--work", str(work),
                               "--serve", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        base = next(m.group(1) for line in server.stdout if (m := re.search(r"at (http://127\.0\.0\.1:\d+/)", line)))
        path = sorted((data / "observations").glob("*.csv"))[0]
        with path.open(encoding="utf-8", newline="") as f:
            first = next(csv.DictReader(f))
        page = f"{base}indicators/{first['indicator']}/"
        delays = []
        for n in range(runs):
            time.sleep(2)  # the preview settles after the rebuild before
            marker = f"preview edit {n} {time.time_ns()}"
            touch_one_observation(data, marker)
            saved = time.perf_counter()
            while marker not in urllib.request.urlopen(page).read().decode("utf-8"):
                if time.perf_counter() - saved > 120:
                    sys.exit("the preview did not show the edit within 120 s")
                time.sleep(0.02)
            delays.append(time.perf_counter() - saved)
        return delays
    finally:
        server.terminate()
        server.wait(timeout=60)


def suite_times(runs: int) -> tuple[list[float], list[float]]:
    """Seconds of the quick suite in this checkout, and of the whole suite in a fresh clone of its last commit."""
    quick, whole = [], []
    for _ in range(runs):
        quick.append(_timed([sys.executable, "-m", "pytest", "-q", "-m", "not slow"], ROOT, dict(os.environ)))
    for _ in range(runs):
        clone = Path(tempfile.mkdtemp(prefix="govreports-clone-")) / "repo"
        try:
            subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
            # Its own bytecode folder, written and gone with it: a clean machine has none (tests/conftest.py).
            env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
            whole.append(_timed([str(clone / ".ci" / "run")], clone, {**env, "PYTHONPYCACHEPREFIX": str(clone.parent / "bytecode")}))
        finally:
            shutil.rmtree(clone.parent, ignore_errors=True)
    return quick, whole


def _timed(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    if done.returncode:
        sys.exit(f"{' '.join(command)} failed in {cwd}:\n{done.stdout[-3000:]}")
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="real,1000,2000,5000,10000", help="comma-separated: real and/or numbers of indicators ('' for none)")
    parser.add_argument("--runs", type=int, default=3, help="builds of each kind per size (default 3)")
    parser.add_argument("--preview", action="store_true", help="also measure the live preview's delay")
    parser.add_argument("--tests", action="store_true", help="also time the quick suite here and the whole suite in a fresh clone")
    args = parser.parse_args()
    floor = one_page_mkdocs(args.runs)
    print(f"One-page MkDocs build: {floor:.2f} s (median of {args.runs})", flush=True)
    results = [measure(size, args.runs) for size in args.sizes.split(",") if size]  # --sizes "": no builds
    print(f"\nMedians of {args.runs} runs; {os.cpu_count()} CPUs; the floor (a one-page MkDocs build) {floor:.2f} s.")
    if results:
        print("\n| data | pages | first build s | full build s | full ÷ floor | first ÷ full | peak MB | site MB on disk | files "
              "| largest indicator page KB | nothing changed s | one observation changed s | one change ÷ full | one value changed s |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        name = "real data" if r["size"] == "real" else f"{int(r['size']):,} indicators"
        print(f"| {name} | {r['pages']:,} | {r['first']:.1f} | {r['full']:.1f} | {r['full'] / floor:.1f}× | {r['first'] / r['full']:.2f} "
              f"| {r['peak_mb']:.0f} | {r['site_mb']:.0f} | {r['files']:,} "
              f"| {r['largest_indicator_kb']:.0f} | {r['unchanged']:.2f} | {r['one_change']:.1f} | {r['one_change'] / r['full']:.2f} "
              f"| {r['value_change']:.1f} |")
    if args.preview:
        delays = preview_delay(args.runs)
        print(f"\nLive preview, an edited value in the open page: {', '.join(f'{d:.2f}' for d in delays)} s "
              f"(median {statistics.median(delays):.2f} s)")
    if args.tests:
        quick, whole = suite_times(args.runs)
        print(f"\nQuick suite (pytest -m \"not slow\"): {', '.join(f'{t:.1f}' for t in quick)} s (median {statistics.median(quick):.1f} s)")
        print(f"Whole suite in a fresh clone (.ci/run, set-up included): {', '.join(f'{t:.0f}' for t in whole)} s "
              f"(median {statistics.median(whole):.0f} s)")
    print()
    for small in results:
        for big in results:
            if 1.8 <= big["pages"] / small["pages"] <= 2.2:
                print(f"{small['pages']:,} → {big['pages']:,} pages ({big['pages'] / small['pages']:.2f}×): "
                      f"full build time {big['full'] / small['full']:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
