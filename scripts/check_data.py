#!/usr/bin/env python3
"""Check data/ without building: print every problem, then the glossary candidates no record covers.

Like the build, it records today as the date of change of new or changed glossary entries.

usage: python scripts/check_data.py [DATA_DIR] [--open [SOURCE]]

--open lists every figure that is neither curated nor dismissed, by report and paragraph.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from govreports.errors import DataError  # noqa: E402
from govreports.load.figures import sentence_counts  # noqa: E402
from govreports.pipeline import ROOT, check  # noqa: E402


def main() -> int:
    args = sys.argv[1:]
    show_open = "--open" in args
    only = args[args.index("--open") + 1] if show_open and args.index("--open") + 1 < len(args) else None
    if show_open:
        del args[args.index("--open"):args.index("--open") + (2 if only else 1)]
    data_dir = Path(args[0]) if args else ROOT / "data"
    try:
        data = check(data_dir)
    except DataError as e:
        print("\n".join(str(p) for p in e.problems))
        print(f"{len(e.problems)} problem(s)")
        return 1
    print(f"OK: {len(data.indicators)} indicators, {len(data.observations)} observations, {len(data.terms)} terms")
    for sid, sentences in data.figures.items():
        counts = sentence_counts(sentences)
        print(f"{sid}: {counts['curated']} curated, {counts['dismissed']} dismissed, {counts['open']} open figure-bearing sentences")
        if show_open and only in (None, sid):
            for fs in sentences:
                if fs.state == "open":
                    figures = ", ".join(f for f, state, _ in fs.figures if state == "open")
                    print(f"  {sid} #{fs.anchor} open: {figures}\n    {fs.sentence}")
    print(f"{len(data.uncurated)} uncurated glossary candidate(s)" + (": " + " | ".join(data.uncurated) if data.uncurated else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
