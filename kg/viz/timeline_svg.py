"""The timeline as one offline HTML page: an inline SVG written in Python.

No script at all: each bar carries a ``<title>`` listing its events (date,
type, Goldstein score, evidence), which browsers show on hover. All text from
the data is XML-escaped; the Content-Security-Policy forbids scripts and
network access.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.viz.timeline import Dyad

__all__ = ["timeline_page", "timeline_svg"]

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "connect-src 'none'; base-uri 'none'; form-action 'none'"
)
WIDTH, PANEL, LEFT, RIGHT, TOP = 960, 170, 60, 20, 40


def _esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _plural(count: int) -> str:
    return "" if count == 1 else "s"


def _ticks(first: dt.date, last: dt.date) -> list[dt.date]:
    span = (last - first).days
    if span > 3 * 366:
        return [dt.date(year, 1, 1) for year in range(first.year, last.year + 2)]
    months = [dt.date(year, month, 1) for year in range(first.year, last.year + 1) for month in range(1, 13)]
    step = 1 if span <= 190 else 3 if span <= 800 else 6
    return [day for day in months if (day.month - 1) % step == 0 and first <= day <= last + dt.timedelta(days=31)]


def _bar_title(day: str, events: list[Mapping[str, Any]], sign: int) -> str:
    lines = [day]
    for row in events:
        score = float(row["goldstein"])
        if (score > 0) != (sign > 0) or score == 0:
            continue
        kind = row.get("type") or row.get("cameo") or "event"
        lines.append(f"{row.get('agent_label')} \u2192 {row.get('target_label')}: {kind} ({score:+g})")
        if row.get("evidence"):
            lines.append(f"  \u201c{row['evidence']}\u201d")
    return "\n".join(lines)


def timeline_svg(panels: list[Dyad], *, style: Mapping[str, Any]) -> str:
    """The SVG text of the timeline: one panel per dyad, a shared time axis."""
    days = [dt.date.fromisoformat(day) for panel in panels for day, _, _ in panel.days]
    first, last = min(days), max(days)
    if first == last:
        first, last = first - dt.timedelta(days=15), last + dt.timedelta(days=15)
    span = (last - first).days
    inner = WIDTH - LEFT - RIGHT
    bar = max(2.0, inner / max(span, 1) * 0.8)

    def x(day: dt.date) -> float:
        return LEFT + inner * (day - first).days / span

    colors, labels = style["edge_colors"], style["edge_labels"]
    height = TOP + PANEL * len(panels) + 30
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="11">',
        f'<rect x="{LEFT}" y="8" width="12" height="12" fill="{colors["cooperation"]}"/>'
        f'<text x="{LEFT + 16}" y="18">{_esc(labels["cooperation"])}</text>',
        f'<rect x="{LEFT + 230}" y="8" width="12" height="12" fill="{colors["conflict"]}"/>'
        f'<text x="{LEFT + 246}" y="18">{_esc(labels["conflict"])}</text>',
    ]
    for index, panel in enumerate(panels):
        top = TOP + index * PANEL
        axis = top + PANEL / 2 + 5
        scale = max([abs(v) for _, up, down in panel.days for v in (up, down)] + [1.0])
        half = PANEL / 2 - 22
        out.append(
            f'<g class="dyad"><text x="{LEFT}" y="{top + 12}" font-weight="bold">'
            f"{_esc(panel.labels[0])} \u2013 {_esc(panel.labels[1])} ({len(panel.events)} event{_plural(len(panel.events))})</text>"
        )
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{axis}" y2="{axis}" stroke="#333"/>')
        out.append(f'<text x="{LEFT - 6}" y="{axis - half + 4}" text-anchor="end">{scale:+.0f}</text>')
        out.append(f'<text x="{LEFT - 6}" y="{axis + half + 4}" text-anchor="end">{-scale:+.0f}</text>')
        by_day: dict[str, list[Mapping[str, Any]]] = {}
        for row in panel.events:
            by_day.setdefault(row["day"], []).append(row)
        for day, up, down in panel.days:
            left = x(dt.date.fromisoformat(day)) - bar / 2
            for value, sign, color in ((up, 1, colors["cooperation"]), (down, -1, colors["conflict"])):
                if value == 0:
                    continue
                size = half * abs(value) / scale
                y = axis - size if sign > 0 else axis
                title = _esc(_bar_title(day, by_day.get(day, []), sign))
                out.append(
                    f'<rect class="{"cooperation" if sign > 0 else "conflict"}" x="{left:.1f}" y="{y:.1f}" '
                    f'width="{bar:.1f}" height="{size:.1f}" fill="{color}"><title>{title}</title></rect>'
                )
        out.append("</g>")
    bottom = TOP + PANEL * len(panels)
    for tick in _ticks(first, last):
        if first <= tick <= last:
            label = str(tick.year) if span > 3 * 366 else tick.strftime("%Y-%m")
            out.append(
                f'<line x1="{x(tick):.1f}" x2="{x(tick):.1f}" y1="{TOP}" y2="{bottom}" stroke="#eee"/>'
                f'<text x="{x(tick):.1f}" y="{bottom + 14}" text-anchor="middle">{label}</text>'
            )
    out.append("</svg>")
    return "\n".join(out)


def timeline_page(panels: list[Dyad], *, title: str, style: Mapping[str, Any]) -> str:
    """One self-contained HTML page holding the timeline SVG."""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{_esc(CSP)}">\n'
        f"<title>{_esc(title)}</title>\n"
        "<style>body{font:14px/1.4 system-ui,sans-serif;margin:16px;color:#222}"
        "h1{font-size:18px} .small{color:#666;font-size:12px}</style>\n</head>\n<body>\n"
        f"<h1>{_esc(title)}</h1>\n"
        '<p class="small">Cooperation above the axis, conflict below; bar height is the sum of the '
        "day's Goldstein scores. Hover over a bar for its events and their sentences.</p>\n"
        f"{timeline_svg(panels, style=style)}\n</body>\n</html>\n"
    )
