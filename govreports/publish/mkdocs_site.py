"""MkDocs (with the Material theme) turns the staged pages into the HTML site."""
from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from typing import Iterable

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from .. import parallel
from ..errors import BuildError
from ..render import pages
from ..render.staged import StagedFiles
from .chart_images import is_drawn
from .staging import SEARCH_DIR, Walked, link_or_copy, walk, with_parents

# plotly.js's partial bundle with the trace types the charts use (scatter, bar): 1.2 MB against the
# 4.6 MB of the full library. scripts/update_plotly_bundle.sh refreshes it from the npm registry.
CATCH_UP_AT = 2000  # changed files: relinking a file alone took 59 µs, link_into over a recycled output 14 µs a file
PARALLEL_FROM = 200  # pages to build: fewer are written sooner than a second MkDocs has read the site's files
PLOTLY_JS = Path(__file__).resolve().parents[2] / "vendor" / "plotly.js-basic-dist-min" / "plotly-basic.min.js"


def stage_assets(staged: StagedFiles) -> None:
    """Plotly's library is shipped once with the site, so charts draw without internet."""
    staged.write(f"assets/{PLOTLY_JS.name}", PLOTLY_JS.read_bytes())


def link_into(output: Path, stage: Path, site: Path | None, recycled: bool = False, staged: Walked | None = None) -> tuple[int, list[str]]:
    """Link into `output` what MkDocs need not write:

    - every file it would only copy (downloads, citation files, assets), so that it finds them up to date
      instead of copying tens of thousands of files in one process;
    - with `site`, the published page of every staged page that has not changed since that site was built,
      so that MkDocs' dirty build skips it. MkDocs rewrites only pages whose source is newer, and those
      are not linked.

    A `recycled` output (an earlier site, staging.new_output) keeps the files that are those links already and
    loses every other file, and every folder no page or file needs, so that it holds what a new folder would; but for
    the files written after MkDocs that are `site`'s (the search index, the chart images), which search_shards.index_search
    and chart_images.finish then leave as they are.
    A staged file is replaced, never written through, and the published site is never written through a
    link. Returns the number of pages carried over from `site` and the staged pages left for MkDocs. (Plain strings
    and os.scandir, whose entries know their inode: this runs over every file of the site on every build.)"""
    links, folders, building, carried = _links(staged or walk(str(stage)), None if site is None else str(site))
    _place(output, links, folders, recycled, same_device=len({os.stat(p).st_dev for p in (output, stage, site) if p is not None}) == 1,
           site=site)
    return carried, building


def link_and_mirror(output: Path, docs: Path, stage: Path, site: Path | None, recycled: bool = False) -> tuple[int, list[str], list[str]]:
    """link_into `output`, and make `docs` the mirror of what MkDocs reads of the staged folder (what_mkdocs_reads).
    Returns link_into's two results and every staged file it found, so that the stage need not be walked again
    (staging.prune)."""
    staged = walk(str(stage))
    _mirror(stage, docs, what_mkdocs_reads, staged)
    return *link_into(output, stage, site, recycled, staged), [os.path.join(rel, entry.name) for rel, files in staged for entry in files]


def catch_up(output: Path, docs: Path, stage: Path, site: Path | None, changed: set[str], carried: int, building: list[str]) -> tuple[int, list[str]]:
    """Bring an `output` and a `docs` mirror that link_and_mirror made (from `stage` and `site`) before the staged files
    `changed` were written or removed up to date with them: a changed page is left to MkDocs (the published page carried
    over for it is unlinked, so that MkDocs writes a new file rather than through the link), a removed one leaves
    nothing, and every other file is linked anew (relink); the mirror follows. Returns link_into's two results as they
    now are. (Many changed files, as in a first build, are caught up with sooner by link_and_mirror again.)"""
    if len(changed) > CATCH_UP_AT:
        return link_and_mirror(output, docs, stage, site, recycled=True)[:2]
    relink(docs, stage, set(filter(what_mkdocs_reads, changed)))
    building = set(building)
    files = set()
    for rel in changed:
        if not rel.endswith(".md"):
            files.add(rel)
            continue
        page = output / page_file(os.path.dirname(rel), os.path.basename(rel))
        if page.is_file():
            page.unlink()
            carried -= 1
            _remove_if_empty(page.parent)
        if (stage / rel).is_file():
            building.add(rel)
        else:
            building.discard(rel)
    relink(output, stage, files)
    return carried, sorted(building)


def _place(output: Path, links: dict[str, tuple[str, int]], folders: set[str], recycled: bool, same_device: bool,
           site: Path | None = None) -> None:
    """Link into `output` each file of `links` (its path there → its source and the source's inode); a `recycled`
    output is first emptied of all but those links, the files written after MkDocs that are `site`'s, and the `folders`."""
    output_root = str(output)
    kept = _recycle(output_root, links, folders, same_device, site and str(site)) if recycled else set()
    made = set()
    for rel, (src, _) in links.items():
        if rel in kept:
            continue
        folder = os.path.dirname(rel)
        if folder not in made:
            os.makedirs(os.path.join(output_root, folder), exist_ok=True)
            made.add(folder)
        link_or_copy(src, os.path.join(output_root, rel))


