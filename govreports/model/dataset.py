"""The typed records and their links, built from data/ once it has passed validation."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from ..load.figures import FigureSentence, account, dismissal_claim, observation_claim
from ..load.numbers import reader
from ..load.read import TABLES, RawData, agency_names
from ..load.texts import SourceText, squeeze
from .assess import Assessment, Readings, assess, differences, scoreboard
from .concordance import Frequency, Occurrence, find_occurrences, frequencies
from .glossary_dates import entry_hash
from .report_pairs import ReportPair, report_pairs
from .target_changes import TargetChange, target_changes
from .term_candidates import find_candidates, uncurated


@dataclass
class Source:
    id: str
    district: str
    year: int
    title: str
    kind: str
    date: str
    date_note: str
    file: str
    covers: str
    part: str  # blank for a whole report; else which part of it the text is
    publisher: str
    url: str
    url_note: str
    note: str
    text: SourceText


@dataclass
class SeriesBreak:
    """A report changed how an indicator is defined (口径调整): values from `year` on follow the new definition."""

    district: str
    year: int
    source: str
    quote: str
    anchor: str
    note: str


@dataclass
class Pairing:
    """An editor's decision on two indicators that may be one measure under two names (measure-pairs.csv)."""

    other: str
    same: bool
    reason: str


@dataclass
class Indicator:
    id: str
    name_zh: str
    name_en: str
    unit: str
    category: str
    higher_is_better: bool
    aliases: list[str]
    predecessor: str
    change_kind: str
    change_source: str
    change_quote: str
    change_anchor: str
    note: str
    parts: list[str] = field(default_factory=list)  # the measures a combined target covers
    synonyms: list[str] = field(default_factory=list)  # everyday English names (synonyms.csv), for search
    successors: list[str] = field(default_factory=list)
    breaks: list[SeriesBreak] = field(default_factory=list)  # in the order of their years
    pairings: list[Pairing] = field(default_factory=list)

    def same_measures(self) -> list[str]:
        """The indicators the editors decided are this measure under another name."""
        return [p.other for p in self.pairings if p.same]


@dataclass
class Definition:
    source: str
    quote: str
    anchor: str


@dataclass
class Term:
    slug: str
    term: str
    pinyin: str
    english: str
    kind: str
    level: str
    definitions: list[Definition]
    components: list[dict]
    match: list[str]
    related: list[str]
    broader: list[str]
    old_slugs: list[str]
    indicators: list[str]
    hash: str
    changed: str
    occurrences: list[Occurrence] = field(default_factory=list)
    narrower: list[str] = field(default_factory=list)


@dataclass
class Agency:
    id: str
    name: str
    name_en: str
    kind: str
    aliases: list[str]
    leads: list = field(default_factory=list)  # tasks it leads
    shares: list = field(default_factory=list)  # tasks it is responsible for with others


@dataclass
class Task:
    source: str
    number: int
    section: str
    subsection: str
    text: str
    anchor: str
    lead: list[str]  # agency ids
    responsible: list[str]
    indicators: list[str]  # indicators whose values this task states


