"""MkDocs hooks (named in mkdocs.yml).

Generated pages are written by the render stage as HTML after a line of JSON with their title,
table of contents and extra head tags: MkDocs' Markdown pass would only re-parse them, which
cost most of its time. A page's HTML is read just before its template is rendered and dropped
after, so MkDocs never holds every page at once. Long builds report their progress.

Several MkDocs processes may build one site together (`extra.build_part`: this process's number and
how many there are): each writes its share of the pages, the first also the assets and the theme's
own files (sitemap, 404 page).
"""
import json
import os
import posixpath
import re
import zlib
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote, urljoin, urlsplit

from jinja2 import BaseLoader, FileSystemLoader
from mkdocs.exceptions import PluginError
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_build_date

from govreports.publish.mkdocs_site import page_file
from govreports.render.engine import PROGRESS_FROM, bytecode_cache

_progress = {"done": 0, "total": 0}


def on_config(config, **kwargs):
    # Only build.py passes the dataset's details; without them MkDocs would publish hand-written pages alone.
    if not config.extra.get("dataset"):
        raise PluginError("build the site with `python build.py` (or preview it with `python build.py --serve`): "
                          "a plain mkdocs build or serve cannot make its pages")
    return config


def on_pre_build(config, **kwargs):
    # Material's templates folder holds some 14,000 icons in dot-folders, which MkDocs lists on every build
    # only to leave them out (it copies no dot-file of a theme): its listing skips them.
    get_env = config.theme.get_env

    def env_listing_no_dot_files():
        env = get_env()
        env.loader.list_templates = lambda: _visible_files(env.loader.searchpath)
        return env
    config.theme.get_env = env_listing_no_dot_files


def _visible_files(folders: list[str]) -> list[str]:
    """jinja2.FileSystemLoader.list_templates without the files and folders whose names start with a dot."""
    found = set()
    for root in folders:
        for folder, subfolders, names in os.walk(root):
            subfolders[:] = [d for d in subfolders if not d.startswith(".")]
            rel = os.path.relpath(folder, root).replace(os.sep, "/")
            found.update(name if rel == "." else f"{rel}/{name}" for name in names if not name.startswith("."))
    return sorted(found)


def on_env(env, config, files, **kwargs):
    # The theme's templates do not change during a build; checking each one's file on every
    # include of every page cost a fifth of MkDocs' time.
    env.auto_reload = False
    if config.extra.get("compiled_templates"):
        env.bytecode_cache = bytecode_cache(Path(config.extra["compiled_templates"]))
    env.loader = _ThemeUnderneath(env.loader, config.theme.custom_dir)
    navigations: dict[str, str] = {}  # this build's (templates/mkdocs/partials/nav.html)
    env.globals["navigation_key"] = _navigation_key
    env.globals["remember_navigation"] = lambda key, html: navigations.setdefault(key, html)
    env.globals["navigations"] = navigations
    return env


class _ThemeUnderneath(BaseLoader):
    """The theme's templates, and as "theme/NAME" each one as the theme has it, without our override of it:
    an override can then include the template it wraps."""

    def __init__(self, loader: FileSystemLoader, overrides: str):
        self.loader = loader
        self.theme = FileSystemLoader([d for d in loader.searchpath if os.path.abspath(d) != os.path.abspath(overrides)])

    def get_source(self, environment, template):
        if template.startswith(THEME_PREFIX):
            return self.theme.get_source(environment, template[len(THEME_PREFIX):])
        return self.loader.get_source(environment, template)

    def list_templates(self):
        return self.loader.list_templates()


THEME_PREFIX = "theme/"


def _navigation_key(page, nav) -> str | None:
    """The theme's navigation is the same on every page that is not in it and lives in the same folder (its
    links are relative to the page, and it marks only the page it is on): that folder, or None for a page in it."""
    if page is None or any(p.url == page.url for p in nav.pages):
        return None
    return posixpath.dirname(page.url.rstrip("/"))


