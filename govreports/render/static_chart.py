"""A chart spec drawn at build time as inline SVG with an HTML legend.

It is what the reader sees first, and all a reader without JavaScript or a printer gets: the same
points, bands, status labels and legend as the interactive plot, which replaces it on first touch,
hover or focus (content/assets/site.js). Drawing it here keeps the 1.2 MB chart library off the
critical path of every chart page. Horizontal positions are percentages, so the drawing fills any
width while its text keeps its size.
"""
from __future__ import annotations

import html
import math
from dataclasses import dataclass

PLOT_HEIGHT = {False: 260, True: 150}  # normal, small
AXIS_WIDTH = 52
LINE = 13  # px per line of an x label
NARROWEST_PLOT = 290  # px: the plot's width on a 390 px phone, which bar labels must fit
TEXT = "#2a3f5f"
GRID = "#ebf0f8"
ZERO = "#c8d3e6"
SYMBOLS = {
    "diamond-open": ("M0,-6L6,0L0,6L-6,0Z", False),
    "circle-open": ("M-4.5,0A4.5,4.5 0 1,1 4.5,0A4.5,4.5 0 1,1 -4.5,0Z", False),
    "circle": ("M-4.5,0A4.5,4.5 0 1,1 4.5,0A4.5,4.5 0 1,1 -4.5,0Z", True),
    "triangle-up-open": ("M0,-6.5L6,4.5L-6,4.5Z", False),
    "triangle-down-open": ("M0,6.5L6,-4.5L-6,-4.5Z", False),
}
DASHES = {"dot": "2 3", "dash": "6 4"}
# The standalone image (a download, a link preview): its width and margins in px, and its fonts. The
# PNG is drawn with Noto Sans CJK (govreports/publish/chart_images.py); a browser showing the SVG uses
# the first of these it has.
WIDTH, MARGIN, CARD_HEIGHT = 800, 24, 420
FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
INK, NOTE, BAND = "#1a1a1a", "#555555", "#3f51b5"


def render(figure: dict, label: str, small: bool = False) -> str:
    """The figure as HTML: a legend, the y axis and the plot, and the x axis title."""
    d = _drawing(figure, small)
    legend = [f'<li><svg width="28" height="14" aria-hidden="true">{key}</svg> {html.escape(name)}</li>' for key, name in d.legend]
    return (
        f'<figure class="static-chart" aria-label="{html.escape(label)}">'
        + (f'<ul class="chart-legend">{"".join(legend)}</ul>' if legend else "")
        + f'<div class="static-plot"><svg class="y-axis" width="{AXIS_WIDTH}" height="{d.height}" aria-hidden="true">{d.axis}</svg>'
        + f'<svg class="plot-area" width="100%" height="{d.height}" overflow="visible" aria-hidden="true">{d.plot}</svg></div>'
        + (f'<figcaption class="x-title">{html.escape(d.x_title)}</figcaption>' if d.x_title else "")
        + "</figure>"
    )


def standalone(figure: dict, title: str, subtitle: str, notes: list[str], small: bool = False) -> str:
    """The figure as an SVG document of its own, to download or share: the title and subtitle above
    the legend and plot, the notes (source, licence, address) below, as OWID's chart images have them.
    Inside the plot, horizontal positions stay percentages of its own <svg> box."""
    d = _drawing(figure, small)
    inner = WIDTH - 2 * MARGIN
    out, y = [], MARGIN
    for size, text, weight in [(20, title, "bold"), (13, subtitle, "normal")]:
        for line in wrap(text, inner, size):
            y += round(size * 1.35)
            out.append(f'<text x="{MARGIN}" y="{y}" font-size="{size}" font-weight="{weight}" fill="{INK}">{html.escape(line)}</text>')
    y += 10
    for key, name in d.legend:
        out.append(f'<svg x="{MARGIN}" y="{y}" width="28" height="14" overflow="visible">{key}</svg>'
                   f'<text x="{MARGIN + 34}" y="{y + 11}" font-size="12" fill="{TEXT}">{html.escape(name)}</text>')
        y += 18
    y += 6
    out.append(f'<g font-size="11" fill="{TEXT}"><svg x="{MARGIN}" y="{y}" width="{AXIS_WIDTH}" height="{d.height}" overflow="visible">{d.axis}</svg>'
               f'<svg x="{MARGIN + AXIS_WIDTH}" y="{y}" width="{inner - AXIS_WIDTH - 12}" height="{d.height}" overflow="visible">{d.plot}</svg></g>')
    y += d.height
    if d.x_title:
        y += 16
        out.append(f'<text x="{MARGIN + AXIS_WIDTH + (inner - AXIS_WIDTH) / 2}" y="{y}" font-size="12" text-anchor="middle" fill="{TEXT}">{html.escape(d.x_title)}</text>')
    y += 8
    for note in notes:
        for line in wrap(note, inner, 11):
            y += 15
            out.append(f'<text x="{MARGIN}" y="{y}" font-size="11" fill="{NOTE}">{html.escape(line)}</text>')
    return _document(out, y + MARGIN)


