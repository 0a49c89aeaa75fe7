"""Glossary candidates: quoted formulas and slogans in the sources that no glossary record covers.

A candidate is
- a string in Chinese quotation marks “…” of at most MAX_LENGTH characters that holds a digit or
  a number character (“4311”, “一稳三抓五促”, “两江四岸”); or
- what a report's footnote defines: the words before “：指” at the head of a footnote
  (“三大地标性商圈：指…”), each quoted name separately where the footnote defines several.
It is covered when a term's spelling or one of its match strings equals it, or when
data/glossary-ignore.csv records why it is not a term.
"""
from __future__ import annotations

import re
from collections import Counter

QUOTED = re.compile(r"“([^“”\n]{1,%d})”")
MAX_LENGTH = 16
NUMBERISH = re.compile(r"[0-9０-９一二三四五六七八九十两百千万双]")
DEFINED = re.compile(r"^\s*([^：:。，]{1,40})[：:]\s*(?:是|是指)?指")  # the head of a footnote that defines a term


def find_candidates(texts) -> Counter:
    """Every quoted numbered formula or slogan, with how often it occurs in all texts (SourceTexts)."""
    pattern = re.compile(QUOTED.pattern % MAX_LENGTH)
    found: Counter = Counter()
    for text in texts:
        for para in text.paragraphs:
            quoted = [m.group(1).strip() for m in pattern.finditer(para.plain)]
            found.update(q for q in quoted if NUMBERISH.search(q))
            head = DEFINED.match(para.plain) if para.kind == "footnote" else None
            if head:
                names = pattern.findall(head.group(1)) or [head.group(1)]
                for name in (n.strip().strip("“”") for n in names):
                    if name and not (NUMBERISH.search(name) and name in quoted):  # not counted twice
                        found[name] += 1
    return found


def uncurated(candidates: Counter, terms: dict, ignored: set[str]) -> list[str]:
    covered = set(ignored)
    for t in terms.values():
        covered.add(t.term)
        covered.update(m.strip("“”\"") for m in t.match)
    return sorted(c for c in candidates if c not in covered)
