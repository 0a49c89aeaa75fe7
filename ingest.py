#!/usr/bin/env python3
"""Add a new report: register it and write its review file; accept the curated rows; undo.

  python ingest.py add REPORT.txt --district yuzhong --year 2026 --kind work-report --title "…" [--date 2026-01-20] [--id ID] [--replace]
  python ingest.py accept data/review/ID.csv
  python ingest.py remove ID [--yes]

See content/add-a-report.md (the site's page "Add a report") for the whole walk-through.
"""
import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent  # not govreports.pipeline: --help must not wait for the build's imports


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the data folder (default: data/)")
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add", help="register a report and write its review files")
    add.add_argument("text", type=Path, help="the report as a plain-text file (UTF-8; GBK is converted with a notice)")
    add.add_argument("--district", required=True, help="an id from data/districts.csv, e.g. yuzhong")
    add.add_argument("--year", required=True, help="the year the report was delivered")
    add.add_argument("--kind", required=True, help="an id from data/kinds.csv, e.g. work-report")
    add.add_argument("--title", required=True, help="the report's title as printed")
    add.add_argument("--date", default="", help="YYYY-MM-DD, if the text gives one")
    add.add_argument("--id", default="", help="source id (default: DISTRICT-YEAR-KIND)")
    add.add_argument("--replace", action="store_true", help="remove the report registered under the same id first")
    take = sub.add_parser("accept", help="check the accepted rows of a review file and make them the report's observations")
    take.add_argument("review", type=Path, help="data/review/ID.csv")
    drop = sub.add_parser("remove", help="undo an add: the report's row, text, observations, dismissals and review files")
    drop.add_argument("id", help="the report's id in data/sources.csv")
    drop.add_argument("--yes", action="store_true", help="also when the report has curated or dismissed rows")
    args = parser.parse_args(argv)

    from govreports.ingest.accept import accept
    from govreports.ingest.add import commands, next_steps, register, shown
    from govreports.ingest.errors import IngestError
    from govreports.ingest.remove import remove

    python = _python()
    data = None if args.data.resolve() == (ROOT / "data").resolve() else args.data  # named in the commands shown
    try:
        if args.command == "add":
            r = register(args.data, args.text, args.district, args.year, args.kind, args.title, args.date, args.id, args.replace)
            for line in r["notices"]:
                print(f"notice: {line}")
            for line in r["removed"]:
                print(f"replaced: removed {line}")
            print(f"registered {r['id']}: {r['figures']} figure candidates ({r['matched']} with an indicator guessed) in {shown(r['review'])}")
            print(f"{r['terms']} quoted formulas or slogans, {r['new_terms']} without a glossary record, in {shown(r['terms_file'])}")
            print(next_steps(r, python, data))
        elif args.command == "accept":
            r = accept(args.data, args.review)
            for line in r["notices"]:
                print(f"notice: {line}")
            print(f"{r['accepted']} accepted rows: {r['added']} added, {r['updated']} updated, {r['unchanged']} unchanged; "
                  f"{r['withdrawn']} withdrawn (no longer marked accepted)")
            run = commands(python, data)
            print(f"Next: {run['check']}, then {run['build']}")
        else:
            for line in remove(args.data, args.id, force=args.yes):
                print(f"removed {line}")
            print("Indicators, aliases and glossary entries you added while curating it are left in place.")
    except IngestError as e:
        for line in e.problems:
            print(f"ingest: {line}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"ingest: {e.filename or ''}: {e.strerror or e}", file=sys.stderr)
        return 1
    return 0


def _python() -> str:
    venv = ROOT / ".venv" / "bin" / "python"
    return ".venv/bin/python" if Path(sys.executable).resolve() == venv.resolve() else "python"


if __name__ == "__main__":
    sys.exit(main())