def relink(output: Path, stage: Path, paths: set[str]) -> None:
    """Bring the staged files `paths` (relative to `stage`), written or removed since link_into, into `output`."""
    for rel in paths:
        target, src = output / rel, stage / rel
        target.unlink(missing_ok=True)
        if src.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(src, target)
        else:
            _remove_if_empty(target.parent)


def _remove_if_empty(folder: Path) -> None:
    """Remove `folder`, and those above it, while empty: link_into makes no folder that no file needs."""
    if folder.is_dir() and not any(folder.iterdir()):
        os.removedirs(folder)


def _links(staged: Walked, site: str | None) -> tuple[dict[str, tuple[str, int]], set[str], list[str], int]:
    """What `output` links to, by its path there, with its inode; every folder that a file or a page of the site
    lives in (with those above it); the staged pages (of the walk `staged`) not carried over from `site`, and the
    number of those that are."""
    links, folders, building, carried = {}, set(), [], 0
    for rel_folder, files in staged:
        for entry in files:
            name = entry.name
            if not name.endswith(".md"):
                links[os.path.join(rel_folder, name)] = (entry.path, entry.inode())
                folders.add(rel_folder)
                continue
            page = page_file(rel_folder, name)
            folders.add(os.path.dirname(page))
            try:
                old = site and os.stat(os.path.join(site, page))
                if old and old.st_mtime >= entry.stat().st_mtime:
                    links[page] = (os.path.join(site, page), old.st_ino)
                    carried += 1
                    continue
            except FileNotFoundError:
                pass
            building.append(os.path.join(rel_folder, name))
    return links, with_parents(folders), building, carried


def _recycle(output: str, links: dict[str, tuple[str, int]], folders: set[str], same_device: bool, site: str | None) -> set[str]:
    """Empty a recycled output of all but the files that are their link already (returned), the files of the search
    index and the chart images that are `site`'s (at 10,000 indicators, 18,900 and 12,000 files that were unlinked and
    then linked again), and the folders in `folders` or holding those. (On one device a file is its link when their
    inodes are the same.)"""
    kept, holding = set(), set()
    index = os.path.join(SEARCH_DIR, "")
    for rel_folder, files in walk(output, bottom_up=True):  # files before their folders, a folder's before those above it
        for entry in files:
            rel = os.path.join(rel_folder, entry.name)
            src = links.get(rel)
            if src is not None and (entry.inode() == src[1] if same_device else _same_file(entry.path, src[0])):
                kept.add(rel)
            elif site and (rel.startswith(index) or is_drawn(rel)) and _is_file(entry, os.path.join(site, rel), same_device):
                holding.add(rel_folder)
            else:
                os.unlink(entry.path)
        if rel_folder in holding:
            holding.add(os.path.dirname(rel_folder))
        elif rel_folder not in folders:
            os.rmdir(os.path.join(output, rel_folder))
    return kept


def _is_file(entry: os.DirEntry, path: str, same_device: bool) -> bool:
    """Whether the file of `entry` is the file at `path`."""
    if not same_device:
        return _same_file(entry.path, path)
    try:
        return entry.inode() == os.stat(path).st_ino
    except FileNotFoundError:
        return False


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samestat(os.lstat(a), os.stat(b))
    except FileNotFoundError:
        return False


def page_files(staged: Iterable[str]) -> list[str]:
    """The HTML file MkDocs writes of each staged page, relative to the output."""
    return sorted(page_file(os.path.dirname(rel), os.path.basename(rel)) for rel in staged if rel.endswith(".md"))


def page_file(folder: str, name: str) -> str:
    """Where MkDocs writes a staged page (use_directory_urls): a/index.md → a/index.html, a/b.md → a/b/index.html."""
    stem = name[: -len(".md")]
    if stem in ("index", "README"):
        return os.path.join(folder, "index.html")
    return os.path.join(folder, stem, "index.html")


def what_mkdocs_reads(rel: str) -> bool:
    """Of the staged files: the pages, and the folders that mkdocs.yml names files of and hand-written pages link
    to (MkDocs checks those links). It would look at every other staged file only to find it in the output
    already (link_into): a site's citation files, chart files and embedded charts, three in four files."""
    return rel.endswith(".md") or rel.split(os.sep, 1)[0] in ("assets", pages.file("downloads").rstrip("/"))


def _mirror(stage: Path, docs: Path, wanted, staged: Walked | None = None) -> None:
    """Make `docs` hold the staged files that are `wanted` (by their path relative to `stage`, walked in `staged`), as
    links to them."""
    docs.mkdir(parents=True, exist_ok=True)
    links = {rel: (entry.path, entry.inode()) for rel_folder, files in staged or walk(str(stage)) for entry in files
             if wanted(rel := os.path.join(rel_folder, entry.name))}
    _place(docs, links, with_parents({os.path.dirname(rel) for rel in links}), recycled=True,
           same_device=os.stat(docs).st_dev == os.stat(stage).st_dev)


