"""The one error of ingest: a curator's mistake, one line per problem."""
from __future__ import annotations


class IngestError(Exception):
    """A curator's mistake: one line per problem, no traceback."""

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))
