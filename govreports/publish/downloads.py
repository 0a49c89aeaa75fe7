"""The data downloads: every table of the data package (observations, targets, indicators, sources,
the glossary) as CSV, the whole dataset as one workbook and one SQLite database, targets and glossary
also as JSON, one CSV and JSON file per indicator, a Frictionless Data Package describing them, and
each version's files kept under data/v/<version>/."""
from __future__ import annotations

import hashlib
import json
import operator
import shutil
from pathlib import Path

from .. import excel_csv, parallel
from ..model.changes import ARCHIVED
from ..model.dataset import Dataset
from ..render import pages
from ..render.pagecache import PageCache, spelled_out
from . import database, workbook
from .staging import link_or_copy

WORKBOOK, DATABASE = "dataset.xlsx", "dataset.sqlite"
OBSERVATIONS_HEADER = [
    "id", "indicator_id", "indicator_zh", "district", "year", "period", "kind", "value", "qualifier", "value_text", "unit",
    "source", "paragraph", "quote", "after",
]
OBSERVATION_COLUMN = {"value": "value_str", "paragraph": "anchor"}  # download header → row key, where they differ
_OBSERVATION_CELLS = operator.itemgetter(*(OBSERVATION_COLUMN.get(k, k) for k in OBSERVATIONS_HEADER))
# One row per target: what was promised, what a later report said, and the status both ways.
TARGETS_FIELDS = [
    ("indicator_id", "string", "the indicator"), ("indicator_zh", "string", ""), ("district", "string", ""),
    ("year", "integer", "the year the target is for"),
    ("target_id", "string", "the target's row in observations.csv"), ("target_value", "number", "blank where the target is words"),
    ("target_qualifier", "string", "qualifier ids joined with '+'"), ("target_text", "string", "the target as written"),
    ("target_unit", "string", ""), ("target_source", "string", ""), ("target_paragraph", "string", ""), ("target_quote", "string", ""),
    ("promise", "string", "the strength of the promise (an id of data/promises.csv, or plain)"),
    ("outcome_id", "string", "the outcome's row in observations.csv"), ("outcome_kind", "string", "result or estimate"),
    ("outcome_value", "number", ""), ("outcome_qualifier", "string", ""), ("outcome_text", "string", "for a target of several measures: each measure's outcome"),
    ("outcome_unit", "string", ""), ("outcome_source", "string", ""), ("outcome_paragraph", "string", ""), ("outcome_quote", "string", ""),
    ("status", "string", "what the site shows: the rule's status, or the report's verdict where the rule cannot decide, or an editor's override"),
    ("rule_status", "string", "the published rule's status"), ("rule_reason", "string", ""),
    ("verdict", "string", "the report's own verdict: met, missed or blank"), ("verdict_source", "string", ""),
    ("verdict_paragraph", "string", ""), ("verdict_quote", "string", ""),
    ("disagrees", "boolean", "the rule decided and the report's verdict says otherwise"),
    ("provisional", "boolean", "settled on an estimate (预计), not a final figure"),
    ("margin", "number", "outcome − target, in margin_unit"),
    ("margin_unit", "string", "the indicator's unit; for a rate (a unit of %), 个百分点: percentage points"),
    ("margin_pct", "number", "the margin as a percentage of the target; blank for a rate, where it would mean nothing"),
    ("reason", "string", "why the status is what it is; for an unsettled target, which report would settle it"),
    ("override", "string", "an editor's reason where the status was overridden"),
]
# One row per glossary term and report: how often the report uses it.
TERM_FREQUENCY_FIELDS = [
    ("term_slug", "string", "the glossary entry (its page: glossary/<slug>/)"), ("term", "string", ""), ("source", "string", "the report"),
    ("district", "string", ""), ("year", "integer", "the report's year"), ("occurrences", "integer", "how many times the report's text uses the term"),
    ("characters", "integer", "the report's text, in characters (white space not counted)"),
    ("per_10k", "number", "occurrences per 10,000 characters, to compare reports of different lengths"),
]  # a term has a row for each report that uses it: a report absent from a term's rows does not use it
# One row per pair of consecutive targets of an indicator and district: how the later moved from the earlier.
TARGET_CHANGE_FIELDS = [
    ("indicator_id", "string", "the indicator"), ("district", "string", ""),
    ("from_year", "integer", "the year the earlier target is for"), ("to_year", "integer", "the year the later target is for"),
    ("from_target", "string", "the earlier target as written"), ("to_target", "string", "the later target as written"),
    ("change", "string", "raised, lowered, kept, reworded (the same number, another qualifier or promise) or not-comparable"),
    ("ambition", "string", "more, less or same, by the indicator's direction (and, for a rewording, the strength of the promise); blank where not comparable"),
    ("from_status", "string", "the earlier target's status (targets.csv)"), ("from_outcome", "string", "the outcome that status was judged on, as written"),
    ("note", "string", "the change in words, or why the two cannot be compared"),
    ("from_value", "number", "in the indicator's unit"), ("to_value", "number", "in the indicator's unit"),
    ("from_qualifier", "string", ""), ("to_qualifier", "string", ""),
    ("from_id", "string", "the earlier target's row in observations.csv"), ("from_source", "string", ""), ("from_paragraph", "string", ""), ("from_quote", "string", ""),
    ("to_id", "string", "the later target's row in observations.csv"), ("to_source", "string", ""), ("to_paragraph", "string", ""), ("to_quote", "string", ""),
]


