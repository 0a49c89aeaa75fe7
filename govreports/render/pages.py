"""The kinds of page the site has, as data: the one place that says where each kind lives, which
template renders it, what its cache key is made of, how its context is made, whether search indexes
it and whether the navigation lists it.

Addresses (`url`), the render loop, the page cache's keys and MkDocs' navigation all follow from
this table. To add a kind of page: add a row here, a context function in contexts.py and a template.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from . import contexts as c
from .page_citations import CITE_FILES


@dataclass(frozen=True)
class PageKind:
    name: str
    path: str  # the staged file, Markdown for MkDocs or a finished .html page; {key} is the entity's key. Its address drops ".md" (and "index")
    template: str | None  # None: a hand-written page, copied from content/ as it is
    context: Callable | None = None  # (site, item) → the template's variables
    # A kind with `items` has one page per item (key, item); otherwise it is a single page.
    items: Callable | None = None  # site → [(key, item)]
    # What the page takes from the observations, as its cache key (site, item) → value. A page without it
    # sums up the whole dataset: it is rendered on every build and its template sees all of it as `data`.
    inputs: Callable | None = None
    files: Callable = lambda key, item: ()  # the other files its context returns to be written beside it, relative to the site
    searched: bool = True
    nav: str | None = None  # its title in the navigation, if listed there
    chart: Callable | None = None  # item → the id of the indicator whose chart (contexts.Site.chart) the page draws, if any

    def staged(self, key: str = "") -> str:
        return self.path.format(key=key)

    def url(self, key: str = "") -> str:
        """The page's address relative to the site's root: indicators/gdp/, glossary/, "" for the home page."""
        path = self.staged(key).removesuffix(".md").removesuffix(".html")
        path = "" if path == "index" else path.removesuffix("/index")
        return f"{path}/" if path else ""


def _cite_files(kind: str) -> Callable:
    """A citable page's citation files, beside it."""
    return lambda key, item: [f"{url(kind, key)}{f}" for f in CITE_FILES]


def _term_files(key: str, term) -> list[str]:
    """A term's citation files, its card, and the redirects from its old addresses."""
    return [*_cite_files("term")(key, term), f"{url('term', key)}{c.CARD}", *(f"{url('term', old)}index.html" for old in term.old_slugs)]


KINDS = [
    PageKind("home", "index.md", "home.md.j2", c.home, nav="首页 Home"),
    PageKind("search", "search.md", None, searched=False, nav="搜索 Search"),
    PageKind("indicators", "indicators/index.md", "indicators_index.md.j2", c.indicators_index, c.one_page, c.indicators_index,
             nav="指标 Indicators"),
    PageKind("indicator", "indicators/{key}.md", "indicator.md.j2", c.indicator, c.indicator_items, c.indicator_inputs,
             _cite_files("indicator"), chart=lambda ind: ind.id),
    PageKind("glossary", "glossary/index.md", "glossary_index.md.j2", c.glossary_index, nav="术语 Glossary"),
    PageKind("term", "glossary/{key}.md", "term.md.j2", c.term, c.term_items, c.term_inputs, _term_files),
    # Tables of what other pages say: search finds it there.
    PageKind("terms-over-time", "glossary-over-time/index.md", "terms_over_time.md.j2", c.terms_over_time, c.one_page, c.observation_free,
             searched=False),
    PageKind("terms-over-time-district", "glossary-over-time/{key}.md", "terms_over_time.md.j2", c.terms_over_time_district,
             c.terms_over_time_district_items, c.observation_free, searched=False),
    PageKind("sources", "sources/index.md", "sources_index.md.j2", c.sources_index, c.one_page, c.sources_index, nav="报告原文 Sources"),
    PageKind("source", "sources/{key}.md", "source.md.j2", c.source, c.source_items, c.source_inputs, _cite_files("source")),
    PageKind("report-pairs", "year-over-year/index.md", "report_pairs_index.md.j2", c.report_pairs_index, nav="逐年对比 Year over year"),
    PageKind("report-pair", "year-over-year/{key}.md", "report_pair.md.j2", c.report_pair, c.report_pair_items, c.report_pair_inputs,
             searched=False),
    PageKind("scoreboard", "scoreboard/index.md", "scoreboard.md.j2", c.scoreboard, nav="目标完成 Scoreboard"),
    PageKind("scoreboard-year", "scoreboard/{key}.md", "scoreboard_year.md.j2", c.scoreboard_year, c.scoreboard_year_items,
             c.scoreboard_year_inputs, searched=False),
    PageKind("compare-index", "compare/index.md", "compare_index.md.j2", c.compare_index, c.one_page, c.compare_index, nav="区县对比 Compare"),
    PageKind("compare", "compare/{key}.md", "compare.md.j2", c.compare, c.compare_items, c.compare_inputs, searched=False,
             chart=lambda ind: ind.id),
    # A chart alone, to embed elsewhere; key: the folder of the page the chart is on (indicators/gdp-growth).
    # A finished HTML page, which MkDocs copies: it needs nothing of the theme.
    PageKind("embed", "{key}/embed/index.html", "embed.html.j2", c.embed, c.embed_items, c.embed_inputs, c.embed_files, searched=False,
             chart=lambda item: item[1].id if item[0] == "indicator" else None),
    PageKind("tasks", "tasks/index.md", "tasks_index.md.j2", c.tasks_index, nav="任务分解 Tasks"),
    PageKind("agencies", "agencies/index.md", "agencies_index.md.j2", c.agencies_index),
    PageKind("agency", "agencies/{key}.md", "agency.md.j2", c.agency, c.agency_items, c.agency_inputs, _cite_files("agency")),
    PageKind("changes", "changes.md", "changes.md.j2", c.changes, nav="更新内容 Changes"),
    PageKind("version", "versions/{key}.md", "version.md.j2", c.version, c.version_items, c.version_inputs, searched=False),
    PageKind("add-a-report", "add-a-report.md", None, nav="添加报告 Add a report"),
    PageKind("methodology", "methodology.md", None, nav="方法 Methodology"),
    PageKind("cite", "cite.md", None, nav="引用 Cite"),
]
KIND = {k.name: k for k in KINDS}
HAND_WRITTEN = {k.staged() for k in KINDS if k.template is None}  # the staged copies of content/


def url(kind: str, key: str = "") -> str:
    """The address of a page, relative to the site's root."""
    return KIND[kind].url(key)


# The files the build writes beside the pages, relative to the site's root: {key} is an indicator or a version.
FILES = {
    "downloads": "data/",  # the dataset's files: observations.csv, targets.csv, glossary.json, datapackage.json …
    "indicator-data": "data/indicators/{key}",  # an indicator's values: .csv and .json
    "version-data": "data/v/{key}/",  # a version's files, kept at a permanent address
    "feed": "changes.xml",  # the Atom feed of versions
}


def file(name: str, key: str = "") -> str:
    """The address of a file the build writes, relative to the site's root: file('indicator-data', 'gdp') + '.csv'."""
    return FILES[name].format(key=key)


def nav() -> list[dict]:
    """MkDocs' navigation: the pages listed there, in the table's order."""
    return [{k.nav: k.staged()} for k in KINDS if k.nav]
