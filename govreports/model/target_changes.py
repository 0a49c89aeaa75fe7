"""How each target moved from the one before it: for every indicator and district, each pair of
consecutive targets (by the year they are for) is raised, lowered, kept, reworded or not comparable,
more or less ambitious by the indicator's direction, and set beside the earlier target's status, so
that "lowered after a miss" can be counted.

Report pairs (one report against the district's next) compare the targets each report sets with
the same rule (`compare`).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..load.texts import squeeze
from .assess import Assessment, Readings, number, qualifiers_of


@dataclass(slots=True)
class TargetChange:
    indicator: str
    district: str
    before: dict  # the earlier target's row
    after: dict  # the later one's
    change: str  # an id of data/target-changes.csv
    ambition: str  # an id of data/ambitions.csv, or "" (not comparable)
    note: str  # what changed, in words: "6左右 → 6以上", or why the two cannot be compared
    from_status: str = ""  # the earlier target's status (assess); blank when its year has no assessment
    from_outcome: dict | None = None  # the outcome that status was judged on

    @property
    def from_year(self) -> int:
        return self.before["year"]

    @property
    def to_year(self) -> int:
        return self.after["year"]


def compare(before: dict, after: dict, ind, readings: Readings, promises: list[str], breaks=()) -> tuple[str, str, str]:
    """(change, ambition, note) of one target against the next of the same indicator and district.

    Numbers are compared in the indicator's unit; the same number with other qualifiers or another
    promise (左右 → 以上, 力争 → 确保) is reworded, and more ambitious when its promise comes earlier in
    data/promises.csv (strongest first). Targets in words are kept only when the words are the same.
    A change of definition between the two (series-breaks.csv) makes them not comparable.
    """
    crossed = [b for b in breaks if b.district == after["district"] and before["year"] < b.year <= after["year"]]
    if crossed:
        return "not-comparable", "", f"the definition changed (口径调整) from {crossed[0].year}"
    old, new = number(before), number(after)
    if old is None or new is None:
        if old is None and new is None and squeeze(before["value_text"]) == squeeze(after["value_text"]):
            return "kept", "same", f"the same words: {after['value_text']}"
        worded = " and ".join(w for w, v in (("the earlier", old), ("the later", new)) if v is None)
        return "not-comparable", "", f"{worded} target {'is' if ' and ' not in worded else 'are'} stated in words"
    shown = f"{before['value_text']} → {after['value_text']}"
    if new != old:
        up = new > old
        return ("raised" if up else "lowered"), ("more" if up == ind.higher_is_better else "less"), shown
    was, now = qualifiers_of(before), qualifiers_of(after)
    if was == now:
        return "kept", "same", shown
    rank = {p: n for n, p in enumerate([*promises, "plain"])}
    firmer, softer = rank[readings.promise(now)], rank[readings.promise(was)]
    return "reworded", ("more" if firmer < softer else "less" if firmer > softer else "same"), shown


def target_changes(assessments: list[Assessment], indicators: dict, readings: Readings, promises: list[str]) -> list[TargetChange]:
    """Each pair of consecutive targets of an indicator and district (assessments hold each year's
    target: the first one stated), in the order of indicator, district and year."""
    series: dict[tuple[str, str], list[Assessment]] = {}
    for a in assessments:
        series.setdefault((a.indicator, a.district), []).append(a)
    out = []
    for (iid, district), years in sorted(series.items()):
        ind = indicators[iid]
        years.sort(key=lambda a: a.year)
        for earlier, later in zip(years, years[1:]):
            change, ambition, note = compare(earlier.target, later.target, ind, readings, promises, ind.breaks)
            out.append(TargetChange(iid, district, earlier.target, later.target, change, ambition, note,
                                    earlier.status, earlier.outcome))
    return out
