"""Plotly figure specs. Pages embed them as JSON, which one script on the site draws, and drawn
as SVG at build time (static_chart) for the first view, readers without JavaScript and print."""
from __future__ import annotations

import html
import json

import pandas as pd
from plotly.utils import PlotlyJSONEncoder

from ..model.assess import DECIDED, TOLERANCE, number, qualifiers_of

KIND_STYLE = {
    # Targets are points set in advance; estimates and results are the path actually taken.
    "target": dict(mode="markers", marker=dict(symbol="diamond-open", size=11, line=dict(width=2))),
    "estimate": dict(mode="lines+markers", line=dict(dash="dot"), marker=dict(symbol="circle-open", size=9)),
    "result": dict(mode="lines+markers", marker=dict(symbol="circle", size=9)),
}
# A light look spelled out: plotly's named templates exist only in the Python library.
PLAIN_LAYOUT = dict(plot_bgcolor="white", paper_bgcolor="white", font=dict(color="#2a3f5f"))
AXIS = dict(gridcolor="#ebf0f8", linecolor="#ebf0f8", zerolinecolor="#ebf0f8")
FALLBACK_COLOUR = "#333333"
BAND_NAME = "±5 % 容差 tolerance of a 左右 (approximate) target"
# A target raised or lowered from the one before points the way it moved (model/target_changes.py).
MOVED_SYMBOL = {"raised": "triangle-up-open", "lowered": "triangle-down-open"}
KEY_COLOUR = "#616161"  # legend entries that explain a mark rather than name a series


