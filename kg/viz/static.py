"""A static picture of the actor network (PNG or SVG) for reports, with a legend.

Drawn with matplotlib's Agg backend from the same aggregated data as the HTML
page (one edge per dyad and event type), with a seeded spring layout, so the
same graph gives the same picture. It draws the main network (small groups
are counted below it), colours edges by CAMEO quad class, and places the
labels of the most central actors where they overlap no other label or node.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kg.errors import ConfigError
from kg.viz.prepare import Metrics, load_style, page_data

__all__ = ["FORMATS", "picture_format", "place_labels", "render_static", "save_figure"]

FORMATS = ("png", "svg")


def picture_format(out: Path, fmt: str | None, formats: tuple[str, ...] = FORMATS) -> str:
    """The format asked for, else the one the file suffix names, else the first.

    >>> picture_format(Path("g.svg"), None)
    'svg'
    >>> picture_format(Path("g.out"), "png")
    'png'
    """
    chosen = (fmt or out.suffix.lstrip(".") or formats[0]).lower()
    if chosen not in formats:
        raise ConfigError(f"cannot write {out} as {chosen!r}; use one of {', '.join(formats)}")
    return chosen


def save_figure(figure: Any, out: Path, fmt: str) -> Path:
    """Write a matplotlib figure without dates or versions in the file."""
    out.parent.mkdir(parents=True, exist_ok=True)
    # no dates or versions, so the same graph gives the same bytes
    metadata: dict[str, Any] = {"Date": None} if fmt == "svg" else {"Software": None}
    try:
        figure.savefig(out, format=fmt, metadata=metadata, bbox_inches="tight", dpi=150)
    except OSError as e:
        raise ConfigError(f"cannot write the picture {out}: {e}") from e
    return out


def render_static(
    G: Any,
    out: Path | str,
    *,
    fmt: str | None = None,
    title: str,
    metrics: Metrics | None = None,
    color_by: str = "type",
    max_nodes: int | None = None,
    seed: int = 7,
) -> Path:
    """Draw an actor network to a PNG or SVG file with a legend.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The actor network, one edge per event.
    out : Path or str
        File to write.
    fmt : {"png", "svg"}, optional
        Default: the suffix of ``out``, else PNG. SVG keeps its text as text,
        so the legend and labels can be searched.
    title : str
        Title drawn above the graph.
    metrics : mapping, optional
        ``{metric name: {node: value}}``; ``pagerank`` sizes the nodes.
    color_by : {"type", "country"}
        What the node colour tells.
    max_nodes : int, optional
        Keep at most this many actors, the highest by PageRank (default
        ``static_max_nodes`` of ``style.toml``); the picture says when it cuts.
    seed : int
        Seed of the spring layout.

    Returns
    -------
    Path
        ``out``.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import networkx as nx
    from matplotlib.lines import Line2D

    path = Path(out)
    chosen = picture_format(path, fmt)
    style = load_style()
    limits = style["limits"]
    cap = int(limits["static_max_nodes"] if max_nodes is None else max_nodes)
    data = page_data(G, title=title, metrics=metrics, color_by=color_by, max_nodes=cap)
    # the main network only: small groups around it would be specks without labels
    nodes = [node for node in data["nodes"] if node["component"] == 0]
    kept = {node["id"] for node in nodes}
    edges = [edge for edge in data["edges"] if edge["source"] in kept and edge["target"] in kept]
    simple = nx.Graph()
    simple.add_nodes_from(node["id"] for node in nodes)
    simple.add_edges_from((edge["source"], edge["target"]) for edge in edges if edge["source"] != edge["target"])
    # Kamada-Kawai spreads one connected network evenly (the spring layout piles hubs' leaves up);
    # it starts from the seeded spring layout, so the picture is the same each time
    start = nx.spring_layout(simple, seed=seed) if len(simple) else {}
    positions = nx.kamada_kawai_layout(simple, pos=start) if len(simple) > 2 else start
    with warnings.catch_warnings(), matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "kg", "font.size": 9}):
        # a glyph the font lacks is replaced (see _printable), so its warning says nothing new
        warnings.filterwarnings("ignore", message="Glyph .* missing")
        figure, axes = plt.subplots(figsize=(12, 9))
        try:
            axes.set_axis_off()
            axes.set_title(title, fontsize=13)
            directed = nx.MultiDiGraph()
            directed.add_nodes_from(simple.nodes)
            for edge in edges:
                directed.add_edge(edge["source"], edge["target"], color=edge["color"], width=0.8 + edge["width"] / 2)
            if directed.number_of_edges():
                drawn = list(directed.edges(data=True))
                nx.draw_networkx_edges(
                    directed, positions, ax=axes, edgelist=[(s, t) for s, t, _ in drawn],
                    edge_color=[attrs["color"] for _, _, attrs in drawn],
                    width=[attrs["width"] for _, _, attrs in drawn],
                    alpha=0.7, arrows=True, arrowsize=10, connectionstyle="arc3,rad=0.08",
                    node_size=[(node["size"] * 6) for node in nodes],
                )
            if nodes:
                nx.draw_networkx_nodes(
                    simple, positions, ax=axes, nodelist=[node["id"] for node in nodes],
                    node_color=[node["color"] for node in nodes],
                    node_size=[(node["size"] * 6) for node in nodes],
                    edgecolors="white", linewidths=0.8,
                )
                place_labels(figure, axes, positions, nodes, int(limits["static_labels"]))
            handles = [
                Line2D([], [], marker="o", linestyle="", markersize=8, markerfacecolor=color,
                       markeredgecolor="white", label=name or "other")
                for name, color in data["legend"]["nodes"]
            ]
            handles += [Line2D([], [], color=color, linewidth=2.5, label=label) for label, color in data["legend"]["edges"]]
            axes.legend(
                handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False,
                title=f"Actors by {color_by}, sized by PageRank;\nedges by CAMEO quad class", title_fontsize=9,
            )
            notes = [f"{len(nodes):,} actors, {sum(edge['count'] for edge in edges):,} events"]
            if len(data["components"]):
                notes.append(f"{len(data['components']):,} small groups not connected to them are left out")
            if data["notice"]:
                notes.append(data["notice"])
            figure.text(0.01, 0.01, "; ".join(notes), fontsize=8, color="#555555")
            return save_figure(figure, path, chosen)
        finally:
            plt.close(figure)


