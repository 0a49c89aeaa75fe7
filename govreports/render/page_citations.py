"""The cite box and head metadata (Highwire, Dublin Core, JSON-LD) of each page a reader may cite,
with its citation files (BibTeX, RIS, CSL-JSON) written beside it."""
from __future__ import annotations

import dataclasses
import json

from ..model.glossary_dates import entry_hash
from . import citation

CITE_FILES = ("cite.bib", "cite.ris", "cite.json")


def script_safe(json_text: str) -> str:
    """JSON placed inside a <script> element: no '<' may open a tag there."""
    return json_text.replace("<", "\\u003c")


def _citation(site, record: dict, folder: str, keywords: str, description: str, ld: dict) -> dict:
    """A citable page's cite box and head metadata, and its citation files, to be written into `folder` of the site."""
    meta = site.data.meta
    cite = dict(site.kept.get(citation.FORMAT, record, citation.formatted))
    bibtex = cite.pop("BibTeX")
    files = {f"{folder}{name}": text for name, text in zip(CITE_FILES, (bibtex, citation.ris(record), citation.csl_json(record)))}
    issued = "-".join(f"{n:02d}" for n in record["issued"]["date-parts"][0])
    ld = {"@context": "https://schema.org", **ld, "url": record["URL"], "version": record["version"], "license": meta["licence_url"]}
    head = site.env.get_template("citation_head.html.j2").render(
        record=record, issued=issued, keywords=keywords, description=description, ld=script_safe(json.dumps(ld, ensure_ascii=False)))
    return {"record": record, "cite": cite, "bibtex": bibtex, "head": head, "writes": files}


def _record(site, key: str, path: str, title: str, section: str, csl_type: str, content, note: str, issued: str = "", author: str = "") -> dict:
    """A page's citation record; its version is the dataset's, plus a hash of what the page shows."""
    meta = site.data.meta
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


def scoreboard_citation(site) -> dict:
    path = site.url("scoreboard")
    record = _record(site, "scoreboard", path, "目标完成情况 (Scoreboard: targets against results)", "Scoreboard", "dataset", site.board,
                     "Every target in the reports set against what a later report said, counted by year, district and status.")
    return _citation(site, record, path, "目标完成; targets; results; scoreboard",
                     f"Targets of {site.data.meta['reports_en']}, met or missed, by year and district.",
                     {"@type": "Dataset", "name": "目标完成情况 Scoreboard", "description": "Targets against results by year and district."})


def indicator_citation(site, ind, rows: list[dict]) -> dict:
    meta = site.data.meta
    path = site.url("indicator", ind.id)
    record = _record(site, f"indicator-{ind.id}", path, f"{ind.name_zh} ({ind.name_en})", "Indicators",
                     "dataset", [r["id"] for r in rows], f"Targets, estimates and results stated in the reports, each quoted from its source. Unit: {ind.unit}.")
    ld = {"@type": "Dataset", "name": f"{ind.name_zh} {ind.name_en}", "alternateName": ind.name_en,
          "description": f"{ind.name_en} ({ind.name_zh}) in {meta['reports_en']}: {len(rows)} stated values, each with its source sentence.",
          "variableMeasured": {"@type": "PropertyValue", "name": ind.name_en, "unitText": ind.unit},
          "distribution": [{"@type": "DataDownload", "encodingFormat": fmt, "contentUrl": f"{meta['site_url']}{site.file('indicator-data', ind.id)}.{ext}"}
                           for ext, fmt in (("csv", "text/csv"), ("json", "application/json"))],
          "isPartOf": {"@type": "Dataset", "name": f"{meta['title']} · {meta['title_en']}", "url": meta["site_url"] or "./"}}
    return _citation(site, record, path, f"{ind.name_zh}; {ind.name_en}; {'; '.join(ind.aliases)}", ld["description"], ld)


def source_citation(site, src) -> dict:
    """A report is cited as itself (its publisher and date), read at this site's copy."""
    data = site.data
    path = site.url("source", src.id)
    note = "Full text with a permanent anchor on every paragraph." + (f" Original: {src.url}" if src.url else "")
    record = _record(site, f"report-{src.id}", path, src.title, "Reports", "report", [p.text for p in src.text.paragraphs],
                     note, issued=src.date, author=src.publisher)
    ld = {"@type": "Report", "name": src.title, "inLanguage": "zh", "datePublished": src.date,
          "author": {"@type": "GovernmentOrganization", "name": src.publisher} if src.publisher else None,
          **({"isBasedOn": src.url} if src.url else {})}
    return _citation(site, record, path, f"{src.title}; {data.districts[src.district]['name_en']}; {src.year}",
                     src.covers, {k: v for k, v in ld.items() if v is not None})


def agency_citation(site, agency) -> dict:
    path = site.url("agency", agency.id)
    record = _record(site, f"agency-{agency.id}", path, f"{agency.name} ({agency.name_en})", "Government units",
                     "webpage", agency, f"The tasks of the reports' task breakdowns that {agency.name_en} leads or shares.")
    return _citation(site, record, path, f"{agency.name}; {agency.name_en}",
                     f"Tasks led or shared by {agency.name} in the reports' task breakdowns.",
                     {"@type": "WebPage", "name": f"{agency.name} {agency.name_en}", "about": {"@type": "GovernmentOrganization", "name": agency.name, "alternateName": agency.name_en}})


def term_citation(site, term) -> dict:
    meta = site.data.meta
    path = site.url("term", term.slug)
    record = citation.csl_record(meta, term, path)
    return _citation(site, record, path, f"{term.term}; {term.pinyin}; {term.english}",
                     term.definitions[0].quote if term.definitions else term.english, _term_ld(term, meta, site.url("glossary")))


def _term_ld(term, meta: dict, glossary: str) -> dict:
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
            "url": f"{meta['site_url']}{glossary}",
        },
    }
