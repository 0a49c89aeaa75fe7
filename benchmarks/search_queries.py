"""The search benchmark's queries, derived from the data so they grow with it (never a fixed list).

- every glossary term and each of its other spellings (`match`): its glossary page first, and every
  report whose text holds it (within one paragraph) among the results;
- every indicator's Chinese name, English name and English synonyms (data/synonyms.csv): the
  indicator in the top 3 (a name several indicators share: all of them);
- phrases sampled from each report's paragraphs: a link to a paragraph of that report holding them.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

PHRASES_PER_REPORT = 20
PHRASE_CHARS = 10
CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass
class Query:
    text: str
    kind: str  # term | indicator-zh | indicator-en | phrase
    expect: list[str] = field(default_factory=list)  # pages (site-relative, ending in /): any of them first, or all in the top 3
    reports: list[str] = field(default_factory=list)  # reports whose text holds the query


def derive(data) -> list[Query]:
    from govreports.publish.search_index import normalize

    paragraphs = {sid: [(p.anchor, normalize(p.plain)) for p in src.text.paragraphs] for sid, src in data.sources.items()}

    def holding(text: str) -> list[str]:
        n = normalize(text)
        return [sid for sid, paras in paragraphs.items() if any(n in t for _, t in paras)]

    queries: dict[tuple[str, str], Query] = {}

    def add(text: str, kind: str, page: str, reports=()):
        text = text.strip()
        if not text:
            return
        q = queries.setdefault((kind, text), Query(text, kind, [], list(reports)))
        if page not in q.expect:
            q.expect.append(page)

    # The term itself before its other spellings, so a string that is one term's name and another's
    # alias expects the term it names.
    for t in data.terms.values():
        add(t.term, "term", f"glossary/{t.slug}/", holding(t.term))
    for t in data.terms.values():
        for alias in t.match:
            add(alias, "term", f"glossary/{t.slug}/", holding(alias))
    for ind in data.indicators.values():
        add(ind.name_zh, "indicator-zh", f"indicators/{ind.id}/")
        for name in [ind.name_en, *ind.synonyms]:
            add(name, "indicator-en", f"indicators/{ind.id}/")
    for sid in paragraphs:
        rng = random.Random(sid)  # the same sample on every run, and per report whatever the other reports
        src = data.sources[sid]
        candidates = [p for p in src.text.paragraphs if p.kind == "text" and len(CJK.findall(p.plain)) >= 2 * PHRASE_CHARS]
        for p in rng.sample(candidates, min(PHRASES_PER_REPORT, len(candidates))):
            start = rng.randrange(0, len(p.plain) - PHRASE_CHARS)
            phrase = p.plain[start:start + PHRASE_CHARS].strip()
            if len(CJK.findall(phrase)) >= PHRASE_CHARS // 2:
                add(phrase, "phrase", f"sources/{sid}/", [sid])
    return list(queries.values())
