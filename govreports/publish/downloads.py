"""The data downloads: every table of the data package (observations, targets, indicators, sources,
the glossary) as CSV, the whole dataset as one workbook and one SQLite database, targets and glossary
also as JSON, one CSV and JSON file per indicator, a Frictionless Data Package describing them, and
each version's files kept under data/v/<version>/."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from .. import excel_csv
from ..model.changes import ARCHIVED
from ..model.dataset import Dataset
from ..render.pagecache import PageCache
from . import database, workbook

WORKBOOK, DATABASE = "dataset.xlsx", "dataset.sqlite"
OBSERVATIONS_HEADER = [
    "id", "indicator_id", "indicator_zh", "district", "year", "period", "kind", "value", "qualifier", "value_text", "unit",
    "source", "paragraph", "quote", "after",
]
OBSERVATION_COLUMN = {"value": "value_str", "paragraph": "anchor"}  # download header → row key, where they differ
# One row per target: what was promised, what a later report said, and the status both ways.
TARGETS_FIELDS = [
    ("indicator_id", "string", "the indicator"), ("indicator_zh", "string", ""), ("district", "string", ""),
    ("year", "integer", "the year the target is for"),
    ("target_id", "string", "the target's row in observations.csv"), ("target_value", "number", "blank where the target is words"),
    ("target_qualifier", "string", "qualifier ids joined with '+'"), ("target_text", "string", "the target as written"),
    ("target_unit", "string", ""), ("target_source", "string", ""), ("target_paragraph", "string", ""), ("target_quote", "string", ""),
    ("promise", "string", "the strength of the promise: firm (确保), aspiration (力争), floor (以上 …), ceiling (以内 …), approximate (左右 …) or plain"),
    ("outcome_id", "string", "the outcome's row in observations.csv"), ("outcome_kind", "string", "result or estimate"),
    ("outcome_value", "number", ""), ("outcome_qualifier", "string", ""), ("outcome_text", "string", "for a target of several measures: each measure's outcome"),
    ("outcome_unit", "string", ""), ("outcome_source", "string", ""), ("outcome_paragraph", "string", ""), ("outcome_quote", "string", ""),
    ("status", "string", "what the site shows: the rule's status, or the report's verdict where the rule cannot decide, or an editor's override"),
    ("rule_status", "string", "the published rule's status"), ("rule_reason", "string", ""),
    ("verdict", "string", "the report's own verdict: met, missed or blank"), ("verdict_source", "string", ""),
    ("verdict_paragraph", "string", ""), ("verdict_quote", "string", ""),
    ("disagrees", "boolean", "the rule decided and the report's verdict says otherwise"),
    ("provisional", "boolean", "settled on an estimate (预计), not a final figure"),
    ("margin", "number", "outcome − target, in the indicator's unit"), ("margin_unit", "string", ""),
    ("margin_pct", "number", "the margin as a percentage of the target"),
    ("reason", "string", "why the status is what it is; for an unsettled target, which report would settle it"),
    ("override", "string", "an editor's reason where the status was overridden"),
]




def write_downloads(data: Dataset, out: Path, pages_cache: PageCache) -> None:
    """The data downloads, into out/data/; an indicator's own files only when its observations changed."""
    folder = out / "data"
    folder.mkdir(parents=True, exist_ok=True)
    targets = target_records(data)
    package = datapackage(data)
    rows = tables(data, targets)
    for resource in package["resources"]:
        header = [f["name"] for f in resource["schema"]["fields"]]
        excel_csv.write(folder / resource["path"], header, ([_cell(v) for v in row] for row in rows[resource["name"]]))
    (folder / "targets.json").write_text(json.dumps(targets, ensure_ascii=False, indent=1), encoding="utf-8")
    (folder / "glossary.json").write_text(json.dumps(_glossary_json(data), ensure_ascii=False, indent=1), encoding="utf-8")
    # The workbook and the database hold numbers as numbers, as the package's schema types them.
    typed = {r["name"]: [[_typed(v, f["type"]) for v, f in zip(row, r["schema"]["fields"])] for row in rows[r["name"]]]
             for r in package["resources"]}
    about = readme(data, package)
    workbook.write(folder / WORKBOOK, package, typed, about, data.meta["released"])
    database.write(folder / DATABASE, package, typed, about)
    # One CSV and one JSON per indicator, linked from its page.
    (folder / "indicators").mkdir(exist_ok=True)
    for iid in sorted(data.indicators):
        records = data.records_of(iid)
        if not records or pages_cache.current(f"downloads {iid}", records, [f"data/indicators/{iid}.{ext}" for ext in ("csv", "json")]):
            continue
        _observations_csv(folder / "indicators" / f"{iid}.csv", records)
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
        (folder / "indicators" / f"{iid}.json").write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    (folder / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=1), encoding="utf-8")