def _printable(label: str, iri: str) -> str:
    """``label`` when the default font has all its glyphs, else a readable form of the IRI's last segment."""
    from matplotlib import font_manager

    charmap = _charmap(font_manager.findfont(font_manager.FontProperties()))
    if all(ord(c) in charmap or c.isspace() for c in label):
        return label
    slug = iri.rstrip("/").rsplit("/", 1)[-1]
    return slug.replace("-", " ").title() if slug.isascii() else "?"


@functools.lru_cache(maxsize=4)
def _charmap(font_path: str) -> frozenset[int]:
    from matplotlib.ft2font import FT2Font

    return frozenset(FT2Font(font_path).get_charmap())


# where a label may go around its node, in points: above, below, right, left, the corners, then
# the same further out (with a line to its node)
_NEAR = ((0, 9), (0, -11), (10, -3), (-10, -3), (9, 8), (-9, 8), (9, -10), (-9, -10))
_OFFSETS = _NEAR + tuple((3 * dx, 3 * dy) for dx, dy in _NEAR) + tuple((5 * dx, 5 * dy) for dx, dy in _NEAR)


def place_labels(figure: Any, axes: Any, positions: Mapping[str, Any], nodes: list[dict[str, Any]], count: int) -> int:
    """Write the labels of the first ``count`` of ``nodes`` (most important first) where they overlap no other label or node.

    Each label tries a few places around its node, and is left out when none
    is free (the SVG still names every actor in its node's title). Returns how
    many were placed.
    """
    renderer = figure.canvas.get_renderer()
    transform = axes.transData
    occupied = []
    for node in nodes:
        x, y = transform.transform(positions[node["id"]])
        radius = (node["size"] * 6) ** 0.5 / 2 * figure.dpi / 72
        occupied.append((x - radius, y - radius, x + radius, y + radius))
    placed = 0
    for node in nodes[:count]:
        text = _printable(node["label"], node["id"])
        for dx, dy in _OFFSETS:
            extra = (node["size"] * 6) ** 0.5 / 2
            shift_y = dy + (extra if dy > 0 else -extra if dy < 0 else 0)
            shift_x = dx + (extra if dx > 0 else -extra if dx < 0 else 0)
            options = {
                "xytext": (shift_x, shift_y), "textcoords": "offset points", "va": "center", "fontsize": 8,
                "ha": "center" if dx == 0 else ("left" if dx > 0 else "right"),
                "bbox": {"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.7},
            }
            artist = axes.annotate(text, positions[node["id"]], **options)
            box = artist.get_window_extent(renderer)
            area = (box.x0, box.y0, box.x1, box.y1)
            artist.remove()
            if not any(_overlap(area, other) for other in occupied):
                if abs(dx) + abs(dy) > 25:  # far from its node: a line leads to it
                    options["arrowprops"] = {"arrowstyle": "-", "color": "#888888", "linewidth": 0.6, "shrinkA": 0, "shrinkB": 4}
                axes.annotate(text, positions[node["id"]], **options)
                occupied.append(area)
                placed += 1
                break
    return placed


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
