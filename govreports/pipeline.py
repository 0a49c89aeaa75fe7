"""load → validate → model → render → publish, with one summary line at the end."""
from __future__ import annotations

import contextlib
import gc
import json
import resource
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import parallel
from .collector import no_cycle_collection
from .errors import DataError
from .load import figures
from .model import changes, dataset, glossary_dates
from .publish import address, chart_images, downloads, fingerprint, mkdocs_site, search_index, search_shards, staging
from .render import engine, pages
from .render.kept import KeptResults
from .render.pagecache import PageCache
from .render.staged import StagedFiles
from .validate import checks

ROOT = Path(__file__).resolve().parent.parent
# What a process that builds once made (the dataset, its snapshots, the page cache's keys) stays until the process
# ends: freeing it all before the process handed back its result took 0.25 s at 10,000 indicators.
_LEFT_TO_THE_END: list = []
DATA_FILES = pages.file("downloads").rstrip("/")  # the staged folder of the data files


@dataclass
class Summary:
    indicators: int
    observations: int
    terms: int
    sources: int
    pages: int
    seconds: float
    uncurated: list[str]
    stamped: list[str]
    scoreboard: list[dict]
    statuses: dict[str, dict]
    coverage: dict[str, dict[str, int]]  # source → figure-bearing sentences curated, dismissed, open

    def __str__(self) -> str:
        return (
            f"Published {self.indicators} indicators, {self.observations} observations, {self.terms} terms "
            f"and {self.sources} sources ({self.pages} pages) in {self.seconds:.1f} s"
        )

    def scoreboard_lines(self) -> list[str]:
        return [
            f"Targets for {row['year']} in {row['district']}: "
            + ", ".join(f"{label['name_en']} {row[s]}" for s, label in self.statuses.items() if row[s])
            for row in self.scoreboard
        ]

    def coverage_lines(self) -> list[str]:
        return [
            f"Coverage of {sid}: {sum(c.values())} figure-bearing sentences: {c['curated']} curated, {c['dismissed']} dismissed, {c['open']} open"
            for sid, c in self.coverage.items()
        ]

    def candidates_line(self) -> str:
        listed = ": " + " | ".join(self.uncurated) if self.uncurated else ""
        return f"{len(self.uncurated)} glossary candidate(s) in the sources have no glossary record{listed}"


def check(data_dir: Path, read: tuple | None = None, work: Path | None = None, verdict: parallel.Verdict | None = None) -> dataset.Dataset:
    """Read, validate and model data/; raise DataError listing every problem. `read` is what checks.read gave, if
    read already. With a `verdict`, another process validates the data meanwhile and gives its problems; otherwise
    they are found here, first. A report's figures are kept in `work` (figures.kept_file)."""
    with no_cycle_collection():
        raw, texts = read or checks.read(data_dir)
        if verdict is None and (problems := checks.checked(raw, texts, work and figures.kept_file(work, "checks"))):
            raise DataError(problems)
        try:
            # A verdict against the data stops the model where it is (parallel.Stopped).
            with verdict.stoppable() if verdict else contextlib.nullcontext():
                changed, stamped, record_dates = glossary_dates.dates(data_dir, raw.glossary)
                with figures.kept_in(work and figures.kept_file(work, "model")):
                    data = dataset.build(raw, texts, changed, stamped)
        except Exception:
            if verdict and (problems := verdict.take()):  # what fails on invalid data is reported as its problems
                raise DataError(problems) from None
            raise
        if verdict and (problems := verdict.take()):
            raise DataError(problems)
        # Only valid entries are stamped, so a date of change never belongs to a rejected entry.
        record_dates()
    data.meta.update(_meta(data.meta))
    return data


