"""What each kind of page shows: one context function per kind (named in pages.py), with the items
a kind has one page for and the inputs that key their cache.

A context function gets the `Site` (the dataset, lookups made once, the kept results, the
folder the pages are written into) and the page's item.
"""
from __future__ import annotations

import itertools
import math
from functools import cached_property
from importlib import metadata
from pathlib import Path

from markupsafe import Markup

from .. import excel_csv
from ..model.changes import LEGACY, snapshot_row
from ..model.changes import compare as compare_snapshots
from ..model.concordance import Frequency
from ..model.dataset import Dataset
from . import search_meta, static_chart
from .charts import charted, indicator_figure, indicator_table, occurrence_figure, occurrence_table, scoreboard_figure, scoreboard_table
from .kept import KeptResults
from .page_citations import agency_citation, indicator_citation, scoreboard_citation, source_citation, term_citation
from .sorting import pinyin_key


class Site:
    """The dataset as the context functions share it, with the lookups several kinds need."""

    def __init__(self, data: Dataset, out: Path, kept: KeptResults, env, changes: dict, home: str, url, file):
        # url and file: the addresses of pages and files (pages.url, pages.file), which import this module
        self.data, self.out, self.kept, self.env, self.changes, self.home, self.url, self.file = data, out, kept, env, changes, home, url, file
        self._charts: dict[str, dict] = {}

    @cached_property
    def quoted(self) -> dict[str, int]:
        """Values quoted from each report."""
        quoted: dict[str, int] = {}
        for r in self.data.rows:
            quoted[r["source"]] = quoted.get(r["source"], 0) + 1
        return quoted

    @cached_property
    def board(self) -> list[dict]:
        return self.data.scoreboard.to_dict("records")

    @cached_property
    def districts_of(self) -> dict[str, list[str]]:
        return {iid: sorted({r["district"] for r in self.data.records_of(iid)}) for iid in self.data.indicators}

    @cached_property
    def assessments_of(self) -> dict[str, list]:
        return _grouped(self.data.assessments, lambda a: a.indicator)

    @cached_property
    def assessed_in(self) -> dict[tuple, list]:
        return _grouped(self.data.assessments, lambda a: (a.year, a.district))

    @cached_property
    def moves_of(self) -> dict[str, list]:
        """Each indicator's target changes (how each target moved from the one before)."""
        return _grouped(self.data.target_changes, lambda m: m.indicator)

    @cached_property
    def differences_of(self) -> dict[str, list]:
        return _grouped(self.data.differences, lambda d: d["indicator_id"])

    @cached_property
    def terms_of(self) -> dict[str, list]:
        terms: dict[str, list] = {}
        for term in self.data.terms.values():
            for iid in term.indicators:
                terms.setdefault(iid, []).append(term)
        return terms

    @cached_property
    def related(self) -> dict[str, set]:
        """Each term's related terms, both ways."""
        related = {slug: set(t.related) for slug, t in self.data.terms.items()}
        for t in self.data.terms.values():
            for other in t.related:
                related[other].add(t.slug)
        return related

    def lookups(self) -> None:
        """Make every lookup now, before the pages are shared out among processes, each of which would make its own."""
        for name in ("quoted", "board", "districts_of", "assessments_of", "assessed_in", "moves_of", "differences_of", "terms_of", "related"):
            getattr(self, name)

    def chart(self, ind) -> dict:
        """An indicator's chart, made once for the pages that draw it (pages.PageKind.chart) until `forget_charts`."""
        if ind.id not in self._charts:
            data = self.data
            self._charts[ind.id] = indicator_figure(data.records_of(ind.id), data.units[ind.unit], data, self.assessments_of.get(ind.id, []),
                                                    self.moves_of.get(ind.id, []), ind.breaks)
        return self._charts[ind.id]

    def forget_charts(self) -> None:
        self._charts.clear()


def _grouped(items, key) -> dict:
    groups: dict = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups


# Pages that sum up the whole dataset.

def home(site: Site, item=None) -> dict:
    return {"intro": Markup(site.home)}


PINYIN = f"pypinyin {metadata.version('pypinyin')}"


def _pinyin(name: str) -> list[list[str]]:
    """A name's syllables with tone marks and without; pypinyin is imported only for a name not seen before."""
    import pypinyin

    return [pypinyin.lazy_pinyin(name, style=pypinyin.Style.TONE), pypinyin.lazy_pinyin(name)]


