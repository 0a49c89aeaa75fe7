"""jinja2 templates → the Markdown pages of the site, written into a staging folder for MkDocs."""
from __future__ import annotations

import dataclasses
import html
import json
import multiprocessing
import os
import traceback
from pathlib import Path
from typing import Iterable

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, TemplateSyntaxError
from markdown.extensions.toc import slugify, unique
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from .. import parallel
from ..errors import BuildError
from ..load.texts import FOOTNOTE_REF
from ..model.concordance import term_pattern
from ..model.dataset import Dataset
from . import pages, static_chart
from .charts import to_json
from .citation import ACCESSED
from .contexts import Site
from .kept import KeptResults
from .page_citations import script_safe
from .pagecache import PageCache
from .sorting import pinyin_key
from .staged import StagedFiles

_markdown = MarkdownIt("commonmark", {"html": False})
_page_markdown = MarkdownIt("commonmark", {"html": True})
PROGRESS_FROM = 2000  # pages; smaller builds finish before a progress line would help (the render reports every so many)
PARALLEL_FROM = 50  # pages; fewer are rendered sooner than a process is forked


def render_site(data: Dataset, templates: Path, content: Path, staged: StagedFiles, kept: KeptResults, changes: dict,
                pages_cache: PageCache, progress=lambda line: None, select=lambda kind, key: True, compiled: Path | None = None) -> int:
    """Write into the staging folder every page of every kind in pages.KINDS whose staged copy is
    not current in `pages_cache` (and that `select(kind name, key)` accepts), and the hand-written
    content; returns the number of pages the site has. `staged` learns every file written.

    Long renders report every tenth of the pages to `progress`. `compiled` keeps the compiled templates
    between builds.
    """
    env = _environment(templates, data, compiled)
    _stage_content(content, staged)
    site = Site(data, staged.folder, kept, env, changes, (content / "index.md").read_text(encoding="utf-8"), pages.url, pages.file)
    candidates, total = [], 0
    for kind in pages.KINDS:
        if kind.template is None:
            total += 1
            continue
        for key, item in [("", None)] if kind.items is None else kind.items(site):
            total += 1
            if select(kind.name, key):
                candidates.append((kind, key, item))
    site.lookups()  # made here once, not in each process
    # The pages are shared out among the cores. Each process works out which of the pages it takes changed (their keys
    # took a few seconds at 10,000 indicators, and contexts are made only for the changed pages: charts are costly),
    # renders those, makes the citations and pinyin it needs, and hands back the new ones with what its page cache learnt.
    known = set(kept.entries)
    workers = 1 if len(candidates) < PARALLEL_FROM else parallel.cores()
    rendered = multiprocessing.get_context("fork").Value("q", 0)  # by all the processes, for the progress lines

    def render(taken: Iterable[list]) -> tuple[dict, tuple[set[str], set[str]], dict]:
        mark = pages_cache.mark()
        for group in taken:
            changed = [page for page in group if not _current(pages_cache, site, *page)]
            for kind, key, item in changed:
                _render_page(env, site, staged, kind, key, item)
                with rendered.get_lock():
                    rendered.value += 1
                    if rendered.value % PROGRESS_FROM == 0:
                        progress(f"  rendering: {rendered.value:,} pages so far")
            if changed:
                site.forget_charts()
        return {k: v for k, v in kept.entries.items() if k not in known}, (staged.written, staged.changed), pages_cache.since(mark)

    # The pages that sum up the whole dataset, rendered every time, come first.
    candidates.sort(key=lambda page: page[0].items is not None)
    for made, files, learnt in parallel.share(_by_chart(candidates), render, workers=workers):
        kept.entries.update(made)
        staged.merge(files)
        pages_cache.merge(learnt)
    return total


def _current(pages_cache: PageCache, site: Site, kind, key: str, item) -> bool:
    """Whether a page's staged files are current: never for a page that sums up the whole dataset."""
    return kind.items is not None and pages_cache.current(f"{kind.name} {key}", kind.inputs(site, item), [kind.staged(key), *kind.files(key, item)])


def _by_chart(rendering: list[tuple]) -> list[list[tuple]]:
    """The pages to render in groups: those that draw one indicator's chart (its page, its comparison, its chart
    alone) together, so that one process draws the chart once and then forgets it (kept for every indicator,
    the charts took 150 MB at 10,000 indicators); every other page a group of its own."""
    groups: dict = {}
    for n, (kind, key, item) in enumerate(rendering):
        chart = kind.chart(item) if kind.chart else None
        groups.setdefault(("chart", chart) if chart else n, []).append((kind, key, item))
    return list(groups.values())


