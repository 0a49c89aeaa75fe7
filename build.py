#!/usr/bin/env python3
"""Build the site: python build.py [--data data] [--site site] [--work build] [--force] [--serve [--port 8000]]"""
import argparse
import os
import sys
import time
from pathlib import Path

from govreports.errors import BuildError, DataError
from govreports.publish import fingerprint, lock

ROOT = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description="Build the static site from the curated data.")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the curated data folder (default: data/)")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="where to publish (default: site/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="staging folder and caches (default: build/)")
    parser.add_argument("--force", action="store_true", help="rebuild every page, even if nothing changed since the last build")
    parser.add_argument("--serve", action="store_true", help="then serve the site on localhost and rebuild it on every change")
    parser.add_argument("--port", type=int, default=8000, help="the port --serve listens on (default: 8000)")
    args = parser.parse_args()
    # The preview builds even an up-to-date site once, in its own process: what a rebuild loads the first time
    # (the libraries, report texts, templates, the theme) is then loaded before the curator's first edit.
    status = build(args.data, args.site, args.work, args.force, warm=args.serve, even_if_unchanged=args.serve)
    if not args.serve:
        return status
    from govreports import preview

    watched = [args.data, *(ROOT / part for part in fingerprint.CODE)]
    preview.serve(args.site, args.port, watched, lambda shown: build(args.data, args.site, args.work, False, warm=True, shown=shown))
    return 0


def build(data: Path, site: Path, work: Path, force: bool, warm: bool = False, shown=None, even_if_unchanged: bool = False) -> int:
    """Build once; `warm` and `shown` for the preview's rebuilds (pipeline.run)."""
    with lock.exclusive(site, work, say=lambda line: print(line, flush=True)):
        return _build(data, site, work, force, warm, shown, even_if_unchanged)


def _build(data: Path, site: Path, work: Path, force: bool, warm: bool, shown, even_if_unchanged: bool) -> int:
    started = time.perf_counter()
    # A site is up to date when it was built from these inputs and is whole (its search index is the build's last step).
    if (not force and not even_if_unchanged and fingerprint.published(site).get("inputs") == fingerprint.inputs(ROOT, data)
            and fingerprint.complete(site)):
        print(f"Nothing changed since the last build: {site} is up to date ({time.perf_counter() - started:.2f} s; --force rebuilds)")
        return 0
    from govreports.load.figures import kept_file
    from govreports.validate.checks import read, validate_first

    try:
        # A data error is reported before the model's libraries are imported (a second), unless the data is large.
        read_data = read(data)
        validated = validate_first(read_data, kept_file(work, "checks"))
        from govreports.pipeline import run  # imported only when there is work: pandas alone takes half a second

        summary = run(data, site, work=work, full=force, progress=lambda line: print(line, flush=True), warm=warm, shown=shown,
                      read=read_data, validated=validated)
    except DataError as e:
        print(f"{len(e.problems)} problem(s) in {data}; nothing was published:", file=sys.stderr)
        for p in e.problems:
            print(p, file=sys.stderr)
        return 1
    except BuildError as e:
        print(f"The site could not be built; {site} was left as it was: {e}", file=sys.stderr)
        return 1
    if summary.stamped:
        print(f"Recorded today as the date of change of {len(summary.stamped)} glossary entries in glossary-versions.csv")
    print("\n".join(summary.coverage_lines() + summary.scoreboard_lines()))
    print(summary.candidates_line())
    print(f"{summary} → {site}")
    return 0


if __name__ == "__main__":
    status = main()
    # All is written and closed by now: the process ends without freeing what the build made object by object
    # (0.3 s at 10,000 indicators).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
