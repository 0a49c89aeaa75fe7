"""A guess: the observation row ingest proposes for one figure, with where it stands."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Guess:
    paragraph: str
    sentence: str
    clause: str
    quote: str  # the words to quote: from the governing name to the end of the figure's clause
    after: str  # words before the quote where the quote alone occurs earlier in the text
    start: int  # where the figure starts in the paragraph's plain text
    value: str
    value_text: str
    unit: str
    qualifier: str
    kind: str
    year: int
    period: str
    indicator: str
    name: str  # the name the indicator was guessed from (blank: none found)