def run(data_dir: Path, site: Path, root: Path = ROOT, work: Path | None = None, full: bool = False,
        progress=lambda line: None, warm: bool = False, shown: Callable[[], None] | None = None, read: tuple | None = None,
        validated: bool = False) -> Summary:
    """Build the site; `progress` receives one line per finished stage.

    Unless `full`, pages that have not changed since `site` was built are carried over from it.
    The pages are built in a worker process that ends before the search indexing starts, so the memory of the
    two is never needed at once (each takes over a gigabyte at 10,000 indicators). With `warm` (the preview,
    which rebuilds many times in one process) they are built in this process, so that what it loaded and
    worked out once (texts, word lists, dictionaries) serves every later rebuild. `shown()` (the preview's) is
    called once the pages are in place: a site that has a search index gets them before the new index, with
    the index it had, which the new one replaces a moment later. `read` is what checks.read gave, if read already,
    and `validated` says that it was validated too (checks.validate_first).
    """
    started = time.perf_counter()
    work = work or root / "build"
    if warm:
        summary, output, environment, html = _build_pages(data_dir, site, root, work, full, progress, read,
                                                          parallel.Verdict.given([]) if validated else None)
    else:
        # Data not yet validated (large data: checks.validate_first) is validated here while the other process models
        # it, which waits for the verdict before it records anything; then the dictionary for cutting the changed pages
        # for search is loaded.
        read = read or checks.read(data_dir)
        verdict = parallel.Verdict.given([]) if validated else parallel.Verdict()
        building = parallel.Forked(_build_pages, data_dir, site, root, work, full, progress, read, verdict, True)
        if not validated:
            _validate_beside(read, work, verdict, building)
        search_index.prefix_dictionary()
        summary, output, environment, html = building.result()
    clock = _StageClock(progress)
    prints = {"inputs": fingerprint.inputs(root, data_dir), "environment": environment}
    pages_first = shown is not None and fingerprint.complete(site)
    search_cache = work / "cache" / "search"
    try:
        if pages_first:
            search_shards.carry_over(site, output)
            fingerprint.record(output, {"environment": environment})  # not up to date until its index is
        else:
            shards, indexed = search_shards.index_search(output, site, environment, cache=search_cache, built=html)
            clock.done(f"indexed the pages for search ({indexed} of {shards} shards anew)")
            fingerprint.record(output, prints)
        staging.swap(output, site, work)
    except BaseException:
        staging.discard(output, work)
        raise
    if shown:
        shown()
    if pages_first:
        shards, indexed = search_shards.reindex(site, environment, search_cache)
        clock.done(f"indexed the pages for search ({indexed} of {shards} shards anew)")
        fingerprint.record(site, prints)
    summary.seconds = time.perf_counter() - started
    return summary


def _validate_beside(read: tuple, work: Path, verdict: parallel.Verdict, building: parallel.Forked) -> None:
    """Validate the data `read` while `building` models it, and give it the verdict; raise DataError listing every
    problem, once `building` has stopped."""
    try:
        problems = checks.checked(*read, figures.kept_file(work, "checks"))
    except BaseException:
        verdict.withhold()
        building.wait()
        raise
    verdict.give(problems)
    if problems:
        verdict.stop(building)  # there is nothing to model: the other process is told at once
        building.wait()
        raise DataError(problems)


