#!/usr/bin/env python3
"""Check data/ without building: print every problem, then the glossary candidates no record covers.

Like the build, it records today as the date of change of new or changed glossary entries.

usage: python scripts/check_data.py [DATA_DIR]
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from govreports.errors import DataError  # noqa: E402
from govreports.pipeline import ROOT, check  # noqa: E402


def main() -> int:
    data_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data"
    try:
        data = check(data_dir)
    except DataError as e:
        print("\n".join(str(p) for p in e.problems))
        print(f"{len(e.problems)} problem(s)")
        return 1
    print(f"OK: {len(data.indicators)} indicators, {len(data.observations)} observations, {len(data.terms)} terms")
    print(f"{len(data.uncurated)} uncurated glossary candidate(s)" + (": " + " | ".join(data.uncurated) if data.uncurated else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
