"""Where each glossary term occurs in the source texts, as keyword-in-context lines."""
from __future__ import annotations

import re
from dataclasses import dataclass

CONTEXT = 30  # characters on each side of a match


@dataclass
class Occurrence:
    source: str
    anchor: str
    before: str
    match: str
    after: str

    @property
    def snippet(self) -> str:
        return f"{self.before}{self.match}{self.after}"


def term_pattern(matches: list[str]) -> re.Pattern:
    """One pattern for all of a term's spellings, longest first.

    A spelling that starts or ends with a digit or Latin letter must not touch another one,
    so "141" does not match inside "1415" and "416" not inside "2416".
    """
    parts = []
    for m in sorted(set(matches), key=len, reverse=True):
        p = re.escape(m)
        if re.match(r"[0-9A-Za-z]", m):
            p = r"(?<![0-9A-Za-z.])" + p
        if re.search(r"[0-9A-Za-z]$", m):
            p = p + r"(?![0-9A-Za-z%])"
        parts.append(p)
    return re.compile("|".join(parts))


def find_occurrences(matches: list[str], sources: dict) -> list[Occurrence]:
    pattern = term_pattern(matches)
    found = []
    for sid in sorted(sources, key=lambda s: (sources[s].year, s)):
        for para in sources[sid].text.paragraphs:
            text = para.plain
            for m in pattern.finditer(text):
                found.append(Occurrence(
                    source=sid,
                    anchor=para.anchor,
                    before=("…" if m.start() > CONTEXT else "") + text[max(0, m.start() - CONTEXT):m.start()],
                    match=m.group(0),
                    after=text[m.end():m.end() + CONTEXT] + ("…" if len(text) > m.end() + CONTEXT else ""),
                ))
    return found
