"""jinja2 templates → the Markdown pages of the site, written into a staging folder for MkDocs."""
from __future__ import annotations

import dataclasses
import html
import itertools
import json
import shutil
import unicodedata
from pathlib import Path


import pypinyin
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markdown.extensions.toc import slugify, unique
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from . import citation, search_meta, static_chart
from .charts import KIND_ZH, STATUS_COLOURS, indicator_figure, occurrence_figure, scoreboard_figure, to_json
from .compare import PROMISES, STATUSES
from .citation import CitationCache
from .versions import entry_hash
from .concordance import term_pattern
from .model import Dataset
from .pagecache import PageCache
from .texts import FOOTNOTE_REF

TERM_KIND_ZH = {
    "numbered-formula": "数字概括语", "slogan": "口号", "action-plan": "行动计划", "mechanism": "机制",
    "system": "体系", "project": "工程项目", "place": "地名片区", "policy": "政策", "concept": "概念",
}
LEVEL_ZH = {"national": "国家", "municipal": "市级", "district": "区级"}
_markdown = MarkdownIt("commonmark", {"html": False})
_page_markdown = MarkdownIt("commonmark", {"html": True})
PROGRESS_FROM = 2000  # pages; smaller builds finish before a progress line would help


def render_site(data: Dataset, templates: Path, content: Path, out: Path, cache: CitationCache, changes: dict,
                pages_cache: PageCache, progress=lambda line: None) -> int:
    """Write into `out` (a fresh folder) every page whose staged copy is not current in `pages_cache`;
    returns the number of pages the site has.

    Long renders report every tenth of the pages to `progress`.
    """
    env = _environment(templates, data)
    shutil.copytree(content, out, dirs_exist_ok=True)
    home = (content / "index.md").read_text(encoding="utf-8")
    # Pages that sum up the whole dataset are rendered every time, and see all of it as `data`.
    quoted: dict[str, int] = {}  # values quoted from each report
    for r in data.rows:
        quoted[r["source"]] = quoted.get(r["source"], 0) + 1
    pages: dict[str, tuple[str, dict]] = {
        "index.md": ("home.md.j2", {"intro": Markup(home)}),
        "indicators/index.md": ("indicators_index.md.j2", _indicator_index(data)),
        "glossary/index.md": ("glossary_index.md.j2", _glossary_index(data)),
        "sources/index.md": ("sources_index.md.j2", {"quoted": quoted}),
        "changes.md": ("changes.md.j2", {"changes": changes, "head": '<link rel="alternate" type="application/atom+xml" title="Versions" href="../changes.xml">'}),
    }
    board = data.scoreboard.to_dict("records")
    pages["scoreboard/index.md"] = ("scoreboard.md.j2", {
        "board": board, "chart": scoreboard_figure(data.scoreboard, data.districts) if board else None,
        **_citation(_record(data.meta, "scoreboard", "scoreboard/", "目标完成情况 (Scoreboard: targets against results)", "Scoreboard",
                            "dataset", board, "Every target in the reports set against what a later report said, counted by year, district and status."),
                    out / "scoreboard", cache, env, data.meta, "目标完成; targets; results; scoreboard",
                    "Targets of Chongqing district reports, met or missed, by year and district.",
                    {"@type": "Dataset", "name": "目标完成情况 Scoreboard", "description": "Targets against results by year and district."}),
    })
    districts_of = {iid: sorted({r["district"] for r in data.records_of(iid)}) for iid in data.indicators}
    compared = [ind for ind in data.indicators.values() if len(districts_of[ind.id]) > 1]
    pages["compare/index.md"] = ("compare_index.md.j2", {"compared": compared})
    pages["tasks/index.md"] = ("tasks_index.md.j2", {"breakdowns": _task_outline(data.tasks)})
    pages["agencies/index.md"] = ("agencies_index.md.j2", {
        "agencies": sorted(data.agencies.values(), key=lambda a: (-len(a.leads), -len(a.shares), a.name)),
    })
    for context in pages.values():
        context[1]["data"] = data
    total = len(pages)

    # Pages of one entity each are rendered only when their inputs changed. Their contexts are made
    # only then (charts are costly), so each entry is (template, a function giving the context).
    lazy: dict[str, tuple[str, object]] = {}

    def cached(group: str, inputs, outputs: dict[str, tuple[str, object]], files=()) -> None:
        nonlocal total
        total += len(outputs)
        if not pages_cache.current(group, inputs, [*outputs, *files]):
            lazy.update(outputs)

    # One page of targets per year and district: on one page they would grow without bound.
    assessed_in: dict[tuple, list] = {}
    for a in data.assessments:
        assessed_in.setdefault((a.year, a.district), []).append(a)
    for row in board:
        assessed = assessed_in[(row["year"], row["district"])]
        cached(f"scoreboard {row['year']} {row['district']}", (row, assessed), {
            f"scoreboard/{row['year']}-{row['district']}.md": ("scoreboard_year.md.j2", lambda row=row, assessed=assessed: {
                "year": row["year"], "district": row["district"], "counts": row, "assessments": assessed, "search": False,
            }),
        })
    assessments_of: dict[str, list] = {}
    for a in data.assessments:
        assessments_of.setdefault(a.indicator, []).append(a)
    differences_of: dict[str, list] = {}
    for d in data.differences:
        differences_of.setdefault(d["indicator_id"], []).append(d)
    terms_of = {}
    for term in data.terms.values():
        for iid in term.indicators:
            terms_of.setdefault(iid, []).append(term)
    for ind in data.indicators.values():
        rows = data.records_of(ind.id)
        assessed = assessments_of.get(ind.id, [])
        found = differences_of.get(ind.id, [])
        revisions = changes["history"].get(ind.id, [])
        districts = districts_of[ind.id]
        chart = _Once(lambda rows=rows, ind=ind, assessed=assessed: indicator_figure(rows, data.units[ind.unit], data.districts, data.sources, assessed))
        outputs = {f"indicators/{ind.id}.md": ("indicator.md.j2", lambda ind=ind, rows=rows, assessed=assessed, found=found, districts=districts, chart=chart, revisions=revisions: {
            "ind": ind, "rows": rows, "terms": terms_of.get(ind.id, []), "chart": chart(),
            "assessments": assessed, "differences": found, "compared": len(districts) > 1, "revisions": revisions,
            "search_meta": search_meta.indicator(ind, rows, data),
            **_indicator_citation(ind, rows, data, out, cache, env),
        })}
        if len(districts) > 1:
            outputs[f"compare/{ind.id}.md"] = ("compare.md.j2", lambda ind=ind, rows=rows, districts=districts, chart=chart: {
                "ind": ind, "districts": districts, "table": _side_by_side(rows, districts), "chart": chart(), "search": False,
            })
        cached(f"indicator {ind.id}", (rows, assessed, found, revisions), outputs, [f"indicators/{ind.id}/{f}" for f in CITE_FILES])
    for agency in data.agencies.values():
        # The agency's tasks name the indicators whose values they state: those come from the observations.
        cached(f"agency {agency.id}", agency, {
            f"agencies/{agency.id}.md": ("agency.md.j2", lambda agency=agency: {
                "agency": agency, "aliases": agency.aliases, "search_meta": search_meta.agency(agency, data),
                **_citation(_record(data.meta, f"agency-{agency.id}", f"agencies/{agency.id}/", f"{agency.name} ({agency.name_en})", "Government units",
                                    "webpage", agency, f"The tasks of the reports' task breakdowns that {agency.name_en} leads or shares."),
                            out / "agencies" / agency.id, cache, env, data.meta, f"{agency.name}; {agency.name_en}",
                            f"Tasks led or shared by {agency.name} in the reports' task breakdowns.",
                            {"@type": "WebPage", "name": f"{agency.name} {agency.name_en}", "about": {"@type": "GovernmentOrganization", "name": agency.name, "alternateName": agency.name_en}}),
            }),
        }, [f"agencies/{agency.id}/{f}" for f in CITE_FILES])
    related = {slug: set(t.related) for slug, t in data.terms.items()}
    for t in data.terms.values():
        for other in t.related:
            related[other].add(t.slug)
    for term in data.terms.values():
        folder = f"glossary/{term.slug}"
        files = [f"{folder}/{f}" for f in CITE_FILES] + [f"glossary/{old}/index.html" for old in term.old_slugs]
        cached(f"term {term.slug}", (), {
            f"{folder}.md": ("term.md.j2", lambda term=term: _term_context(term, data, env, cache, related, out)),
        }, files)
    for src in data.sources.values():
        values, coverage = quoted.get(src.id, 0), data.figures[src.id]
        cached(f"source {src.id}", (values, coverage), {
            f"sources/{src.id}.md": ("source.md.j2", lambda src=src, values=values, coverage=coverage: {
                "src": src, "blocks": _blocks(src, env.globals["link_terms"]), "values": values, "coverage": coverage,
                "set_aside": [(fs.anchor, f, reason) for fs in coverage for f, state, reason in fs.figures if state == "dismissed"],
                "search_meta": search_meta.source(src, data),
                **_source_citation(src, data, out, cache, env),
            }),
        }, [f"sources/{src.id}/{f}" for f in CITE_FILES])

    rendering = [*pages.items(), *lazy.items()]
    tenth = len(rendering) // 10 if len(rendering) >= PROGRESS_FROM else 0
    for n, (path, (template, context)) in enumerate(rendering, start=1):
        if tenth and n % tenth == 0:
            progress(f"  rendering: {n:,} of {len(rendering):,} pages")
        if callable(context):
            context = context()
        # Pages are served as folders (indicators/gdp/), index pages as their own folder.
        depth = path.count("/") + (0 if path.split("/")[-1] == "index.md" else 1)
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        meta, body = html_page(env.get_template(template).render(root="../" * depth, **context), context.get("head"))
        if context.get("search") is False:
            meta["search"] = False
        if context.get("search_meta"):
            meta["search_meta"] = context["search_meta"]
        # The hook (govreports/mkdocs_hooks.py) reads the first line and passes the HTML through.
        target.write_text(f"---\ngenerated: true\n---\n{json.dumps(meta, ensure_ascii=False)}\n{body}", encoding="utf-8")
    return total


