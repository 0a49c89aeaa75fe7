"""What a build works out from each of many files (a hash, the names in a page), remembered by the file's
identity, so that a rebuild reads only the files that are new: a carried-over page or an unchanged staged
file is the same file (a link, or untouched), and a changed one is a new file (written anew, or replaced)."""
from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")


def scan(folder: Path, wanted: Callable[[str], bool], work_out: Callable[[bytes], T], cache: Path | None, leave: str = "",
         among: Iterable[str] | None = None) -> dict[str, T]:
    """work_out(bytes) of every file of `folder` whose name is `wanted`, by its path relative to `folder`
    (the top-level folder `leave` left out), or of those `among` the paths given (then the folder is not walked).
    Taken from `cache` for a file whose inode, size and time are those of a file an earlier scan read; the
    cache then holds this scan."""
    try:
        earlier = pickle.loads(cache.read_bytes()) if cache else {}
    except (OSError, ValueError, EOFError, pickle.UnpicklingError):
        earlier = {}
    root = str(folder)
    found, seen = {}, {}
    for rel in _walk(root, leave) if among is None else among:
        if not wanted(os.path.basename(rel)):
            continue
        path = os.path.join(root, rel)
        st = os.stat(path)
        identity = (rel, st.st_ino, st.st_size, st.st_mtime_ns)
        value = earlier.get(identity, _UNKNOWN)
        if value is _UNKNOWN:
            with open(path, "rb") as fh:
                value = work_out(fh.read())
        seen[identity] = found[rel] = value
    if cache and seen.keys() != earlier.keys():
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.with_suffix(".part").write_bytes(pickle.dumps(seen, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(cache.with_suffix(".part"), cache)
    return found


def _walk(root: str, leave: str) -> Iterator[str]:
    """Every file under `root`, relative to it, but in its top-level folder `leave`. (Plain strings: this runs
    over every file of the site.)"""
    for current, subfolders, names in os.walk(root):
        if current == root:
            subfolders[:] = [d for d in subfolders if d != leave]
        rel_folder = current[len(root) + 1:]
        for name in names:
            yield os.path.join(rel_folder, name)


_UNKNOWN = object()