def one_page(site: Site) -> list:
    """The one item of a page that sums up the whole dataset from its context alone, so that it can be cached."""
    return [("", None)]


def observation_free(site: Site, item) -> tuple:
    """The inputs of a page that takes nothing from the observations: the terms, their occurrences and the reports
    come from the glossary and the texts, which key every page."""
    return ()


def indicators_index(site: Site, item=None) -> dict:
    """Each indicator's row of the index, with what its filters and sorting read, and the menus. The lists a row's
    filters read are joined here, which took jinja2 0.1 s longer at 10,000 indicators. All it takes from the
    observations is here, so it is its own cache key (pages.KINDS): unchanged by a note, it is not rendered
    again (a second at 10,000 indicators)."""
    data = site.data
    statuses: dict[str, set] = {}
    for a in data.assessments:
        statuses.setdefault(a.indicator, set()).add(a.status)
    entries = []
    for ind in data.indicators.values():
        rows = data.records_of(ind.id)
        syllables, plain = site.kept.get(PINYIN, ind.name_zh, _pinyin)
        years = sorted({r["year"] for r in rows})
        entries.append({
            "ind": ind, "pinyin": " ".join(syllables), "key": "".join(plain), "count": len(rows), "years": years,
            "year_list": " ".join(map(str, years)), "span": "–".join(map(str, dict.fromkeys(years[:1] + years[-1:]))),
            "districts": " ".join(sorted({r["district"] for r in rows})), "statuses": " ".join(sorted(statuses.get(ind.id, ()))),
            "words": " ".join([ind.name_zh, *ind.aliases, ind.name_en.lower(), " ".join(plain), "".join(plain), ind.id]),
        })
    entries.sort(key=lambda e: (list(data.categories).index(e["ind"].category), e["key"]))
    years = sorted({y for e in entries for y in e["years"]})
    return {
        "entries": entries, "stated": len(data.rows),
        "categories": [(cid, f"{c['name_zh']} {c['name_en']}") for cid, c in data.categories.items()],
        "districts": _district_options(data),
        "years": [(y, y) for y in years],
        "statuses": [(s, f"{v['zh']} {v['name_en']}") for s, v in data.statuses.items()],
    }


def _district_options(data: Dataset) -> list[tuple[str, str]]:
    """The district menu of an index's filters."""
    return [(did, f"{d['name_zh']} {d['name_en']}") for did, d in data.districts.items()]


def glossary_index(site: Site, item=None) -> dict:
    """The districts and years of the reports each term occurs in, for the glossary index's menus."""
    data = site.data
    facets = {}
    for slug, t in data.terms.items():
        seen = [data.sources[s] for s in dict.fromkeys(o.source for o in t.occurrences)]
        facets[slug] = {"districts": " ".join(sorted({s.district for s in seen})), "years": " ".join(sorted({str(s.year) for s in seen}))}
    return {
        "facets": facets,
        "district_options": _district_options(data),
        "year_options": [(str(y), y) for y in sorted({s.year for s in data.sources.values()})],
    }


def sources_index(site: Site, item=None) -> dict:
    """All the reports' index takes from the observations is how many values each report gave: it is its own cache key."""
    return {"quoted": site.quoted}


def changes(site: Site, item=None) -> dict:
    return {"changes": site.changes, "head": f'<link rel="alternate" type="application/atom+xml" title="Versions" href="../{site.file("feed")}">'}


def version_items(site: Site) -> list:
    return [(v, v) for v in site.changes["versions"]]


def version_inputs(site: Site, version: str):
    return _version_snapshots(site, version)


VERSION_ROWS = 5000  # values a version's page lists one by one; a larger version is summed up by indicator


def version(site: Site, version: str) -> dict:
    """A published version as it was: every value it held (or, for a large one, how many of each
    indicator's), what it changed from the version before, whether each value is still the same now,
    and its data files."""
    snap, previous, now = _version_snapshots(site, version)
    rows = [{**snapshot_row(key, texts), "now": now["values"].get(key)} for key, texts in snap["values"].items()]
    for r in rows:
        r["now_state"] = "removed" if r["now"] is None else "same" if r["now"] == r["value_texts"] else "changed"
    summed = {}
    if len(rows) > VERSION_ROWS:
        for r in rows:
            counts = summed.setdefault(r["indicator"], {"values": 0, "same": 0, "changed": 0, "removed": 0})
            counts["values"] += 1
            counts[r["now_state"]] += 1
    return {"snap": snap, "rows": [] if summed else rows, "values": len(rows), "summed": summed, "diff": compare_snapshots(snap, previous),
            "current": snap is now, "files": snap.get("files", LEGACY),
            "districts": _district_options(site.data), "years": [(y, y) for y in sorted({r["year"] for r in rows})]}