def write_json(path: Path, value) -> None:
    """Indented JSON, written while it is encoded: json.dumps held every piece of the text before joining them
    (300 MB more for targets.json at 10,000 indicators), and was no faster."""
    with path.open("w", encoding="utf-8") as f:
        json.dump(value, f, ensure_ascii=False, indent=1)


def write_downloads(data: Dataset, out: Path, pages_cache: PageCache) -> None:
    """The data downloads, into out/data/: the tables of the whole dataset only when a value of theirs changed (an
    observation's note does not; the workbook alone took 20 s at 10,000 indicators) or the page cache's shared inputs
    did, and an indicator's own files only when its observations changed."""
    folder = out / pages.file("downloads")
    folder.mkdir(parents=True, exist_ok=True)
    package = datapackage(data)
    records = {"targets": target_records(data), "target-changes": target_change_records(data), "glossary": _glossary_json(data),
               "term-frequencies": _term_frequencies(data)}
    rows = tables(data)
    about = readme(data, package)
    whole = [r["path"] for r in package["resources"]] + [f"{name}.json" for name in records] + [WORKBOOK, DATABASE, "datapackage.json"]
    if pages_cache.current("downloads of the dataset", (package, _spelled_out(rows, records), about, data.meta),
                           [f"{folder.relative_to(out).as_posix()}/{name}" for name in whole], exact=True):
        _write_indicator_files(data, out, pages_cache)
        return
    rows.update(record_tables(records))
    for resource in package["resources"]:
        header = [f["name"] for f in resource["schema"]["fields"]]
        excel_csv.write(folder / resource["path"], header, ([_cell(v) for v in row] for row in rows[resource["name"]]))
    for name, value in records.items():
        write_json(folder / f"{name}.json", value)
    # The workbook and the database hold numbers as numbers, as the package's schema types them.
    typed = {r["name"]: [[_typed(v, f["type"]) for v, f in zip(row, r["schema"]["fields"])] for row in rows[r["name"]]]
             for r in package["resources"]}
    # The workbook takes the longest (xlsxwriter writes a cell at a time), so a process of its own writes it
    # while this one writes the rest.
    book = parallel.Forked(workbook.write, folder / WORKBOOK, package, typed, about, data.meta["released"])
    try:
        database.write(folder / DATABASE, package, typed, about)
        _write_indicator_files(data, out, pages_cache)
    except BaseException:
        book.cancel()
        raise
    book.result()
    write_json(folder / "datapackage.json", package)


def _spelled_out(*tables: dict[str, list]) -> str:
    """A hash of every row of the tables, spelled out (pagecache.spelled_out) a thousand rows at a time: the repr of
    each row took 1.5 s at 10,000 indicators, and a whole table at once held 80 MB more."""
    digest = hashlib.sha256()
    for table in tables:
        for name, table_rows in table.items():
            digest.update(f"{name}\0{len(table_rows)}\0".encode())
            for start in range(0, len(table_rows), 1000):
                digest.update(spelled_out(table_rows[start:start + 1000]))
    return digest.hexdigest()