@dataclass
class Dataset:
    districts: dict[str, dict]
    kinds: dict[str, dict]
    categories: dict[str, dict]
    statuses: dict[str, dict]  # the vocabularies: id → zh, name_en …, in their files' order
    value_kinds: dict[str, dict]
    target_change_kinds: dict[str, dict]
    ambitions: dict[str, dict]
    term_kinds: dict[str, dict]
    term_levels: dict[str, dict]
    units: dict[str, dict]
    qualifiers: dict[str, dict]
    readings: Readings  # how the rule reads the qualifiers (bounds, strictness, promises)
    promises: dict[str, dict]  # promises.csv: the strength of a target's promise, strongest first
    periods: dict[str, dict]  # periods.csv: a value's period (a blank one is the calendar year)
    sources: dict[str, Source]
    indicators: dict[str, Indicator]
    rows: list[dict]  # every stated value, sorted by indicator, year, district, kind and report
    terms: dict[str, Term]
    meta: dict[str, str]  # data/dataset.yml: title, version, licence …
    candidates: dict[str, int]  # quoted formulas and slogans found in the sources, with counts
    uncurated: list[str]  # candidates that no glossary record covers
    stamped: list[str]  # glossary entries new or changed in this build
    agencies: dict[str, Agency]
    tasks: list[Task]
    dismissal_reasons: dict[str, dict]
    figures: dict[str, list[FigureSentence]]  # source → its figure-bearing sentences, each curated, dismissed or open
    assessments: list[Assessment]  # every target against its outcome
    scoreboard: pd.DataFrame  # counts of each status per target year and district
    differences: list[dict]  # values of one kind that reports state differently
    target_changes: list[TargetChange]  # how each target moved from the one before
    report_pairs: list[ReportPair]  # each report against the district's next
    frequencies: list[Frequency]  # every term's occurrences in every report

    @cached_property
    def observations(self) -> pd.DataFrame:
        """The rows as a table, made when something asks for it (the build itself works on the rows)."""
        return pd.DataFrame(self.rows)

    def records_of(self, indicator_id: str) -> list[dict]:
        """The observations of one indicator, as rows, in the table's order."""
        return self._by_indicator.get(indicator_id, [])

    @cached_property
    def _by_indicator(self) -> dict[str, list[dict]]:
        # Grouped once: filtering the whole table per indicator would grow with the square of the
        # data, and pandas' per-call overhead made row dicts of small frames a third of the render.
        grouped: dict[str, list[dict]] = {}
        for row in self.rows:
            grouped.setdefault(row["indicator_id"], []).append(row)
        return grouped


