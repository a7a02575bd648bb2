"""Pictures of the actor network: an offline HTML page, a static picture, a timeline.

A consumer layer: it reads networkx graphs (see :func:`kg.analytics.actor_network`)
or the store, and writes pictures. matplotlib and networkx are imported inside
the functions that need them.
"""

from __future__ import annotations

from kg.viz.geo import event_places, geojson
from kg.viz.html import render_html
from kg.viz.map_page import render_map
from kg.viz.query import network_title, subgraph_from_query
from kg.viz.static import render_static
from kg.viz.timeline import render_timeline
from kg.viz.timeline_data import event_rows

__all__ = ["event_places", "event_rows", "geojson", "network_title", "render_html", "render_map", "render_static", "render_timeline", "subgraph_from_query"]
