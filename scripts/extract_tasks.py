#!/usr/bin/env python3
"""Write data/tasks.csv from the text of the 2023 task breakdown (yuzhong-2023-task-breakdown).

Each numbered task becomes a row with its section, its text and its lead and responsible units
exactly as written; the build checks every cell against the text and maps the unit names to
data/agencies.csv. Run it again only if the text changes.
"""
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = "yuzhong-2023-task-breakdown"
SECTION = re.compile(r"^[一二三四五六七八九十]+、")
SUBSECTION = re.compile(r"^\([一二三四五六七八九十]+\)")
TASK = re.compile(r"^(\d+)\.(.+)$")
UNITS = re.compile(r"^(牵头单位|责任单位)[:：](.*)$")
COLUMNS = ["source", "number", "section", "subsection", "text", "lead", "responsible"]


def extract(text: str) -> list[dict]:
    tasks, section, subsection = [], "", ""
    started = False
    for line in (raw.strip() for raw in text.splitlines()):
        started = started or line.startswith("一、主要预期指标")
        if not started or not line:
            continue
        if SECTION.match(line):
            section, subsection = line, ""
        elif SUBSECTION.match(line):
            subsection = line
        elif m := TASK.match(line):
            tasks.append({"source": SOURCE, "number": m.group(1), "section": section, "subsection": subsection,
                          "text": m.group(2), "lead": "", "responsible": ""})
        elif (m := UNITS.match(line)) and tasks:
            tasks[-1]["lead" if m.group(1) == "牵头单位" else "responsible"] = m.group(2)
    return tasks


def main() -> int:
    text = (ROOT / "data" / "texts" / f"{SOURCE}.txt").read_text(encoding="utf-8")
    tasks = extract(text)
    with (ROOT / "data" / "tasks.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(tasks)
    print(f"{len(tasks)} tasks written to data/tasks.csv")
    return 0


if __name__ == "__main__":
    sys.exit(main())