def _version_snapshots(site: Site, version: str) -> tuple[dict, dict | None, dict]:
    """The version's snapshot, the one published before it (if any) and the current one."""
    snaps, order = site.changes["snapshots"], site.changes["versions"]  # newest first
    older = order[order.index(version) + 1:]
    return snaps[version], snaps[older[0]] if older else None, snaps[site.data.meta["version"]]


def scoreboard(site: Site, item=None) -> dict:
    data = site.data
    return {
        "board": site.board, "chart": scoreboard_figure(data.scoreboard, data.districts, data.statuses) if site.board else None,
        "preview": _preview(f"Targets of {data.meta['reports_en']}, met or missed, by year and district.",
                            site.url("scoreboard") + CHART_IMAGE if site.board else None),
        **scoreboard_citation(site),
    }


def compare_index(site: Site, item=None) -> dict:
    """The indicators with values from more than one district, by name (as jinja2 sorts, ignoring case), with their
    first and last year. (Worked out here: jinja2's map filter took 0.4 s at 10,000 indicators.) It is its own cache key."""
    compared = []
    for _, ind in sorted(compare_items(site), key=lambda item: item[1].name_zh.lower()):
        years = [r["year"] for r in site.data.records_of(ind.id)]
        compared.append((ind, min(years), max(years)))
    return {"compared": compared}


def tasks_index(site: Site, item=None) -> dict:
    """The task breakdowns as (source, [(section, [(subsection, tasks)])]) in the order of the report."""
    outline = []
    for source, in_source in itertools.groupby(site.data.tasks, key=lambda t: t.source):
        sections = []
        for section, in_section in itertools.groupby(in_source, key=lambda t: t.section):
            sections.append((section, [(sub, list(items)) for sub, items in itertools.groupby(in_section, key=lambda t: t.subsection)]))
        outline.append((source, sections))
    return {"breakdowns": outline}


def agencies_index(site: Site, item=None) -> dict:
    return {"agencies": sorted(site.data.agencies.values(), key=lambda a: (-len(a.leads), -len(a.shares), a.name))}


# One page per item. Their templates see only the observation-free tables as `data` (render.ReferenceTables):
# what they take from the observations is in their inputs, and so in their cache key.

def scoreboard_year_items(site: Site) -> list:
    """One page of targets per year and district: on one page they would grow without bound."""
    return [(f"{row['year']}-{row['district']}", row) for row in site.board]


def scoreboard_year_inputs(site: Site, row: dict):
    return row, site.assessed_in[(row["year"], row["district"])]


def scoreboard_year(site: Site, row: dict) -> dict:
    return {"year": row["year"], "district": row["district"], "counts": row, "assessments": site.assessed_in[(row["year"], row["district"])]}


def indicator_items(site: Site) -> list:
    return list(site.data.indicators.items())


def indicator_inputs(site: Site, ind):
    # A same-measure partner's outcomes can settle this indicator's targets: they are in its assessments.
    return (site.data.records_of(ind.id), site.assessments_of.get(ind.id, []), site.differences_of.get(ind.id, []),
            site.changes["history"].get(ind.id, []), site.moves_of.get(ind.id, []))


def indicator(site: Site, ind) -> dict:
    data = site.data
    rows, assessed, found, revisions, moves = indicator_inputs(site, ind)
    return {
        "ind": ind, "rows": rows, "terms": site.terms_of.get(ind.id, []), "chart": site.chart(ind),
        "assessments": assessed, "moves": {(m.district, m.to_year): m for m in moves},
        "differences": found, "compared": len(site.districts_of[ind.id]) > 1, "revisions": revisions,
        "search_meta": search_meta.indicator(ind, rows, data),
        "preview": _preview(f"{ind.name_zh} {ind.name_en}: {len(rows)} targets, estimates and results from {data.meta['reports_en']}, "
                            "each quoted from its source.", site.url("indicator", ind.id) + CHART_IMAGE if has_chart(rows) else None),
        **indicator_citation(site, ind, rows),
    }