def card(term: str, lines: list[tuple[str, int]], footer: str) -> str:
    """A term's card, the picture a link preview shows: the term large, then lines of (text, size), and the site at the foot."""
    out, y = [], MARGIN + 10
    for text_line in wrap(term, WIDTH - 2 * MARGIN, 56):
        y += 64
        out.append(f'<text x="{MARGIN}" y="{y}" font-size="56" font-weight="bold" fill="{INK}">{html.escape(text_line)}</text>')
    y += 12
    for text, size in lines:
        for text_line in wrap(text, WIDTH - 2 * MARGIN, size)[:3]:
            if y + size * 1.45 > CARD_HEIGHT - 60:
                break
            y += round(size * 1.45)
            out.append(f'<text x="{MARGIN}" y="{y}" font-size="{size}" fill="{TEXT}">{html.escape(text_line)}</text>')
    out.append(f'<rect x="0" y="{CARD_HEIGHT - 44}" width="{WIDTH}" height="44" fill="{BAND}"/>'
               f'<text x="{MARGIN}" y="{CARD_HEIGHT - 16}" font-size="15" fill="white">{html.escape(footer)}</text>')
    return _document(out, CARD_HEIGHT)


def _document(parts: list[str], height: float) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{round(height)}" viewBox="0 0 {WIDTH} {round(height)}" '
            f'font-family="{FONT}"><rect width="100%" height="100%" fill="white"/>{"".join(parts)}</svg>\n')


def wrap(text: str, width: float, size: float) -> list[str]:
    """Lines of at most `width` px at `size` px a character, estimated: a Han character is one em,
    other characters about half; lines break at spaces, or anywhere in Chinese. (The width of a line
    is carried on as it grows, added up in the order of its characters, as a sum over the line would.)"""
    lines, line, ems, room = [], "", 0.0, width / size
    for word in text.replace(" ", " \0").split("\0"):
        for part in ([word] if word.isascii() else list(word)):
            if line and _ems(part.rstrip(), ems) > room:
                lines.append(line.rstrip())
                line = part.lstrip()
                ems = _ems(line)
            else:
                line += part
                ems = _ems(part, ems)
    return [*lines, line.rstrip()] if line.strip() else lines


def _ems(text: str, start: float = 0.0) -> float:
    for c in text:
        start += 1.0 if ord(c) > 0x2e80 else 0.56
    return start


@dataclass
class _Drawing:
    legend: list[tuple[str, str]]  # (the key's SVG in a 28 × 14 box, the trace's name)
    axis: str  # the y axis: tick labels and title, in a box AXIS_WIDTH wide
    plot: str  # grid, x labels and traces; horizontal positions in % of its box
    height: int
    x_title: str


