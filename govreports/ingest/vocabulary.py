"""The guesser's vocabulary, read from data/: indicators' names and aliases (indicators.csv), units,
periods, and the names that curated rows put before their values."""
from __future__ import annotations

from pathlib import Path

from .files import table
from .names import Vocabulary, learnt_names


def build_vocabulary(data: Path) -> Vocabulary:
    """The names the guesser knows, from data/: indicators' names and aliases, and the names that
    curated rows put before their values."""
    data = Path(data)
    observations = [r for path in sorted((data / "observations").glob("*.csv")) for r in table(data, path.name, "observations")]
    return vocabulary_of(table(data, "indicators.csv"), table(data, "units.csv"), table(data, "periods.csv"), observations)


def vocabulary_of(indicators: list, units: list, periods: list, observations: list, keep_alias=lambda alias, iid: True) -> Vocabulary:
    """The guesser's vocabulary from the rows of indicators.csv, units.csv, periods.csv and the curated
    observations; `keep_alias` may leave out some of the aliases of indicators.csv."""
    known = {r["id"]: r for r in indicators}
    aliases = [(a, r["id"]) for r in indicators for a in r["aliases"].split("|") if a and keep_alias(a, r["id"])]
    learnt = [(name, iid) for name, iid in learnt_names(observations) if iid in known]
    return Vocabulary(
        indicators={iid: {"name_zh": r["name_zh"], "unit": r["unit"]} for iid, r in known.items()},
        units={r["id"]: r["dimension"] for r in units}, aliases=aliases + learnt,
        periods=[(r["id"], [c for c in r["cues"].split("|") if c]) for r in periods], learnt=set(learnt) - set(aliases),
    )