def tables(data: Dataset, targets: list[dict]) -> dict[str, list[list]]:
    """Every table of the data package as rows of cells, in the order of its fields."""
    terms = list(data.terms.values())
    return {
        "observations": [_observation_cells(r) for r in data.rows],
        "targets": [[t[name] for name, _, _ in TARGETS_FIELDS] for t in targets],
        "indicators": [[i.id, i.name_zh, i.name_en, i.unit, i.category, i.higher_is_better, i.predecessor, i.change_kind]
                       for i in data.indicators.values()],
        "sources": [[s.id, s.district, s.year, s.title, s.kind, s.date, s.date_note, s.publisher, s.url, s.url_note]
                    for s in data.sources.values()],
        "glossary": [[t.slug, t.term, t.pinyin, t.english, t.kind, t.level, "|".join(t.related), "|".join(t.broader),
                      len(t.occurrences), f"glossary/{t.slug}/"] for t in terms],
        "glossary_definitions": [[t.slug, d.source, d.anchor, d.quote] for t in terms for d in t.definitions],
        "glossary_indicators": [[t.slug, iid] for t in terms for iid in t.indicators],
    }


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
            "url": f"glossary/{t.slug}/",
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
        ("来源 Source", f"{len(data.sources)} Chongqing district government reports (the sources table): every value and definition "
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
    return [r[OBSERVATION_COLUMN.get(k, k)] for k in OBSERVATIONS_HEADER]


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
            "margin": a.margin, "margin_unit": ind.unit if a.margin is not None else None, "margin_pct": a.margin_pct,
            "reason": a.reason, "override": a.override or None,
        }
        out.append(record)
    return out


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
        "name": "chongqing-district-reports",
        "title": f"{meta['title']} · {meta['title_en']}",
        "version": meta["version"],
        "licenses": [{"name": meta["licence"].replace(" ", "-"), "path": meta["licence_url"], "title": meta["licence"]}],
        "sources": [{"title": s.title, "path": f"sources/{s.id}/"} for s in data.sources.values()],
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
                        {"name": "kind", **text, "constraints": {"enum": ["target", "estimate", "result"]}},
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
                    "fields": [{"name": name, "type": kind, **({"description": about} if about else {})} for name, kind, about in TARGETS_FIELDS],
                    "foreignKeys": [
                        {"fields": "indicator_id", "reference": {"resource": "indicators", "fields": "indicator_id"}},
                        {"fields": "target_id", "reference": {"resource": "observations", "fields": "id"}},
                        {"fields": "outcome_id", "reference": {"resource": "observations", "fields": "id"}},
                    ],
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


def write_snapshots(folder: Path, current: dict, earlier: dict[str, dict]) -> None:
    """This version's snapshot, and those of earlier versions carried over from the old site."""
    folder.mkdir(parents=True, exist_ok=True)
    for snap in [*earlier.values(), current]:
        (folder / f"{snap['version']}.json").write_text(json.dumps(snap, ensure_ascii=False, sort_keys=True), encoding="utf-8")


def archive_versions(data_out: Path, published: Path, version: str, earlier: dict[str, dict]) -> None:
    """The dataset's files under data/v/<version>/, a permanent address a citation can resolve to;
    the folders of earlier versions are carried over from the published site."""
    for old in earlier:
        if (published / "v" / old).is_dir():
            shutil.copytree(published / "v" / old, data_out / "v" / old, dirs_exist_ok=True)
    folder = data_out / "v" / version
    folder.mkdir(parents=True, exist_ok=True)
    for name in ARCHIVED:
        shutil.copyfile(data_out / name, folder / name)
