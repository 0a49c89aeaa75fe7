"""What a build was made from, so a rebuild with nothing changed can be skipped.

Standard library only (with staging, which is too): the check runs before the build's heavy imports, so that a rebuild with
nothing to do costs a fraction of a second.
"""
from __future__ import annotations

import hashlib
import os
import sys
from importlib import metadata
from pathlib import Path

from . import address
from .staging import SHARDS_FILE

CODE = ("govreports", "templates", "content", "vendor", "mkdocs.yml")  # what a build reads besides data/ and the libraries
STAMP = ".build-fingerprint"  # in the published site: it describes exactly that site
# The theme's output depends on these, beyond the files of the repository.
PACKAGES = ("mkdocs", "mkdocs-material", "jieba", "jinja2", "markdown-it-py", "pandas", "plotly", "citeproc-py", "pybtex", "rispy", "pypinyin",
            "xlsxwriter", "sqlite-utils", "resvg", "noto-cjk-sans-otc")


def environment(root: Path, theme_settings: str) -> str:
    """What every page depends on: the build's code, templates, theme, libraries, and what the theme
    takes from data/dataset.yml (the site's address, the licence and version in the footer)."""
    digest = hashlib.sha256(f"{sys.version}\0{theme_settings}".encode())
    for name in PACKAGES:
        digest.update(f"{name}=={metadata.version(name)}".encode())
    for part in CODE:
        _add(digest, root / part, root)
    return digest.hexdigest()


def inputs(root: Path, data_dir: Path) -> str:
    """Everything a build reads: the environment, every file of the data folder and the SITE_URL it was given."""
    digest = hashlib.sha256(environment(root, "").encode())
    digest.update(f"{address.VARIABLE}={os.environ.get(address.VARIABLE, '')}\0".encode())
    _add(digest, data_dir, data_dir)
    return digest.hexdigest()


def shared(environment: str, data_dir: Path) -> str:
    """What every cached page depends on (govreports/render/pagecache.py): the environment and every file of
    the data folder but the observations, which each page's own key covers."""
    digest = hashlib.sha256(environment.encode())
    _add(digest, data_dir, data_dir, skip="observations")
    return digest.hexdigest()


def published(site: Path) -> dict[str, str]:
    """The fingerprints the site at `site` was built from, or {} if there is none."""
    try:
        lines = (site / STAMP).read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    return dict(line.split(" ", 1)[::-1] for line in lines if " " in line)


def complete(site: Path) -> bool:
    """Whether the site holds what the build writes last: its search index. (A site that something
    else rewrote, as a plain `mkdocs build` would, is not taken as up to date.)"""
    return (site / SHARDS_FILE).is_file() and (site / "index.html").is_file()


def record(site: Path, prints: dict[str, str]) -> None:
    part = site / f"{STAMP}.part"
    part.write_text("".join(f"{value} {name}\n" for name, value in sorted(prints.items())), encoding="utf-8")
    os.replace(part, site / STAMP)  # the site may be the published one (the preview records it once its search index is in place)


def _add(digest, path: Path, base: Path, skip: str = "__pycache__") -> None:
    """Every file under `path` but those in a folder named `skip`, with its path relative to `base`."""
    files = sorted(p for p in path.rglob("*") if p.is_file() and skip not in p.relative_to(path).parts) if path.is_dir() else [path]
    for file in files:
        digest.update(str(file.relative_to(base)).encode() + b"\0")
        digest.update(file.read_bytes() if file.exists() else b"(missing)")
        digest.update(b"\0")