def _build_pages(data_dir: Path, site: Path, root: Path, work: Path, full: bool, progress, read: tuple | None,
                 verdict: parallel.Verdict | None = None, once: bool = False) -> tuple[Summary, Path, str, list[str]]:
    """Check the data (or take the `verdict` of another process on it), render the pages and have MkDocs build them
    into a new folder beside `site`. A process that builds `once` and ends freezes the checked data for the cycle
    collector (gc.freeze): it all stays to the end, and a full collection went over it in this process and in each
    one forked from it (0.6 s a time at 10,000 indicators). (Not in a preview's process, where an earlier build's
    data must still be collected.)"""
    if verdict:
        verdict.listen()
    clock = _StageClock(progress)
    read = read or checks.read(data_dir)
    stage, docs, fresh_files = work / "docs", work / "mkdocs", work / "next-files"
    stage.mkdir(parents=True, exist_ok=True)
    environment = fingerprint.environment(root, json.dumps(mkdocs_site.theme_settings(_meta(read[0].dataset)), sort_keys=True))
    reuse = not full and fingerprint.published(site).get("environment") == environment
    output, recycled = staging.new_output(site, work)
    # While the data is checked, another process links into the new output what MkDocs need not write, and into its
    # mirror what it reads, from the stage as the last build left it; what the render then changes is linked after
    # it (mkdocs_site.catch_up).
    # A rebuild's linking and data files are awaited seconds after they could be done, while the model and the render
    # are what the build waits for: they run in the background (a one-change build at 10,000 indicators, 0.88 of the time).
    linking = parallel.Forked(mkdocs_site.link_and_mirror, output, docs, stage, site if reuse else None, recycled, background=reuse)
    writing = drawing = None
    try:
        data = check(data_dir, read, work, verdict)
        if once:
            gc.freeze()
        clock.done(f"checked {len(data.indicators)} indicators, {len(data.rows)} observations, {len(data.terms)} terms")
        # Pages whose inputs changed are rendered into the stage, where only the ones whose text changed are
        # written, which MkDocs then rebuilds. The rest of the published site is carried over.
        shutil.rmtree(fresh_files, ignore_errors=True)
        fresh_files.mkdir(parents=True)
        with no_cycle_collection():  # all they make stays (the snapshot alone: 0.45 s against 0.26 s at 10,000 indicators)
            pages_cache = PageCache(work / "cache" / "pages.marshal", stage, fingerprint.shared(environment, data_dir), reuse=not full)
            current = changes.snapshot(data)
            earlier = changes.earlier_snapshots(site, data.meta["version"])
            results = KeptResults(work / "cache" / "kept.json")
        # The data files (downloads, snapshots, versions' files) are written by a process of their own while the
        # pages render and MkDocs builds them: no page is made from them, and they took the longest.
        writing = parallel.Forked(_write_data_files, data, fresh_files, pages_cache, site, current, earlier, background=reuse)
        *linked, staged_before = linking.result()  # before the stage changes
        pages_cache.found_staged(staged_before)
        pages_cache.forget()  # the stage changes: if the build stops half-way, no key is trusted
        staged = StagedFiles(stage)
        page_count = engine.render_site(data, root / "templates", root / "content", staged, results, _changes(current, earlier), pages_cache, progress,
                                         compiled=work / "cache" / "templates")
        staged.write(pages.file("feed"), changes.atom([*earlier.values(), current], data.meta, _version_key, page=pages.url("changes"), feed=pages.file("feed")))
        results.save()
        mkdocs_site.stage_assets(staged)
        wanted = staged.written | pages_cache.kept
        changed = staged.changed | staging.prune(stage, wanted, leave=DATA_FILES, present={*staged_before, *staged.written})
        kept = f"; {len(pages_cache.kept)} unchanged files not rendered again" if pages_cache.kept else ""
        clock.done(f"rendered {page_count} pages; {len(changed)} files changed{kept}")
        # The PNG of each chart is drawn while MkDocs works, if it was not drawn by an earlier build.
        drawing = chart_images.start(stage, wanted, work / "cache" / "images")
        carried, building = mkdocs_site.catch_up(output, docs, stage, site if reuse else None, changed, *linked)
        # MkDocs checks the links of the hand-written pages it builds, some of which point to the data files.
        data_files_first = not set(building).isdisjoint(pages.HAND_WRITTEN)
        if data_files_first:
            _data_files_done(writing, fresh_files, stage, output, docs, pages_cache, clock)
        mkdocs_site.build_html(root / "mkdocs.yml", docs, output, data.meta, building, wanted, work / "cache" / "templates")
        drawn = chart_images.finish(drawing, output, gone=changed - wanted)
        clock.done("MkDocs wrote the HTML" + (f" ({carried} unchanged pages carried over)" if carried else "")
                   + f"; {drawn} chart images drawn anew")
        if not data_files_first:
            _data_files_done(writing, fresh_files, stage, output, docs, pages_cache, clock)
    except BaseException:
        for process in (linking, writing):
            if process:
                process.cancel()
        if drawing:
            chart_images.stop(drawing)
        staging.discard(output, work)
        raise
    summary = Summary(
        indicators=len(data.indicators), observations=len(data.rows), terms=len(data.terms),
        sources=len(data.sources), pages=page_count, seconds=0.0, uncurated=data.uncurated, stamped=data.stamped,
        scoreboard=data.scoreboard.to_dict("records"), statuses=data.statuses,
        coverage={sid: figures.sentence_counts(found) for sid, found in data.figures.items()},
    )
    if once:  # what it made is not freed before the result is handed back
        _LEFT_TO_THE_END.append(locals())
    return summary, output, environment, mkdocs_site.page_files(wanted)