def _render_page(env: Environment, site: Site, staged: StagedFiles, kind, key: str, item) -> None:
    path = kind.staged(key)
    context = kind.context(site, item)
    if kind.items is None:
        context["data"] = site.data
    # Pages are served as folders (indicators/gdp/), index pages as their own folder.
    root = "../" * (path.count("/") + (0 if path.split("/")[-1] in ("index.md", "index.html") else 1))
    try:
        page = env.get_template(kind.template).render(root=root, **context)
    except Exception as e:  # noqa: BLE001 - any failure of a template is reported with its place
        raise BuildError(f"{path}: {_template_place(e, kind.template)}: {type(e).__name__}: {e}") from None
    if path.endswith(".html"):  # a finished page, which MkDocs copies as it is
        files = {path: page}
    else:
        meta, body = html_page(page, context.get("head"))
        if not kind.searched:
            meta["search"] = False
        if context.get("search_meta"):
            meta["search_meta"] = context["search_meta"]
        if context.get("preview"):  # the theme's description tag and the link preview (templates/mkdocs/partials/preview.html)
            meta["preview"], meta["description"] = context["preview"], context["preview"]["description"]
        # The hook (govreports/publish/mkdocs_hooks.py) reads the first line and passes the HTML through.
        files = {path: f"---\ngenerated: true\n---\n{json.dumps(meta, ensure_ascii=False)}\n{body}"}
    for rel, text in {**files, **context.get("writes", {})}.items():
        staged.write(rel, text)


def _template_place(error: Exception, template: str) -> str:
    """templates/NAME:LINE of a template error: where a syntax error was found, or the innermost template
    line the failing render was on (jinja2 rewrites tracebacks to point at template lines)."""
    if isinstance(error, TemplateSyntaxError) and error.lineno:
        return f"templates/{error.name or template}:{error.lineno}"
    place = f"templates/{template}"
    for frame, line in traceback.walk_tb(error.__traceback__):
        name = frame.f_code.co_filename
        if name.endswith(".j2"):
            place = f"templates/{Path(name).name}:{line}"
    return place


def _stage_content(content: Path, staged: StagedFiles) -> None:
    """Every file of content/ as it is, but that a hand-written page which search leaves out says so in its front
    matter; not those that are the text of a rendered page (index.md, the home page's)."""
    not_searched = {k.staged() for k in pages.KINDS if k.template is None and not k.searched}
    rendered = {k.staged() for k in pages.KINDS if k.template is not None and "{key}" not in k.path}
    for folder, _, names in os.walk(content):
        for name in names:
            rel = os.path.relpath(os.path.join(folder, name), content)
            if rel in rendered:
                continue
            data = Path(folder, name).read_bytes()
            if rel in not_searched:
                text = data.decode("utf-8")
                data = text.replace("---\n", "---\nsearch: false\n", 1) if text.startswith("---\n") else f"---\nsearch: false\n---\n{text}"
            staged.write(rel, data)


class ReferenceTables:
    """The dataset as the templates of cached pages see it (as `data`): only what does not come from
    the observations, which is covered by every page's cache key. What a cached page takes from the
    observations comes in its own context, where its key sees it; reading anything else is an error."""

    def __init__(self, data: Dataset):
        self.meta, self.districts, self.kinds, self.categories = data.meta, data.districts, data.kinds, data.categories
        self.statuses, self.value_kinds, self.term_kinds, self.term_levels = data.statuses, data.value_kinds, data.term_kinds, data.term_levels
        self.units, self.qualifiers, self.sources = data.units, data.qualifiers, data.sources
        self.target_change_kinds, self.ambitions = data.target_change_kinds, data.ambitions
        self.periods = data.periods
        self.indicators, self.terms, self.dismissal_reasons = data.indicators, data.terms, data.dismissal_reasons
        # An agency's tasks name the indicators whose values they state, which come from the observations.
        self.agencies = {aid: dataclasses.replace(a, leads=[], shares=[]) for aid, a in data.agencies.items()}


def html_page(page: str, head: str | None = None) -> tuple[dict, str]:
    """A rendered page as HTML, with what MkDocs needs beside it: title, table of contents, head tags.

    markdown-it-py turns the template's Markdown into HTML here, and the MkDocs hook passes that
    HTML through, so MkDocs does not parse it again.
    Heading ids and permalinks are made as Python-Markdown's toc extension makes them, so
    addresses like #timeline stay as they were. The title is escaped HTML: the theme prints it
    unescaped in <title> and the header, where a term holding HTML would otherwise become markup.
    """
    tokens = _page_markdown.parse(page)
    used: set[str] = set()
    headings = []
    for i, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        inline = tokens[i + 1]
        name = "".join(c.content for c in inline.children or [] if c.type in ("text", "code_inline"))
        anchor = unique(slugify(name, "-"), used)
        token.attrSet("id", anchor)
        link = Token("html_inline", "", 0, content=f'<a class="headerlink" href="#{anchor}" title="Permanent link">&para;</a>')
        inline.children = [*(inline.children or []), link]
        headings.append({"level": int(token.tag[1]), "id": anchor, "name": html.escape(name), "children": []})
    body = _page_markdown.renderer.render(tokens, _page_markdown.options, {})
    meta = {"title": headings[0]["name"] if headings else "", "toc": _nested(headings), "head": head}
    return meta, body


