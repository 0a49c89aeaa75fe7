"""Which staged pages are still current, so that a rebuild renders only the pages whose inputs changed.

Each cached group of files (an indicator's page and its comparison page, a term's page and its
citation files …) is remembered under a key: a hash of the build's shared inputs and of the
group's own inputs. The shared inputs are the code, templates, theme, libraries and every data
file except the observations; a change to any of them renders every page again. What a group
takes from the observations must be passed to `current` as its own inputs, and the templates of
cached pages can read only the observation-free tables of the dataset (render.ReferenceTables),
so an observation cannot reach a cached page without being part of its key.
"""
from __future__ import annotations

import hashlib
import io
import marshal
import os
import pickle
from pathlib import Path
from typing import Iterable


class PageCache:
    """The keys of the groups of files staged in `stage`, kept in `file` between builds."""

    def __init__(self, file: Path, stage: Path, shared: str, reuse: bool = True):
        """Without `reuse` (a build with --force), only `exact` groups are kept (`current`)."""
        self.file, self.stage, self.shared, self.reuse = file, stage, shared, reuse
        self.earlier = saved_keys(file)
        self.present: set[str] | None = None  # the staged files, if known (found_staged)
        self.now: dict[str, list] = {}
        self.kept: set[str] = set()  # staged files that stay as they are
        self._parts: dict[int, tuple] = {}  # id → (part, the hash of what it holds)

    def current(self, group: str, inputs, outputs: list[str], exact: bool = False) -> bool:
        """Whether the staged `outputs` of `group` were made from these inputs; if so they are kept.

        `inputs` (a tuple of parts, or one part) is compared by what each part holds (`spelled_out`). A group is `exact`
        when its outputs are written by code from these inputs and the shared ones alone (the rows of a table, an
        indicator's observations), with no template that might read more: a build that does not `reuse` the
        others keeps it, as it keeps the search index's shards and the chart images.
        """
        digest = hashlib.sha256(f"{self.shared}\0{group}".encode())
        for part in inputs if isinstance(inputs, tuple) else (inputs,):
            digest.update(self._spelled(part))
        key = digest.hexdigest()
        self.now[group] = [key, outputs]
        if (self.reuse or exact) and self.earlier.get(group) == [key, outputs] and self._staged(outputs):
            self.kept.update(outputs)
            return True
        return False

    def found_staged(self, files: Iterable[str]) -> None:
        """The files the stage holds, as a walk of it found them before the stage changes: looked up, instead of a
        stat of each output (87,000 at 10,000 indicators)."""
        self.present = set(files)

    def _staged(self, outputs: list[str]) -> bool:
        if self.present is not None:
            return all(o in self.present for o in outputs)
        return all(os.path.isfile(os.path.join(self.stage, o)) for o in outputs)

    def _spelled(self, part) -> bytes:
        """The hash of what a part holds, worked out once per object: an indicator's rows are a part of its page's,
        its comparison's and its chart's inputs (spelling them out took 8.6 s at 10,000 indicators). The dataset
        does not change while the keys are made, and the memo keeps each part alive, so no other object can
        take its id."""
        seen = self._parts.get(id(part))
        if seen is None or seen[0] is not part:
            seen = self._parts[id(part)] = (part, hashlib.sha256(spelled_out(part)).digest())
        return seen[1]

    def mark(self) -> set[str]:
        """The groups known so far, for `since`."""
        return set(self.now)

    def since(self, mark: set[str]) -> dict:
        """What this cache learnt after `mark`, for another process's cache to `merge`."""
        return {"now": {g: v for g, v in self.now.items() if g not in mark}, "kept": [o for g, (_, outputs) in self.now.items()
                                                                                  if g not in mark for o in outputs if o in self.kept]}

    def merge(self, learnt: dict) -> None:
        self.now.update(learnt["now"])
        self.kept.update(learnt["kept"])

    def forget(self) -> None:
        """Drop the saved keys before the stage changes: if the build stops half-way, none is trusted."""
        self.file.unlink(missing_ok=True)

    def save(self) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        self.file.write_bytes(marshal.dumps(self.now))  # (json took 0.2 s at 10,000 indicators, marshal a fortieth)


def saved_keys(file: Path) -> dict[str, list]:
    """The keys a PageCache saved in `file`: {group: [key, outputs]}, or none if it cannot be read."""
    try:
        return marshal.loads(file.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}


def spelled_out(part) -> memoryview:
    """Every value a part holds (the records used here: dicts, lists, numbers, strings, dataclasses), as pickle
    writes them without its memo ("fast" mode): an object that two parts share, or one part twice, is written out
    in full each time, so the bytes follow what a part holds and not which objects hold it. Quicker than the
    repr of each part, which also spells out every value: 2.1-2.8 s against 4.2-4.3 s for the keys of 29,751
    groups of pages at 10,000 indicators. The model's classes that keys hold by the ten thousand are slotted
    dataclasses: Python 3.11 keeps an instance's attributes without a dict until its __dict__ is read, as pickle
    reads it, which gave 260,000 instances a dict each (38 MiB at the build's peak)."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=5)
    pickler.fast = True
    pickler.dump(part)
    return out.getbuffer()