def theme_settings(meta: dict) -> dict:
    """What the theme takes from data/dataset.yml: site_url gives the sitemap and canonical links
    their absolute addresses; the footer of every page names the licence and the version."""
    return {"site_url": meta["site_url"] or None,
            "extra": {"dataset": {**{k: meta[k] for k in ("title_en", "version", "released", "licence", "licence_url")},
                                  "version_page": pages.url("version", meta["version"]), "cite_page": pages.url("cite")}}}


def build_html(config_file: Path, docs: Path, output: Path, meta: dict, building: list[str], staged: Iterable[str], compiled: Path) -> None:
    """MkDocs builds the staged pages `building` into `output`, a new folder (it may hold pages carried over from the
    published site, which MkDocs leaves as they are), in one process per core, each writing its share; a few pages in
    one process, as every process first reads the whole site's files. It reads them from `docs`, which holds (as
    links) what it needs of the staged folder (link_and_mirror); a few generated pages from a folder of their own
    (few_pages). The sitemap lists every staged page (`staged`). The theme's compiled templates are kept in `compiled`
    (mkdocs_hooks.on_env)."""
    parts = parallel.cores() if len(building) >= PARALLEL_FROM else 1
    if parts == 1 and pages.HAND_WRITTEN.isdisjoint(building):
        docs = few_pages(docs, building)
    # Without an address the sitemap lists no page: the pages are not sorted for it.
    site_pages = sorted((rel for rel in staged if rel.endswith(".md")), key=_walk_order) if meta["site_url"] else []
    parallel.share(list(range(parts)), lambda mine: [_build_part(config_file, docs, output, meta, n, parts, compiled, site_pages) for n in mine],
                   workers=parts)
    # Crawlers may read everything; with an address, they are pointed at the sitemap of every page.
    sitemap = f"Sitemap: {meta['site_url']}sitemap.xml\n" if meta["site_url"] else ""
    (output / "robots.txt").write_text(f"User-agent: *\nAllow: /\n{sitemap}", encoding="utf-8")


def few_pages(docs: Path, building: list[str]) -> Path:
    """A folder beside the mirror `docs` with only the pages `building` and those the navigation lists, as links: MkDocs
    makes an object of every file it is given and goes over each several times (1.5 s of a one-page build at 10,000
    indicators). Generated pages link to nothing MkDocs checks; a hand-written one may, so it is built from `docs`."""
    folder = docs.with_name(docs.name + "-few")
    shutil.rmtree(folder, ignore_errors=True)
    for rel in {*building, *(path for entry in pages.nav() for path in entry.values())}:
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        link_or_copy(docs / rel, folder / rel)
    return folder


def _walk_order(rel: str) -> tuple:
    """The order MkDocs lists the files of its folder in (mkdocs.structure.files.get_files): a folder's files, index
    first, before its subfolders, each by name."""
    *folders, name = rel.split(os.sep)
    return (*((1, f) for f in folders), (0, os.path.splitext(name)[0] not in ("index", "README"), name))


def _build_part(config_file: Path, docs: Path, output: Path, meta: dict, part: int, parts: int, compiled: Path, site_pages: list[str]) -> None:
    settings = theme_settings(meta)
    settings["extra"]["build_part"] = [part, parts]  # read by the hooks (mkdocs_hooks.on_files)
    settings["extra"]["compiled_templates"] = str(compiled)  # mkdocs_hooks.on_env
    settings["extra"]["site_pages"] = site_pages  # mkdocs_hooks.on_template_context
    config = load_config(str(config_file), docs_dir=str(docs), site_dir=str(output), strict=True, nav=pages.nav(), **settings)
    dirty = True  # MkDocs then skips the pages of other parts and the carried-over ones; `output` was new
    # In strict mode MkDocs stops on any warning, but prints nothing unless a handler is set up.
    warnings, dirty_is_safe = _Collect(), _DirtyBuildIsSafeHere()
    logger, build_logger = logging.getLogger("mkdocs"), logging.getLogger("mkdocs.commands.build")
    logger.setLevel(logging.WARNING)
    logger.addHandler(warnings)
    build_logger.addFilter(dirty_is_safe)
    config.plugins.on_startup(command="build", dirty=dirty)
    try:
        mkdocs_build(config, dirty=dirty)
    except SystemExit as e:  # MkDocs' Abort
        raise BuildError("MkDocs stopped: " + " | ".join(warnings.messages or [str(e)])) from None
    finally:
        config.plugins.on_shutdown()
        logger.removeHandler(warnings)
        build_logger.removeFilter(dirty_is_safe)


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class _DirtyBuildIsSafeHere(logging.Filter):
    """MkDocs warns that a dirty build may leave navigation stale. Here the navigation, theme and
    configuration are part of the environment fingerprint, and a change to any of them makes a
    full build, so the warning does not apply (and strict mode would count it as a failure)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()

