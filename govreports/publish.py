"""MkDocs builds the staged pages into a temporary folder; downloads are added; then it replaces site/.

The old site/ is swapped out only after everything succeeded, so a failed build leaves it as it was.
"""
from __future__ import annotations

import json
import logging
import shutil
import tempfile
from pathlib import Path

import plotly
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from .model import Dataset

OBSERVATIONS_HEADER = [
    "indicator_id", "indicator_zh", "district", "year", "kind", "value", "qualifier", "value_text", "unit",
    "source", "quote",
]
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def stage_assets(stage: Path) -> None:
    """Plotly's library is shipped once with the site, so charts draw without internet."""
    (stage / "assets").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PLOTLY_JS, stage / "assets" / "plotly.min.js")


def build_and_swap(config_file: Path, stage: Path, site: Path) -> None:
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{site.name}.", dir=site.parent))
    try:
        config = load_config(str(config_file), docs_dir=str(stage), site_dir=str(tmp), strict=True)
        logging.getLogger("mkdocs").setLevel(logging.WARNING)
        logging.getLogger("jieba").setLevel(logging.WARNING)  # it logs its dictionary loading
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
        _swap(tmp, site)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def write_downloads(data: Dataset, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    obs = data.observations.assign(value=data.observations["value_str"])
    obs[OBSERVATIONS_HEADER].to_csv(folder / "observations.csv", index=False, encoding="utf-8", lineterminator="\n")
    terms = [
        {
            "slug": t.slug,
            "term": t.term,
            "pinyin": t.pinyin,
            "english": t.english,
            "kind": t.kind,
            "level": t.level or None,
            "definition": t.definitions[0].quote if t.definitions else None,
            "source": t.definitions[0].source if t.definitions else None,
            "paragraph": t.definitions[0].anchor if t.definitions else None,
            "definitions": [{"source": d.source, "paragraph": d.anchor, "quote": d.quote} for d in t.definitions],
            "components": t.components,
            "related": t.related,
            "indicators": t.indicators,
            "url": f"glossary/{t.slug}/",
            "occurrences": [{"source": o.source, "paragraph": o.anchor, "snippet": o.snippet} for o in t.occurrences],
        }
        for t in data.terms.values()
    ]
    (folder / "glossary.json").write_text(json.dumps(terms, ensure_ascii=False, indent=1), encoding="utf-8")


def _swap(new: Path, site: Path) -> None:
    old = site.with_name(f".{site.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    new.rename(site)
    shutil.rmtree(old, ignore_errors=True)
