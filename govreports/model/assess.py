"""Targets against results by a published rule (content/methodology.md explains it to readers).

For every target of an indicator, district and year, the outcome is the value a report gave for
the same indicator, district and year: a result if there is one, else an estimate, from the latest
report. The target is the first one stated (the earliest report). Comparison uses the numbers in
the indicator's unit; words are compared only when the outcome repeats the target's wording. A
report's own verdict (data/verdicts.csv, or words such as 预计完成 in place of a figure) is kept
beside the rule's status: it decides where the rule cannot, and a disagreement is flagged.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from ..load.texts import squeeze
from ..load.vocabulary import BOUNDS

PERCENTAGE_POINTS = "个百分点"  # the unit of a rate's margin (data/units.csv)
TOLERANCE = 0.05  # an approximate target (左右, 约, 近): within 5 % of it counts as "met within tolerance"

# Words a report gives instead of a number, read as its own verdict (checked in this order).
VERDICT_WORDS = (("未完成", "missed"), ("未实现", "missed"), ("完成", "met"), ("实现", "met"))

MET = {"met", "within-tolerance"}
DECIDED = MET | {"missed"}


@dataclass(frozen=True)
class Readings:
    """How the rule reads qualifiers, as data/qualifiers.csv says: a floor (the value must be reached),
    a ceiling (it must not be exceeded) or an approximate figure; strict where the value itself does
    not count (＞, 突破); and the strength of the promise a target makes, the first in the order of
    data/promises.csv that one of its qualifiers makes (a qualifier's promise, else its bound)."""

    floor: frozenset[str]
    ceiling: frozenset[str]
    approximate: frozenset[str]
    strict: frozenset[str]
    promises: tuple[tuple[str, frozenset[str]], ...]

    @classmethod
    def from_tables(cls, qualifiers: dict[str, dict], promises) -> Readings:
        def having(test) -> frozenset[str]:
            return frozenset(q for q, r in qualifiers.items() if test(r))

        return cls(**{b: having(lambda r, b=b: r["bound"] == b) for b in BOUNDS}, strict=having(lambda r: r["strict"] == "true"),
                   promises=tuple((p, having(lambda r, p=p: (r["promise"] or r["bound"]) == p)) for p in promises))

    @property
    def bounds(self) -> frozenset[str]:
        return self.floor | self.ceiling

    def promise(self, qualifiers: set[str]) -> str:
        return next((name for name, words in self.promises if qualifiers & words), "plain")


@dataclass(slots=True)
class Assessment:
    """One target against what later reports say of it, coded twice: by the published rule, and by
    the report's own verdict where it gives one."""

    indicator: str
    district: str
    year: int
    target: dict
    outcome: dict | None  # the outcome row the rule used (for a target of several measures, None)
    status: str  # what the site shows: the rule's status, or the report's verdict where the rule cannot decide
    reason: str
    rule_status: str = ""
    rule_reason: str = ""
    verdict: dict | None = None  # {"verdict", "source", "quote", "anchor", "note"}: the report's own word
    parts: list = field(default_factory=list)  # [(indicator id, outcome row or None, status, reason)]
    margin: float | None = None  # outcome − target, in margin_unit
    margin_unit: str = ""  # the indicator's unit; percentage points (个百分点) for a rate
    margin_pct: float | None = None  # the margin as a percentage of the target (not for a rate: a share of a growth rate means nothing)
    override: str = ""  # the editor's reason, when an override replaced the status
    promise: str = "plain"  # the strength of the target's promise (Readings.promise)

    @property
    def disagrees(self) -> bool:
        """The rule decided, the report gave a verdict, and the two differ."""
        return bool(self.verdict) and self.rule_status in DECIDED and (self.rule_status in MET) != (self.verdict["verdict"] == "met")

    @property
    def provisional(self) -> bool:
        """Settled on an estimate (预计), not on a final figure."""
        rows = [self.outcome] if self.outcome else [row for _, row, _, _ in self.parts if row]
        return any(r["kind"] == "estimate" for r in rows)


def judge(target: float | None, target_q: set[str], outcome: float | None, outcome_q: set[str],
          higher_is_better: bool, readings: Readings) -> tuple[str, str]:
    """The status of one target against one outcome, and why.

    A target whose qualifier is a ceiling (以内, ＜ …) or a floor (以上, ＞ …), as data/qualifiers.csv
    reads it, is judged as one; otherwise the indicator's direction decides. An outcome that is itself
    a bound ("＞29", "5%以上") is met only if every value within the bound meets the target, missed
    only if none does.
    """
    if target is None:
        return "not-comparable", "the target is stated in words, not as a number"
    if outcome is None:
        return "not-comparable", "the outcome is stated in words, not as a number"
    if target_q & readings.ceiling:
        ceiling = True
    elif target_q & readings.floor:
        ceiling = False
    else:
        ceiling = not higher_is_better
    strict = bool(target_q & readings.strict)
    side = ("below" if strict else "at most") if ceiling else ("above" if strict else "at least")
    shown = _show(outcome, outcome_q, readings)
    # Flip a ceiling into a floor so one set of rules serves both.
    t, v = (-target, -outcome) if ceiling else (target, outcome)
    bound = "lower" if outcome_q & readings.floor else "upper" if outcome_q & readings.ceiling else None
    if ceiling and bound:
        bound = "upper" if bound == "lower" else "lower"
    open_bound = bool(outcome_q & readings.strict)
    reaches = v > t or (v == t and (not strict or (bound == "lower" and open_bound)))
    if bound is None:
        if reaches:
            return "met", f"{shown} is {side} {target:g}"
        if target_q & readings.approximate and v >= t - abs(t) * TOLERANCE:
            return "within-tolerance", f"{shown} is within {TOLERANCE:.0%} of the approximate target {target:g}"
        return "missed", f"{shown} is not {side} {target:g}"
    if bound == "lower" and reaches:
        return "met", f"every value {shown} is {side} {target:g}"
    if bound == "upper" and (v < t or (v == t and (strict or open_bound))):
        return "missed", f"no value {shown} is {side} {target:g}"
    return "not-comparable", f"the outcome gives only a bound ({shown}) that cannot show whether it is {side} {target:g}"


def _show(value: float, qualifiers: set[str], readings: Readings) -> str:
    mark = "＞" if qualifiers & readings.floor else "＜" if qualifiers & readings.ceiling else ""
    return f"{mark}{value:g}"


def word_verdict(row: dict) -> str | None:
    """met or missed where a report gives words such as 预计完成 or 未完成 in place of a figure."""
    if number(row) is not None:
        return None
    return next((v for word, v in VERDICT_WORDS if word in row["value_text"]), None)


def rule(target: dict, outcome: dict, higher_is_better: bool, readings: Readings) -> tuple[str, str]:
    """The published rule for one target and one outcome (numbers, bounds, or the same words)."""
    if number(target) is None and number(outcome) is None and squeeze(target["value_text"]) == squeeze(outcome["value_text"]):
        return "met", f"the outcome repeats the target's wording “{outcome['value_text']}”"
    return judge(number(target), qualifiers_of(target), number(outcome), qualifiers_of(outcome), higher_is_better, readings)


def assess(rows: list[dict], indicators: dict, sources: dict, districts: dict, verdicts: dict, overrides: dict,
           readings: Readings, units: dict) -> list[Assessment]:
    """Every target (indicator, district, year) against the outcome later reports give for it.

    `verdicts`: (indicator, district, year) → the report's own verdict row (data/verdicts.csv).
    An outcome stated under another name of the same measure (measure-pairs.csv) settles the target;
    a report that changed the indicator's definition (series-breaks.csv) instead of giving the year's
    figure leaves it not comparable.
    """
    targets: dict[tuple, list[dict]] = {}
    outcomes: dict[tuple, list[dict]] = {}
    for r in rows:
        if r.get("period"):
            continue  # a half-year or several years' figure settles no calendar year's target (the page shows it)
        (targets if r["kind"] == "target" else outcomes).setdefault((r["indicator_id"], r["district"], r["year"]), []).append(r)

    def best(key) -> dict | None:
        # A result beats an estimate; a later report beats an earlier one.
        found = outcomes.get(key)
        return max(found, key=lambda r: (r["kind"] == "result", r["source_order"], r["data_line"])) if found else None

    out = []
    unsettled: dict[tuple, tuple[str, str]] = {}
    for key in sorted(targets):
        iid, district, year = key
        ind = indicators[iid]
        # The target is the first statement, from the earliest report.
        target = min(targets[key], key=lambda r: (r["source_order"], r["data_line"]))
        outcome = best(key)
        named = None  # the other name of the measure that gave the outcome
        for other in ind.same_measures() if outcome is None and not ind.parts else ():
            outcome, named = best((other, district, year)), indicators[other]
            if outcome:
                break
        a = Assessment(iid, district, int(year), target, outcome, "", "", promise=readings.promise(qualifiers_of(target)))
        in_words = word_verdict(outcome) if outcome is not None else None
        a.verdict = verdicts.get(key) or (in_words and {
            "verdict": in_words, "source": outcome["source"], "anchor": outcome["anchor"], "quote": outcome["quote"],
            "note": f"the report gives “{outcome['value_text']}” in place of a figure"})
        if ind.parts:
            a.outcome = None
            for part in ind.parts:
                found = best((part, district, year))
                status, why = rule(target, found, indicators[part].higher_is_better, readings) if found else ("no-result", "no result")
                a.parts.append((part, found, status, why))
            a.rule_status, a.rule_reason = _combine(a.parts, indicators)
        elif outcome is not None:
            a.rule_status, a.rule_reason = rule(target, outcome, ind.higher_is_better, readings)
            if named:
                a.rule_reason += f" — stated as {named.name_zh} ({named.name_en}), the same measure under another name"
            if number(target) is not None and number(outcome) is not None and not qualifiers_of(outcome) & readings.bounds:
                a.margin = number(outcome) - number(target)
                rate = units[ind.unit]["dimension"] == "percent"
                a.margin_unit = PERCENTAGE_POINTS if rate else ind.unit
                a.margin_pct = a.margin / abs(number(target)) * 100 if number(target) and not rate else None
        elif redefined := [b for b in ind.breaks if b.district == district and b.year > year and _reviews(sources[b.source], year)]:
            b = redefined[0]
            a.rule_status, a.rule_reason = "not-comparable", (
                f"{sources[b.source].title} reviews {year} but gives no figure: it changed the definition (口径调整) from {b.year}")
        else:
            if (district, year) not in unsettled:  # one reason per district and year, not one scan per target
                unsettled[(district, year)] = _unsettled(district, int(year), sources, districts)
            a.rule_status, a.rule_reason = unsettled[(district, year)]
        if a.rule_status in DECIDED or not a.verdict:
            a.status, a.reason = a.rule_status, a.rule_reason
        else:
            a.status, a.reason = a.verdict["verdict"], f"the report's own verdict; the rule cannot decide ({a.rule_reason})"
        if a.status in DECIDED and a.provisional:
            a.reason += " — on the report's estimate (预计), not a final figure"
        override = overrides.get((iid, district, int(year)))
        if override:
            a.status, a.override, a.reason = override["status"], override["reason"], override["reason"]
            if a.status not in DECIDED:  # an editor found the two not comparable: no margin either
                a.margin = a.margin_pct = None
                a.margin_unit = ""
        out.append(a)
    return sorted(out, key=lambda a: (a.indicator, a.year, a.district))


def _combine(parts: list, indicators: dict) -> tuple[str, str]:
    """A target that covers several measures is settled only when all their results are known."""
    named = "; ".join(f"{indicators[p].name_zh}: {why}" for p, _, _, why in parts)
    statuses = [s for _, _, s, _ in parts]
    if any(s == "missed" for s in statuses):
        return "missed", named
    if all(s in MET for s in statuses):
        return ("met" if all(s == "met" for s in statuses) else "within-tolerance"), named
    missing = [indicators[p].name_zh for p, row, _, _ in parts if row is None]
    if missing:
        return "not-comparable", f"it covers {len(parts)} measures and is settled only when all are known; no result for {'、'.join(missing)}"
    return "not-comparable", named


def _unsettled(district: str, year: int, sources: dict, districts: dict) -> tuple[str, str]:
    """Why a target has no outcome: the report that reviews its year says nothing of it, or that
    report is not in the data yet (and when it is due)."""
    reviews = [s for s in sources.values() if s.district == district and _reviews(s, year)]
    if reviews:
        return "no-result", f"{reviews[0].title} reviews {year} but gives no figure for this target"
    name = districts[district]["name_en"]
    settling = (f"{name}'s government work report of {year + 1} (delivered early {year + 1}) or its report on the "
                f"execution of the {year} plan would settle it")
    partial = [s for s in sources.values() if s.district == district and s.year == year + 1]
    if partial:
        return "awaiting", f"{partial[0].title} is in the data, but not a part that reviews {year}: {settling}"
    return "awaiting", f"no report reviewing {year} is in the data: {settling}"


def _reviews(source, year: int) -> bool:
    """Whether a report gives the results of `year` (its `covers`, in sources.csv, says so)."""
    return bool(re.search(rf"results of {year}\b", source.covers))


def differences(rows: list[dict]) -> list[dict]:
    """Where reports state different values of one kind for the same indicator, district and year."""
    groups: dict[tuple, list[dict]] = {}
    for r in rows:
        groups.setdefault((r["indicator_id"], r["district"], r["year"], r.get("period", ""), r["kind"]), []).append(r)
    flagged = []
    for (iid, district, year, _, kind), group in sorted(groups.items(), key=lambda item: item[0]):
        wordings = {squeeze(r["value_text"]) for r in group}
        numbers = {number(r) for r in group} - {None}
        if len(numbers) > 1 or (len(wordings) > 1 and not numbers):
            flagged.append({"indicator_id": iid, "district": district, "year": int(year), "kind": kind, "rows": group})
    return flagged


def scoreboard(assessments: list[Assessment], statuses: list[str]) -> pd.DataFrame:
    """Counts of each status (in the order of `statuses`) per target year and district, with how many
    the reports judged themselves and how many of those verdicts the rule contradicts."""
    frame = pd.DataFrame([{"year": a.year, "district": a.district, "status": a.status,
                           "verdicts": bool(a.verdict), "disagreements": a.disagrees} for a in assessments])
    if frame.empty:
        return pd.DataFrame(columns=["year", "district", *statuses, "total", "verdicts", "disagreements"])
    table = frame.pivot_table(index=["year", "district"], columns="status", aggfunc="size", fill_value=0)
    table = table.reindex(columns=list(statuses), fill_value=0)
    table["total"] = table.sum(axis=1)
    table = table.join(frame.groupby(["year", "district"])[["verdicts", "disagreements"]].sum().astype(int))
    return table.reset_index()


def number(row: dict) -> float | None:
    """The row's value in its indicator's unit, or None where the report gives words (NaN included)."""
    value = row.get("chart_value")
    return None if value is None or value != value else float(value)


def qualifiers_of(row: dict) -> set[str]:
    return {q for q in row.get("qualifier", "").split("+") if q}
