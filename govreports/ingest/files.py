"""Ingest's files: a report or review file from elsewhere (UTF-8, GBK/GB18030 or UTF-16, converted with a
notice), and the tables of data/, read with the build's own decoder and CSV reader (load/read.py)."""
from __future__ import annotations

import csv
from pathlib import Path

from ..errors import Problem
from ..load.read import DISMISSAL_COLUMNS, OBSERVATION_COLUMNS, OPTIONAL_OBSERVATION_COLUMNS, TABLES, Record, decode, line_at, read_csv, read_text
from .errors import IngestError


def read_report(path: Path) -> tuple[str, list[str]]:
    """The text of a report file and notices about how it was read; IngestError if it cannot be."""
    text, notices = read_decoded(Path(path))
    if not text.strip():
        raise IngestError(f"{path}: the file is empty: expected the report's text, one paragraph per line")
    return text, notices


# How ingest converts a text that is not plain UTF-8 (load.read.decode names the encoding).
CONVERTED = {
    "utf-8-sig": "starts with a byte-order mark (BOM); read as UTF-8 and saved without it",
    "utf-16": "UTF-16; read and saved as UTF-8",
    "gb18030": "not UTF-8; read as GBK/GB18030 (the usual Chinese Windows encoding) and saved as UTF-8: check a few lines of the saved text",
}


def read_decoded(path: Path) -> tuple[str, list[str]]:
    """A file from elsewhere as text, in UTF-8, GBK/GB18030 or UTF-16, with a notice for all but plain UTF-8."""
    if not path.is_file():
        raise IngestError(f"{path}: file not found")
    raw = path.read_bytes()
    try:
        text, encoding = decode(raw, others=True)
    except UnicodeDecodeError as e:
        raise IngestError(f"{path}:{line_at(raw, e.start)}: neither UTF-8 nor GBK/GB18030 (byte {e.start}): open it in a text editor and "
                          "save it as plain text in UTF-8 (Save as → Plain text → UTF-8)") from None
    return text, [f"{path}: {CONVERTED[encoding]}"] if encoding in CONVERTED else []


def table(data: Path, name: str, folder: str = "") -> list[Record]:
    """A table of data/ (an observations or dismissed file with `folder`), read as the build reads it."""
    problems: list[Problem] = []
    if folder:
        columns, optional = (OBSERVATION_COLUMNS, OPTIONAL_OBSERVATION_COLUMNS) if folder == "observations" else (DISMISSAL_COLUMNS, ())
        rows = read_csv(data / folder / name, columns, f"{folder}/{name}", problems, optional)
    else:
        rows = read_csv(data / name, TABLES[name], name, problems)
    stop(problems)
    return rows


def text_of(data: Path, name: str) -> str:
    """A text file of data/, read as the build reads it."""
    problems: list[Problem] = []
    text = read_text(data / name, name, problems)
    stop(problems)
    return text


def stop(problems: list[Problem]) -> None:
    """Problems the loader found become the curator's error, one line each."""
    if problems:
        raise IngestError([str(p) for p in problems])


def write_csv(path: Path, columns: list[str], rows: list[dict], bom: bool = False) -> None:
    with Path(path).open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
