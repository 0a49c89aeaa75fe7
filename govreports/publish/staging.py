"""Files between the stages: the staging folder a build renders into, the new output folder beside
site/, and the swap that publishes it only after everything succeeded, so a failed build leaves the
published site as it was."""
from __future__ import annotations

import filecmp
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Iterable

Walked = list[tuple[str, list[os.DirEntry]]]  # walk's: each folder (relative to the root walked) with its files

# Where the published site keeps its search index; the build writes it last.
SEARCH_DIR = "search-index"
SHARDS_FILE = f"{SEARCH_DIR}/shards.json"
SPARE = "spare"  # in the work folder: the site the last build replaced


def new_output(site: Path, work: Path) -> tuple[Path, bool]:
    """A folder beside site/, which replaces it when everything succeeded, and whether it is the spare (the
    site that the last build replaced, see swap) rather than empty: most of its files and every folder are
    then in place already, and creating the thousands of folders of a site took a second."""
    site.resolve().parent.mkdir(parents=True, exist_ok=True)
    output = Path(tempfile.mkdtemp(prefix=f".{site.name}.", dir=site.resolve().parent))
    try:
        os.rename(work / SPARE, output)  # replaces the empty folder
    except OSError:  # no spare, or on another file system
        return output, False
    return output, True


def discard(output: Path, work: Path) -> None:
    """The output of a build that failed becomes the spare of the next one (new_output makes any folder into what it
    needs): deleting the files of a whole site took seconds."""
    try:
        os.rename(output, work / SPARE)
    except OSError:  # a spare already there, or another file system
        shutil.rmtree(output, ignore_errors=True)


def sync(fresh: Path, stage: Path, kept: set[str] = frozenset(), within: str = "") -> set[str]:
    """Make the folder `within` (all of `stage` by default) hold exactly the files of `fresh` there and the
    `kept` staged files (paths relative to `stage`), rewriting only those whose bytes changed: the time of a
    staged file then says when its page last changed. Returns the staged files written or removed. (Plain
    strings and os.walk: pathlib took a second over every staged file.)"""
    changed: set[str] = set()
    wanted: set[str] = set(kept)
    for folder, _, names in os.walk(os.path.join(fresh, within)):
        rel_folder = os.path.relpath(folder, fresh)
        for name in names:
            rel = os.path.normpath(os.path.join(rel_folder, name))
            wanted.add(rel)
            new, old = os.path.join(folder, name), os.path.join(stage, rel)
            if not _same_bytes(new, old):
                os.makedirs(os.path.dirname(old), exist_ok=True)
                os.replace(new, old)
                changed.add(rel)
    return changed | prune(stage, wanted, within=within)


def prune(stage: Path, wanted: set[str], within: str = "", leave: str = "", present: Iterable[str] | None = None) -> set[str]:
    """Remove from the folder `within` of `stage` (all of it by default) every file not `wanted` (paths relative to
    `stage`) and every folder left without one, but the folder `leave` (relative to `within`) and what it holds;
    returns the files removed. The files `present` in `stage`, if the build knows them, are not looked for (a walk
    of the stage took half a second at 10,000 indicators)."""
    removed: set[str] = set()
    folders = with_parents({os.path.dirname(rel) for rel in wanted})  # every folder above a wanted file stays
    if present is not None:
        inside, left = os.path.join(within, "") if within else "", os.path.join(within, leave, "") if leave else None
        removed = {rel for rel in present if rel not in wanted and rel.startswith(inside) and not (left and rel.startswith(left))}
        for rel in removed:
            os.unlink(os.path.join(stage, rel))
        for rel in sorted(with_parents({os.path.dirname(rel) for rel in removed}) - folders, key=len, reverse=True):
            os.rmdir(os.path.join(stage, rel))  # those beneath it first
        return removed
    if not os.path.isdir(os.path.join(stage, within)):
        return removed
    for rel_folder, files in walk(os.path.join(stage, within), bottom_up=True, leave=leave):  # files before their folders
        rel_folder = os.path.join(within, rel_folder) if rel_folder else within.rstrip(os.sep)
        for entry in files:
            if (rel := os.path.join(rel_folder, entry.name)) not in wanted:
                os.unlink(entry.path)
                removed.add(rel)
        if rel_folder and rel_folder not in folders:
            os.rmdir(os.path.join(stage, rel_folder))
    return removed