def _drawing(figure: dict, small: bool) -> _Drawing:
    traces = figure["data"]
    layout = figure["layout"]
    bars = any(t["type"] == "bar" for t in traces)
    height = PLOT_HEIGHT[small]
    ticks_x, x_of, bar_width = _x_scale(traces, layout, bars)
    if bars:  # a category label in as many short lines as its place under the bar needs
        chars = max(2, int(NARROWEST_PLOT / len(ticks_x) / 11))
        ticks_x = [(_wrap(name, chars), x) for name, x in ticks_x]
    room = 8 + LINE * max(len(lines) for lines, _ in ticks_x) if bars else 22
    low, high = _y_extent(traces, layout, bars)
    ticks = _ticks(low, high, layout.get("yaxis", {}).get("dtick"))
    low, high = min(low, ticks[0]), max(high, ticks[-1])

    def py(v: float) -> float:
        return round(6 + (high - v) / (high - low) * (height - 12), 1)

    plot = [f'<line x1="0" x2="100%" y1="{py(t)}" y2="{py(t)}" stroke="{ZERO if t == 0 else GRID}"/>' for t in ticks]
    axis = [f'<text x="{AXIS_WIDTH - 5}" y="{py(t) + 4}" text-anchor="end">{_number(t)}</text>' for t in ticks]
    y_title = layout.get("yaxis", {}).get("title", {}).get("text", "")
    axis.append(f'<text transform="translate(11 {height / 2}) rotate(-90)" text-anchor="middle">{html.escape(y_title)}</text>')
    for lines, x in ticks_x:
        tspans = "".join(f'<tspan x="{x}%" dy="{0 if j == 0 else LINE}">{html.escape(part)}</tspan>' for j, part in enumerate(lines))
        plot.append(f'<text y="{height + 14}" text-anchor="middle" font-size="{10 if bars else 11}">{tspans}</text>')
    if bars:
        plot += _bars(traces, x_of, bar_width, py, layout.get("barmode") == "stack")
    else:
        plot += [_shape(shape, x_of, height) for shape in layout.get("shapes", [])]
        for t in traces:
            plot += _scatter(t, x_of, py)
        plot += [_annotation(a, x_of, py) for a in layout.get("annotations", [])]
    return _Drawing(legend=[(_legend_key(t, bars), t["name"]) for t in traces if t.get("name")], axis="".join(axis), plot="".join(plot),
                    height=height + room, x_title=layout.get("xaxis", {}).get("title", {}).get("text", ""))


def _x_scale(traces: list[dict], layout: dict, bars: bool):
    """([(tick label, position in %)], position in % of an x value, bar width in %)."""
    if bars:
        categories = list(dict.fromkeys(x for t in traces for x in t["x"]))
        where = {c: round((i + 0.5) / len(categories) * 100, 2) for i, c in enumerate(categories)}
        return [(c, where[c]) for c in categories], where.__getitem__, min(70 / len(categories), 18)
    xs = [x for t in traces for x in t["x"] if x is not None]
    first, last = layout.get("xaxis", {}).get("range") or [min(xs) - 0.6, max(xs) + 0.6]

    def x_of(value: float) -> float:
        return round((value - first) / (last - first) * 100, 2)

    return [([str(y)], x_of(y)) for y in range(math.ceil(first), math.floor(last) + 1)], x_of, None


def _y_extent(traces: list[dict], layout: dict, bars: bool) -> tuple[float, float]:
    if bars:
        stacked = layout.get("barmode") == "stack"
        totals: dict = {}
        for t in traces:
            for x, y in zip(t["x"], t["y"]):
                totals[x] = totals.get(x, 0) + y if stacked else max(totals.get(x, 0), y)
        return 0.0, float(max(totals.values(), default=1) or 1)
    values = []
    for t in traces:
        band = (t.get("error_y") or {}).get("array") or [0] * len(t["y"])
        values += [v + s * b for v, b in zip(t["y"], band) if v is not None for s in (-1, 1)]
    if not values:
        return 0.0, 1.0
    low, high = min(values), max(values)
    pad = (high - low) * 0.08 or abs(high) * 0.1 or 1
    return low - pad, high + pad


def _wrap(label: str, chars: int) -> list[str]:
    """'2024 大渡口区<br>政府工作报告' → lines of at most `chars` characters, broken at spaces; numbers stay whole."""
    lines = []
    for part in label.replace("<br>", " ").split():
        lines += [part] if part.isascii() else [part[i:i + chars] for i in range(0, len(part), chars)]
    return lines


def _ticks(low: float, high: float, step: float | None = None, count: int = 5) -> list[float]:
    """Round numbers (`step`, or 1, 2 or 5 × 10ⁿ) apart, spanning low to high."""
    if not step:
        raw = (high - low) / count
        power = 10 ** math.floor(math.log10(raw))
        step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    ticks = []
    t = start
    while t < high + step * 0.999:
        if t >= low - step * 0.999:
            ticks.append(round(t, 10))
        t += step
    return ticks


def _number(v: float) -> str:
    return f"{v:,.10g}"


