"""PNG images of the charts and term cards, drawn from the SVG files the render stage writes, without a
browser: resvg (resvg-py) with the Noto Sans CJK font, both installed from PyPI, so that a build on any
machine draws the same Chinese.

A PNG is kept in a cache under a hash of its SVG, so a chart is drawn again only when its picture
changed, even by a build with --force (as citations are formatted once). Drawing takes tens of
milliseconds an image, so the images missing from the cache are drawn in another process while
MkDocs writes the pages, and copied beside their SVG in the new site afterwards.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import noto_cjk_sans_otc
import resvg_py

from ..errors import BuildError

IMAGES = ("chart.svg", "card.svg")  # the SVG files of the render stage that get a PNG beside them
FONT = str(noto_cjk_sans_otc.FONT_PATH)
FAMILY = "Noto Sans CJK SC"
RENDERER = f"resvg-py {metadata.version('resvg-py')}; noto-cjk-sans-otc {metadata.version('noto-cjk-sans-otc')}"


@dataclass
class Drawing:
    cache: Path
    worker: multiprocessing.Process | None
    missing: int


def start(stage: Path, cache: Path) -> Drawing:
    """Start drawing, in another process, every chart and card of `stage` that the cache lacks."""
    cache.mkdir(parents=True, exist_ok=True)
    missing = {}
    for svg in _images(stage):
        target = cache / f"{_key(svg)}.png"
        if not target.is_file():
            missing[str(target)] = str(svg)
    worker = None
    if missing:
        worker = multiprocessing.get_context("fork").Process(target=_draw_all, args=(sorted(missing.items()),))
        worker.start()
    return Drawing(cache, worker, len(missing))


def finish(drawing: Drawing, output: Path) -> int:
    """Wait for the drawing, then put a PNG beside every chart and card SVG of `output`; returns how many
    were drawn anew."""
    if drawing.worker is not None:
        drawing.worker.join()
        if drawing.worker.exitcode != 0:
            raise BuildError(f"drawing the chart images failed (exit code {drawing.worker.exitcode})")
    for svg in _images(output):
        png = svg.with_suffix(".png")
        png.unlink(missing_ok=True)  # a new file: never written through a link into the published site
        png.write_bytes((drawing.cache / f"{_key(svg)}.png").read_bytes())
    return drawing.missing


def stop(drawing: Drawing) -> None:
    """End the drawing of a build that failed."""
    if drawing.worker is not None and drawing.worker.is_alive():
        drawing.worker.terminate()
        drawing.worker.join()


def _images(folder: Path) -> list[Path]:
    return sorted(p for name in IMAGES for p in folder.rglob(name))


def _key(svg: Path) -> str:
    return hashlib.sha256(f"{RENDERER}\0".encode() + svg.read_bytes()).hexdigest()


def _draw_all(jobs: list[tuple[str, str]]) -> None:
    for target, svg in jobs:
        png = resvg_py.svg_to_bytes(svg_path=svg, font_files=[FONT], skip_system_fonts=True, font_family=FAMILY, sans_serif_family=FAMILY)
        Path(f"{target}.part").write_bytes(png)
        os.replace(f"{target}.part", target)  # a build stopped half-way leaves no broken image in the cache
