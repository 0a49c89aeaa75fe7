"""Glossary candidates: quoted formulas and slogans in the sources that no glossary record covers.

A candidate is a string in Chinese quotation marks “…” of at most MAX_LENGTH characters that
holds a digit or a number character (“4311”, “一稳三抓五促”, “两江四岸”). It is covered when a
term's spelling or one of its match strings equals it, or when data/glossary-ignore.csv
records why it is not a term.
"""
from __future__ import annotations

import re
from collections import Counter

QUOTED = re.compile(r"“([^“”\n]{1,%d})”")
MAX_LENGTH = 16
NUMBERISH = re.compile(r"[0-9０-９一二三四五六七八九十两百千万双]")


def find_candidates(sources: dict) -> Counter:
    """Every quoted numbered formula or slogan, with how often it occurs in all sources."""
    pattern = re.compile(QUOTED.pattern % MAX_LENGTH)
    found: Counter = Counter()
    for src in sources.values():
        for para in src.text.paragraphs:
            for m in pattern.finditer(para.plain):
                text = m.group(1).strip()
                if NUMBERISH.search(text):
                    found[text] += 1
    return found


def uncurated(candidates: Counter, terms: dict, ignored: set[str]) -> list[str]:
    covered = set(ignored)
    for t in terms.values():
        covered.add(t.term)
        covered.update(m.strip("“”\"") for m in t.match)
    return sorted(c for c in candidates if c not in covered)