def _meta(dataset: dict) -> dict:
    """dataset.yml as the site shows it: a publishing workflow's SITE_URL overrides its address."""
    return {**dataset, "site_url": address.site_url(dataset)}


def _data_files_done(writing: parallel.Forked, fresh_files: Path, stage: Path, output: Path, docs: Path, pages_cache: PageCache, clock) -> None:
    """Wait for the data files, stage those that changed and link them into `output` and MkDocs' mirror `docs`."""
    pages_cache.merge(writing.result())
    written = staging.sync(fresh_files, stage, pages_cache.kept, within=DATA_FILES)
    mkdocs_site.relink(output, stage, written)
    mkdocs_site.relink(docs, stage, written)
    shutil.rmtree(fresh_files)
    pages_cache.save()
    clock.done(f"wrote the downloads; {len(written)} files changed")


def _write_data_files(data, fresh: Path, pages_cache: PageCache, site: Path, current: dict, earlier: dict) -> dict:
    """The downloads, the versions' snapshots and files, in a forked process: what it found current in the page
    cache goes back to the build."""
    mark = pages_cache.mark()
    downloads.write_downloads(data, fresh, pages_cache)
    downloads.write_snapshots(fresh / changes.SNAPSHOTS, current, earlier)
    downloads.archive_versions(fresh, site, data.meta["version"], earlier, pages_cache.stage)
    return pages_cache.since(mark)


def _changes(current: dict, earlier: dict[str, dict]) -> dict:
    """What the changes page and the revision tables show: this version against the latest earlier one."""
    latest = earlier[max(earlier, key=_version_key)] if earlier else None
    versions = sorted([*earlier, current["version"]], key=_version_key, reverse=True)
    return {**changes.compare(current, latest), "history": changes.history(current, earlier, _version_key), "versions": versions,
            "snapshots": {**earlier, current["version"]: current}}


def render_pages(data_dir: Path, out: Path, wanted: set[tuple[str, str]], root: Path = ROOT, checked: dataset.Dataset | None = None) -> None:
    """Render only the pages `wanted`, as (kind, key) pairs, into `out` as staged pages: a quick look at a
    few pages, without MkDocs or search (the tests use it). `checked` is `check(data_dir)`, if already made;
    the kept results (citations, pinyin) stay in `out` for the next call."""
    data = checked or check(data_dir)
    pages_cache, results = PageCache(out / ".cache" / "pages.marshal", out, "", reuse=False), KeptResults(out / ".cache" / "kept.json")
    engine.render_site(data, root / "templates", root / "content", StagedFiles(out), results,
                       _changes(changes.snapshot(data), {}), pages_cache, select=lambda kind, key: (kind, key) in wanted)
    results.save()


class _StageClock:
    """Reports each stage with the seconds it took and the build's memory so far."""

    def __init__(self, progress):
        self.progress, self.last = progress, time.perf_counter()

    def done(self, what: str) -> None:
        now = time.perf_counter()
        # The peak resident size of this process, or of the largest process it waited for.
        peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
        self.progress(f"  {what} ({now - self.last:.1f} s; peak memory {peak:.0f} MB)")
        self.last = now


def _version_key(version: str) -> list:
    return [int(p) if p.isdigit() else p for p in version.replace("-", ".").split(".")]
