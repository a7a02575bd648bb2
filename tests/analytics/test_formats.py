"""Graph files for other tools, read back with networkx's own readers."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from kg.analytics import GRAPH_FORMATS, actor_network, export_graph, projection, sanitize_graph, write_graph
from kg.errors import ConfigError
from kg.store import Store
from tests.analytics.world import A, B, H, event_iri


def _read(path: Path, fmt: str) -> nx.Graph:
    if fmt == "graphml":
        return nx.read_graphml(path)
    if fmt == "gexf":
        return nx.read_gexf(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    return nx.node_link_graph(data, edges="edges")


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_actor_network_round_trips(store: Store, tmp_path: Path, fmt: str) -> None:
    G = actor_network(store)
    path = tmp_path / f"actors.{fmt}"
    write_graph(G, fmt, path)
    back = _read(path, fmt)
    assert back.is_directed() and back.is_multigraph()
    assert sorted(back) == sorted(G)
    assert back.number_of_edges() == G.number_of_edges() == 11
    assert back.nodes[A]["label"] == "Avaria"
    assert back.nodes[H]["sector"] == "IGO"
    edges = {data.get("event"): data for _, _, data in back.edges(data=True)}
    claimed = edges[event_iri("w2", 2)]
    assert claimed["goldstein"] == -10.0
    assert claimed["claimed"] is True
    assert claimed["evidence"] == "According to Avaria, Borland fired on Avarian villages first."
    assert claimed["event_type" if fmt == "gexf" else "type"] == "Fight"
    # a tuple of speakers: a list in JSON, ';'-joined text in XML, absent when empty
    assert claimed["claimed_by"] == ([A] if fmt == "json" else A)
    assert edges[event_iri("w3", 1)].get("claimed_by") == ([] if fmt == "json" else None)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_formats_drop_missing_values(store: Store, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"actors.{fmt}"
    write_graph(actor_network(store), fmt, path)
    back = _read(path, fmt)
    assert "country" not in back.nodes[H]  # the Council has no country: no attribute, not "None"
    assert "None" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_dyad_graph_round_trips_with_weights(store: Store, tmp_path: Path, fmt: str) -> None:
    G = projection(store, "dyads")
    path = tmp_path / f"dyads.{fmt}"
    write_graph(G, fmt, path)
    back = _read(path, fmt)
    assert back.number_of_edges() == 7
    data = back.get_edge_data(A, B)
    data = data[next(iter(data))] if back.is_multigraph() else data
    assert float(data["weight"]) == -11.0
    assert int(data["events"]) == 3


def test_csv_edge_list(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "actors.csv"
    write_graph(actor_network(store), "csv", path)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 11
    row = next(r for r in rows if r["key"] == event_iri("w2", 2))
    assert (row["source"], row["source_label"], row["target"], row["target_label"]) == (B, "Borland", A, "Avaria")
    assert (row["goldstein"], row["claimed"], row["type"], row["modality"]) == ("-10.0", "True", "Fight", "")


def test_csv_of_a_simple_graph_has_no_key_column(store: Store) -> None:
    out = io.StringIO()
    write_graph(projection(store, "comention"), "csv", out)
    header, *rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert header == ["source", "source_label", "target", "target_label", "weight"]
    assert len(rows) == 7


@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_write_to_a_stream(store: Store, fmt: str) -> None:
    out = io.StringIO()
    write_graph(actor_network(store, types=["FIGHT"]), fmt, out)
    assert "Avaria" in out.getvalue()


def test_sanitize_graph_makes_attributes_plain() -> None:
    G = nx.Graph(name="demo", note=None)
    G.add_node("a", tags=["y", "x"], seen=date(2020, 1, 2), gone=None, score=1)
    G.add_node("b", score=0.5)
    G.add_edge("a", "b", type="Fight", start=3)
    H_ = sanitize_graph(G, gexf=True)
    assert H_.graph == {"name": "demo"}
    assert H_.nodes["a"] == {"tags": "x;y", "seen": "2020-01-02", "score": 1.0}  # one numeric type per key
    assert H_.edges["a", "b"] == {"event_type": "Fight", "start_date": 3}
    assert sanitize_graph(G).edges["a", "b"] == {"type": "Fight", "start": 3}


def test_bipartite_graph_exports_to_graphml(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "bipartite.graphml"
    write_graph(projection(store, "bipartite"), "graphml", path)
    back = nx.read_graphml(path)
    assert {back.nodes[n]["kind"] for n in back} == {"actor", "event"}
    assert back.number_of_edges() == 22


def test_export_graph_in_one_call(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "fights.gexf"
    G = export_graph(store, projection="actors", fmt="gexf", out=path, types=["FIGHT"])
    assert G.number_of_edges() == 2
    assert nx.read_gexf(path).number_of_edges() == 2


@pytest.mark.parametrize("fmt", ["dot", "pajek"])
def test_unknown_format(store: Store, fmt: str) -> None:
    with pytest.raises(ConfigError, match="unknown graph format"):
        write_graph(actor_network(store), fmt, io.StringIO())
    with pytest.raises(ConfigError, match="unknown graph format"):
        export_graph(store, fmt=fmt, out=io.StringIO())


def test_unwritable_path(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot write"):
        write_graph(actor_network(store), "json", tmp_path / "missing" / "graph.json")
