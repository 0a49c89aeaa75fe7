"""Results of slow, pure functions, kept between builds in one JSON file of the work folder's caches: the
citations of a record (citeproc and pybtex take tens of milliseconds a record) and the pinyin of a name
(pypinyin: 0.23 s over 666 names, 2.5 s over 10,000, and 0.16 s to import). Each entry is keyed by what
made it, so a new format or library version makes it anew."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable


class KeptResults:
    def __init__(self, path: Path):
        self.path = path
        self.entries: dict = {}
        self._read = -1  # how many entries the file held: entries are only added, and it is written again only when one was
        if path.is_file():
            try:
                self.entries = json.loads(path.read_text(encoding="utf-8"))
                self._read = len(self.entries)
            except ValueError:
                self.entries = {}

    def get(self, made_by: str, argument, make: Callable):
        """`make(argument)`, kept under `made_by` (a format or a library's version) and the argument."""
        key = json.dumps([made_by, argument], ensure_ascii=False, sort_keys=True)
        if key not in self.entries:
            self.entries[key] = make(argument)
        return self.entries[key]

    def save(self) -> None:
        if len(self.entries) == self._read:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Entries of other data are kept too: builds of other data (tests, previews) share the file.
        self.path.write_text(json.dumps(self.entries, ensure_ascii=False), encoding="utf-8")
