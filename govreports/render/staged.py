"""The files a render writes into the staging folder, each only when its bytes changed: the time of a staged
file then says when its page last changed (MkDocs rebuilds only newer pages), and an unchanged page costs a
read, not a new file. A changed file is replaced by a rename, never written through: the published site may
hold a link to it."""
from __future__ import annotations

import os
from pathlib import Path


class StagedFiles:
    def __init__(self, folder: Path):
        self.folder = folder
        self.written: set[str] = set()  # every file of this render, relative to the folder
        self.changed: set[str] = set()  # those whose bytes are new

    def write(self, rel: str, content: str | bytes) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        self.written.add(rel)
        path = os.path.join(self.folder, rel)
        try:
            if os.stat(path).st_size == len(data):
                with open(path, "rb") as f:
                    if f.read() == data:
                        return
        except FileNotFoundError:
            os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path + ".part", "wb") as f:
            f.write(data)
        os.replace(path + ".part", path)
        self.changed.add(rel)

    def merge(self, other: tuple[set[str], set[str]]) -> None:
        """What another process's StagedFiles wrote (its `written` and `changed`)."""
        self.written |= other[0]
        self.changed |= other[1]