def _write_indicator_files(data: Dataset, out: Path, pages_cache: PageCache) -> None:
    """One CSV and one JSON per indicator, linked from its page."""
    for iid in sorted(data.indicators):
        records, path = data.records_of(iid), pages.file("indicator-data", iid)
        if not records or pages_cache.current(f"downloads {iid}", records, [f"{path}.{ext}" for ext in ("csv", "json")], exact=True):
            continue
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        _observations_csv(out / f"{path}.csv", records)
        ind = data.indicators[iid]
        record = {
            "id": iid, "name_zh": ind.name_zh, "name_en": ind.name_en, "unit": ind.unit, "category": ind.category,
            "higher_is_better": ind.higher_is_better, "predecessor": ind.predecessor or None, "successors": ind.successors,
            "dataset_version": data.meta["version"], "licence": data.meta["licence"],
            "observations": [
                {**{k: r[OBSERVATION_COLUMN.get(k, k)] for k in OBSERVATIONS_HEADER if k not in ("indicator_id", "indicator_zh", "value")},
                 "value": _number(r["value"])}
                for r in records
            ],
        }
        write_json(out / f"{path}.json", record)


def tables(data: Dataset) -> dict[str, list[list]]:
    """The tables of the data package that are not made of the records (record_tables), as rows of cells in the order
    of their fields."""
    terms = list(data.terms.values())
    return {
        "observations": [_observation_cells(r) for r in data.rows],
        "indicators": [[i.id, i.name_zh, i.name_en, i.unit, i.category, i.higher_is_better, i.predecessor, i.change_kind]
                       for i in data.indicators.values()],
        "sources": [[s.id, s.district, s.year, s.title, s.kind, s.date, s.date_note, s.publisher, s.url, s.url_note]
                    for s in data.sources.values()],
        "glossary": [[t.slug, t.term, t.pinyin, t.english, t.kind, t.level, "|".join(t.related), "|".join(t.broader),
                      len(t.occurrences), pages.url("term", t.slug)] for t in terms],
        "glossary_definitions": [[t.slug, d.source, d.anchor, d.quote] for t in terms for d in t.definitions],
        "glossary_indicators": [[t.slug, iid] for t in terms for iid in t.indicators],
    }


def record_tables(records: dict[str, list[dict]]) -> dict[str, list[list]]:
    """The tables of the data package that the JSON records hold too: made only to be written, as the records say
    all they do (a build that finds the downloads unchanged hashes the records alone)."""
    return {name: [[r[field] for field, _, _ in fields] for r in records[name]]
            for name, fields in (("targets", TARGETS_FIELDS), ("target-changes", TARGET_CHANGE_FIELDS), ("term-frequencies", TERM_FREQUENCY_FIELDS))}


def _glossary_json(data: Dataset) -> list[dict]:
    return [
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
            "url": pages.url("term", t.slug),
            "occurrences": [{"source": o.source, "paragraph": o.anchor, "snippet": o.snippet} for o in t.occurrences],
        }
        for t in data.terms.values()
    ]


def readme(data: Dataset, package: dict) -> list[tuple[str, str]]:
    """What the workbook's README sheet and the database's `about` table say: the dataset, its source,
    licence and version, how to cite it, and each table and column."""
    meta = data.meta
    where = meta["site_url"] or "(the site's address)/"
    lines = [
        ("标题 Title", f"{meta['title']} · {meta['title_en']}"),
        ("版本 Version", f"{meta['version']}, released {meta['released']}; this version's files stay at {where}data/v/{meta['version']}/"),
        ("发布者 Publisher", meta["publisher"]),
        ("许可 Licence", f"{meta['licence']} ({meta['licence_url']}): the compiled data; the reports are quoted from their publishers"),
        ("来源 Source", f"{len(data.sources)} {meta['reports_en']} (the sources table): every value and definition "
                       "is quoted from its report, with the paragraph it stands in"),
        ("引用 How to cite", f"{meta['publisher']} ({meta['released'][:4]}). {meta['title_en']} ({meta['title']}), version "
                            f"{meta['version']} [Data set]. {where}data/v/{meta['version']}/"),
    ]
    for resource in package["resources"]:
        lines.append((resource["name"], resource.get("title", "")))
        lines += [(f"{resource['name']}.{f['name']}", f.get("description", "")) for f in resource["schema"]["fields"]]
    return lines


def _observation_cells(r: dict) -> list:
    """An observation under the download header; the value as the report wrote the number."""
    return list(_OBSERVATION_CELLS(r))


def _observations_csv(path: Path, rows: list[dict]) -> None:
    excel_csv.write(path, OBSERVATIONS_HEADER, ([_cell(v) for v in _observation_cells(r)] for r in rows))


