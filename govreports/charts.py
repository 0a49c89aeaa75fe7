"""Plotly figure specs. Pages embed them as JSON; one script on the site draws them."""
from __future__ import annotations

import json

import pandas as pd
from plotly.utils import PlotlyJSONEncoder

from .compare import APPROXIMATE, STATUSES, TOLERANCE, number

KIND_STYLE = {
    # Targets are points set in advance; estimates and results are the path actually taken.
    "target": dict(mode="markers", marker=dict(symbol="diamond-open", size=11, line=dict(width=2))),
    "estimate": dict(mode="lines+markers", line=dict(dash="dot"), marker=dict(symbol="circle-open", size=9)),
    "result": dict(mode="lines+markers", marker=dict(symbol="circle", size=9)),
}
# A light look spelled out: plotly's named templates exist only in the Python library.
PLAIN_LAYOUT = dict(plot_bgcolor="white", paper_bgcolor="white", font=dict(color="#2a3f5f"))
AXIS = dict(gridcolor="#ebf0f8", linecolor="#ebf0f8", zerolinecolor="#ebf0f8")
KIND_ZH = {"target": "目标", "estimate": "预计", "result": "实际"}
DECIDED = {"met", "within-tolerance", "missed"}  # the statuses labelled on the timeline
STATUS_COLOURS = {
    # Each at least 4.5:1 against white (WCAG AA for text); the status is also always written out.
    "met": "#2e7d32", "within-tolerance": "#4b7a1f", "missed": "#c62828",
    "not-comparable": "#4e5a65", "no-result": "#616161", "awaiting": "#546e7a",
}
DISTRICT_COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]


def indicator_figure(rows: list[dict], unit: str, districts: dict[str, dict], assessments=()) -> str | None:
    """The timeline of one indicator as a JSON spec, or None when it has no numeric value.

    Targets are markers, with a band of the tolerance where the target is approximate (左右);
    estimates and results are lines; each assessed target carries its status as a label.
    """
    series: dict[tuple[str, str], list[dict]] = {}
    for r in rows:
        if number(r) is not None:
            series.setdefault((r["district"], r["kind"]), []).append(r)
    if not series:
        return None
    colours = {d: DISTRICT_COLOURS[i % len(DISTRICT_COLOURS)] for i, d in enumerate(sorted(districts))}
    traces = []
    for (district, kind), points in series.items():
        points = sorted(points, key=lambda r: r["year"])
        style = KIND_STYLE[kind]
        colour = colours.get(district, "#333")
        x, y = [r["year"] for r in points], [r["chart_value"] for r in points]
        custom = [(r["value_text"], r["source"]) for r in points]
        approx = [bool(set(r["qualifier"].split("+")) & APPROXIMATE) for r in points]
        # A line joins consecutive years only: a year the reports skip stays a gap.
        for i in reversed(range(1, len(x))):
            if x[i] - x[i - 1] > 1:
                x.insert(i, (x[i] + x[i - 1]) / 2)
                y.insert(i, None)
                custom.insert(i, ("", ""))
                approx.insert(i, False)
        trace = {
            "type": "scatter",
            "x": x,
            "y": y,
            "name": f"{districts[district]['name_zh']} · {KIND_ZH[kind]}",
            "mode": style["mode"],
            "line": {"color": colour, **style.get("line", {})},
            "marker": {"color": colour, **style["marker"]},
            "connectgaps": False,
            "customdata": [list(c) for c in custom],
            "hovertemplate": "%{x}: %{customdata[0]}<br>%{customdata[1]}<extra></extra>",
        }
        if kind == "target":
            if any(approx):
                band = [abs(v) * TOLERANCE if a else 0 for v, a in zip(y, approx)]
                trace["error_y"] = {"type": "data", "array": band, "visible": True, "color": colour, "thickness": 6, "width": 0}
        traces.append(trace)
    annotations = [
        {"x": a.year, "y": a.target["chart_value"], "text": STATUSES[a.status][0], "showarrow": False,
         "yshift": 16, "font": {"size": 11, "color": STATUS_COLOURS[a.status]}}
        for a in assessments
        if a.status in DECIDED and number(a.target) is not None
    ]
    layout = {
        "margin": {"l": 50, "r": 10, "t": 10, "b": 40},
        "height": 340,
        "xaxis": {"title": {"text": "年份 year"}, "dtick": 1, "tickformat": "d", **AXIS},
        "yaxis": {"title": {"text": unit}, "zeroline": True, **AXIS},
        "legend": {"orientation": "h", "y": -0.2},
        "annotations": annotations,
        **PLAIN_LAYOUT,
    }
    return to_json({"data": traces, "layout": layout})


def occurrence_figure(term, sources: dict, districts: dict[str, dict], kinds: dict[str, dict]) -> str:
    """How often a term occurs in each report, in the order the reports appeared."""
    ordered = sorted(sources.values(), key=lambda s: (s.year, s.id))
    counts = {s.id: 0 for s in ordered}
    for o in term.occurrences:
        counts[o.source] += 1
    bar = {
        "type": "bar",
        "x": [f"{s.year} {districts[s.district]['name_zh']}<br>{kinds[s.kind]['name_zh']}" for s in ordered],
        "y": [counts[s.id] for s in ordered],
        "marker": {"color": "#3f51b5"},
        "hovertemplate": "%{x}: %{y}<extra></extra>",
    }
    layout = {
        "margin": {"l": 40, "r": 10, "t": 10, "b": 60},
        "height": 220,
        "xaxis": AXIS,
        "yaxis": {"title": {"text": "出现次数 occurrences"}, "rangemode": "tozero", **AXIS,
                  **({"dtick": 1} if max(counts.values()) <= 6 else {})},
        **PLAIN_LAYOUT,
    }
    return to_json({"data": [bar], "layout": layout})


def to_json(figure: dict) -> str:
    """Figures are plain plotly.js specs, written with plotly's own encoder; building them as
    plotly.graph_objects took most of the build's time (tests check them against plotly's schema)."""
    return json.dumps(figure, cls=PlotlyJSONEncoder, ensure_ascii=False, sort_keys=True)


def scoreboard_figure(board: pd.DataFrame, districts: dict[str, dict]) -> str:
    """Stacked bars: how many targets of each year and district reached each status."""
    labels = [f"{y} {districts[d]['name_zh']}" for y, d in zip(board["year"], board["district"])]
    bars = [
        {"type": "bar", "name": f"{zh} {en}", "x": labels, "y": board[status].tolist(), "marker": {"color": STATUS_COLOURS[status]},
         "hovertemplate": "%{x}: %{y}<extra>" + zh + "</extra>"}
        for status, (zh, en) in STATUSES.items()
    ]
    layout = {
        "barmode": "stack", "height": 360, "margin": {"l": 50, "r": 10, "t": 10, "b": 60},
        "yaxis": {"title": {"text": "目标数 targets"}, **AXIS}, "xaxis": AXIS,
        "legend": {"orientation": "h", "y": -0.25}, **PLAIN_LAYOUT,
    }
    return to_json({"data": bars, "layout": layout})
