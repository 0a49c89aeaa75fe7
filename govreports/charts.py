"""Plotly figure specs. Pages embed them as JSON; one script on the site draws them."""
from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
from plotly.utils import PlotlyJSONEncoder

KIND_STYLE = {
    # Targets are points set in advance; estimates and results are the path actually taken.
    "target": dict(mode="markers", marker=dict(symbol="diamond-open", size=11, line=dict(width=2))),
    "estimate": dict(mode="lines+markers", line=dict(dash="dot"), marker=dict(symbol="circle-open", size=9)),
    "result": dict(mode="lines+markers", marker=dict(symbol="circle", size=9)),
}
KIND_ZH = {"target": "目标", "estimate": "预计", "result": "实际"}
DISTRICT_COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]


def indicator_figure(obs: pd.DataFrame, unit: str, districts: dict[str, dict]) -> str | None:
    """The timeline of one indicator as a JSON spec, or None when it has no numeric value."""
    numeric = obs[obs["chart_value"].notna()]
    if numeric.empty:
        return None
    colours = {d: DISTRICT_COLOURS[i % len(DISTRICT_COLOURS)] for i, d in enumerate(sorted(districts))}
    fig = go.Figure()
    for (district, kind), rows in numeric.groupby(["district", "kind"], sort=False):
        rows = rows.sort_values("year")
        style = KIND_STYLE[kind]
        colour = colours.get(district, "#333")
        x, y, custom = rows["year"].tolist(), rows["chart_value"].tolist(), list(zip(rows["value_text"], rows["source"]))
        # A line joins consecutive years only: a year the reports skip stays a gap.
        for i in reversed(range(1, len(x))):
            if x[i] - x[i - 1] > 1:
                x.insert(i, (x[i] + x[i - 1]) / 2)
                y.insert(i, None)
                custom.insert(i, ("", ""))
        fig.add_trace(go.Scatter(
            x=x,
            y=y,
            name=f"{districts[district]['name_zh']} · {KIND_ZH[kind]}",
            mode=style["mode"],
            line=dict(color=colour, **style.get("line", {})),
            marker=dict(color=colour, **style["marker"]),
            connectgaps=False,
            customdata=[list(c) for c in custom],
            hovertemplate="%{x}: %{customdata[0]}<br>%{customdata[1]}<extra></extra>",
        ))
    fig.update_layout(
        margin=dict(l=50, r=10, t=10, b=40),
        height=340,
        xaxis=dict(title="年份 year", dtick=1, tickformat="d"),
        yaxis=dict(title=unit, zeroline=True),
        legend=dict(orientation="h", y=-0.2),
        template="plotly_white",
    )
    return json.dumps(fig.to_plotly_json(), cls=PlotlyJSONEncoder, ensure_ascii=False, sort_keys=True)


def occurrence_figure(term, sources: dict, districts: dict[str, dict], kinds: dict[str, dict]) -> str:
    """How often a term occurs in each report, in the order the reports appeared."""
    ordered = sorted(sources.values(), key=lambda s: (s.year, s.id))
    counts = {s.id: 0 for s in ordered}
    for o in term.occurrences:
        counts[o.source] += 1
    fig = go.Figure(go.Bar(
        x=[f"{s.year} {districts[s.district]['name_zh']}<br>{kinds[s.kind]['name_zh']}" for s in ordered],
        y=[counts[s.id] for s in ordered],
        marker_color="#3f51b5",
        hovertemplate="%{x}: %{y}<extra></extra>",
    ))
    fig.update_layout(
        margin=dict(l=40, r=10, t=10, b=60), height=220, template="plotly_white",
        yaxis=dict(title="出现次数 occurrences", rangemode="tozero", dtick=1 if max(counts.values()) <= 6 else None),
    )
    return json.dumps(fig.to_plotly_json(), cls=PlotlyJSONEncoder, ensure_ascii=False, sort_keys=True)