def target_records(data: Dataset) -> list[dict]:
    """Every assessed target as one flat record (targets.csv and targets.json)."""
    out = []
    for a in data.assessments:
        ind, t, o, v = data.indicators[a.indicator], a.target, a.outcome, a.verdict or {}
        parts = [(data.indicators[p].name_zh, row) for p, row, _, _ in a.parts if row]
        record = {
            "indicator_id": a.indicator, "indicator_zh": ind.name_zh, "district": a.district, "year": a.year,
            "target_id": t["id"], "target_value": _number(t["value"]), "target_qualifier": t["qualifier"],
            "target_text": t["value_text"], "target_unit": t["unit"], "target_source": t["source"],
            "target_paragraph": t["anchor"], "target_quote": t["quote"], "promise": a.promise,
            "outcome_id": o["id"] if o else None, "outcome_kind": o["kind"] if o else None,
            "outcome_value": _number(o["value"]) if o else None, "outcome_qualifier": o["qualifier"] if o else None,
            "outcome_text": o["value_text"] if o else "; ".join(f"{name}: {row['value_text']}" for name, row in parts) or None,
            "outcome_unit": o["unit"] if o else None,
            "outcome_source": o["source"] if o else " / ".join(dict.fromkeys(row["source"] for _, row in parts)) or None,
            "outcome_paragraph": o["anchor"] if o else " / ".join(row["anchor"] for _, row in parts) or None,
            "outcome_quote": o["quote"] if o else " / ".join(dict.fromkeys(row["quote"] for _, row in parts)) or None,
            "status": a.status, "rule_status": a.rule_status, "rule_reason": a.rule_reason,
            "verdict": v.get("verdict"), "verdict_source": v.get("source"), "verdict_paragraph": v.get("anchor"),
            "verdict_quote": v.get("quote"), "disagrees": a.disagrees, "provisional": a.provisional,
            "margin": a.margin, "margin_unit": a.margin_unit or None, "margin_pct": a.margin_pct,
            "reason": a.reason, "override": a.override or None,
        }
        out.append(record)
    return out


def target_change_records(data: Dataset) -> list[dict]:
    """Every pair of consecutive targets as one flat record (target-changes.csv and .json), with both quotes."""
    out = []
    for m in data.target_changes:
        ends = {f"{end}_{key}": row[column] for end, row in (("from", m.before), ("to", m.after))
                for key, column in (("id", "id"), ("qualifier", "qualifier"), ("source", "source"), ("paragraph", "anchor"), ("quote", "quote"))}
        out.append({
            "indicator_id": m.indicator, "district": m.district, "from_year": m.from_year, "to_year": m.to_year,
            "from_target": m.before["value_text"], "to_target": m.after["value_text"], "change": m.change, "ambition": m.ambition or None,
            "from_status": m.from_status or None, "from_outcome": m.from_outcome["value_text"] if m.from_outcome else None, "note": m.note,
            "from_value": _number(m.before["chart_value"]), "to_value": _number(m.after["chart_value"]), **ends,
        })
    return out


def _term_frequencies(data: Dataset) -> list[dict]:
    return [{"term_slug": f.term, "term": data.terms[f.term].term, "source": f.source, "district": data.sources[f.source].district,
             "year": data.sources[f.source].year, "occurrences": f.occurrences, "characters": f.characters, "per_10k": f.per_10k}
            for f in data.frequencies]


def _number(value) -> float | None:
    return None if value is None or value != value else float(value)


def _typed(value, kind: str):
    """A cell as the package's schema types it; blank is None."""
    if value is None or value == "":
        return None
    if kind == "integer":
        return int(value)
    if kind == "number":
        return float(value)
    if kind == "boolean":
        return value if isinstance(value, bool) else value == "true"
    return str(value)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.10g}"
    return str(value)