def _nested(headings: list[dict]) -> list[dict]:
    """Flat headings → the nested list MkDocs' get_toc expects."""
    top: list[dict] = []
    open_: list[dict] = []
    for h in headings:
        while open_ and open_[-1]["level"] >= h["level"]:
            open_.pop()
        (open_[-1]["children"] if open_ else top).append(h)
        open_.append(h)
    return top


def _environment(templates: Path, data: Dataset, compiled: Path | None = None) -> Environment:
    env = Environment(
        loader=FileSystemLoader(templates), autoescape=True, undefined=StrictUndefined, auto_reload=False,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, bytecode_cache=bytecode_cache(compiled),
    )
    env.globals.update(
        data=ReferenceTables(data),
        # The vocabularies (data/*.csv) as the templates name them.
        KIND_ZH={k: v["zh"] for k, v in data.value_kinds.items()}, TERM_KIND_ZH={k: v["zh"] for k, v in data.term_kinds.items()},
        LEVEL_ZH={k: v["zh"] for k, v in data.term_levels.items()}, STATUSES={k: (v["zh"], v["name_en"]) for k, v in data.statuses.items()},
        STATUS_COLOURS={k: v["colour"] for k, v in data.statuses.items()},
        qualifier_label=lambda q: " + ".join(
            f"{data.qualifiers[x]['zh']} {data.qualifiers[x]['name_en']}" for x in q.split("+") if x
        ),
    )
    env.globals["link_terms"] = TermLinker(data)
    env.globals["terms_by_pinyin"] = sorted(data.terms.values(), key=lambda t: (pinyin_key(t.pinyin), t.term))
    env.globals["term_link"] = lambda text, root, term: _term_link(text, root, term, surface_slugs, data.terms)
    env.globals["accessed"] = lambda style: Markup(ACCESSED.format(style=style))  # filled in by site.js
    env.globals["url"] = pages.url  # a page's address from the site's root: {{ root }}{{ url('indicator', id) }}
    env.globals["file"] = pages.file  # a download's: {{ root }}{{ file('indicator-data', id) }}.csv
    env.globals["PROMISE_LABELS"] = {p: f"{r['zh']} {r['name_en']}" for p, r in data.promises.items()}
    surface_slugs: dict[str, list[str]] = {}
    for t in data.terms.values():
        for m in {t.term, *(m.strip("“”") for m in t.match)}:
            surface_slugs.setdefault(m, []).append(t.slug)
    env.filters["markdown"] = lambda text: Markup(_markdown.renderInline(text or ""))
    env.filters["pinyin_key"] = pinyin_key
    env.filters["chart_json"] = lambda spec: Markup(script_safe(to_json(spec)))
    env.filters["static_chart"] = lambda spec, label, small=False: Markup(static_chart.render(spec, label, small))
    return env


def bytecode_cache(folder: Path | None) -> BytecodeCache:
    """Compiled templates kept in `folder`, each under a hash of its source: compiling them took a few
    tenths of a second on every build, as long as rendering a small change. Without a folder, they are kept
    for the rest of the process (render_pages, which renders a few pages at a time, many times over)."""
    if folder is None:
        return _IN_MEMORY
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))


class _InMemoryBytecodeCache(BytecodeCache):
    """jinja2 checks a compiled template against its source's hash, so an edited template is compiled anew."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_IN_MEMORY = _InMemoryBytecodeCache()


class TermLinker:
    """Links every glossary term where it occurs in a paragraph of a source text."""

    def __init__(self, data: Dataset):
        self.slug_of = {m: t.slug for t in data.terms.values() for m in t.match}
        self.pattern = term_pattern(list(self.slug_of)) if self.slug_of else None

    def __call__(self, text: str, root: str) -> Markup:
        out, last = [], 0
        for m in self.pattern.finditer(text) if self.pattern else []:
            out.append(html.escape(text[last:m.start()]))
            href = root + pages.url("term", self.slug_of[m.group(0)])
            out.append(f'<a class="term" href="{href}">{html.escape(m.group(0))}</a>')
            last = m.end()
        out.append(html.escape(text[last:]))
        linked = "".join(out)
        # Footnote markers become links to the footnote paragraph.
        return Markup(FOOTNOTE_REF.sub(r'<sup class="fnref"><a href="#fn\1">\1</a></sup>', linked))


def _term_link(text: str, root: str, term, surface_slugs: dict, terms: dict) -> Markup:
    """A component that has its own glossary entry links to it.

    The same words can name different things ("一中心"), so a component links to an entry that is a
    narrower or related term of this one, or else to the only entry of that name that stands alone.
    """
    candidates = surface_slugs.get(text, [])
    near = [s for s in candidates if s in term.narrower or s in term.related]
    alone = [s for s in candidates if not terms[s].broader]
    slug = near[0] if near else alone[0] if len(candidates) == 1 and alone else None
    if slug is None:
        return Markup.escape(text)
    return Markup('<a class="term" href="{}">{}</a>').format(root + pages.url("term", slug), text)
