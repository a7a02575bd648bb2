"""From an actor network to what a picture draws: capped, aggregated, coloured.

The actor network (see :func:`kg.analytics.actor_network`) has one edge per
event. A picture of thousands of events between a few hundred actors is a
hairball, so edges are aggregated into one per dyad and event type, carrying
their count, mean Goldstein score and the events themselves; beyond a node
cap only the actors with the highest PageRank are kept, and the page says so.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("a", label="Armenia", type="Country")
>>> G.add_node("b", label="Azerbaijan", type="Country")
>>> G.add_edge("a", "b", type="ACCUSE", cameo="112", goldstein=-2.0, date="2020-10-01")
0
>>> G.add_edge("a", "b", type="ACCUSE", cameo="112", goldstein=-2.0, date="2020-10-03")
1
>>> data = page_data(G, title="demo")
>>> [(e["type"], e["count"], e["polarity"]) for e in data["edges"]]
[('ACCUSE', 2, 'conflict')]
"""

from __future__ import annotations

import datetime as dt
import math
import tomllib
from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import Any

from kg.errors import ConfigError
from kg.resources import package_data
from kg.viz.quads import QUADS, quad_legend, quad_of

__all__ = ["date_period", "load_style", "majority_quad", "node_label", "page_data", "pagerank"]

Metrics = Mapping[str, Mapping[Any, float]]


def load_style() -> dict[str, Any]:
    """Colours, sizes and limits from ``kg/viz/data/style.toml``."""
    path = package_data("viz", "data", "style.toml")
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"cannot read the picture style {path}: {e}; reinstall kg or fix the file") from e


def node_label(G: Any, node: Any) -> str:
    """The node's ``label`` attribute, else the last segment of its IRI."""
    label = G.nodes[node].get("label")
    if label:
        return str(label)
    return str(node).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def date_period(value: Any) -> tuple[str, str] | None:
    """First and last day an event date may stand for, as ISO text.

    A year stands for the whole year, a month for the whole month, so that a
    date filter keeps "1994" when it overlaps the range asked for.

    >>> date_period("1994")
    ('1994-01-01', '1994-12-31')
    >>> date_period("2020-02")
    ('2020-02-01', '2020-02-29')
    >>> date_period(dt.date(2020, 12, 2))
    ('2020-12-02', '2020-12-02')
    >>> date_period("soon") is None
    True
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat(), value.isoformat()
    text = str(value).strip()
    try:
        if len(text) == 4 and text.isdigit():
            return f"{text}-01-01", f"{text}-12-31"
        if len(text) == 7 and text[4] == "-":
            first = dt.date.fromisoformat(f"{text}-01")
            following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first.isoformat(), (following - dt.timedelta(days=1)).isoformat()
        day = dt.date.fromisoformat(text[:10])
    except ValueError:
        return None
    return day.isoformat(), day.isoformat()


def pagerank(G: Any, metrics: Metrics | None = None) -> dict[Any, float]:
    """PageRank per node: from ``metrics["pagerank"]`` when given, else computed."""
    if metrics and "pagerank" in metrics:
        given = metrics["pagerank"]
        return {node: float(given.get(node, 0.0)) for node in G.nodes}
    if G.number_of_nodes() == 0:
        return {}
    import networkx as nx

    return {node: float(value) for node, value in nx.pagerank(G).items()}


def _node_colors(G: Any, nodes: list[Any], *, color_by: str, style: Mapping[str, Any]) -> tuple[dict[Any, str], list[tuple[str, str]]]:
    if color_by == "type":
        palette = style["node_colors"]
        colors = {node: palette.get(str(G.nodes[node].get("type")), palette["other"]) for node in nodes}
        present = Counter(str(G.nodes[node].get("type") or "other") for node in nodes)
        legend = [(name, palette.get(name, palette["other"])) for name, _ in sorted(present.items(), key=lambda kv: (-kv[1], kv[0]))]
        return colors, legend
    if color_by == "country":
        spec = style["country_palette"]
        counts = Counter(str(G.nodes[node].get("country") or "") for node in nodes)
        counts.pop("", None)
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[: len(spec["colors"])]
        assigned = {code: spec["colors"][i] for i, (code, _) in enumerate(ranked)}
        colors = {node: assigned.get(str(G.nodes[node].get("country") or ""), spec["other"]) for node in nodes}
        legend = [(code, color) for code, color in assigned.items()] + [("other", spec["other"])]
        return colors, legend
    raise ConfigError(f"cannot colour nodes by {color_by!r}; use 'type' or 'country'")


def _event(attrs: Mapping[str, Any], articles: Mapping[str, Mapping[str, str]]) -> dict[str, Any]:
    period = date_period(attrs.get("date"))
    article = str(attrs.get("article") or "")
    about = articles.get(article, {})
    date = attrs.get("date")
    claimed_by = attrs.get("claimed_by") or ()
    if isinstance(claimed_by, str):
        claimed_by = (claimed_by,)
    return {
        "event": str(attrs.get("event") or ""),
        "date": "" if date is None else str(date),
        "lo": period[0] if period else "",
        "hi": period[1] if period else "",
        "cameo": str(attrs.get("cameo") or ""),
        "goldstein": attrs.get("goldstein"),
        "quad": quad_of(attrs.get("quad_class"), attrs.get("cameo")),
        "article": article,
        "title": str(about.get("title") or ""),
        "url": str(about.get("url") or ""),
        "published": str(about.get("published") or "")[:10],
        "claimed": bool(attrs.get("claimed")),
        "claimed_by": [str(actor) for actor in claimed_by],
        "negated": bool(attrs.get("negated")),
        "evidence": str(attrs.get("evidence") or ""),
    }


def majority_quad(quads: Any) -> int | None:
    """The quad class most events of an edge have (ties: the lower class), None when none is known.

    >>> majority_quad([4, 3, 4, None]), majority_quad([None])
    (4, None)
    """
    counts = Counter(q for q in quads if q)
    if not counts:
        return None
    return min(counts, key=lambda q: (-counts[q], q))


def _components(G: Any, nodes: list[Any], ranks: Mapping[Any, float]) -> tuple[dict[Any, int], list[dict[str, Any]]]:
    """Each kept node's component (0 the largest) and the small ones as ``{id, nodes, label, events}``."""
    import networkx as nx

    kept = G.subgraph(nodes)
    parts = sorted(
        (sorted(part, key=lambda n: (-ranks.get(n, 0.0), str(n))) for part in nx.weakly_connected_components(kept)),
        key=lambda part: (-len(part), -sum(ranks.get(n, 0.0) for n in part), str(part[0])),
    )
    component_of = {node: index for index, part in enumerate(parts) for node in part}
    small = [
        {"id": index, "nodes": [str(n) for n in part], "label": " \u2013 ".join(node_label(G, n) for n in part[:3])
         + (f" and {len(part) - 3} more" if len(part) > 3 else ""), "events": kept.subgraph(part).number_of_edges()}
        for index, part in enumerate(parts) if index > 0
    ]
    return component_of, small