def compare_items(site: Site) -> list:
    """Indicators with values from more than one district."""
    return [(iid, ind) for iid, ind in site.data.indicators.items() if len(site.districts_of[iid]) > 1]


def compare_inputs(site: Site, ind):
    return site.data.records_of(ind.id), site.assessments_of.get(ind.id, [])


def compare(site: Site, ind) -> dict:
    districts = site.districts_of[ind.id]
    chart = site.chart(ind)
    names = "、".join(site.data.districts[d]["name_zh"] for d in districts)
    return {"ind": ind, "districts": districts, "table": _side_by_side(site.data.records_of(ind.id), districts), "chart": chart,
            "preview": _preview(f"{ind.name_zh} {ind.name_en}: {names} side by side, every value quoted from its report.",
                                site.url("indicator", ind.id) + CHART_IMAGE if chart else None)}


def _side_by_side(rows: list[dict], districts: list[str]) -> list[dict]:
    """One row per year and kind, one cell per district (all values that district's reports gave)."""
    table: dict[tuple, dict] = {}
    for r in rows:
        line = table.setdefault((r["year"], r["period"], r["kind_order"]), {"year": r["year"], "period": r["period"], "kind": r["kind"], "cells": {d: [] for d in districts}})
        line["cells"][r["district"]].append(r)
    return [table[key] for key in sorted(table)]


def agency_items(site: Site) -> list:
    return list(site.data.agencies.items())


def agency_inputs(site: Site, agency):
    # The agency's tasks name the indicators whose values they state: those come from the observations.
    return agency


def agency(site: Site, agency) -> dict:
    return {"agency": agency, "aliases": agency.aliases, "search_meta": search_meta.agency(agency, site.data), **agency_citation(site, agency)}


def term_items(site: Site) -> list:
    return list(site.data.terms.items())


def term_inputs(site: Site, term):
    return ()  # all of a term comes from the glossary and the texts, which key every page


def term(site: Site, term) -> dict:
    """A term page's context, with the redirects from its old addresses among the files written beside it."""
    data = site.data
    cited = term_citation(site, term)
    # The old addresses keep working: pages that send the reader on to the new one.
    redirect = site.env.get_template("redirect.html.j2").render(term=term)
    cited["writes"].update({f"{site.url('term', old)}index.html": redirect for old in term.old_slugs})
    card = site.url("term", term.slug) + CARD
    gloss = term.definitions[0].quote if term.definitions else f"{term.english}. The reports use the term without defining it."
    cited["writes"][card] = static_chart.card(term.term, [(term.pinyin, 26), (term.english, 22), (gloss, 18)], _site_name(data.meta))
    return {
        "term": term,
        "preview": _preview(f"{term.term} ({term.pinyin}): {term.english}. {gloss}", card.replace(".svg", ".png")),
        "related": sorted(site.related[term.slug], key=lambda s: pinyin_key(data.terms[s].pinyin)),
        "chart": occurrence_figure(term, data.sources, data.districts, data.kinds),
        "search_meta": search_meta.term(term, data),
        **cited,
    }


def source_items(site: Site) -> list:
    return list(site.data.sources.items())


def source_inputs(site: Site, src):
    return site.quoted.get(src.id, 0), site.data.figures[src.id]


def source(site: Site, src) -> dict:
    values, coverage = source_inputs(site, src)
    return {
        "src": src, "blocks": _blocks(src), "values": values, "coverage": coverage,
        "pairs": [(p, "earlier" if p.earlier == src.id else "later") for p in site.data.report_pairs if src.id in (p.earlier, p.later)],
        "set_aside": [(fs.anchor, f, reason) for fs in coverage for f, state, reason in fs.figures if state == "dismissed"],
        "search_meta": search_meta.source(src, site.data),
        "preview": _preview(f"{src.title} ({src.date}): the full text, every paragraph with its own link. {src.covers}."),
        **source_citation(site, src),
    }


HEAT_LEVELS = 5  # shades of the term heat maps, besides blank for none


