"""The map as one offline HTML page: events at their places on the world's country outlines.

The page holds the events (see :func:`kg.viz.geo.event_places`) and the
vendored Natural Earth atlas as JSON, and draws them with
``templates/map.js`` and topojson-client; its policy allows only its own
inline scripts and no network access.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict
from typing import Any

from kg.viz.geo import PlacedEvent
from kg.viz.html import _asset, fill_template
from kg.viz.prepare import load_style
from kg.viz.quads import QUADS, quad_legend

__all__ = ["MAP_SCRIPTS", "map_data", "render_map"]

MAP_SCRIPTS = (("vendor", "topojson-client.min.js"), ("templates", "common.js"), ("templates", "map.js"))


def map_data(events: Iterable[PlacedEvent], *, title: str, articles: Mapping[str, Mapping[str, str]] | None = None) -> dict[str, Any]:
    """The JSON the map page draws: the events (with their article's title and URL) and the quad legend."""
    style = load_style()
    rows = []
    for event in events:
        about = (articles or {}).get(event.article, {})
        rows.append({**asdict(event), "title": str(about.get("title") or ""), "url": str(about.get("url") or "")})
    return {
        "title": title,
        "events": rows,
        "quads": [{"number": q.number, "name": name, "color": color, "side": q.side}
                  for q, (name, color) in zip(QUADS.values(), quad_legend(style))],
        "unknown_color": style["quad_colors"]["unknown"],
    }


def render_map(
    events: Iterable[PlacedEvent], *, title: str = "Events by place",
    articles: Mapping[str, Mapping[str, str]] | None = None, static_prefix: str | None = None,
) -> str:
    """The HTML text of the map page (scripts inline, or linked from ``static_prefix``).

    Parameters
    ----------
    events : iterable of PlacedEvent
        Events at their places (:func:`kg.viz.geo.event_places`); those
        without coordinates are listed beside the map.
    title : str
        Title of the page.
    articles : mapping, optional
        ``{article IRI: {"title", "url"}}``: evidence names its article.
    static_prefix : str, optional
        Link the scripts and style from this URL prefix instead of inlining them.
    """
    data = map_data(events, title=title, articles=articles)
    # the atlas is data, embedded as JSON like the events (never fetched)
    atlas = _asset("vendor", "countries-110m.json").replace("<", "\\u003c")
    return fill_template("map.html", MAP_SCRIPTS, "map.css", static_prefix=static_prefix,
                         title=title, data=data, atlas=atlas)
