"""MkDocs (with the Material theme) turns the staged pages into the HTML site."""
from __future__ import annotations

import logging
import shutil
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.structure.files import File

from .. import parallel
from ..errors import BuildError
from ..render import pages
from .staging import link_or_copy

# plotly.js's partial bundle with the trace types the charts use (scatter, bar): 1.2 MB against the
# 4.6 MB of the full library. scripts/update_plotly_bundle.sh refreshes it from the npm registry.
PLOTLY_JS = Path(__file__).resolve().parents[2] / "vendor" / "plotly.js-basic-dist-min" / "plotly-basic.min.js"


def stage_assets(stage: Path) -> None:
    """Plotly's library is shipped once with the site, so charts draw without internet."""
    (stage / "assets").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PLOTLY_JS, stage / "assets" / PLOTLY_JS.name)


def carry_over(site: Path, stage: Path, output: Path) -> int:
    """Link into `output` the published page of every staged file that has not changed since it was
    built, so that MkDocs' dirty build skips it. MkDocs rewrites only files whose source is newer,
    and those are not linked, so the published site is never written through a link.
    Returns the number of files carried over."""
    carried = 0
    for src in stage.rglob("*"):
        if src.is_dir():
            continue
        rel = File(str(src.relative_to(stage)), str(stage), str(output), use_directory_urls=True).dest_uri
        old, new = site / rel, output / rel
        if old.is_file() and old.stat().st_mtime >= src.stat().st_mtime:
            new.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(old, new)
            carried += 1
    return carried


def link_files(stage: Path, output: Path) -> int:
    """Link into `output` every staged file that MkDocs would only copy (downloads, citation files, assets):
    MkDocs then finds it up to date and leaves it, instead of copying tens of thousands of files in one process.
    A staged file is replaced, never written through, so the link cannot change under the published site."""
    linked = 0
    for src in stage.rglob("*"):
        if src.suffix != ".md" and src.is_file():
            new = output / src.relative_to(stage)
            if not new.exists():
                new.parent.mkdir(parents=True, exist_ok=True)
                link_or_copy(src, new)
                linked += 1
    return linked


def theme_settings(meta: dict) -> dict:
    """What the theme takes from data/dataset.yml: site_url gives the sitemap and canonical links
    their absolute addresses; the footer of every page names the licence and the version."""
    return {"site_url": meta["site_url"] or None,
            "extra": {"dataset": {**{k: meta[k] for k in ("title_en", "version", "released", "licence", "licence_url")},
                                  "version_page": pages.url("version", meta["version"]), "cite_page": pages.url("cite")}}}


def build_html(config_file: Path, stage: Path, output: Path, meta: dict) -> None:
    """MkDocs builds the staged pages into `output`, a new folder (it may hold pages carried over from the
    published site, which MkDocs leaves as they are), in one process per core, each writing its share."""
    parts = parallel.cores()
    parallel.share(list(range(parts)), lambda mine: [_build_part(config_file, stage, output, meta, n, parts) for n in mine], workers=parts)
    # Crawlers may read everything; with an address, they are pointed at the sitemap of every page.
    sitemap = f"Sitemap: {meta['site_url']}sitemap.xml\n" if meta["site_url"] else ""
    (output / "robots.txt").write_text(f"User-agent: *\nAllow: /\n{sitemap}", encoding="utf-8")


def _build_part(config_file: Path, stage: Path, output: Path, meta: dict, part: int, parts: int) -> None:
    settings = theme_settings(meta)
    settings["extra"]["build_part"] = [part, parts]  # read by the hooks (mkdocs_hooks.on_files)
    config = load_config(str(config_file), docs_dir=str(stage), site_dir=str(output), strict=True, nav=pages.nav(), **settings)
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

