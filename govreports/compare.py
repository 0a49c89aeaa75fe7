"""Targets against results by a published rule (content/methodology.md explains it to readers).

For every target of an indicator, district and year, the outcome is the value a report gave for
the same indicator, district and year: a result if there is one, else an estimate, from the latest
report. The target is the first one stated (the earliest report). Comparison uses the numbers in
the indicator's unit; a value given in words cannot be compared.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .texts import squeeze

TOLERANCE = 0.05  # 左右 / 约 / 近: within 5 % of the target counts as "met within tolerance"
APPROXIMATE = {"about", "approx", "nearly"}
CEILING = {"within", "lt", "below"}  # the value must not be exceeded
FLOOR = {"at_least", "gt", "exceed", "over"}  # the value must be reached
STRICT = {"gt", "lt", "exceed", "over"}  # the value itself does not count

VERDICTS = ("met", "missed")  # what a report itself says of a target it set

STATUSES = {
    "met": ("达成", "met"),
    "within-tolerance": ("容差内达成", "met within tolerance"),
    "missed": ("未达成", "missed"),
    "not-comparable": ("无法比较", "not comparable"),
    "no-result": ("未报告结果", "no result reported"),
    "awaiting": ("尚无后续报告", "awaiting a later report"),
}


@dataclass
class Assessment:
    indicator: str
    district: str
    year: int
    target: dict
    outcome: dict | None
    status: str
    reason: str
    override: str = ""  # the editor's reason, when an override replaced the rule's status


def judge(target: float | None, target_q: set[str], outcome: float | None, outcome_q: set[str],
          higher_is_better: bool) -> tuple[str, str]:
    """The status of one target against one outcome, and why.

    A target with 以内, ＜ or 低于 is a ceiling and one with 以上, ＞, 突破 or 超过 a floor; otherwise the
    indicator's direction decides. An outcome that is itself a bound ("＞29", "5%以上") is met only
    if every value within the bound meets the target, missed only if none does.
    """
    if target is None:
        return "not-comparable", "the target is stated in words, not as a number"
    if outcome is None:
        return "not-comparable", "the outcome is stated in words, not as a number"
    if target_q & CEILING:
        ceiling = True
    elif target_q & FLOOR:
        ceiling = False
    else:
        ceiling = not higher_is_better
    strict = bool(target_q & STRICT)
    side = ("below" if strict else "at most") if ceiling else ("above" if strict else "at least")
    shown = _show(outcome, outcome_q)
    # Flip a ceiling into a floor so one set of rules serves both.
    t, v = (-target, -outcome) if ceiling else (target, outcome)
    bound = "lower" if outcome_q & FLOOR else "upper" if outcome_q & CEILING else None
    if ceiling and bound:
        bound = "upper" if bound == "lower" else "lower"
    open_bound = bool(outcome_q & STRICT)
    reaches = v > t or (v == t and (not strict or (bound == "lower" and open_bound)))
    if bound is None:
        if reaches:
            return "met", f"{shown} is {side} {target:g}"
        if target_q & APPROXIMATE and v >= t - abs(t) * TOLERANCE:
            return "within-tolerance", f"{shown} is within {TOLERANCE:.0%} of the approximate target {target:g}"
        return "missed", f"{shown} is not {side} {target:g}"
    if bound == "lower" and reaches:
        return "met", f"every value {shown} is {side} {target:g}"
    if bound == "upper" and (v < t or (v == t and (strict or open_bound))):
        return "missed", f"no value {shown} is {side} {target:g}"
    return "not-comparable", f"the outcome gives only a bound ({shown}) that cannot show whether it is {side} {target:g}"


def _show(value: float, qualifiers: set[str]) -> str:
    mark = "＞" if qualifiers & FLOOR else "＜" if qualifiers & CEILING else ""
    return f"{mark}{value:g}"


def assess(rows: list[dict], indicators: dict, last_report_year: dict[str, int], overrides: dict) -> list[Assessment]:
    """Every target (indicator, district, year) against the outcome later reports give for it."""
    targets: dict[tuple, list[dict]] = {}
    outcomes: dict[tuple, list[dict]] = {}
    for r in rows:
        (targets if r["kind"] == "target" else outcomes).setdefault((r["indicator_id"], r["district"], r["year"]), []).append(r)
    out = []
    for key in sorted(targets):
        iid, district, year = key
        # The target is the first statement, from the earliest report.
        target = min(targets[key], key=lambda r: (r["source_year"], r["data_file"], r["data_line"]))
        found = outcomes.get(key)
        outcome = None
        if found:
            # A result beats an estimate; a later report beats an earlier one.
            outcome = max(found, key=lambda r: (r["kind"] == "result", r["source_year"], r["data_file"], r["data_line"]))
            status, reason = judge(number(target), _qualifiers(target), number(outcome), _qualifiers(outcome),
                                   indicators[iid].higher_is_better)
        elif last_report_year.get(district, 0) <= year:
            status, reason = "awaiting", f"no report of this district after {year} is in the data"
        else:
            status, reason = "no-result", "no later report gives a value for this year"
        assessment = Assessment(iid, district, int(year), target, outcome, status, reason)
        override = overrides.get((iid, district, int(year)))
        if override:
            assessment.status, assessment.override = override["status"], override["reason"]
        out.append(assessment)
    return sorted(out, key=lambda a: (a.indicator, a.year, a.district))


def differences(rows: list[dict]) -> list[dict]:
    """Where reports state different values of one kind for the same indicator, district and year."""
    groups: dict[tuple, list[dict]] = {}
    for r in rows:
        groups.setdefault((r["indicator_id"], r["district"], r["year"], r["kind"]), []).append(r)
    flagged = []
    for (iid, district, year, kind), group in sorted(groups.items(), key=lambda item: item[0]):
        wordings = {squeeze(r["value_text"]) for r in group}
        numbers = {number(r) for r in group} - {None}
        if len(numbers) > 1 or (len(wordings) > 1 and not numbers):
            flagged.append({"indicator_id": iid, "district": district, "year": int(year), "kind": kind, "rows": group})
    return flagged


def scoreboard(assessments: list[Assessment]) -> pd.DataFrame:
    """Counts of each status per target year and district."""
    frame = pd.DataFrame([{"year": a.year, "district": a.district, "status": a.status} for a in assessments])
    if frame.empty:
        return pd.DataFrame(columns=["year", "district", *STATUSES, "total"])
    table = frame.pivot_table(index=["year", "district"], columns="status", aggfunc="size", fill_value=0)
    table = table.reindex(columns=list(STATUSES), fill_value=0)
    table["total"] = table.sum(axis=1)
    return table.reset_index()


def number(row: dict) -> float | None:
    """The row's value in its indicator's unit, or None where the report gives words (NaN included)."""
    value = row.get("chart_value")
    return None if value is None or value != value else float(value)


def _qualifiers(row: dict) -> set[str]:
    return {q for q in row.get("qualifier", "").split("+") if q}
