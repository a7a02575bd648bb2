"""Graphs for other tools: GraphML and GEXF (Gephi, yEd, Cytoscape), node-link JSON, CSV edge lists.

GraphML and GEXF carry only strings, numbers and booleans, so
:func:`sanitize_graph` drops ``None`` values and empty lists, joins lists with ``;``, writes
dates as ISO text and gives each attribute one numeric type throughout.
GEXF reserves the edge attribute ``type`` (directed or not), so the event
type travels there as ``event_type``.

>>> import io, networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_edge("a", "b", key="e1", type="Fight", goldstein=-10.0, quad_class=None)
'e1'
>>> out = io.StringIO()
>>> write_graph(G, "csv", out)
>>> out.getvalue().splitlines()
['source,source_label,target,target_label,key,goldstein,quad_class,type', 'a,,b,,e1,-10.0,,Fight']
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, TextIO

import networkx as nx

from kg.errors import ConfigError

__all__ = ["GRAPH_FORMATS", "export_graph", "sanitize_graph", "write_graph"]

#: Formats :func:`write_graph` writes, as ``kg export --format`` names them.
GRAPH_FORMATS = ("graphml", "gexf", "json", "csv")

# GEXF writes these edge attributes as XML attributes of its own meaning
_GEXF_EDGE_RESERVED = {"type": "event_type", "start": "start_date", "end": "end_date"}
_GEXF_NODE_RESERVED = {"start": "start_date", "end": "end_date", "pid": "parent_id"}


def _scalar(value: Any) -> Any:
    if isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        return ";".join(sorted(str(_scalar(v)) for v in value))
    return str(value)


def _clean(data: dict[str, Any], rename: dict[str, str], floats: set[str]) -> dict[str, Any]:
    cleaned = {}
    for key, value in data.items():
        if value is None or (isinstance(value, (list, tuple, set, frozenset)) and not value):
            continue
        value = _scalar(value)
        if key in floats and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        cleaned[rename.get(key, key)] = value
    return cleaned


def _float_keys(items: Iterable[dict[str, Any]]) -> set[str]:
    """Attributes that are floats somewhere: their integers are written as floats too."""
    return {key for data in items for key, value in data.items() if isinstance(value, float)}


def sanitize_graph(G: nx.Graph, *, gexf: bool = False) -> nx.Graph:
    """A copy of ``G`` whose attributes GraphML and GEXF can hold.

    Parameters
    ----------
    G : networkx.Graph
        Any graph (multi or not, directed or not).
    gexf : bool
        Also rename the attributes GEXF reserves (edge ``type`` becomes ``event_type``).
    """
    H = G.__class__()
    H.graph.update(_clean(dict(G.graph), {}, set()))
    node_floats = _float_keys(data for _, data in G.nodes(data=True))
    edge_floats = _float_keys(data for *_, data in G.edges(data=True))
    node_rename = _GEXF_NODE_RESERVED if gexf else {}
    edge_rename = _GEXF_EDGE_RESERVED if gexf else {}
    for node, data in G.nodes(data=True):
        H.add_node(node, **_clean(data, node_rename, node_floats))
    if G.is_multigraph():
        for a, b, key, data in G.edges(keys=True, data=True):
            H.add_edge(a, b, key=key, **_clean(data, edge_rename, edge_floats))
    else:
        for a, b, data in G.edges(data=True):
            H.add_edge(a, b, **_clean(data, edge_rename, edge_floats))
    return H


def _csv_lines(G: nx.Graph) -> Iterator[list[Any]]:
    names = sorted({key for *_, data in G.edges(data=True) for key in data})
    keyed = G.is_multigraph()
    yield ["source", "source_label", "target", "target_label", *(["key"] if keyed else []), *names]
    edges = G.edges(keys=True, data=True) if keyed else ((a, b, None, d) for a, b, d in G.edges(data=True))
    for a, b, key, data in edges:
        row = [a, G.nodes[a].get("label", ""), b, G.nodes[b].get("label", "")]
        if keyed:
            row.append(key)
        yield row + ["" if data.get(name) is None else _scalar(data[name]) for name in names]


def _text(G: nx.Graph, fmt: str) -> Iterator[str]:
    if fmt == "graphml":
        for line in nx.generate_graphml(sanitize_graph(G), encoding="utf-8", prettyprint=True):
            yield line + "\n"
    elif fmt == "gexf":
        for line in nx.generate_gexf(sanitize_graph(G, gexf=True), encoding="utf-8", prettyprint=True):
            yield line + "\n"
    elif fmt == "json":
        data = nx.node_link_data(G, edges="edges")
        yield json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True, default=_scalar) + "\n"
    else:
        raise AssertionError(fmt)


def _write(G: nx.Graph, fmt: str, out: TextIO) -> None:
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerows(_csv_lines(G))
    else:
        out.writelines(_text(G, fmt))


def write_graph(G: nx.Graph, fmt: str, out: Path | str | TextIO) -> None:
    """Write a graph in one of :data:`GRAPH_FORMATS`.

    Parameters
    ----------
    G : networkx.Graph
        A projection (any networkx graph).
    fmt : str
        ``graphml``, ``gexf``, ``json`` (networkx node-link data, edges under
        ``"edges"``) or ``csv`` (one edge per line: source and target with
        their labels, the key of a multigraph edge, then every edge attribute).
    out : Path, str or text stream
        A file to write (UTF-8), or an open text stream such as ``sys.stdout``.

    Raises
    ------
    ConfigError
        For an unknown format, or a file that cannot be written.
    """
    if fmt not in GRAPH_FORMATS:
        raise ConfigError(f"unknown graph format {fmt!r}; use one of {', '.join(GRAPH_FORMATS)}")
    if isinstance(out, (str, Path)):
        path = Path(out)
        try:
            with path.open("w", encoding="utf-8", newline="") as handle:
                _write(G, fmt, handle)
        except OSError as e:
            raise ConfigError(f"cannot write {path}: {e}; choose a writable path") from e
    else:
        _write(G, fmt, out)


def export_graph(
    store: Any,
    *,
    projection: str = "actors",
    fmt: str = "graphml",
    out: Path | str | TextIO,
    **filters: Any,
) -> nx.Graph:
    """Draw a projection from the store and write it: ``kg export --projection P --format F`` in one call.

    ``filters`` are those of :func:`kg.analytics.projection` (``since``,
    ``until``, ``types``, ``country``, ``asserted_only``, ``include_negated``,
    ``min_count``). Returns the graph written.
    """
    from kg.analytics.projections import projection as draw

    if fmt not in GRAPH_FORMATS:
        raise ConfigError(f"unknown graph format {fmt!r}; use one of {', '.join(GRAPH_FORMATS)}")
    G = draw(store, projection, **filters)
    write_graph(G, fmt, out)
    return G