def terms_over_time(site: Site, item=None) -> dict:
    """Every term against every year, all districts together; each district's own page sets its terms against its reports."""
    data = site.data
    years = sorted({s.year for s in data.sources.values()})
    columns = [(str(y), str(y), [sid for sid, s in data.sources.items() if s.year == y]) for y in years]
    facets = [("districts", "区 District", _district_options(data)), ("years", "年份 Year", [(str(y), str(y)) for y in years])]
    return {**_heat_map(site, columns, list(data.terms)), "facets": facets, "district": None,
            "district_pages": [(d, name) for d, name in _district_options(data) if any(s.district == d for s in data.sources.values())]}


def terms_over_time_district_items(site: Site) -> list:
    return [(d, d) for d in site.data.districts if any(s.district == d for s in site.data.sources.values())]


def terms_over_time_district(site: Site, district: str) -> dict:
    """One district's terms against its reports, in the order they were delivered."""
    data = site.data
    mine = [sid for sid, s in data.sources.items() if s.district == district]
    columns = [(sid, f"{data.sources[sid].year} {data.kinds[data.sources[sid].kind]['name_zh']}", [sid]) for sid in mine]
    used = [slug for slug, t in data.terms.items() if any(o.source in mine for o in t.occurrences)]
    facets = [("years", "报告 Report", [(sid, label) for sid, label, _ in columns])]
    return {**_heat_map(site, columns, used), "facets": facets, "district": district, "district_pages": []}


def _heat_map(site: Site, columns: list[tuple[str, str, list[str]]], slugs: list[str]) -> dict:
    """Terms (rows, by pinyin) against columns of reports: occurrences, per 10,000 characters of the column's reports, and a
    shade from their share of the highest rate. `columns` are (key, label, source ids)."""
    data = site.data
    uses = {(f.term, f.source): f.occurrences for f in data.frequencies}
    size = {key: sum(data.sources[s].text.characters for s in sids) for key, _, sids in columns}
    wanted = set(slugs)
    rows = []
    for term in site.env.globals["terms_by_pinyin"]:
        if term.slug not in wanted:
            continue
        cells = [Frequency(term.slug, key, sum(uses.get((term.slug, s), 0) for s in sids), size[key]) for key, _, sids in columns]
        used = [c.source for c in cells if c.occurrences]
        sources = [s for _, _, sids in columns for s in sids if (term.slug, s) in uses]
        rows.append({"term": term, "cells": cells, "total": sum(c.occurrences for c in cells), "first": used[0] if used else "",
                     "last": used[-1] if used else "", "years": " ".join(used),
                     "districts": " ".join(sorted({data.sources[s].district for s in sources}))})
    top = max((c.per_10k for r in rows for c in r["cells"]), default=0) or 1
    for r in rows:
        r["cells"] = [(c, math.ceil(c.per_10k * HEAT_LEVELS / top) if c.occurrences else 0) for c in r["cells"]]
    return {"rows": rows, "columns": [(key, label) for key, label, _ in columns], "top": top, "levels": HEAT_LEVELS,
            "kinds": [(k, f"{v['zh']} {v['name_en']}") for k, v in data.term_kinds.items()]}


def report_pairs_index(site: Site, item=None) -> dict:
    return {"by_district": _grouped(site.data.report_pairs, lambda p: site.data.sources[p.earlier].district),
            "changes": list(site.data.target_change_kinds)}


def report_pair_items(site: Site) -> list:
    return [(p.key, p) for p in site.data.report_pairs]


def report_pair_inputs(site: Site, pair):
    return pair


def report_pair(site: Site, pair) -> dict:
    """One report against the district's next: its targets grouped by how they moved, and its terms."""
    data = site.data
    groups = [(change, [t for t in pair.targets if t.change == change]) for change in data.target_change_kinds]
    return {
        "pair": pair, "earlier": data.sources[pair.earlier], "later": data.sources[pair.later],
        "groups": [(change, targets) for change, targets in groups if targets], "after_misses": pair.after_misses(),
        "terms_new": [data.terms[s] for s in pair.terms_new], "terms_not_repeated": [data.terms[s] for s in pair.terms_not_repeated],
    }


def _blocks(src) -> list[dict]:
    """Paragraphs of a source, with consecutive table rows gathered into one table (the template links their terms)."""
    blocks: list[dict] = []
    for para in src.text.paragraphs:
        if para.kind == "row":
            if not blocks or blocks[-1]["kind"] != "table":
                blocks.append({"kind": "table", "rows": []})
            blocks[-1]["rows"].append({"anchor": para.anchor, "cells": para.cells})
        else:
            blocks.append({"kind": para.kind, "anchor": para.anchor, "text": para.text})
    return blocks


