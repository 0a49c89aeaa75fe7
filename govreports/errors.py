"""One error type for bad input: a list of problems, one line each."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class DataError(Exception):
    """Raised with every problem found in data/, so the curator sees them all at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.field or "", p.message))
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):  # raised in the build's worker process, re-raised in the main one
        return DataError, (self.problems,)


class BuildError(Exception):
    """The site generator itself (MkDocs, the search index) could not finish; the published site is left as it was."""