def indicator_figure(rows: list[dict], unit: dict, data, assessments=(), moves=(), breaks=()) -> dict | None:
    """The timeline of one indicator as a plotly.js spec, or None when it has no numeric value.

    One point per district, year and kind: where several reports state it, the point is the one
    the comparison uses (the first target, the latest outcome) and the tooltip lists every
    statement with its report. Targets are markers, with a band of the tolerance where the target
    is approximate (左右); estimates and results are lines. Each district keeps its colour (from
    data/districts.csv) and sits a little apart from the others within a year, and each settled
    target's status label points at its own marker. A target raised from the one before is a
    triangle pointing up, one lowered a triangle pointing down; a change of definition (口径调整)
    is a dashed line between the years it divides.
    """
    districts, statuses, kinds = data.districts, data.statuses, data.value_kinds
    charted = plotted(rows)
    if not charted:
        return None
    status_of = {(a.district, a.year): a.status for a in assessments}
    moved = {(m.district, m.to_year): m for m in moves}
    shown = sorted({d for d, _, _, _, _ in charted})
    offset = {d: (i - (len(shown) - 1) / 2) * 0.12 for i, d in enumerate(shown)}
    series: dict[tuple[str, str], list[tuple[int, dict, list[dict]]]] = {}
    for district, kind, year, point, order in charted:
        series.setdefault((district, kind), []).append((year, point, order))
    traces = []
    banded = False
    for (district, kind), points in series.items():
        style = KIND_STYLE[kind]
        colour = districts[district].get("colour") or FALLBACK_COLOUR
        x, y, hover, approx, symbols = [], [], [], [], []
        for year, point, statements in points:
            if x and year - round(x[-1] - offset[district]) > 1:  # a year the reports skip stays a gap
                x.append(year - 0.5 + offset[district])
                y.append(None)
                hover.append("")
                approx.append(False)
                symbols.append(style["marker"]["symbol"])
            move = moved.get((district, year)) if kind == "target" else None
            x.append(year + offset[district])
            y.append(point["chart_value"])
            approx.append(bool(qualifiers_of(point) & data.readings.approximate))
            symbols.append(MOVED_SYMBOL.get(move.change, style["marker"]["symbol"]) if move else style["marker"]["symbol"])
            hover.append(_hover(year, district, kind, statements, data, status_of.get((district, year)) if kind == "target" else None, move))
        trace = {
            "type": "scatter",
            "x": x,
            "y": y,
            "name": f"{districts[district]['name_zh']} {districts[district]['name_en']} · {kinds[kind]['zh']} {kind}",
            "mode": style["mode"],
            "line": {"color": colour, **style.get("line", {})},
            "marker": {"color": colour, **style["marker"], **({"symbol": symbols} if set(symbols) != {style["marker"]["symbol"]} else {})},
            "connectgaps": False,
            "text": hover,
            "hovertemplate": "%{text}<extra></extra>",
        }
        if kind == "target" and any(approx):
            band = [abs(v) * TOLERANCE if a else 0 for v, a in zip(y, approx)]
            trace["error_y"] = {"type": "data", "array": band, "visible": True, "color": colour, "thickness": 6, "width": 0}
            banded = True
        traces.append(trace)
    if banded:
        # A legend entry that says what the thick bar through a target marker is.
        traces.append({"type": "scatter", "x": [None], "y": [None], "mode": "lines", "name": BAND_NAME,
                       "line": {"color": KEY_COLOUR, "width": 6}, "hoverinfo": "skip"})
    drawn = {m.change for key, m in moved.items() if key in {(d, yr) for d, k, yr, _, _ in charted if k == "target"}}
    for change, symbol in MOVED_SYMBOL.items():
        if change in drawn:
            label = data.target_change_kinds[change]
            traces.append({"type": "scatter", "x": [None], "y": [None], "mode": "markers", "hoverinfo": "skip",
                           "name": f"目标{label['zh']} target {label['name_en']} from the one before",
                           "marker": {"color": KEY_COLOUR, "symbol": symbol, "size": 11, "line": {"width": 2}}})
    annotations = []
    for a in assessments:
        if a.status in DECIDED and number(a.target) is not None and a.district in offset:
            side = 1 if shown.index(a.district) % 2 else -1
            status = statuses[a.status]
            annotations.append({
                "x": a.year + offset[a.district], "y": a.target["chart_value"], "text": f"{status['zh']} {status['name_en']}",
                "showarrow": True, "arrowhead": 0, "arrowwidth": 1, "arrowcolor": status["colour"],
                "ax": 28 * side, "ay": -30, "font": {"size": 11, "color": status["colour"]},
                "bgcolor": "rgba(255,255,255,0.85)",
            })
    years = [y for _, _, y, _, _ in charted]
    shapes = []
    for b in breaks:
        if min(years) < b.year <= max(years):
            shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": b.year - 0.5, "x1": b.year - 0.5, "y0": 0, "y1": 1,
                           "line": {"color": KEY_COLOUR, "width": 1.5, "dash": "dash"}})
            annotations.append({"x": b.year - 0.5, "y": 1, "xref": "x", "yref": "paper", "yanchor": "bottom", "showarrow": False,
                                "text": "口径调整 definition changed", "font": {"size": 11, "color": KEY_COLOUR}})
    layout = {
        "margin": {"l": 56, "r": 10, "t": 10, "b": 40},
        "height": 400,
        "xaxis": {"title": {"text": "年份 Year"}, "dtick": 1, "tickformat": "d", "range": [min(years) - 0.6, max(years) + 0.6], **AXIS},
        "yaxis": {"title": {"text": f"{unit['id']} ({unit['name_en']})"}, "zeroline": True, "automargin": True, **AXIS},
        # Above the plot, where it cannot run into the axis title on a narrow screen.
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"},
        "annotations": annotations,
        **({"shapes": shapes} if shapes else {}),
        "hoverlabel": {"align": "left"},
        **PLAIN_LAYOUT,
    }
    return {"data": traces, "layout": layout}


def charted(row: dict) -> bool:
    """Whether a value is a point of its indicator's chart: a calendar-year value with a number."""
    return number(row) is not None and not row.get("period")


def plotted(rows: list[dict]) -> list[tuple[str, str, int, dict, list[dict]]]:
    """The points of an indicator's chart, as (district, kind, year, the value plotted, every statement
    of it in report order): calendar-year values with a number (a half-year figure is not the year's:
    table only). Where several reports state a point, the first target and the latest outcome count."""
    groups: dict[tuple[str, str, int], list[dict]] = {}
    for r in filter(charted, rows):
        groups.setdefault((r["district"], r["kind"], r["year"]), []).append(r)
    points = []
    for (district, kind, year), statements in sorted(groups.items()):
        order = sorted(statements, key=lambda r: (r["source_order"], r["data_line"]))
        points.append((district, kind, year, order[0] if kind == "target" else order[-1], order))
    return points


