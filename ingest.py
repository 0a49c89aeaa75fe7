#!/usr/bin/env python3
"""Add a new report: register it and write review files, then accept the curated rows.

  python ingest.py add REPORT.txt --district yuzhong --year 2026 --kind work-report --title "…" [--date 2026-01-20] [--id ID]
  python ingest.py accept data/review/ID.csv

See content/add-a-report.md for the whole walk-through.
"""
import argparse
import sys
from pathlib import Path

from govreports.ingest import IngestError, accept, register
from govreports.pipeline import ROOT


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add", help="register a report and write its review files")
    add.add_argument("text", type=Path, help="the report as a UTF-8 plain-text file")
    add.add_argument("--district", required=True)
    add.add_argument("--year", type=int, required=True, help="the year the report was delivered")
    add.add_argument("--kind", required=True, help="an id from data/kinds.csv, e.g. work-report")
    add.add_argument("--title", required=True)
    add.add_argument("--date", default="", help="YYYY-MM-DD, if the text gives one")
    add.add_argument("--id", default="", help="source id (default: DISTRICT-YEAR-KIND)")
    take = sub.add_parser("accept", help="copy the accepted rows of a review file into data/observations/")
    take.add_argument("review", type=Path)
    args = parser.parse_args()
    try:
        if args.command == "add":
            r = register(args.data, args.text, args.district, args.year, args.kind, args.title, args.date, args.id)
            print(f"{r['figures']} figure candidates ({r['matched']} matched to an indicator) in {r['review']}")
            print(f"{r['terms']} quoted formulas or slogans, {r['new_terms']} without a glossary record, in {str(r['review'])[:-4]}-terms.csv")
            print("Next: mark rows with accept=yes (correct them as needed), then: python ingest.py accept " + str(r["review"]))
        else:
            n = accept(args.data, args.review)
            print(f"{n} accepted rows added to data/observations/; now run python build.py")
    except (IngestError, OSError, UnicodeDecodeError) as e:
        print(f"ingest: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