def walk(root: str, bottom_up: bool = False, leave: str = "") -> Walked:
    """Each folder under `root` (relative to it, "" for itself) with its files, as os.scandir gives them: their
    inode is known without a stat. A folder comes before those in it, or after them if `bottom_up`. The folder `leave`
    (relative to `root`) is not gone into."""
    found, waiting = [], [("", root)]
    while waiting:
        rel, path = waiting.pop()
        files = []
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if (sub := os.path.join(rel, entry.name) if rel else entry.name) != leave:
                        waiting.append((sub, entry.path))
                else:
                    files.append(entry)
        found.append((rel, files))
    return found[::-1] if bottom_up else found


def with_parents(folders: set[str]) -> set[str]:
    """The relative folders with every folder above them, up to "" (the root)."""
    out = {""}
    for rel in folders:
        while rel not in out:
            out.add(rel)
            rel = os.path.dirname(rel)
    return out


def _same_bytes(new: str, old: str) -> bool:
    """Whether two files hold the same bytes: at once when they are one file (a version's archived downloads are
    links to the downloads), else as filecmp compares them, a block at a time. Reading both whole held twice the
    largest file, 170 MB for the database at 10,000 indicators: the peak of the build."""
    try:
        return os.path.samestat(os.stat(new), os.stat(old)) or filecmp.cmp(new, old, shallow=False)
    except FileNotFoundError:
        return False


def swap(new: Path, site: Path, work: Path) -> None:
    """Put `new` in the place of `site`. The site it replaces is kept in the work folder as the spare that the
    next build starts from (new_output); the spare before it goes into the work folder's trash, which a
    process of its own empties: deleting thousands of folders took seconds that nobody needs to wait for."""
    site = site.resolve()
    old = site.with_name(f".{site.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    new.rename(site)
    if not old.exists():
        return
    spare, trash = work / SPARE, work / "trash"
    trash.mkdir(parents=True, exist_ok=True)
    if spare.exists():
        spare.rename(trash / f"site-{os.getpid()}-{time.time_ns()}")
    try:
        old.rename(spare)
    except OSError:  # another file system
        shutil.rmtree(old, ignore_errors=True)
    if any(trash.iterdir()):
        _empty_later(trash)


def _empty_later(folder: Path) -> None:
    """Delete everything in `folder` in a process of its own, which outlives this one if need be (forked
    twice, so that no process is left waiting to be reaped by a long-running preview)."""
    child = os.fork()
    if child:
        os.waitpid(child, 0)
        return
    try:
        os.setsid()  # not stopped with the build's process group
        # Nor holding the build's files open: an inherited lock (publish/lock.py) would keep the next build waiting.
        os.closerange(3, os.sysconf("SC_OPEN_MAX"))
        if os.fork() == 0:
            for entry in folder.iterdir():
                shutil.rmtree(entry, ignore_errors=True)
    finally:
        os._exit(0)


def link_or_copy(src, dst) -> None:
    try:
        os.link(src, dst)
    except OSError:  # another file system, or one without links
        shutil.copy2(src, dst)


def link_unless_there(src, dst) -> None:
    """A link to `src` at `dst` (link_or_copy), unless `dst` is that file already: what `dst` was is unlinked first, so
    nothing is written through a link."""
    try:
        if os.path.samestat(os.lstat(dst), os.stat(src)):
            return
        os.unlink(dst)
    except FileNotFoundError:
        pass
    link_or_copy(src, dst)
