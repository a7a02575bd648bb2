"""What the pictures draw: aggregated edges, polarity, node cap, dates, safe JSON."""

from __future__ import annotations

import json
from typing import Any

import networkx as nx
import pytest

from kg.errors import ConfigError
from kg.viz.html import embed_json, render_html
from kg.viz.prepare import date_period, load_style, page_data
from kg.viz.quads import QUADS
from tests.viz.conftest import ARM, AZE, OSCE, PUTIN


def test_events_of_one_dyad_and_type_become_one_edge(G: Any) -> None:
    G.add_edge(ARM, AZE, event="extra", type="ACCUSE", goldstein=-2.0, date="2020-10-20", evidence="Again.")
    data = page_data(G, title="t")
    accuse = [e for e in data["edges"] if (e["source"], e["target"], e["type"]) == (ARM, AZE, "ACCUSE")]
    assert len(accuse) == 1
    assert accuse[0]["count"] == 2
    assert [event["date"] for event in accuse[0]["events"]] == ["2020-10-01", "2020-10-20"]
    assert accuse[0]["label"] == "ACCUSE \u00d72"
    assert sum(edge["count"] for edge in data["edges"]) == G.number_of_edges()


@pytest.mark.parametrize(
    ("source", "target", "kind", "quad", "side"),
    [(ARM, AZE, "ACCUSE", 3, "conflict"), (PUTIN, ARM, "CONSULT", 1, "cooperation"), (OSCE, ARM, "AID", 2, "cooperation")],
)
def test_edges_are_coloured_by_quad_class(G: Any, source: str, target: str, kind: str, quad: int, side: str) -> None:
    data = page_data(G, title="t")
    edge = next(e for e in data["edges"] if (e["source"], e["target"], e["type"]) == (source, target, kind))
    assert (edge["quad"], edge["polarity"]) == (quad, side)
    assert edge["color"] == load_style()["quad_colors"][QUADS[quad].key]


def test_quad_class_not_goldstein_sign_decides_the_side() -> None:
    # an appeal for de-escalation is verbal cooperation (CAMEO root 02) though it scores below zero
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", type="APPEAL", cameo="024", goldstein=-0.3, quad_class=1)
    G.add_edge("c", "d", type="APPEAL", cameo="024", goldstein=-0.3, quad_class=None)
    data = page_data(G, title="t")
    assert [(e["quad"], e["polarity"]) for e in data["edges"]] == [(1, "cooperation"), (1, "cooperation")]


def test_node_cap_keeps_highest_pagerank(chain: Any) -> None:
    data = page_data(chain, title="t", max_nodes=5)
    ids = [node["id"] for node in data["nodes"]]
    assert len(ids) == 5 and ids[0] == "hub"
    assert "top 5 of 41 actors" in data["notice"]
    assert all(edge["target"] == "hub" and edge["source"] in ids for edge in data["edges"])


def test_nodes_sized_by_given_pagerank(G: Any) -> None:
    ranks = {node: 0.01 for node in G.nodes}
    ranks[OSCE] = 0.9
    data = page_data(G, title="t", metrics={"pagerank": ranks, "betweenness": {OSCE: 0.5}})
    sizes = {node["id"]: node["size"] for node in data["nodes"]}
    assert max(sizes, key=sizes.__getitem__) == OSCE
    osce = next(node for node in data["nodes"] if node["id"] == OSCE)
    assert osce["metrics"] == {"betweenness": 0.5, "pagerank": 0.9}


@pytest.mark.parametrize(
    ("color_by", "legend"),
    [("type", {"Country", "Person", "InternationalOrganization"}), ("country", {"ARM", "AZE", "RUS", "other"})],
)
def test_node_colours_and_legend(G: Any, color_by: str, legend: set[str]) -> None:
    data = page_data(G, title="t", color_by=color_by)
    assert {name for name, _ in data["legend"]["nodes"]} == legend
    by_label = {node["label"]: node["color"] for node in data["nodes"]}
    assert by_label["Armenia"] != by_label["Vladimir Putin"]


def test_unknown_colouring_is_refused(G: Any) -> None:
    with pytest.raises(ConfigError, match="country"):
        page_data(G, title="t", color_by="mood")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020", ("2020-01-01", "2020-12-31")),
        ("2021-02", ("2021-02-01", "2021-02-28")),
        ("2020-12", ("2020-12-01", "2020-12-31")),
        ("2020-12-02T10:00:00", ("2020-12-02", "2020-12-02")),
        ("not a date", None),
        (None, None),
    ],
)
def test_date_period(value: str | None, expected: tuple[str, str] | None) -> None:
    assert date_period(value) == expected


@pytest.mark.parametrize("text", ["</script><script>alert(1)</script>", "<!-- x", "a & b > c", "\u2028 line"])
def test_embedded_json_cannot_break_out_and_reads_back(text: str) -> None:
    embedded = embed_json({"evidence": text})
    assert "<" not in embedded and ">" not in embedded and "&" not in embedded
    assert json.loads(embedded) == {"evidence": text}


def test_page_embeds_no_raw_markup_from_data(G: Any) -> None:
    page = render_html(G, title="<b>title</b>")
    assert "<script>alert(1)</script>" not in page
    assert "<title>&lt;b&gt;title&lt;/b&gt;</title>" in page


def test_empty_graph_still_renders() -> None:
    page = render_html(nx.MultiDiGraph(), title="empty")
    assert '"nodes": []' in page


def test_unknown_layout_is_refused(G: Any) -> None:
    with pytest.raises(ConfigError, match="layout"):
        render_html(G, title="t", layout="spiral")