CITE_FILES = ("cite.bib", "cite.ris", "cite.json")


def _citation(record: dict, folder: Path, cache: CitationCache, env: Environment, meta: dict, keywords: str, description: str, ld: dict) -> dict:
    """A citable page's cite box and head metadata; its citation files are written into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    cite = dict(cache.formatted(record))
    bibtex = cite.pop("BibTeX")
    for name, text in zip(CITE_FILES, (bibtex, citation.ris(record), citation.csl_json(record))):
        (folder / name).write_text(text, encoding="utf-8")
    issued = "-".join(f"{n:02d}" for n in record["issued"]["date-parts"][0])
    ld = {"@context": "https://schema.org", **ld, "url": record["URL"], "version": record["version"], "license": meta["licence_url"]}
    head = env.get_template("citation_head.html.j2").render(
        record=record, issued=issued, keywords=keywords, description=description, ld=script_safe(json.dumps(ld, ensure_ascii=False)))
    return {"record": record, "cite": cite, "bibtex": bibtex, "head": head}


def _term_context(term, data: Dataset, env: Environment, cache: CitationCache, related: dict, out: Path) -> dict:
    """A term page's context; its citation files and the redirects from its old addresses are written beside it."""
    record = citation.csl_record(data.meta, term)
    context = {
        "term": term,
        "related": sorted(related[term.slug], key=lambda s: pinyin_key(data.terms[s].pinyin)),
        "chart": occurrence_figure(term, data.sources, data.districts, data.kinds),
        "search_meta": search_meta.term(term, data),
        **_citation(record, out / "glossary" / term.slug, cache, env, data.meta, f"{term.term}; {term.pinyin}; {term.english}",
                    term.definitions[0].quote if term.definitions else term.english, _term_ld(term, data.meta)),
    }
    for old in term.old_slugs:
        # The old address keeps working: a page that sends the reader on to the new one.
        redirect = out / "glossary" / old / "index.html"
        redirect.parent.mkdir(parents=True, exist_ok=True)
        redirect.write_text(env.get_template("redirect.html.j2").render(term=term), encoding="utf-8")
    return context