def build(raw: RawData, texts: dict[str, SourceText], changed: dict[str, str], stamped: list[str]) -> Dataset:
    table = {name: {r["id"]: dict(r) for r in recs} for name, recs in raw.tables.items() if "id" in TABLES[name]}
    sources = {
        sid: Source(
            id=sid, district=r["district"], year=int(r["year"]), title=r["title"], kind=r["kind"],
            date=r["date"], date_note=r["date_note"], file=r["file"], covers=r["covers"], part=r["part"],
            publisher=r["publisher"], url=r["url"], url_note=r["url_note"], note=r["note"], text=texts[sid],
        )
        # Same-year reports in the order they were delivered (one dated to the year only after those dated to the day).
        for sid, r in sorted(table["sources.csv"].items(), key=lambda item: source_order_key(item[1]))
    }
    indicators = {}
    for iid, r in table["indicators.csv"].items():
        anchor = ""
        if r["change_source"]:
            anchor = texts[r["change_source"]].find(r["change_quote"]).anchor
        indicators[iid] = Indicator(
            id=iid, name_zh=r["name_zh"], name_en=r["name_en"], unit=r["unit"], category=r["category"],
            higher_is_better=r["higher_is_better"] == "true",
            aliases=[a for a in r["aliases"].split("|") if a], predecessor=r["predecessor"],
            change_kind=r["change_kind"], change_source=r["change_source"], change_quote=r["change_quote"],
            change_anchor=anchor, note=r["note"], parts=[p for p in r["parts"].split("|") if p],
        )
    for rec in raw.tables["synonyms.csv"]:
        indicators[rec["indicator"]].synonyms.append(rec["synonym"].strip())
    for ind in indicators.values():
        if ind.predecessor:
            indicators[ind.predecessor].successors.append(ind.id)
    for rec in sorted(raw.tables["series-breaks.csv"], key=lambda r: int(r["year"])):
        indicators[rec["indicator"]].breaks.append(SeriesBreak(
            rec["district"], int(rec["year"]), rec["source"], rec["quote"], texts[rec["source"]].find(rec["quote"], rec["after"]).anchor, rec["note"]))
    for rec in raw.tables["measure-pairs.csv"]:  # a decision holds both ways
        same = rec["same"] == "true"
        indicators[rec["indicator"]].pairings.append(Pairing(rec["other"], same, rec["reason"]))
        indicators[rec["other"]].pairings.append(Pairing(rec["indicator"], same, rec["reason"]))

    rows = _observation_rows(raw, texts, table, indicators, sources)
    terms = {}
    for v in raw.glossary:
        term = Term(
            slug=str(v["slug"]), term=str(v["term"]), pinyin=v["pinyin"], english=v["english"], kind=v["kind"],
            level=v.get("level") or "",
            definitions=[
                Definition(d["source"], d["quote"], texts[d["source"]].find(d["quote"]).anchor)
                for d in v.get("definitions") or []
            ],
            components=[{"label": g.get("label", ""), "items": [str(i) for i in g.get("items", [])], "count": g.get("count", len(g.get("items", [])))}
                        for g in v.get("components") or []],
            match=[str(m) for m in (v.get("match") or [v["term"]])],
            related=list(v.get("related") or []), broader=list(v.get("broader") or []),
            old_slugs=[str(s) for s in v.get("old_slugs") or []], indicators=list(v.get("indicators") or []),
            hash=entry_hash(v), changed=changed[str(v["slug"])],
        )
        terms[term.slug] = term
    for slug, found in find_occurrences({t.slug: t.match for t in terms.values()}, sources).items():
        terms[slug].occurrences = found
    for term in terms.values():
        for slug in term.broader:
            terms[slug].narrower.append(term.slug)
    candidates = find_candidates(src.text for src in sources.values())
    ignored = {r["candidate"] for r in raw.tables["glossary-ignore.csv"]}
    verdicts = {
        (r["indicator"], r["district"], int(r["year"])): {
            "verdict": r["verdict"], "source": r["source"], "quote": r["quote"], "note": r["note"],
            "anchor": texts[r["source"]].find(r["quote"], r["after"]).anchor,
        }
        for r in raw.tables["verdicts.csv"]
    }
    overrides = {(r["indicator"], r["district"], int(r["year"])): dict(r) for r in raw.tables["status-overrides.csv"]}
    agencies, tasks = _tasks(raw, texts, table, rows)
    claims: dict[str, list] = {}
    for rec in raw.observations:
        claims.setdefault(rec["source"], []).append(observation_claim(rec["quote"], rec["value_text"]))
    for rec in raw.dismissed:
        claims.setdefault(rec["source"], []).append(dismissal_claim(rec["quote"], rec["figures"], rec["reason"]))
    readings = Readings.from_tables(table["qualifiers.csv"], table["promises.csv"])
    assessments = assess(rows, indicators, sources, table["districts.csv"], verdicts, overrides, readings, table["units.csv"])
    changes = target_changes(assessments, indicators, readings, list(table["promises.csv"]))
    pairs = report_pairs(sources, rows, assessments, indicators, terms, table["kinds.csv"], readings, list(table["promises.csv"]))
    return Dataset(
        agencies=agencies, tasks=tasks,
        figures={sid: account(src.text, claims.get(sid, []), reader(table["units.csv"])) for sid, src in sources.items()},
        assessments=assessments, scoreboard=scoreboard(assessments, list(table["statuses.csv"])),
        differences=differences(rows), target_changes=changes, report_pairs=pairs, frequencies=frequencies(terms, sources),
        candidates=dict(candidates), uncurated=uncurated(candidates, terms, ignored), meta=raw.dataset, stamped=stamped,
        dismissal_reasons=table["dismissal-reasons.csv"],
        districts=table["districts.csv"], kinds=table["kinds.csv"], categories=table["categories.csv"],
        statuses=table["statuses.csv"], value_kinds=table["value-kinds.csv"],
        target_change_kinds=table["target-changes.csv"], ambitions=table["ambitions.csv"], term_kinds=table["term-kinds.csv"], term_levels=table["term-levels.csv"],
        units=table["units.csv"], qualifiers=table["qualifiers.csv"], readings=readings, promises=table["promises.csv"],
        periods=table["periods.csv"], sources=sources,
        indicators=indicators, rows=rows, terms=terms,
    )


