"""Where each glossary term occurs in the source texts, as keyword-in-context lines."""
from __future__ import annotations

import re
from dataclasses import dataclass

CONTEXT = 30  # characters on each side of a match
ALNUM = re.compile(r"[0-9A-Za-z]")


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
    """One pattern for many spellings; where several match at one place, the longest wins.

    A spelling that starts or ends with a digit or Latin letter must not touch another one,
    so "141" does not match inside "1415" and "416" not inside "2416". The pattern is shaped as
    a trie (spellings that share a beginning share a branch), so matching costs the length of the
    text, not the text times the number of spellings, as a plain alternation would.
    """
    return re.compile(_trie_regex(sorted(set(matches))))


def _trie_regex(words: list[str]) -> str:
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True  # a spelling ends here

    def branch(node: dict, last: str) -> str:
        options = [
            (r"(?<![0-9A-Za-z.])" if not last and ALNUM.match(ch) else "") + re.escape(ch) + branch(child, ch)
            for ch, child in sorted(node.items()) if ch
        ]
        if "" in node:  # tried last, so that a longer spelling wins
            options.append(r"(?![0-9A-Za-z%])" if ALNUM.match(last) else "")
        return options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"

    return branch(trie, "") if words else "(?!)"


def find_occurrences(terms: dict[str, list[str]], sources: dict) -> dict[str, list[Occurrence]]:
    """Every occurrence of each term's spellings: {slug: occurrences in report order}.

    One scan of each paragraph finds, at every position, the longest spelling of any term that
    starts there; the shorter spellings that also start there are then tried on their own. Each
    term gets what a scan for that term alone would find: its longest spelling at each place,
    never two overlapping. (A scan per term would grow with terms × text.)
    """
    slugs_of: dict[str, list[str]] = {}
    for slug, matches in terms.items():
        for m in set(matches):
            slugs_of.setdefault(m, []).append(slug)
    spellings = sorted(slugs_of, key=len, reverse=True)
    own = {m: term_pattern([m]) for m in spellings}
    # At a position where spelling L matches, the candidates are L and the spellings that begin it.
    starting = {m: [m[:k] for k in range(len(m), 0, -1) if m[:k] in slugs_of] for m in spellings}
    anywhere = re.compile(f"(?=({_trie_regex(spellings)}))") if spellings else None
    found: dict[str, list[Occurrence]] = {slug: [] for slug in terms}
    for sid in sorted(sources, key=lambda s: (sources[s].year, s)):
        for para in sources[sid].text.paragraphs:
            text = para.plain
            free_from = {}  # slug → where its last occurrence ended
            for hit in anywhere.finditer(text) if anywhere else []:
                start = hit.start()
                for spelling in starting[hit.group(1)]:
                    if spelling != hit.group(1) and not own[spelling].match(text, start):
                        continue
                    end = start + len(spelling)
                    for slug in slugs_of[spelling]:
                        if free_from.get(slug, 0) > start:
                            continue
                        free_from[slug] = end
                        found[slug].append(Occurrence(
                            source=sid,
                            anchor=para.anchor,
                            before=("…" if start > CONTEXT else "") + text[max(0, start - CONTEXT):start],
                            match=spelling,
                            after=text[end:end + CONTEXT] + ("…" if len(text) > end + CONTEXT else ""),
                        ))
    return found


PER = 10_000  # frequencies are given per this many characters of a report's text


@dataclass
class Frequency:
    """How often a term occurs in a report (or a group of reports): its count, and per 10,000 characters of
    the text (white space not counted)."""

    term: str
    source: str
    occurrences: int
    characters: int

    @property
    def per_10k(self) -> float:
        return round(self.occurrences * PER / self.characters, 2) if self.characters else 0.0


def frequencies(terms: dict, sources: dict) -> list[Frequency]:
    """Each term in each report that uses it, in the order of the terms and of the reports' delivery."""
    order = {sid: n for n, sid in enumerate(sources)}
    out = []
    for slug, term in terms.items():
        counts: dict[str, int] = {}
        for o in term.occurrences:
            counts[o.source] = counts.get(o.source, 0) + 1
        out += [Frequency(slug, sid, n, sources[sid].text.characters) for sid, n in sorted(counts.items(), key=lambda c: order[c[0]])]
    return out
