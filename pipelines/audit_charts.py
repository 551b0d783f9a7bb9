"""Inline SVG charts for the audit page, drawn in Python: the page must open offline, from a
file, years later, so there is no chart library and no script behind a chart.

Each function returns one <svg> element as text; every label is escaped, every bar carries a
<title> so a pointer shows its exact value. Sizes are in viewBox units; CSS scales the chart.
"""

from __future__ import annotations

import math
from html import escape

FONT = 12
BLUE, ORANGE, RED, PURPLE, GRID, INK, MUTED = "#2f6db3", "#e08a2c", "#c0504d", "#7b68b5", "#e3e6eb", "#1f2328", "#656d76"


def _fmt(n: float | int | None) -> str:
    return "—" if n is None else f"{n:,.0f}"


def text_width(text: str, size: float = FONT) -> float:
    """Rough width: a CJK character is one em, anything else about 0.6 em."""
    return sum(size if ord(c) > 0x2E80 else size * 0.6 for c in text)


def nice_ticks(top: float, count: int = 4) -> list[float]:
    """0 … a round number ≥ top, in steps of 1, 2 or 5 × 10ⁿ."""
    if top <= 0:
        return [0, 1]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(step, 1)
    return [i * step for i in range(int(math.ceil(top / step)) + 1)]


def _svg(width: float, height: float, label: str, body: list[str]) -> str:
    return (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" aria-label="{escape(label)}">'
        f"<title>{escape(label)}</title>" + "".join(body) + "</svg>"
    )


def _text(x: float, y: float, text: str, anchor: str = "middle", size: int = FONT, fill: str = INK, extra: str = "") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" fill="{fill}"{extra}>{escape(text)}</text>'


def _y_axis(ticks: list[float], left: float, right: float, y_of) -> list[str]:
    out = []
    for t in ticks:
        y = y_of(t)
        out.append(f'<line x1="{left:.1f}" x2="{right:.1f}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>')
        out.append(_text(left - 6, y + 4, _fmt(t), "end", 11, MUTED))
    return out


def columns(bins: list[tuple[str, int]], label: str, x_title: str, y_title: str, colour: str = BLUE) -> str:
    """Vertical bars, one per bin (the disclosure-rate histogram)."""
    width, height, left, right, top, bottom = 560, 280, 48, 12, 24, 52
    plot_w, plot_h = width - left - right, height - top - bottom
    ticks = nice_ticks(max((c for _, c in bins), default=0))
    y_of = lambda v: top + plot_h - plot_h * v / ticks[-1]  # noqa: E731
    body = _y_axis(ticks, left, width - right, y_of)
    slot = plot_w / max(len(bins), 1)
    for k, (name, count) in enumerate(bins):
        x, y = left + k * slot + slot * 0.12, y_of(count)
        body.append(
            f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{slot * 0.76:.1f}" height="{top + plot_h - y:.1f}" '
            f'fill="{colour}" rx="2"><title>{escape(f"{name}: {count}")}</title></rect>'
        )
        if count:
            body.append(_text(x + slot * 0.38, y - 5, _fmt(count), size=11))
        body.append(_text(x + slot * 0.38, top + plot_h + 16, name, size=10, fill=MUTED))
    body.append(_text(left + plot_w / 2, height - 10, x_title, size=11, fill=MUTED))
    body.append(
        _text(14, top + plot_h / 2, y_title, size=11, fill=MUTED, extra=f' transform="rotate(-90 14 {top + plot_h / 2:.1f})"')
    )
    return _svg(width, height, label, body)


def bars(items: list[tuple[str, int | None, str]], label: str, legend: list[tuple[str, str]]) -> str:
    """Horizontal bars with their labels on the left (the refusal reasons); items: (label, value, colour)."""
    row, top, right = 26, 30, 56
    left = 12 + max((text_width(name) for name, _, _ in items), default=40)
    width = max(560, left + 260)
    height = top + row * len(items) + 10
    top_value = max((v or 0 for _, v, _ in items), default=0) or 1
    plot_w = width - left - right
    body = _legend(legend, left, 14)
    for k, (name, value, colour) in enumerate(items):
        y = top + k * row
        w = plot_w * (value or 0) / top_value
        body.append(_text(left - 8, y + row / 2 + 4, name, "end"))
        body.append(
            f'<rect class="bar" x="{left:.1f}" y="{y + 4:.1f}" width="{max(w, 1):.1f}" height="{row - 8}" fill="{colour}" rx="2">'
            f"<title>{escape(f'{name}: {_fmt(value)}')}</title></rect>"
        )
        body.append(_text(left + max(w, 1) + 6, y + row / 2 + 4, _fmt(value), "start", 11))
    return _svg(width, height, label, body)


def grouped(groups: list[str], series: list[tuple[str, str, list[int | None]]], label: str, y_title: str) -> str:
    """Side-by-side bars per group (the yearly trend); series: (name, colour, one value per group)."""
    width, height, left, right, top, bottom = 560, 280, 56, 12, 34, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    ticks = nice_ticks(max((v or 0 for _, _, values in series for v in values), default=0))
    y_of = lambda v: top + plot_h - plot_h * v / ticks[-1]  # noqa: E731
    body = _y_axis(ticks, left, width - right, y_of) + _legend([(n, c) for n, c, _ in series], left, 14)
    slot = plot_w / max(len(groups), 1)
    bar_w = min(slot * 0.8 / max(len(series), 1), 48)
    for k, group in enumerate(groups):
        x0 = left + k * slot + (slot - bar_w * len(series)) / 2
        for j, (name, colour, values) in enumerate(series):
            value = values[k] or 0
            x, y = x0 + j * bar_w, y_of(value)
            body.append(
                f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" height="{top + plot_h - y:.1f}" '
                f'fill="{colour}" rx="2"><title>{escape(f"{group} {name}: {_fmt(values[k])}")}</title></rect>'
            )
            body.append(_text(x + bar_w / 2 - 1, y - 5, _fmt(values[k]), size=10))
        body.append(_text(left + k * slot + slot / 2, top + plot_h + 18, group, fill=MUTED))
    body.append(
        _text(14, top + plot_h / 2, y_title, size=11, fill=MUTED, extra=f' transform="rotate(-90 14 {top + plot_h / 2:.1f})"')
    )
    return _svg(width, height, label, body)


def _legend(entries: list[tuple[str, str]], x: float, y: float) -> list[str]:
    out = []
    for name, colour in entries:
        out.append(f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="10" height="10" fill="{colour}" rx="2"/>')
        out.append(_text(x + 14, y, name, "start", 11))
        x += 14 + text_width(name, 11) + 18
    return out