def _scatter(t: dict, x_of, py) -> list[str]:
    colour = t.get("marker", {}).get("color") or t.get("line", {}).get("color") or TEXT
    points = [(x, y) for x, y in zip(t["x"], t["y"])]
    out = []
    if "lines" in t.get("mode", ""):
        dash = DASHES.get(t.get("line", {}).get("dash"), "")
        width = t.get("line", {}).get("width", 2)
        for (x1, y1), (x2, y2) in zip(points, points[1:]):
            if None not in (x1, y1, x2, y2):
                out.append(f'<line x1="{x_of(x1)}%" y1="{py(y1)}" x2="{x_of(x2)}%" y2="{py(y2)}" stroke="{colour}" stroke-width="{width}"'
                           + (f' stroke-dasharray="{dash}"' if dash else "") + "/>")
    band = (t.get("error_y") or {}).get("array")
    if band:
        for (x, y), b in zip(points, band):
            if y is not None and b:
                out.append(f'<line x1="{x_of(x)}%" x2="{x_of(x)}%" y1="{py(y - b)}" y2="{py(y + b)}" stroke="{colour}" stroke-width="6"/>')
    if "markers" in t.get("mode", ""):
        symbols = t.get("marker", {}).get("symbol", "circle")
        for n, (x, y) in enumerate(points):
            if y is not None:
                out.append(_symbol(symbols[n] if isinstance(symbols, list) else symbols, colour, f"{x_of(x)}%", py(y)))
    return out


def _shape(shape: dict, x_of, height: float) -> str:
    """A vertical line across the plot (a series break): the only shape the charts draw."""
    line = shape.get("line", {})
    dash = DASHES.get(line.get("dash"), "")
    return (f'<line x1="{x_of(shape["x0"])}%" x2="{x_of(shape["x1"])}%" y1="0" y2="{height}" stroke="{line.get("color", TEXT)}" '
            f'stroke-width="{line.get("width", 1)}"' + (f' stroke-dasharray="{dash}"' if dash else "") + "/>")


def _annotation(a: dict, x_of, py) -> str:
    colour = a.get("font", {}).get("color", TEXT)
    if a.get("showarrow") is False:  # a label at the top of the plot (yref paper), as for a series break
        return (f'<text x="{x_of(a["x"])}%" y="-2" text-anchor="middle" font-size="11" fill="{colour}" stroke="white" stroke-width="3" '
                f'paint-order="stroke">{html.escape(a["text"])}</text>')
    dx, dy = a.get("ax", 0), a.get("ay", -30)
    return (f'<svg x="{x_of(a["x"])}%" y="{py(a["y"])}" overflow="visible">'
            f'<line x1="0" y1="0" x2="{dx}" y2="{dy}" stroke="{colour}"/>'
            f'<text x="{dx}" y="{dy - 3}" text-anchor="middle" font-size="11" fill="{colour}" stroke="white" stroke-width="3" paint-order="stroke">{html.escape(a["text"])}</text></svg>')


def _bars(traces: list[dict], x_of, width: float, py, stacked: bool) -> list[str]:
    base: dict = {}
    out = []
    for t in traces:
        colour = t.get("marker", {}).get("color", TEXT)
        for x, y in zip(t["x"], t["y"]):
            if not y:
                continue
            bottom = base.get(x, 0) if stacked else 0
            top = bottom + y
            out.append(f'<rect x="{round(x_of(x) - width / 2, 2)}%" width="{width}%" y="{py(top)}" height="{round(py(bottom) - py(top), 1)}" fill="{colour}"/>')
            if stacked:
                base[x] = top
    return out


def _legend_key(t: dict, bars: bool) -> str:
    colour = t.get("marker", {}).get("color") or t.get("line", {}).get("color") or TEXT
    if bars:
        return f'<rect x="4" y="2" width="20" height="10" fill="{colour}"/>'
    mode = t.get("mode", "")
    width = t.get("line", {}).get("width", 2)
    dash = DASHES.get(t.get("line", {}).get("dash"), "")
    key = (f'<line x1="0" y1="7" x2="28" y2="7" stroke="{colour}" stroke-width="{width}"' + (f' stroke-dasharray="{dash}"' if dash else "") + "/>") if "lines" in mode else ""
    if "markers" in mode:
        symbol = t.get("marker", {}).get("symbol", "circle")
        key += _symbol(symbol[0] if isinstance(symbol, list) else symbol, colour, 14, 7)
    return key


def _symbol(symbol: str, colour: str, x, y) -> str:
    """A marker centred on (x, y): in the plot and in its legend entry."""
    path, filled = SYMBOLS.get(symbol, SYMBOLS["circle"])
    return f'<svg x="{x}" y="{y}" overflow="visible"><path d="{path}" fill="{colour if filled else "white"}" stroke="{colour}" stroke-width="2"/></svg>'