def datapackage(data: Dataset) -> dict:
    """A Frictionless Data Package describing the downloads (validated in the tests)."""
    meta = data.meta
    text = {"type": "string"}
    return {
        "profile": "tabular-data-package",
        "name": meta["name"],
        "title": f"{meta['title']} · {meta['title_en']}",
        "version": meta["version"],
        "licenses": [{"name": meta["licence"].replace(" ", "-"), "path": meta["licence_url"], "title": meta["licence"]}],
        "sources": [{"title": s.title, "path": pages.url("source", s.id)} for s in data.sources.values()],
        "resources": [
            {
                "name": "observations", "path": "observations.csv", "profile": "tabular-data-resource", "format": "csv",
                "encoding": "utf-8", "title": "Every stated value, with the sentence it came from",
                "schema": {
                    "primaryKey": "id",
                    "fields": [
                        {"name": "id", **text, "constraints": {"required": True, "unique": True}, "description": "a stable id: a hash of what identifies the row"},
                        {"name": "indicator_id", **text, "constraints": {"required": True}},
                        {"name": "indicator_zh", **text},
                        {"name": "district", **text, "constraints": {"enum": sorted(data.districts)}},
                        {"name": "year", "type": "integer"},
                        {"name": "period", **text, "description": "an id from the period table (h1 the first half, cumulative …); blank for the calendar year"},
                        {"name": "kind", **text, "constraints": {"enum": list(data.value_kinds)}},
                        {"name": "value", "type": "number", "description": "blank where the report gives words"},
                        {"name": "qualifier", **text, "description": "ids from the qualifier table joined with '+'"},
                        {"name": "value_text", **text, "description": "the value as the report writes it"},
                        {"name": "unit", **text},
                        {"name": "source", **text},
                        {"name": "paragraph", **text, "description": "the paragraph anchor in the report's page"},
                        {"name": "quote", **text, "description": "the exact words of the report"},
                        {"name": "after", **text, "description": "words before the quote, where the quote alone occurs more than once"},
                    ],
                    "foreignKeys": [
                        {"fields": "indicator_id", "reference": {"resource": "indicators", "fields": "indicator_id"}},
                        {"fields": "source", "reference": {"resource": "sources", "fields": "source"}},
                    ],
                },
            },
            {
                "name": "targets", "path": "targets.csv", "profile": "tabular-data-resource", "format": "csv",
                "encoding": "utf-8", "title": "Every target with its outcome and status (also as targets.json)",
                "schema": {
                    "fields": _target_fields(data.promises),
                    "foreignKeys": [
                        {"fields": "indicator_id", "reference": {"resource": "indicators", "fields": "indicator_id"}},
                        {"fields": "target_id", "reference": {"resource": "observations", "fields": "id"}},
                        {"fields": "outcome_id", "reference": {"resource": "observations", "fields": "id"}},
                    ],
                },
            },
            {
                "name": "target-changes", "path": "target-changes.csv", "profile": "tabular-data-resource", "format": "csv",
                "encoding": "utf-8", "title": "How each target moved from the one before, for every indicator and district (also as target-changes.json)",
                "schema": {
                    "fields": _fields(TARGET_CHANGE_FIELDS),
                    "foreignKeys": [
                        {"fields": "indicator_id", "reference": {"resource": "indicators", "fields": "indicator_id"}},
                        {"fields": "from_id", "reference": {"resource": "observations", "fields": "id"}},
                        {"fields": "to_id", "reference": {"resource": "observations", "fields": "id"}},
                    ],
                },
            },
            {
                "name": "term-frequencies", "path": "term-frequencies.csv", "profile": "tabular-data-resource", "format": "csv",
                "encoding": "utf-8", "title": "How often each report uses each formula and slogan of the glossary, one row per term and report that uses it (also as term-frequencies.json)",
                "schema": {
                    "primaryKey": ["term_slug", "source"], "fields": _fields(TERM_FREQUENCY_FIELDS),
                    "foreignKeys": [{"fields": "source", "reference": {"resource": "sources", "fields": "source"}}],
                },
            },
            {
                "name": "indicators", "path": "indicators.csv", "profile": "tabular-data-resource", "format": "csv", "encoding": "utf-8",
                "schema": {"primaryKey": "indicator_id", "fields": [
                    {"name": "indicator_id", **text}, {"name": "name_zh", **text}, {"name": "name_en", **text},
                    {"name": "unit", **text}, {"name": "category", **text}, {"name": "higher_is_better", "type": "boolean"},
                    {"name": "predecessor", **text}, {"name": "change_kind", **text},
                ]},
            },
            {
                "name": "sources", "path": "sources.csv", "profile": "tabular-data-resource", "format": "csv", "encoding": "utf-8",
                "schema": {"primaryKey": "source", "fields": [
                    {"name": "source", **text}, {"name": "district", **text}, {"name": "year", "type": "integer"},
                    {"name": "title", **text}, {"name": "kind", **text},
                    {"name": "date", **text, "description": "ISO 8601 to the day where known, else to the month or year (see date_note)",
                     "constraints": {"required": True, "pattern": r"\d{4}(-\d{2}(-\d{2})?)?"}},
                    {"name": "date_note", **text}, {"name": "publisher", **text}, {"name": "url", **text}, {"name": "url_note", **text},
                ]},
            },
            {
                "name": "glossary", "path": "glossary.csv", "profile": "tabular-data-resource", "format": "csv", "encoding": "utf-8",
                "title": "Every glossary term (also, with its occurrences, as glossary.json)",
                "schema": {"primaryKey": "slug", "fields": [
                    {"name": "slug", **text, "description": "the term's permanent key: its page is glossary/<slug>/"},
                    {"name": "term", **text, "description": "as the reports write it"}, {"name": "pinyin", **text},
                    {"name": "english", **text, "description": "this site's own translation"}, {"name": "kind", **text},
                    {"name": "level", **text, "description": "national, municipal or district; blank where the reports do not make it clear"},
                    {"name": "related", **text, "description": "slugs of related terms joined with '|'"},
                    {"name": "broader", **text, "description": "slugs of the terms this one is part of, joined with '|'"},
                    {"name": "occurrences", "type": "integer", "description": "how often the reports use the term"},
                    {"name": "url", **text, "description": "the term's page, relative to the site"},
                ]},
            },
            {
                "name": "glossary_definitions", "path": "glossary_definitions.csv", "profile": "tabular-data-resource", "format": "csv",
                "encoding": "utf-8", "title": "Each term's definitions, quoted from the reports (none where the reports never define it)",
                "schema": {"fields": [
                    {"name": "slug", **text}, {"name": "source", **text},
                    {"name": "paragraph", **text, "description": "the paragraph anchor in the report's page"},
                    {"name": "quote", **text, "description": "the exact words of the report"},
                ], "foreignKeys": [
                    {"fields": "slug", "reference": {"resource": "glossary", "fields": "slug"}},
                    {"fields": "source", "reference": {"resource": "sources", "fields": "source"}},
                ]},
            },
            {
                "name": "glossary_indicators", "path": "glossary_indicators.csv", "profile": "tabular-data-resource", "format": "csv",
                "encoding": "utf-8", "title": "The indicators a term governs",
                "schema": {"fields": [{"name": "slug", **text}, {"name": "indicator_id", **text}], "foreignKeys": [
                    {"fields": "slug", "reference": {"resource": "glossary", "fields": "slug"}},
                    {"fields": "indicator_id", "reference": {"resource": "indicators", "fields": "indicator_id"}},
                ]},
            },
        ],
    }