def indicator_table(rows: list[dict], ind, data, assessments=()) -> tuple[list[str], list[list]]:
    """What an indicator's chart plots, as a table (its CSV): one row per point, in the indicator's unit."""
    status_of = {(a.district, a.year): a.status for a in assessments}
    header = ["indicator_id", "indicator_zh", "district", "district_zh", "kind", "year", "value", "unit", "value_text", "status",
              "source", "paragraph", "observation_id"]
    return header, [
        [ind.id, ind.name_zh, district, data.districts[district]["name_zh"], kind, year, f"{point['chart_value']:.10g}", ind.unit,
         point["value_text"], status_of.get((district, year), "") if kind == "target" else "", point["source"], point["anchor"], point["id"]]
        for district, kind, year, point, _ in plotted(rows)
    ]


def occurrence_table(term, sources: dict, districts: dict[str, dict], kinds: dict[str, dict]) -> tuple[list[str], list[list]]:
    """What a term's chart plots: how often it occurs in each report."""
    counts: dict[str, int] = {}
    for o in term.occurrences:
        counts[o.source] = counts.get(o.source, 0) + 1
    ordered = sorted(sources.values(), key=lambda s: (s.year, s.id))
    return ["term", "source", "year", "district", "kind", "title", "occurrences"], [
        [term.term, s.id, s.year, districts[s.district]["name_zh"], kinds[s.kind]["name_zh"], s.title, counts.get(s.id, 0)] for s in ordered]


def scoreboard_table(board: pd.DataFrame, districts: dict[str, dict], statuses: dict[str, dict]) -> tuple[list[str], list[list]]:
    """What the scoreboard's chart plots: targets of each year and district by status."""
    return ["year", "district", "district_zh", *statuses, "total"], [
        [row["year"], row["district"], districts[row["district"]]["name_zh"], *(row[s] for s in statuses), row["total"]]
        for row in board.to_dict("records")]


def _hover(year: int, district: str, kind: str, statements: list[dict], data, status: str | None, move=None) -> str:
    """The tooltip of one point: every report that states it, with the value as written, and how a
    target moved from the one before."""
    place = data.districts[district]
    lines = [f"<b>{year} {place['name_zh']} {place['name_en']} · {data.value_kinds[kind]['zh']} {kind}</b>"]
    for r in statements:
        src = data.sources[r["source"]]
        lines.append(f"{html.escape(r['value_text'])} — {html.escape(src.title)} ({src.date})")
    if status:
        lines.append(f"判定 Status: {data.statuses[status]['zh']} {data.statuses[status]['name_en']}")
    if move:
        label = data.target_change_kinds[move.change]
        earlier = f" ({data.statuses[move.from_status]['name_en']})" if move.from_status else ""
        lines.append(f"{label['symbol']} {label['zh']} {label['name_en']} from {html.escape(move.before['value_text'])} for {move.from_year}{earlier}")
    return "<br>".join(lines)


def occurrence_figure(term, sources: dict, districts: dict[str, dict], kinds: dict[str, dict]) -> dict:
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
    return {"data": [bar], "layout": layout}


def to_json(figure: dict) -> str:
    """Figures are plain plotly.js specs, written with plotly's own encoder; building them as
    plotly.graph_objects took most of the build's time (tests check them against plotly's schema)."""
    return json.dumps(figure, cls=PlotlyJSONEncoder, ensure_ascii=False, sort_keys=True)


def scoreboard_figure(board: pd.DataFrame, districts: dict[str, dict], statuses: dict[str, dict]) -> dict:
    """Stacked bars: how many targets of each year and district reached each status."""
    labels = [f"{y} {districts[d]['name_zh']}" for y, d in zip(board["year"], board["district"])]
    bars = [
        {"type": "bar", "name": f"{s['zh']} {s['name_en']}", "x": labels, "y": board[status].tolist(), "marker": {"color": s["colour"]},
         "hovertemplate": "%{x}: %{y}<extra>" + s["zh"] + "</extra>"}
        for status, s in statuses.items()
    ]
    layout = {
        "barmode": "stack", "height": 360, "margin": {"l": 50, "r": 10, "t": 10, "b": 60},
        "yaxis": {"title": {"text": "目标数 targets"}, **AXIS}, "xaxis": AXIS,
        "legend": {"orientation": "h", "y": -0.25}, **PLAIN_LAYOUT,
    }
    return {"data": bars, "layout": layout}