# Charts to take away: each chart's page to embed it elsewhere, with its image (SVG; the publish stage
# draws the PNG beside it) and its data (CSV) in the folder of the page the chart is on.
CHART_FILES = ("chart.svg", "chart.csv")  # and chart.png, drawn from chart.svg by the publish stage
CHART_IMAGE, CARD = "chart.png", "card.svg"  # a term's card: the picture of its link preview, drawn as card.png
PREVIEW_LENGTH = 200  # characters of a link preview's description


def has_chart(rows: list[dict]) -> bool:
    return any(map(charted, rows))


def embed_items(site: Site) -> list:
    """Every chart, keyed by the folder of the page it is on (indicators/gdp-growth)."""
    data = site.data
    items = [(site.url("indicator", iid).rstrip("/"), ("indicator", ind)) for iid, ind in data.indicators.items()
             if has_chart(data.records_of(iid))]
    items += [(site.url("term", slug).rstrip("/"), ("term", t)) for slug, t in data.terms.items() if t.occurrences]
    return items + ([(site.url("scoreboard").rstrip("/"), ("scoreboard", None))] if site.board else [])


def embed_inputs(site: Site, item):
    kind, thing = item
    return compare_inputs(site, thing) if kind == "indicator" else site.board if kind == "scoreboard" else ()


def embed_files(key: str, item) -> list[str]:
    return [f"{key}/{f}" for f in CHART_FILES]


def embed(site: Site, item) -> dict:
    """A chart alone, with its title, source line, licence and a link back, for an <iframe> elsewhere;
    its image and data are written beside the page it is on."""
    data, (kind, thing) = site.data, item
    if kind == "indicator":
        page, name, unit = site.url("indicator", thing.id), thing.id, data.units[thing.unit]
        figure = site.chart(thing)
        title, subtitle = thing.name_zh, f"{thing.name_en} · 目标、预计与实际 targets, estimates and results · {unit['id']} ({unit['name_en']})"
        table = indicator_table(data.records_of(thing.id), thing, data, site.assessments_of.get(thing.id, []))
        cited = dict.fromkeys(row[table[0].index("source")] for row in table[1])
    elif kind == "term":
        page, name = site.url("term", thing.slug), "occurrences"
        figure = occurrence_figure(thing, data.sources, data.districts, data.kinds)
        title, subtitle = f"{thing.term} 出现次数", f"Occurrences of {thing.term} ({thing.english}) in each report"
        table = occurrence_table(thing, data.sources, data.districts, data.kinds)
        cited = dict.fromkeys(o.source for o in thing.occurrences)
    else:
        page, name = site.url("scoreboard"), "scoreboard"
        figure = scoreboard_figure(data.scoreboard, data.districts, data.statuses)
        title, subtitle = "目标完成情况 Scoreboard", "Targets of each year and district by status"
        table = scoreboard_table(data.scoreboard, data.districts, data.statuses)
        cited = dict.fromkeys(a.target["source"] for a in data.assessments)
    meta = data.meta
    source = "来源 Source: " + "; ".join(data.sources[s].title for s in cited if s in data.sources)
    credit = f"{_site_name(meta)}, version {meta['version']} · {meta['licence']} · {meta['site_url']}{page}"
    svg = static_chart.standalone(figure, title, subtitle, [source, credit], small=kind == "term")
    return {"title": title, "subtitle": subtitle, "chart": figure, "chart_id": name, "small": kind == "term", "page_url": page,
            "address": site.url("embed", page.rstrip("/")), "source": source, "preview": _preview(f"{title}: {subtitle}.", page + CHART_IMAGE),
            "writes": {f"{page}chart.svg": svg, f"{page}chart.csv": excel_csv.text(*table)}}


def _site_name(meta: dict) -> str:
    return f"{meta['title']} · {meta['title_en']}"


def _preview(description: str, image: str | None = None) -> dict:
    """What a link preview shows beside the page's title (templates/mkdocs/partials/preview.html)."""
    text = " ".join(description.split())
    return {"description": text if len(text) <= PREVIEW_LENGTH else text[:PREVIEW_LENGTH - 1] + "…", "image": image}
