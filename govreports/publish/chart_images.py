"""PNG images of the charts and term cards, drawn from the SVG files the render stage writes, without a
browser: resvg (its Python binding `resvg`) with the Noto Sans CJK font, both installed from PyPI, so that
a build on any machine draws the same Chinese.

A PNG is kept in a cache under a hash of its SVG, so a chart is drawn again only when its picture
changed, even by a build with --force (as citations are formatted once). Drawing takes tens of
milliseconds an image, so the images missing from the cache are drawn in other processes while
MkDocs writes the pages, and copied beside their SVG in the new site afterwards.
"""
from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Iterable

import noto_cjk_sans_otc
import resvg

from ..errors import BuildError
from . import file_scan
from .staging import link_unless_there

IMAGES = ("chart.svg", "card.svg")  # the SVG files of the render stage that get a PNG beside them
DRAWN = {name.replace(".svg", ".png") for name in IMAGES}  # the PNG files put beside them
FONT = str(noto_cjk_sans_otc.FONT_PATH)
FAMILY = "Noto Sans CJK SC"
RENDERER = f"resvg {metadata.version('resvg')}; noto-cjk-sans-otc {metadata.version('noto-cjk-sans-otc')}"


PER_PROCESS = 50  # images worth another process
IDENTITY = (1, 0, 0, 0, 1, 0)  # the transform that draws an SVG at its own size


@dataclass
class Drawing:
    cache: Path
    keys: dict[Path, str]  # each image's SVG, relative to the stage, and its key in the cache
    workers: list[multiprocessing.Process]
    missing: int


def start(stage: Path, staged: Iterable[str], cache: Path) -> Drawing:
    """Start drawing, in other processes, every chart and card among the `staged` files of `stage` that the cache
    lacks: one process a core (MkDocs takes one while it works; the others are idle once it is done)."""
    cache.mkdir(parents=True, exist_ok=True)
    missing, keys = {}, {}
    drawn = set(os.listdir(cache))  # one listing, not a stat of each of 12,000 images at 10,000 indicators
    for rel, key in sorted(file_scan.scan(stage, IMAGES.__contains__, _key, cache / "keys.pickle", among=staged).items()):
        keys[Path(rel)] = key
        if f"{key}.png" not in drawn:
            missing[str(cache / f"{key}.png")] = str(stage / rel)
    jobs = sorted(missing.items())
    count = min(os.cpu_count() or 1, -(-len(jobs) // PER_PROCESS))
    workers = [multiprocessing.get_context("fork").Process(target=_draw_all, args=(jobs[n::count],)) for n in range(count)]
    for worker in workers:
        worker.start()
    return Drawing(cache, keys, workers, len(missing))


def finish(drawing: Drawing, output: Path, gone: Iterable[str] = ()) -> int:
    """Wait for the drawing, then put a PNG beside every chart and card SVG of the stage in `output`, where
    MkDocs copied them, and remove the PNG of each SVG `gone` from the stage (a recycled output may hold the one the
    published site has, mkdocs_site.link_into); returns how many were drawn anew."""
    for worker in drawing.workers:
        worker.join()
        if worker.exitcode != 0:
            raise BuildError(f"drawing the chart images failed (exit code {worker.exitcode})")
    for svg, key in drawing.keys.items():
        # A link to the cache's copy (nothing writes an image in place); one that is that link already stays.
        link_unless_there(drawing.cache / f"{key}.png", (output / svg).with_suffix(".png"))
    for svg in gone:
        if os.path.basename(svg) in IMAGES and (png := (output / svg).with_suffix(".png")).exists():
            png.unlink()
            with contextlib.suppress(OSError):  # the folders it leaves empty (an OSError at the first that is not)
                os.removedirs(png.parent)
    return drawing.missing


def is_drawn(rel: str) -> bool:
    """Whether a file of the site is the PNG of a chart or a card."""
    return os.path.basename(rel) in DRAWN


def stop(drawing: Drawing) -> None:
    """End the drawing of a build that failed."""
    for worker in drawing.workers:
        if worker.is_alive():
            worker.terminate()
            worker.join()


def _key(svg: bytes) -> str:
    return hashlib.sha256(f"{RENDERER}\0".encode() + svg).hexdigest()


def options() -> resvg.usvg.Options:
    """resvg's options with only the font from PyPI. Its bytes are loaded once: given as a file, resvg
    would open and map the file again for every glyph, which took two thirds of the drawing time."""
    opts = resvg.usvg.Options.default()
    opts.load_font_data(Path(FONT).read_bytes())
    opts.font_family = FAMILY
    return opts


def draw(svg: str, opts: resvg.usvg.Options) -> bytes:
    return bytes(resvg.render(resvg.usvg.Tree.from_str(svg, opts), IDENTITY))


def _draw_all(jobs: list[tuple[str, str]]) -> None:
    opts = options()
    for target, svg in jobs:
        png = draw(Path(svg).read_text(encoding="utf-8"), opts)
        Path(f"{target}.part").write_bytes(png)
        os.replace(f"{target}.part", target)  # a build stopped half-way leaves no broken image in the cache