def _record(meta: dict, key: str, path: str, title: str, section: str, csl_type: str, content, note: str, issued: str = "", author: str = "") -> dict:
    """A page's citation record; its version is the dataset's, plus a hash of what the page shows."""
    return citation.page_record(meta, key=key, path=path, title=title, section=section, csl_type=csl_type,
                                issued=issued or meta["released"], version=f"{meta['version']}+{entry_hash(_plain(content))}",
                                note=note, author=author)


def _plain(value):
    """A page's content as JSON-able values, for its hash."""
    if dataclasses.is_dataclass(value):
        return _plain(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value if isinstance(value, (str, int, float, bool, type(None))) else str(value)


def _indicator_citation(ind, rows: list[dict], data: Dataset, out: Path, cache: CitationCache, env: Environment) -> dict:
    record = _record(data.meta, f"indicator-{ind.id}", f"indicators/{ind.id}/", f"{ind.name_zh} ({ind.name_en})", "Indicators",
                     "dataset", [r["id"] for r in rows], f"Targets, estimates and results stated in the reports, each quoted from its source. Unit: {ind.unit}.")
    ld = {"@type": "Dataset", "name": f"{ind.name_zh} {ind.name_en}", "alternateName": ind.name_en,
          "description": f"{ind.name_en} ({ind.name_zh}) in Chongqing district government reports: {len(rows)} stated values, each with its source sentence.",
          "variableMeasured": {"@type": "PropertyValue", "name": ind.name_en, "unitText": ind.unit},
          "distribution": [{"@type": "DataDownload", "encodingFormat": fmt, "contentUrl": f"{data.meta['site_url']}data/indicators/{ind.id}.{ext}"}
                           for ext, fmt in (("csv", "text/csv"), ("json", "application/json"))],
          "isPartOf": {"@type": "Dataset", "name": f"{data.meta['title']} · {data.meta['title_en']}", "url": data.meta["site_url"] or "./"}}
    return _citation(record, out / "indicators" / ind.id, cache, env, data.meta, f"{ind.name_zh}; {ind.name_en}; {'; '.join(ind.aliases)}",
                     ld["description"], ld)


def _source_citation(src, data: Dataset, out: Path, cache: CitationCache, env: Environment) -> dict:
    """A report is cited as itself (its publisher and date), read at this site's copy."""
    note = "Full text with a permanent anchor on every paragraph." + (f" Original: {src.url}" if src.url else "")
    record = _record(data.meta, f"report-{src.id}", f"sources/{src.id}/", src.title, "Reports", "report", [p.text for p in src.text.paragraphs],
                     note, issued=src.date or str(src.year), author=src.publisher)
    ld = {"@type": "Report", "name": src.title, "inLanguage": "zh", "datePublished": src.date or str(src.year),
          "author": {"@type": "GovernmentOrganization", "name": src.publisher} if src.publisher else None,
          **({"isBasedOn": src.url} if src.url else {})}
    return _citation(record, out / "sources" / src.id, cache, env, data.meta, f"{src.title}; {data.districts[src.district]['name_en']}; {src.year}",
                     src.covers, {k: v for k, v in ld.items() if v is not None})


class _Once:
    """A value computed on first use: an indicator's chart serves its page and its comparison page."""

    def __init__(self, make):
        self.make, self.done, self.value = make, False, None

    def __call__(self):
        if not self.done:
            self.value, self.done = self.make(), True
        return self.value


class ReferenceTables:
    """The dataset as the templates of cached pages see it (as `data`): only what does not come from
    the observations, which is covered by every page's cache key. What a cached page takes from the
    observations comes in its own context, where its key sees it; reading anything else is an error."""

    def __init__(self, data: Dataset):
        self.meta, self.districts, self.kinds, self.categories = data.meta, data.districts, data.kinds, data.categories
        self.units, self.qualifiers, self.sources = data.units, data.qualifiers, data.sources
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


def _task_outline(tasks) -> list[tuple]:
    """(source, [(section, [(subsection, tasks)])]) in the order of the report."""
    outline = []
    for source, in_source in itertools.groupby(tasks, key=lambda t: t.source):
        sections = []
        for section, in_section in itertools.groupby(in_source, key=lambda t: t.section):
            sections.append((section, [(sub, list(items)) for sub, items in itertools.groupby(in_section, key=lambda t: t.subsection)]))
        outline.append((source, sections))
    return outline


def _side_by_side(rows: list[dict], districts: list[str]) -> list[dict]:
    """One row per year and kind, one cell per district (all values that district's reports gave)."""
    table: dict[tuple, dict] = {}
    for r in rows:
        line = table.setdefault((r["year"], r["period"], r["kind_order"]), {"year": r["year"], "period": r["period"], "kind": r["kind"], "cells": {d: [] for d in districts}})
        line["cells"][r["district"]].append(r)
    return [table[key] for key in sorted(table)]


def _indicator_index(data: Dataset) -> dict:
    """Each indicator's row of the index, with what its filters and sorting read, and the menus."""
    statuses: dict[str, set] = {}
    for a in data.assessments:
        statuses.setdefault(a.indicator, set()).add(a.status)
    entries = []
    for ind in data.indicators.values():
        rows = data.records_of(ind.id)
        syllables = pypinyin.lazy_pinyin(ind.name_zh, style=pypinyin.Style.TONE)
        plain = pypinyin.lazy_pinyin(ind.name_zh)
        entries.append({
            "ind": ind, "pinyin": " ".join(syllables), "key": "".join(plain), "count": len(rows),
            "years": sorted({r["year"] for r in rows}), "districts": sorted({r["district"] for r in rows}),
            "statuses": sorted(statuses.get(ind.id, ())),
            "words": " ".join([ind.name_zh, *ind.aliases, ind.name_en.lower(), " ".join(plain), "".join(plain), ind.id]),
        })
    entries.sort(key=lambda e: (list(data.categories).index(e["ind"].category), e["key"]))
    years = sorted({y for e in entries for y in e["years"]})
    return {
        "entries": entries,
        "categories": [(cid, f"{c['name_zh']} {c['name_en']}") for cid, c in data.categories.items()],
        "districts": _district_options(data),
        "years": [(y, y) for y in years],
        "statuses": [(s, f"{zh} {en}") for s, (zh, en) in STATUSES.items()],
    }


def _district_options(data: Dataset) -> list[tuple[str, str]]:
    """The district menu of an index's filters."""
    return [(did, f"{d['name_zh']} {d['name_en']}") for did, d in data.districts.items()]


def _glossary_index(data: Dataset) -> dict:
    """The districts and years of the reports each term occurs in, for the glossary index's menus."""
    facets = {}
    for slug, t in data.terms.items():
        seen = [data.sources[s] for s in dict.fromkeys(o.source for o in t.occurrences)]
        facets[slug] = {"districts": " ".join(sorted({s.district for s in seen})), "years": " ".join(sorted({str(s.year) for s in seen}))}
    return {
        "facets": facets,
        "district_options": _district_options(data),
        "year_options": [(str(y), y) for y in sorted({s.year for s in data.sources.values()})],
    }


def pinyin_key(pinyin: str) -> str:
    """Sort key: pinyin without tone marks."""
    return "".join(c for c in unicodedata.normalize("NFD", pinyin.lower()) if not unicodedata.combining(c))


def _environment(templates: Path, data: Dataset) -> Environment:
    env = Environment(
        loader=FileSystemLoader(templates), autoescape=True, undefined=StrictUndefined, auto_reload=False,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.globals.update(
        data=ReferenceTables(data), KIND_ZH=KIND_ZH, TERM_KIND_ZH=TERM_KIND_ZH,
        qualifier_label=lambda q: " + ".join(
            f"{data.qualifiers[x]['zh']} {data.qualifiers[x]['name_en']}" for x in q.split("+") if x
        ),
    )
    env.globals["link_terms"] = TermLinker(data)
    env.globals["terms_by_pinyin"] = sorted(data.terms.values(), key=lambda t: (pinyin_key(t.pinyin), t.term))
    env.globals["term_link"] = lambda text, root, term: _term_link(text, root, term, surface_slugs, data.terms)
    env.globals["LEVEL_ZH"] = LEVEL_ZH
    env.globals["STATUSES"] = STATUSES
    env.globals["PROMISE_LABELS"] = {name: label for _, name, label in PROMISES}
    env.globals["STATUS_COLOURS"] = STATUS_COLOURS
    surface_slugs: dict[str, list[str]] = {}
    for t in data.terms.values():
        for m in {t.term, *(m.strip("“”") for m in t.match)}:
            surface_slugs.setdefault(m, []).append(t.slug)
    env.filters["markdown"] = lambda text: Markup(_markdown.renderInline(text or ""))
    env.filters["pinyin_key"] = pinyin_key
    env.filters["chart_json"] = lambda spec: Markup(script_safe(to_json(spec)))
    env.filters["static_chart"] = lambda spec, label, small=False: Markup(static_chart.render(spec, label, small))
    return env


class TermLinker:
    """Links every glossary term where it occurs in a paragraph of a source text."""

    def __init__(self, data: Dataset):
        self.slug_of = {m: t.slug for t in data.terms.values() for m in t.match}
        self.pattern = term_pattern(list(self.slug_of)) if self.slug_of else None

    def __call__(self, text: str, root: str) -> Markup:
        out, last = [], 0
        for m in self.pattern.finditer(text) if self.pattern else []:
            out.append(html.escape(text[last:m.start()]))
            href = f"{root}glossary/{self.slug_of[m.group(0)]}/"
            out.append(f'<a class="term" href="{href}">{html.escape(m.group(0))}</a>')
            last = m.end()
        out.append(html.escape(text[last:]))
        linked = "".join(out)
        # Footnote markers become links to the footnote paragraph.
        return Markup(FOOTNOTE_REF.sub(r'<sup class="fnref"><a href="#fn\1">\1</a></sup>', linked))


def script_safe(json_text: str) -> str:
    """JSON placed inside a <script> element: no '<' may open a tag there."""
    return json_text.replace("<", "\\u003c")


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
    return Markup('<a class="term" href="{}glossary/{}/">{}</a>').format(root, slug, text)


def _term_ld(term, meta: dict) -> dict:
    """schema.org DefinedTerm in its DefinedTermSet, for search engines and reference managers."""
    return {
        "@type": "DefinedTerm",
        "name": term.term,
        "alternateName": [term.pinyin, term.english],
        "termCode": term.slug,
        "description": term.definitions[0].quote if term.definitions else term.english,
        "inLanguage": "zh",
        "dateModified": term.changed,
        "inDefinedTermSet": {
            "@type": "DefinedTermSet",
            "name": f"{meta['title']} · {meta['title_en']}: Glossary",
            "url": f"{meta['site_url']}glossary/",
        },
    }


def _blocks(src, linker: TermLinker) -> list[dict]:
    """Paragraphs of a source, with consecutive table rows gathered into one table."""
    blocks: list[dict] = []
    for para in src.text.paragraphs:
        if para.kind == "row":
            if not blocks or blocks[-1]["kind"] != "table":
                blocks.append({"kind": "table", "rows": []})
            blocks[-1]["rows"].append({"anchor": para.anchor, "cells": [linker(c, "../../") for c in para.cells]})
        else:
            blocks.append({"kind": para.kind, "anchor": para.anchor, "html": linker(para.text, "../../")})
    return blocks

