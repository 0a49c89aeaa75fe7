#!/usr/bin/env python3
"""Build the site: python build.py [--data data] [--site site] [--work build] [--force]"""
import argparse
import sys
import time
from pathlib import Path

from govreports import fingerprint
from govreports.errors import BuildError, DataError

ROOT = Path(__file__).resolve().parent


def main() -> int:
    started = time.perf_counter()
    parser = argparse.ArgumentParser(description="Build the static site from the curated data.")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the curated data folder (default: data/)")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="where to publish (default: site/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="staging folder and caches (default: build/)")
    parser.add_argument("--force", action="store_true", help="rebuild every page, even if nothing changed since the last build")
    args = parser.parse_args()
    if not args.force and fingerprint.published(args.site).get("inputs") == fingerprint.inputs(ROOT, args.data):
        print(f"Nothing changed since the last build: {args.site} is up to date ({time.perf_counter() - started:.2f} s; --force rebuilds)")
        return 0
    from govreports.pipeline import run  # imported only when there is work: pandas alone takes half a second

    try:
        summary = run(args.data, args.site, work=args.work, full=args.force, progress=lambda line: print(line, flush=True))
    except DataError as e:
        print(f"{len(e.problems)} problem(s) in {args.data}; nothing was published:", file=sys.stderr)
        for p in e.problems:
            print(p, file=sys.stderr)
        return 1
    except BuildError as e:
        print(f"The site could not be built; {args.site} was left as it was: {e}", file=sys.stderr)
        return 1
    if summary.stamped:
        print(f"Recorded today as the date of change of {len(summary.stamped)} glossary entries in glossary-versions.csv")
    print("\n".join(summary.coverage_lines() + summary.scoreboard_lines()))
    print(summary.candidates_line())
    print(f"{summary} → {args.site}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