def _country_names(G: Any, nodes: list[Any]) -> dict[str, str]:
    """``{code: name}`` of the countries of the kept actors, named by their Country node when drawn."""
    names = {}
    for node in nodes:
        attrs = G.nodes[node]
        if attrs.get("type") == "Country" and attrs.get("country"):
            names[str(attrs["country"])] = node_label(G, node)
    codes = {str(G.nodes[node].get("country") or "") for node in nodes} - {""}
    return {code: names.get(code, code) for code in sorted(codes) if ";" not in code}


def _kept_nodes(G: Any, ranks: Mapping[Any, float], max_nodes: int) -> list[Any]:
    ordered = sorted(G.nodes, key=lambda node: (-ranks.get(node, 0.0), str(node)))
    return ordered[:max_nodes]


def page_data(
    G: Any,
    *,
    title: str,
    metrics: Metrics | None = None,
    color_by: str = "type",
    max_nodes: int | None = None,
    max_events_per_edge: int | None = None,
    articles: Mapping[str, Mapping[str, str]] | None = None,
) -> dict[str, Any]:
    """The nodes, aggregated edges, legend and notice a picture of ``G`` draws.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        Actor network: nodes with ``label``, ``type``, ``country``, ``sector``;
        one edge per event with ``event``, ``type``, ``cameo``, ``goldstein``,
        ``date``, ``article``, ``claimed``, ``claimed_by``, ``negated``,
        ``evidence``. Missing attributes are allowed.
    title : str
        Title of the picture.
    metrics : mapping, optional
        ``{metric name: {node: value}}``; ``pagerank`` sizes the nodes (computed
        when absent) and every metric is shown in the node's details.
    color_by : {"type", "country"}
        What the node colour tells.
    max_nodes, max_events_per_edge : int, optional
        Caps (defaults from ``style.toml``).
    articles : mapping, optional
        ``{article IRI: {"title": ..., "url": ...}}`` (see
        :func:`kg.analytics.article_info`), so that evidence names its article.

    Returns
    -------
    dict
        JSON-ready: ``nodes`` (with ``component``, 0 for the largest, and
        ``hub`` for the most central), ``edges`` (one per dyad and event type,
        sorted, coloured by quad class), ``components`` (the small ones, for
        a list), ``countries`` (code to name), ``types``, ``legend``,
        ``notice``, ``total_nodes``, ``total_events``, ``date_min``, ``date_max``.
    """
    style = load_style()
    limits = style["limits"]
    cap = int(limits["max_nodes"] if max_nodes is None else max_nodes)
    per_edge = int(limits["max_events_per_edge"] if max_events_per_edge is None else max_events_per_edge)
    ranks = pagerank(G, metrics)
    nodes = _kept_nodes(G, ranks, cap)
    kept = set(nodes)
    colors, node_legend = _node_colors(G, nodes, color_by=color_by, style=style)
    top = max((ranks.get(node, 0.0) for node in nodes), default=0.0) or 1.0
    sizes = style["sizes"]
    extra = {name: values for name, values in (metrics or {}).items()}
    component_of, components = _components(G, nodes, ranks)
    # the most central actors of the main network, and the first of each small group
    main = [node for node in nodes if component_of[node] == 0]
    hubs = set(main[: int(limits["hub_labels"])])
    hubs.update(next(node for node in nodes if component_of[node] == c["id"]) for c in components)
    node_rows = []
    for node in nodes:
        attrs = G.nodes[node]
        share = math.sqrt(max(ranks.get(node, 0.0), 0.0) / top)
        node_rows.append({
            "id": str(node),
            "label": node_label(G, node),
            "type": str(attrs.get("type") or ""),
            "country": str(attrs.get("country") or ""),
            "sector": str(attrs.get("sector") or ""),
            "pagerank": round(ranks.get(node, 0.0), 6),
            "size": round(sizes["min_node"] + (sizes["max_node"] - sizes["min_node"]) * share, 1),
            "color": colors[node],
            "component": component_of[node],
            "hub": node in hubs,
            "metrics": {name: values[node] for name, values in sorted(extra.items()) if node in values},
        })
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for source, target, attrs in G.edges(data=True):
        if source in kept and target in kept:
            groups[(str(source), str(target), str(attrs.get("type") or "EVENT"))].append(_event(attrs, articles or {}))
    quad_colors = style["quad_colors"]
    edges = []
    for index, ((source, target, kind), events) in enumerate(sorted(groups.items())):
        events.sort(key=lambda e: (e["lo"] or "9999", e["event"]))
        scores = [float(e["goldstein"]) for e in events if e["goldstein"] is not None]
        mean = sum(scores) / len(scores) if scores else None
        quad = majority_quad(e["quad"] for e in events)
        edges.append({
            "id": f"e{index}",
            "source": source,
            "target": target,
            "type": kind,
            "count": len(events),
            "goldstein": None if mean is None else round(mean, 2),
            "quad": quad,
            "polarity": QUADS[quad].side if quad else "neutral",
            "color": quad_colors[QUADS[quad].key] if quad else quad_colors["unknown"],
            "label": kind if len(events) == 1 else f"{kind} \u00d7{len(events)}",
            "width": round(1.5 + 1.5 * math.log2(len(events)), 2),
            "events": events[:per_edge],
            "more": max(0, len(events) - per_edge),
        })
    days = [e["lo"] for edge in edges for e in edge["events"] if e["lo"]]
    days += [e["hi"] for edge in edges for e in edge["events"] if e["hi"]]
    total = G.number_of_nodes()
    notice = ""
    if total > len(nodes):
        notice = (
            f"Showing the top {len(nodes):,} of {total:,} actors by PageRank; "
            "the others and their edges are left out."
        )
    return {
        "title": title,
        "nodes": node_rows,
        "edges": edges,
        "types": sorted({edge["type"] for edge in edges}),
        "legend": {
            "nodes": node_legend,
            "color_by": color_by,
            "edges": quad_legend(style),
        },
        "components": components,
        "countries": _country_names(G, nodes),
        "seed": 7,
        "notice": notice,
        "total_nodes": total,
        "total_events": G.number_of_edges(),
        "date_min": min(days, default=""),
        "date_max": max(days, default=""),
    }
