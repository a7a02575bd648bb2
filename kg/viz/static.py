"""A static picture of the actor network (PNG or SVG) for reports, with a legend.

Drawn with matplotlib's Agg backend from the same aggregated data as the HTML
page (one edge per dyad and event type), with a seeded spring layout, so the
same graph gives the same picture.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kg.errors import ConfigError
from kg.viz.prepare import Metrics, load_style, page_data

__all__ = ["FORMATS", "picture_format", "render_static", "save_figure"]

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
    simple = nx.Graph()
    simple.add_nodes_from(node["id"] for node in data["nodes"])
    simple.add_edges_from((edge["source"], edge["target"]) for edge in data["edges"] if edge["source"] != edge["target"])
    positions = nx.spring_layout(simple, seed=seed, k=1.6 / max(1, len(simple)) ** 0.5) if len(simple) else {}
    nodes = data["nodes"]
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "kg", "font.size": 9}):
        figure, axes = plt.subplots(figsize=(11, 8.5))
        try:
            axes.set_axis_off()
            axes.set_title(title, fontsize=13)
            directed = nx.MultiDiGraph()
            directed.add_nodes_from(simple.nodes)
            for edge in data["edges"]:
                directed.add_edge(edge["source"], edge["target"], color=edge["color"], width=0.8 + edge["width"] / 2)
            if directed.number_of_edges():
                edges = list(directed.edges(data=True))
                nx.draw_networkx_edges(
                    directed, positions, ax=axes, edgelist=[(s, t) for s, t, _ in edges],
                    edge_color=[attrs["color"] for _, _, attrs in edges],
                    width=[attrs["width"] for _, _, attrs in edges],
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
                labelled = nodes[: int(limits["static_labels"])]
                nx.draw_networkx_labels(
                    simple, positions, ax=axes, labels={node["id"]: node["label"] for node in labelled},
                    font_size=8, verticalalignment="bottom",
                )
            handles = [
                Line2D([], [], marker="o", linestyle="", markersize=8, markerfacecolor=color,
                       markeredgecolor="white", label=name or "other")
                for name, color in data["legend"]["nodes"]
            ]
            handles += [Line2D([], [], color=color, linewidth=2.5, label=label) for label, color in data["legend"]["edges"]]
            axes.legend(
                handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False,
                title=f"Actors by {color_by}, sized by PageRank", title_fontsize=9,
            )
            notes = [f"{len(nodes):,} actors, {sum(edge['count'] for edge in data['edges']):,} events"]
            if data["notice"]:
                notes.append(data["notice"])
            figure.text(0.01, 0.01, "  ".join(notes), fontsize=8, color="#555555")
            return save_figure(figure, path, chosen)
        finally:
            plt.close(figure)