def on_files(files, config, **kwargs):
    part, parts = config.extra.get("build_part") or (0, 1)
    pages = 0
    staged = os.path.join(config.docs_dir, "")
    for f in files:
        page = f.is_documentation_page()
        # The staged files that are not pages are in the output already (mkdocs_site.link_into).
        if (part_of(f.src_uri, parts) if page else 0) != part or (not page and (f.abs_src_path or "").startswith(staged)):
            f.is_modified = _unmodified  # a build with dirty=True then neither reads nor writes it
        else:
            pages += page
    if part:
        config.theme.static_templates.clear()
    _progress.update(done=0, total=pages)
    return files


def part_of(src_uri: str, parts: int) -> int:
    """Which of `parts` processes builds a page: a hash of its path, the same in every process."""
    return zlib.crc32(src_uri.encode()) % parts


def _unmodified() -> bool:
    return False


def on_template_context(context, template_name, config, **kwargs):
    # The sitemap lists every page of the site, also those carried over, which MkDocs may not have been given at all
    # (mkdocs_site.few_pages): entries with what MkDocs' own template reads of a page, made as MkDocs makes them.
    if template_name == "sitemap.xml":
        base = config.site_url and (config.site_url if config.site_url.endswith("/") else config.site_url + "/")
        updated = get_build_date()
        context["pages"] = [_SitemapEntry(_SitemapPage(base and urljoin(base, _url(rel)), updated)) for rel in config.extra["site_pages"]]
    return context


class _SitemapPage(NamedTuple):
    canonical_url: str | None
    update_date: str
    is_link: bool = False

    @property
    def abs_url(self) -> str | None:
        return self.canonical_url and urlsplit(self.canonical_url).path


class _SitemapEntry(NamedTuple):
    page: _SitemapPage


def _url(staged: str) -> str:
    """A staged page's address, as MkDocs' File.url has it (use_directory_urls): the folder of the file it writes."""
    folder = os.path.dirname(page_file(*os.path.split(staged))).replace(os.sep, "/")
    return quote(f"{folder}/" if folder else "./")


def on_page_markdown(markdown, page, **kwargs):
    if not page.meta.get("generated"):
        return markdown
    line, _ = markdown.split("\n", 1)
    page.meta.update(json.loads(line))
    return ""


def on_page_content(html, page, **kwargs):
    if page.meta.get("generated"):
        page.toc = get_toc(page.meta.pop("toc"))
        return ""  # read again when the page is written (on_page_context)
    return mark_english(html)


def on_page_context(context, page, **kwargs):
    if page.meta.get("generated"):
        # The staged file: front matter (3 lines), the line of JSON, then the HTML.
        page.content = mark_english(page.file.content_string.split("\n", 4)[4])
    return context


# The site is Chinese (lang="zh" on every page); a block written mostly in English says so, so that
# screen readers and hyphenation treat it as English. A few Chinese words inside it stay.
_BLOCK = re.compile(r"<(p|li|td|th|dd|figcaption)((?:\s[^>]*)?)>(.*?)</\1>", re.S)
_TAG = re.compile(r"<[^>]+>|&\w+;")
_LATIN = re.compile(r"[A-Za-z]")
_HAN = re.compile(r"[\u3400-\u9fff]")


def mark_english(html: str) -> str:
    def mark(m: re.Match) -> str:
        tag, attrs, inner = m.groups()
        text = _TAG.sub("", inner)
        latin, han = len(_LATIN.findall(text)), len(_HAN.findall(text))
        if "lang=" in attrs or latin < (12 if han else 4) or latin < 8 * han:  # bilingual labels run about 3 : 1
            return m.group(0)
        return f'<{tag}{attrs} lang="en">{inner}</{tag}>'
    return _BLOCK.sub(mark, html)


def on_post_page(output, page, **kwargs):
    if page.meta.get("generated"):
        page.content = None
    _progress["done"] += 1
    done, total = _progress["done"], _progress["total"]
    if total >= PROGRESS_FROM and (done % (total // 10 or 1) == 0 or done == total):
        print(f"  mkdocs: {done:,} of {total:,} pages", flush=True)
    return output
