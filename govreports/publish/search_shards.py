"""The search index of the built pages (govreports/publish/search_index.py), split into shards, of which a
rebuild indexes anew only those whose pages changed."""
from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import pickle
import shutil
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import Iterable

from .. import parallel
from ..collector import no_cycle_collection
from . import file_scan, search_index
from .staging import SEARCH_DIR, SHARDS_FILE, link_unless_there


def index_search(output: Path, site: Path, environment: str, cache: Path | None = None, into: Path | None = None,
                 built: Iterable[str] | None = None) -> tuple[int, int]:
    """Index the built pages of `output` for search (govreports/publish/search_index.py) into search-index/<shard>/ of
    `into` (`output` itself by default). The pages are the HTML files MkDocs wrote, listed in `built` by the build
    that knows them (the walk over every file of the output took 0.8 s at 10,000 indicators), else found there.

    The index is split into shards by a hash of each page's address; the search page queries them all.
    A shard whose pages are byte for byte those the published site indexed, with the same dictionary of
    names and the same code, is taken from the site, by --force too (its digest covers all a shard is
    made from), so a small change re-indexes only the shards of the pages it touched. What each page was
    cut into is kept in `cache` under a hash of its bytes, so a shard indexed anew cuts only its changed
    pages. Returns (shards, shards indexed anew).

    `into` may hold files of the published site's index already, as links (a recycled output, mkdocs_site.link_into):
    a file is written only when its bytes changed, and never through such a link.
    """
    with no_cycle_collection():  # reading the shards' cut pages and indexing make many objects that stay (0.3 s at 10,000 indicators)
        return _index_search(output, site, environment, cache, into or output, built)


