"""Source texts: paragraphs with stable anchors, and finding a quote in them.

A paragraph is a non-blank line; a block of tab-indented lines is one table row; a report's
footnote `[n: [] …]` is a paragraph of its own. Anchors depend only on the text, so they stay
put as long as the text does.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass, field

FOOTNOTE_START = re.compile(r"\[(\d+): \[\]")
FOOTNOTE_REF = re.compile(r"\[\[footnoteRef:(\d+)\]\]")
WHITESPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """Drop all white space: quotes are compared with the sources ignoring white space only."""
    return WHITESPACE.sub("", text)


@dataclass
class Paragraph:
    anchor: str  # p12, fn4
    kind: str  # "text", "row" (a table row), "footnote"
    text: str
    start: int  # character offsets in the raw text
    end: int
    cells: list[str] = field(default_factory=list)

    @property
    def plain(self) -> str:
        """The text as a reader sees it: footnote markers removed, table cells joined."""
        if self.kind == "row":
            return " ".join(self.cells)
        return FOOTNOTE_REF.sub("", self.text).strip()


class SourceText:
    def __init__(self, raw: str):
        self.raw = raw
        self.paragraphs = split_paragraphs(raw)
        # The squeezed text, and where each paragraph starts in it (the offset in the raw text of each of its
        # characters, which this kept before, took 110 MB at 10,000 indicators).
        self._squeezed = squeeze(raw)
        starts = [p.start for p in self.paragraphs]
        self._starts = list(itertools.accumulate(len(squeeze(raw[a:b])) for a, b in zip([0, *starts], starts)))
        self._found: dict[tuple[str, str], Paragraph | None] = {}  # the checks and the model look up each quote
        self.memo: dict = {}  # work done on the text once for every stage (its figures, by the reader that found them)

    @property
    def characters(self) -> int:
        """The length of the text, white space not counted."""
        return len(self._squeezed)

    def find(self, quote: str, after: str = "") -> Paragraph | None:
        """The paragraph where `quote` begins (after the first occurrence of `after`), or None."""
        if (quote, after) not in self._found:
            self._found[(quote, after)] = self._find(quote, after)
        return self._found[(quote, after)]

    def _find(self, quote: str, after: str) -> Paragraph | None:
        start = 0
        if after:
            start = self._squeezed.find(squeeze(after))
            if start < 0:
                return None
        needle = squeeze(quote)
        if not needle:
            return None
        at = self._squeezed.find(needle, start)
        if at < 0:
            return None
        i = bisect.bisect_right(self._starts, at) - 1
        return self.paragraphs[max(i, 0)]

    def contains(self, quote: str, after: str = "") -> bool:
        return self.find(quote, after) is not None


def split_paragraphs(raw: str) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    lines = _lines_with_offsets(raw)
    number = 0
    i = 0
    while i < len(lines):
        line, offset = lines[i]
        if not line.strip() and not line.startswith("\t"):
            i += 1
            continue
        if line.startswith("\t"):
            # A table row: tab-indented cells up to the next blank line; a cell may wrap
            # onto a line without a tab ("保持全市" / "前列").
            cells: list[str] = []
            j = i
            while j < len(lines) and lines[j][0]:
                cell_line = lines[j][0]
                if cell_line.startswith("\t") or not cells:
                    cells.append(cell_line.strip())
                else:
                    cells[-1] += cell_line.strip()
                j += 1
            end = lines[j - 1][1] + len(lines[j - 1][0])
            number += 1
            paragraphs.append(Paragraph(f"p{number}", "row", raw[offset:end], offset, end, cells))
            i = j
            continue
        number += 1
        body_end = offset + len(line)
        notes = list(FOOTNOTE_START.finditer(line))
        if notes:
            body_end = offset + notes[0].start()
        if raw[offset:body_end].strip():
            paragraphs.append(Paragraph(f"p{number}", "text", raw[offset:body_end].strip(), offset, body_end))
        for k, m in enumerate(notes):
            note_end = notes[k + 1].start() if k + 1 < len(notes) else len(line)
            text = line[m.end():note_end].strip()
            if text.endswith("]"):
                text = text[:-1].rstrip()
            paragraphs.append(
                Paragraph(f"fn{m.group(1)}", "footnote", text, offset + m.start(), offset + note_end)
            )
        i += 1
    return paragraphs


def _lines_with_offsets(raw: str) -> list[tuple[str, int]]:
    out, offset = [], 0
    for line in raw.splitlines(keepends=True):
        out.append((line.rstrip("\r\n"), offset))
        offset += len(line)
    return out


@functools.lru_cache(maxsize=64)
def source_text(raw: str) -> SourceText:
    """The SourceText of a text, made once a process: a SourceText never changes, and what is worked out on it
    (its paragraphs, figures, where each quote stands) serves every later check of the same text, in a
    preview's rebuilds or in tests."""
    return SourceText(raw)
