"""What the search index needs to know of a page beyond its text: its kind, the other names it is
found by (English, pinyin, aliases, synonyms), and the districts and years it covers (the filters).

render.py puts this in the page's front matter; the theme writes it on the searchable part of the
page (templates/mkdocs/main.html) and govreports/publish/search_index.py reads it from the built HTML, so
the index depends on the pages' bytes alone and a shard is rebuilt only when its pages change.
"""
from __future__ import annotations


def _districts(data, ids) -> list[str]:
    return [data.districts[d]["name_zh"] for d in sorted(set(ids))]


def indicator(ind, rows: list[dict], data) -> dict:
    return {
        "kind": "indicator",
        "names": [ind.name_en, *ind.aliases, *ind.synonyms],
        "district": _districts(data, (r["district"] for r in rows)),
        "year": sorted({int(r["year"]) for r in rows}),
    }


def term(t, data) -> dict:
    found_in = [data.sources[s] for s in dict.fromkeys(o.source for o in t.occurrences)]
    return {
        "kind": "term",
        "names": [t.english, t.pinyin, *(m for m in t.match if m != t.term)],
        "district": _districts(data, (s.district for s in found_in)),
        "year": sorted({s.year for s in found_in}),
    }


def source(src, data) -> dict:
    district, kind = data.districts[src.district], data.kinds[src.kind]
    return {
        "kind": "report",
        "names": [f"{district['name_zh']} {src.year} {kind['name_zh']}", f"{district['name_en']} {src.year} {kind['name_en']}"],
        "district": [district["name_zh"]],
        "year": [src.year],
    }


def agency(a, data) -> dict:
    tasks = [*a.leads, *a.shares]
    return {
        "kind": "unit",
        "names": [a.name_en, *a.aliases],
        "district": _districts(data, (data.sources[t.source].district for t in tasks)),
        "year": sorted({data.sources[t.source].year for t in tasks}),
    }
