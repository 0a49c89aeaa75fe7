#!/usr/bin/env python3
"""Build the site: python build.py [--data data] [--site site]"""
import argparse
import sys
from pathlib import Path

from govreports.errors import DataError
from govreports.pipeline import ROOT, run


def main() -> int:
    parser = argparse.ArgumentParser(description="Build the static site from the curated data.")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the curated data folder (default: data/)")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="where to publish (default: site/)")
    args = parser.parse_args()
    try:
        summary = run(args.data, args.site, progress=lambda line: print(line, flush=True))
    except DataError as e:
        print(f"{len(e.problems)} problem(s) in {args.data}; nothing was published:", file=sys.stderr)
        for p in e.problems:
            print(p, file=sys.stderr)
        return 1
    if summary.stamped:
        print(f"Recorded today as the date of change of {len(summary.stamped)} glossary entries in glossary-versions.csv")
    print("\n".join(summary.coverage_lines() + summary.scoreboard_lines()))
    print(summary.candidates_line())
    print(f"{summary} → {args.site}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