def _target_fields(promises: dict[str, dict]) -> list[dict]:
    """The schema of targets.csv; the promises are described as data/promises.csv names them."""
    named = ", ".join(f"{p} ({r['zh']})" for p, r in promises.items())
    return _fields(TARGETS_FIELDS, {"promise": f"the strength of the promise: {named} or plain"})


def _fields(fields: list[tuple], about: dict[str, str] | None = None) -> list[dict]:
    """Frictionless field descriptors of (name, type, description) triples; `about` replaces descriptions."""
    about = about or {}
    return [{"name": name, "type": kind, **({"description": about.get(name, text)} if about.get(name, text) else {})} for name, kind, text in fields]


def write_snapshots(folder: Path, current: dict, earlier: dict[str, dict]) -> None:
    """This version's snapshot, and those of earlier versions carried over from the old site."""
    folder.mkdir(parents=True, exist_ok=True)
    for snap in [*earlier.values(), current]:
        (folder / f"{snap['version']}.json").write_text(json.dumps(snap, ensure_ascii=False, sort_keys=True), encoding="utf-8")


def archive_versions(out: Path, published: Path, version: str, earlier: dict[str, dict], kept: Path) -> None:
    """The dataset's files under data/v/<version>/, a permanent address a citation can resolve to;
    the folders of earlier versions are carried over from the published site `published`. The downloads
    not written anew are in `kept` (the stage)."""
    # Links, not copies: a version's files never change, and the current version's are the downloads themselves.
    for old in earlier:
        if (published / pages.file("version-data", old)).is_dir():
            shutil.copytree(published / pages.file("version-data", old), out / pages.file("version-data", old), dirs_exist_ok=True,
                            copy_function=link_or_copy)
    folder = out / pages.file("version-data", version)
    folder.mkdir(parents=True, exist_ok=True)
    for name in ARCHIVED:
        written = out / pages.file("downloads") / name
        link_or_copy(written if written.exists() else kept / pages.file("downloads") / name, folder / name)
