"""The whole dataset as one Excel workbook: a README sheet (source, licence, version, how to cite,
every column), then one sheet per table of the data package."""
from __future__ import annotations

import datetime
from pathlib import Path

import xlsxwriter

WIDE = ("quote", "title", "text", "reason", "english", "definition")  # columns worth a wide cell


def write(path: Path, package: dict, rows: dict[str, list[list]], readme: list[tuple[str, str]], released: str) -> None:
    # Text stays text: a quote that starts with '=' or looks like a number or an address is not converted.
    # constant_memory: each row goes to the file as it is written, instead of every cell being held until the end
    # (400 MB at 10,000 indicators, the build's largest process); the file is a third larger, each cell holding
    # its own text instead of a shared list of them.
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False, "constant_memory": True})
    # The release date, not today's: the same data makes the same file.
    book.set_properties({"title": package["title"], "created": datetime.datetime.fromisoformat(released)})
    bold = book.add_format({"bold": True, "valign": "top"})
    wrapped = book.add_format({"text_wrap": True, "valign": "top"})
    about = book.add_worksheet("README")
    about.set_column(0, 0, 28)
    about.set_column(1, 1, 110, wrapped)
    for n, (key, text) in enumerate(readme):
        about.write_string(n, 0, key, bold)
        about.write_string(n, 1, text)
    for resource in package["resources"]:
        names = [f["name"] for f in resource["schema"]["fields"]]
        sheet = book.add_worksheet(resource["name"])
        sheet.write_row(0, 0, names, bold)
        for c, name in enumerate(names):
            sheet.set_column(c, c, 48 if any(w in name for w in WIDE) else max(10, len(name) + 2))
        table = rows[resource["name"]]
        for r, row in enumerate(table, start=1):
            for c, value in enumerate(row):
                if isinstance(value, bool):
                    sheet.write_boolean(r, c, value)
                elif isinstance(value, (int, float)):
                    sheet.write_number(r, c, value)
                elif value is not None:
                    sheet.write_string(r, c, value)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(table), 1), len(names) - 1)
    book.close()
