"""CSV files that open with their Chinese intact in any spreadsheet program.

Excel on Windows reads a CSV in the local code page unless it starts with a UTF-8 byte-order mark;
pandas, the csv module (as utf-8-sig) and Frictionless read the mark as a signature, not as data.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

ENCODING = "utf-8-sig"  # UTF-8, written with a byte-order mark


def write(path: Path, header: list[str], rows) -> None:
    with open(path, "w", encoding=ENCODING, newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def text(header: list[str], rows) -> str:
    """The file's text, its byte-order mark first: written as UTF-8, it is the file `write` writes."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return "\ufeff" + out.getvalue()
