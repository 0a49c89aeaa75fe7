"""Year over year: how each target moved from the one before (model/target_changes.py), as data and on the
indicator pages."""
import csv
from types import SimpleNamespace

import pytest
from conftest import DATA, render

from govreports.model.assess import Readings
from govreports.model.dataset import SeriesBreak
from govreports.model.target_changes import compare

PROMISES = ["firm", "aspiration", "floor", "ceiling", "approximate"]


def _table(name):
    with (DATA / name).open(encoding="utf-8") as fh:
        return {r["id"]: r for r in csv.DictReader(fh)}


READINGS = Readings.from_tables(_table("qualifiers.csv"), _table("promises.csv"))
UP, DOWN = SimpleNamespace(higher_is_better=True), SimpleNamespace(higher_is_better=False)


def target(year, value, qualifier="", text=None, district="yuzhong"):
    return {"year": year, "district": district, "chart_value": value, "qualifier": qualifier, "value_text": text or f"{value}{qualifier}"}


@pytest.mark.parametrize("before, after, ind, change, ambition", [
    (target(2024, 500, "exceed"), target(2025, 450, "exceed"), UP, "lowered", "less"),
    (target(2024, 6, "about"), target(2025, 6.5, "about"), UP, "raised", "more"),
    # a lower ceiling on a lower-is-better indicator asks more
    (target(2024, 5.5, "within"), target(2025, 5, "within"), DOWN, "lowered", "more"),
    (target(2019, 50), target(2023, 50), UP, "kept", "same"),
    # the same number, another qualifier or promise: reworded, firmer or softer by data/promises.csv
    (target(2024, 6, "about"), target(2025, 6, "at_least"), UP, "reworded", "more"),
    (target(2024, 6, "ensure"), target(2025, 6, "strive"), UP, "reworded", "less"),
    # words: kept only when they are the same words
    (target(2024, None, text="保持全市前列"), target(2025, None, text="保持全市前列"), UP, "kept", "same"),
    (target(2024, None, text="保持全市前列"), target(2025, 3), UP, "not-comparable", ""),
])
def test_compare(before, after, ind, change, ambition):
    assert compare(before, after, ind, READINGS, PROMISES)[:2] == (change, ambition)


def test_a_change_of_definition_between_two_targets_makes_them_not_comparable():
    moved = SeriesBreak("yuzhong", 2025, "yuzhong-2025-plan-report", "口径调整", "p1", "")
    elsewhere = SeriesBreak("dadukou", 2025, "dadukou-2024-work-report", "口径调整", "p1", "")
    assert compare(target(2024, 20), target(2025, 6000), UP, READINGS, PROMISES, [moved])[0] == "not-comparable"
    assert compare(target(2024, 20), target(2025, 6000), UP, READINGS, PROMISES, [elsewhere])[0] == "raised"
    assert compare(target(2025, 20), target(2026, 30), UP, READINGS, PROMISES, [moved])[0] == "raised"


def _first_targets(data) -> dict[tuple, list]:
    """Each indicator and district's targets, the first stated for each year, read from the observations."""
    first: dict[tuple, dict] = {}
    for r in data.rows:
        if r["kind"] == "target" and not r["period"]:
            key = (r["indicator_id"], r["district"], r["year"])
            if key not in first or (r["source_order"], r["data_line"]) < (first[key]["source_order"], first[key]["data_line"]):
                first[key] = r
    series: dict[tuple, list] = {}
    for (iid, district, _), row in sorted(first.items()):
        series.setdefault((iid, district), []).append(row)
    return series


def test_target_changes_csv_has_a_row_for_every_pair_of_consecutive_targets(real_downloads, data):
    rows = list(csv.DictReader((real_downloads / "data" / "target-changes.csv").open(encoding="utf-8-sig")))
    expected = {(iid, d, a["year"], b["year"], a["value_text"], b["value_text"])
                for (iid, d), targets in _first_targets(data).items() for a, b in zip(targets, targets[1:])}
    found = [(r["indicator_id"], r["district"], int(r["from_year"]), int(r["to_year"]), r["from_target"], r["to_target"]) for r in rows]
    assert len(found) == len(set(found)) and set(found) == expected
    by_id = {r["id"]: r for r in data.rows}
    for r in rows:
        assert by_id[r["from_id"]]["quote"] == r["from_quote"] and by_id[r["to_id"]]["quote"] == r["to_quote"]
        assert r["change"] in data.target_change_kinds and (r["ambition"] in data.ambitions or r["change"] == "not-comparable")


def test_a_target_lowered_after_its_year_says_so_with_the_outcome(data, tmp_path):
    """The issue's example: a target cut after the year it was set for ended below it (software revenue)."""
    lowered = [m for m in data.target_changes if m.change == "lowered" and m.from_outcome and m.ambition == "less"]
    assert lowered
    m = next((m for m in lowered if m.indicator == "software-revenue"), lowered[0])
    page = render(DATA, tmp_path, ("indicator", m.indicator))[("indicator", m.indicator)]
    row = page[page.index(f'id="t{m.to_year}-{m.district}"'):]
    row = row[:row.index("</tr>")]
    assert "lowered" in row and m.before["value_text"] in row and f"outcome {m.from_outcome['value_text']}" in row
    assert f"#obs-{m.before['id']}" in row
