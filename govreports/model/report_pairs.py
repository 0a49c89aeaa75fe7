"""One report against the district's next: the targets each sets for its own year, raised, lowered,
kept, reworded, new or not repeated, and the formulas and slogans that come and go.

A report's own targets are those for the year it was delivered (a work report of January sets that
year's targets; a plan report the coming year's). Where either text is only part of its report, or
the two are different kinds of document, something absent from one of them may simply stand
elsewhere: the pair says so, and never calls anything dropped (the page says "not repeated in").
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .target_changes import compare


@dataclass(slots=True)
class PairedTarget:
    indicator: str
    before: dict | None  # the target for the earlier report's year: as that report set it, else as another report stated it
    after: dict | None  # the later report's, if it set one
    change: str  # an id of data/target-changes.csv: raised … not-comparable, new, not-repeated
    ambition: str = ""
    note: str = ""
    from_status: str = ""  # the status of the earlier year's target (assess)
    from_outcome: dict | None = None


@dataclass(slots=True)
class ReportPair:
    earlier: str  # source ids
    later: str
    targets: list[PairedTarget]
    terms_new: list[str]  # glossary slugs in the later text and not in the earlier
    terms_first: list[str]  # of those, the ones no earlier report of any district uses
    terms_not_repeated: list[str]  # in the earlier text and not in the later
    caveats: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.earlier}--{self.later}"

    def counts(self, changes: list[str]) -> dict[str, int]:
        return {c: sum(1 for t in self.targets if t.change == c) for c in changes}

    def after_misses(self) -> dict[str, int]:
        """How the targets the earlier year missed moved in the later report."""
        missed = [t for t in self.targets if t.from_status == "missed"]
        return {c: sum(1 for t in missed if t.change == c) for c in dict.fromkeys(t.change for t in missed)}


def report_pairs(sources: dict, rows: list[dict], assessments: list, indicators: dict, terms: dict, kinds: dict,
                 readings, promises: list[str]) -> list[ReportPair]:
    """Each report against the next report of the same district, in the order they were delivered."""
    own: dict[str, dict[str, dict]] = {sid: {} for sid in sources}  # source → indicator → its target for its own year
    for r in sorted(rows, key=lambda r: r["data_line"]):
        if r["kind"] == "target" and not r["period"] and r["year"] == sources[r["source"]].year:
            own[r["source"]].setdefault(r["indicator_id"], r)
    assessed = {(a.indicator, a.district, a.year): a for a in assessments}
    used: dict[str, set[str]] = {sid: set() for sid in sources}
    first_seen: dict[str, str] = {}
    for slug, term in terms.items():
        for o in term.occurrences:
            used[o.source].add(slug)
    for sid in sources:  # sources are in the order they were delivered
        for slug in sorted(used[sid]):
            first_seen.setdefault(slug, sid)
    by_district: dict[str, list] = {}
    for src in sources.values():
        by_district.setdefault(src.district, []).append(src)
    pairs = []
    for reports in by_district.values():
        for a, b in zip(reports, reports[1:]):
            targets = []
            for iid in sorted(set(own[a.id]) | set(own[b.id])):
                earlier = assessed.get((iid, a.district, a.year))
                # The earlier year's target as the earlier report set it, or, where its text has none, as
                # another report stated it (a plan report's table restates the year it reviews).
                before, after = own[a.id].get(iid) or (earlier.target if earlier else None), own[b.id].get(iid)
                status, outcome = (earlier.status, earlier.outcome) if earlier else ("", None)
                if before and after:
                    change, ambition, note = compare(before, after, indicators[iid], readings, promises, indicators[iid].breaks)
                else:
                    change, ambition, note = ("new" if after else "not-repeated"), "", ""
                targets.append(PairedTarget(iid, before, after, change, ambition, note, status, outcome))
            new = sorted(used[b.id] - used[a.id])
            pairs.append(ReportPair(a.id, b.id, targets, new, [s for s in new if first_seen.get(s) == b.id],
                                    sorted(used[a.id] - used[b.id]), _caveats(a, b, kinds)))
    return pairs


def _caveats(a, b, kinds: dict) -> list[str]:
    """Why something absent from one of the two texts may still stand in its report."""
    out = [f"{s.title} is only part of its report ({s.part}): what it does not mention may stand in the rest."
           for s in (a, b) if s.part]
    if a.kind != b.kind:
        out.append(f"The two are different kinds of document ({kinds[a.kind]['name_en']} against {kinds[b.kind]['name_en']}): "
                   "they do not set out the same things, so a target or term found in only one of them was not necessarily given up.")
    return out