def _observation_rows(raw, texts, table, indicators, sources) -> list[dict]:
    units = table["units.csv"]
    order = {sid: n for n, sid in enumerate(sources)}  # sources are in the order they were delivered
    kind_order = {kind: n for n, kind in enumerate(table["value-kinds.csv"])}
    rows = []
    for r in raw.observations:
        ind = indicators[r["indicator"]]
        value = float(r["value"]) if r["value"] else None
        # Values are charted in the indicator's unit; the table shows them as the report wrote them.
        scaled = None
        if value is not None:
            scaled = value * float(units[r["unit"]]["factor"]) / float(units[ind.unit]["factor"])
        rows.append({
            "id": observation_id(r),
            "indicator_id": ind.id,
            "indicator_zh": ind.name_zh,
            "district": r["district"],
            "year": int(r["year"]),
            "period": r["period"] if r["period"] != "year" else "",
            "kind": r["kind"],
            "value": value,
            "value_str": r["value"],
            "qualifier": r["qualifier"],
            "value_text": r["value_text"],
            "unit": r["unit"],
            "source": r["source"],
            "quote": r["quote"],
            "after": r["after"],
            "note": r["note"],
            "anchor": texts[r["source"]].find(r["quote"], r["after"]).anchor,
            "source_year": sources[r["source"]].year,
            "source_order": order[r["source"]],
            "chart_value": scaled,
            "data_file": r.file,
            "data_line": r.line,
            "kind_order": kind_order[r["kind"]],
        })
    # Python's sort is stable, as pandas' stable sort was: rows that tie keep the order they were read in.
    return sorted(rows, key=lambda r: (r["indicator_id"], r["year"], r["district"], r["kind_order"], r["source_order"], r["data_line"]))


def observation_id(r) -> str:
    """A stable id for a value row: a hash of what identifies it (validation keeps these unique), so
    it stays the same however the files are reordered."""
    # A period other than the calendar year joins the key; without one, ids stay those of before periods.
    period = [r["period"]] if r.get("period") and r["period"] != "year" else []
    key = "\x1f".join([r["indicator"], r["district"], r["year"], *period, r["kind"], r["source"], squeeze(r["quote"]), squeeze(r["after"])])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def source_order_key(r) -> tuple:
    """Reports by year, then by date (a date known to the month or year only after the days it may be), then id."""
    return (int(r["year"]), (r["date"] + "-99-99")[:10], r["id"])


def _tasks(raw, texts, table, rows) -> tuple[dict[str, Agency], list[Task]]:
    agencies = {
        aid: Agency(aid, r["name"], r["name_en"], r["kind"], [a for a in r["aliases"].split("|") if a])
        for aid, r in table["agencies.csv"].items()
    }
    by_name = {name: a.id for a in agencies.values() for name in [a.name, *a.aliases]}
    quotes_by_source: dict[str, list[tuple[str, str]]] = {}
    for r in rows:
        quotes_by_source.setdefault(r["source"], []).append((r["indicator_id"], squeeze(r["quote"])))
    tasks = []
    for r in raw.tables["tasks.csv"]:
        quote = f"{r['number']}.{r['text']}"
        # A task states an indicator's value when one of that report's quotes lies within it.
        squeezed = squeeze(quote)
        indicators = sorted({iid for iid, q in quotes_by_source.get(r["source"], []) if q in squeezed})
        task = Task(
            source=r["source"], number=int(r["number"]), section=r["section"], subsection=r["subsection"],
            text=r["text"], anchor=texts[r["source"]].find(quote).anchor,
            lead=list(dict.fromkeys(by_name[n] for n in agency_names(r["lead"]))),
            responsible=list(dict.fromkeys(by_name[n] for n in agency_names(r["responsible"]))),
            indicators=indicators,
        )
        tasks.append(task)
        for aid in task.lead:
            agencies[aid].leads.append(task)
        for aid in task.responsible:
            if aid not in task.lead:
                agencies[aid].shares.append(task)
    return agencies, sorted(tasks, key=lambda t: (t.source, t.number))
