"""The timeline as one offline HTML page: a dyad picker, a date-range brush, bars by quad class.

The page holds the events of the busiest pairs of actors as JSON and draws
them with its own script (``templates/timeline.js``), which counts them per
day, week or month as the range shown asks, stacks verbal and material
cooperation above the axis and verbal and material conflict below, and lists
a bar's events (with their sentences and articles) on hover or click. Like
the network page, its policy allows only its own inline script and no
network access.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kg.viz.html import fill_template
from kg.viz.quads import QUADS, quad_legend
from kg.viz.timeline_data import Dyad, axis_range

__all__ = ["TIMELINE_SCRIPTS", "timeline_data", "timeline_page"]

TIMELINE_SCRIPTS = (("templates", "common.js"), ("templates", "timeline.js"))


def _event(row: Mapping[str, Any], articles: Mapping[str, Mapping[str, str]]) -> dict[str, Any]:
    article = str(row.get("article") or "")
    about = articles.get(article, {})
    claimed_by = row.get("claimed_by") or ()
    return {
        "day": row["day"], "date": str(row.get("date") or ""), "quad": row.get("quad"),
        "type": str(row.get("type") or ""), "cameo": str(row.get("cameo") or ""),
        "agent": str(row.get("agent_label") or ""), "target": str(row.get("target_label") or ""),
        "evidence": " ".join(str(row.get("evidence") or "").split()),
        "title": str(about.get("title") or ""), "url": str(about.get("url") or ""),
        "claimed": bool(claimed_by), "negated": bool(row.get("negated")),
    }


def timeline_data(
    panels: Sequence[Dyad], *, title: str, style: Mapping[str, Any],
    articles: Mapping[str, Mapping[str, str]] | None = None, keep_all: bool = False,
) -> dict[str, Any]:
    """The JSON the page draws: each dyad's events, and the span its axis shows by default."""
    dyads = []
    for panel in panels:
        days = [str(row["day"]) for row in panel.events]
        first, last = axis_range(days, keep_all=keep_all)
        outside = sum(1 for day in days if not first <= day <= last)
        dyads.append({
            "name": panel.name, "actors": list(panel.actors), "first": first, "last": last,
            "outside": outside, "events": [_event(row, articles or {}) for row in panel.events],
        })
    colors = style["quad_colors"]
    return {
        "title": title,
        "dyads": dyads,
        "quads": [{"number": q.number, "name": name, "color": color, "side": q.side}
                  for q, (name, color) in zip(QUADS.values(), quad_legend(style))],
        "unknown_color": colors["unknown"],
    }


def timeline_page(
    panels: Sequence[Dyad], *, title: str, style: Mapping[str, Any],
    articles: Mapping[str, Mapping[str, str]] | None = None, keep_all: bool = False,
    static_prefix: str | None = None,
) -> str:
    """The HTML text of the timeline page (scripts inline, or linked from ``static_prefix``)."""
    data = timeline_data(panels, title=title, style=style, articles=articles, keep_all=keep_all)
    return fill_template("timeline.html", TIMELINE_SCRIPTS, "timeline.css", static_prefix=static_prefix,
                         title=title, data=data)