def _index_search(output: Path, site: Path, environment: str, cache: Path | None, into: Path, built: Iterable[str] | None) -> tuple[int, int]:
    pages: dict[Path, bytes] = {}  # each searchable page, with the hash of its bytes
    names: set[str] = set()
    scanned = file_scan.scan(output, lambda name: name.endswith(".html"), _searched, cache / "scanned.pickle" if cache else None, leave=SEARCH_DIR,
                             among=built)
    for rel, (digest, page_names) in scanned.items():
        if digest:
            pages[Path(rel)] = digest
            names.update(page_names)
    words = search_index.dictionary(names)
    count = shard_count(len(pages))
    members: dict[str, list[Path]] = {}
    for rel in sorted(pages):
        members.setdefault(_shard_of(rel, count), []).append(rel)
    try:
        earlier = json.loads((site / SHARDS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        earlier = {}
    digests, manifests, anew, kept = {}, {}, [], []
    # The dictionary decides how every page's Chinese is cut into words, so it is part of each shard's digest.
    dictionary = search_index.dictionary_digest(words)
    for shard, rels in sorted(members.items()):
        digest = hashlib.sha256(f"{environment}\0{dictionary}".encode())
        for rel in rels:
            digest.update(f"\0{rel}\0".encode() + pages[rel])
        digests[shard] = digest.hexdigest()
        if earlier.get("digests", {}).get(shard) == digests[shard] and (site / SEARCH_DIR / shard).is_dir():
            kept.append(shard)
            manifests[shard] = earlier["manifests"][shard]
        else:
            anew.append(shard)
    # What each page of the shards to index was cut into, by an earlier build, if the page, the dictionary and
    # the cutting code are as they were: indexing a shard then cuts only its new pages.
    stamp = f"{_cutter()}\0{dictionary}" if anew else ""
    caches = {shard: cache / f"{shard}.pickle" if cache else None for shard in anew}
    # Tokenising is pure Python: one process per core. The word cutter loads its dictionary here, once, for
    # the forked processes to share (loading it took each of them over a second), when there is anything to cut.
    cut = {shard: _cut_before(caches[shard], stamp) for shard in anew}
    if any(_page_id(rel, pages[rel]) not in cut[shard] for shard in anew for rel in members[shard]):
        search_index.word_cutter(frozenset(words))

    def index(mine: list[str]) -> dict:
        return {shard: _index_shard(output, members[shard], pages, frozenset(words), into / SEARCH_DIR / shard, site / SEARCH_DIR / shard,
                                    caches[shard], stamp)
                for shard in mine}
    # The unchanged shards are linked in by another process while the others are indexed (0.25 s at 10,000 indicators).
    linking = parallel.Forked(_carry_shards, site, into, kept) if kept and anew else None
    if not linking:
        _carry_shards(site, into, kept)
    try:
        for done in parallel.share(anew, index):
            manifests.update(done)
    except BaseException:
        if linking:
            linking.cancel()
        raise
    if linking:
        linking.result()
    shards = sorted(digests, key=int)
    folder = into / SEARCH_DIR
    for gone in {p.name for p in folder.iterdir() if p.is_dir()} - set(shards) if folder.is_dir() else ():  # another count's
        shutil.rmtree(folder / gone)
    (into / SHARDS_FILE).unlink(missing_ok=True)
    (into / SHARDS_FILE).write_text(json.dumps(
        {"shards": shards, "digests": digests, "manifests": {s: manifests[s] for s in shards}}, separators=(",", ":")),
        encoding="utf-8")
    return len(digests), len(anew)


def _carry_shards(site: Path, into: Path, shards: list[str]) -> None:
    for shard in shards:
        shutil.copytree(site / SEARCH_DIR / shard, into / SEARCH_DIR / shard, copy_function=link_unless_there, dirs_exist_ok=True)


def carry_over(site: Path, output: Path) -> None:
    """The search index of `site`, in `output` (as links)."""
    shutil.copytree(site / SEARCH_DIR, output / SEARCH_DIR, copy_function=link_unless_there, dirs_exist_ok=True)


def reindex(site: Path, environment: str, cache: Path | None) -> tuple[int, int]:
    """Index the pages of the published `site` anew, reusing its index where it still fits, and put the new
    index in the place of the old (two renames: the site is without one only between them)."""
    beside = Path(tempfile.mkdtemp(prefix=f".{site.name}.search.", dir=site.resolve().parent))
    try:
        counts = index_search(site, site, environment, cache=cache, into=beside)
        os.rename(site / SEARCH_DIR, beside / "old")
        os.rename(beside / SEARCH_DIR, site / SEARCH_DIR)
    finally:
        shutil.rmtree(beside, ignore_errors=True)
    return counts


def shard_count(pages: int) -> int:
    """About √(pages / 125) shards, as a power of two. Re-indexing a shard costs time in proportion
    to its pages; each shard costs the reader's browser a few requests per search. The square root
    balances the two: 1 shard up to 250 pages, 8 at 11,000 pages. Rounded to a power of two, the
    count changes only when the pages grow or shrink fourfold."""
    return 2 ** max(0, round(math.log2(max(pages, 1) / 125) / 2))


def _shard_of(rel: Path, count: int) -> str:
    """The shard of a page: a hash of its address, so that a page stays in its shard while the count does."""
    return str(int(hashlib.sha256(str(rel).encode()).hexdigest(), 16) % count)


def _index_shard(output: Path, rels: list[Path], digests: dict[Path, bytes], words: frozenset[str],
                 target: Path, published: Path, cache: Path | None, stamp: str) -> dict:
    """Index the pages `rels` of `output` into `target` (taking what `cache` holds of them, and linking the files that
    are those of the `published` shard) and keep what each page was cut into in `cache`; returns the shard's manifest."""
    known = _read_known(cache, stamp)
    now = {}
    for rel in rels:
        page_id = _page_id(rel, digests[rel])
        if page_id in known:
            now[page_id] = known[page_id]
        else:
            page = search_index.extract(str(rel), (output / rel).read_bytes())
            now[page_id] = (page, search_index.page_keys(page, words) if page else None)
    # A page cut anew, or one that is gone: the cache is written by another process while the shard is built
    # (writing it took 0.3 s at 10,000 indicators).
    keeping = parallel.Forked(_keep, cache, stamp, now) if cache and now.keys() != known.keys() else None
    found = [entry for entry in now.values() if entry[0]]
    manifest, files = search_index.build_shard([page for page, _ in found], words, [keys for _, keys in found])
    _write_changed(target, files, published)
    if keeping:
        keeping.result()
    return manifest


def _write_changed(target: Path, files: dict[str, bytes], published: Path) -> None:
    """Make the folder `target` hold exactly `files` (by their path in it). A file whose bytes are those of the
    published site's shard (`published`) is a link to that file, as is what `target` may hold already (a recycled
    output): one changed page leaves most of a shard's files as they were, and writing the 2,400 files of a shard
    anew took 0.5-1.6 s at 10,000 indicators. Nothing is written through a link."""
    there = {os.path.relpath(os.path.join(folder, name), target) for folder, _, names in os.walk(target) for name in names}
    for name, content in files.items():
        path, old = target / name, published / name
        try:
            same = old.read_bytes() == content
        except OSError:
            same = False
        if name not in there:
            path.parent.mkdir(parents=True, exist_ok=True)
        if same:
            link_unless_there(str(old), str(path))
            continue
        if name in there:
            path.unlink()
        path.write_bytes(content)
    for name in there - files.keys():
        (target / name).unlink()
        folder = (target / name).parent
        while folder != target and not any(folder.iterdir()):  # a folder left empty goes too
            folder.rmdir()
            folder = folder.parent


def _keep(cache: Path, stamp: str, now: dict) -> None:
    cache.parent.mkdir(parents=True, exist_ok=True)
    with cache.with_suffix(".part").open("wb") as f:
        pickle.dump((stamp, list(now)), f, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(now, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(cache.with_suffix(".part"), cache)


def _searched(body: bytes) -> tuple[bytes | None, list[str]]:
    """A page's hash and names if search indexes it."""
    if search_index.BODY_MARKER.encode() not in body:
        return None, []
    return hashlib.sha256(body).digest(), search_index.names_of(body)


@functools.cache
def _cutter() -> str:
    """What cuts a page into blocks and keys: search_index.py, jieba and Python's Unicode tables. (Not the rest
    of the code, a change of which would otherwise cut every page again: minutes at 10,000 indicators.)"""
    import jieba

    code = Path(search_index.__file__).read_bytes()
    return hashlib.sha256(code + f"\0{jieba.__version__}\0{unicodedata.unidata_version}\0{sys.version}".encode()).hexdigest()


def _page_id(rel: Path, digest: bytes) -> str:
    return f"{rel}\0{digest.hex()}"


# A shard's cache file holds two pickles: (stamp, the ids of its pages), then what each page was cut into.
# The first alone says whether a shard has pages to cut; the second is read by the process that indexes it.
def _cut_before(path: Path | None, stamp: str) -> set[str]:
    """The ids of the pages of a shard that an earlier build cut, with the same code and dictionary."""
    return set(_read_cache(path, stamp, whole=False) or ())


def _read_known(path: Path | None, stamp: str) -> dict:
    """What an earlier build cut the pages of a shard into, if made with the same code and dictionary."""
    return _read_cache(path, stamp, whole=True) or {}


def _read_cache(path: Path | None, stamp: str, whole: bool):
    if path is None:
        return None
    try:
        with path.open("rb") as f:
            made_with, ids = pickle.load(f)
            if made_with != stamp:
                return None
            return pickle.load(f) if whole else ids
    except (OSError, ValueError, EOFError, pickle.UnpicklingError):
        return None
