"""Centrality, communities and brokers of the made-up world, against answers worked out by hand.

The actor network (tests/analytics/world.py), one edge per event::

    A -> B  x3 (call, shelling, accusation)     B -> A  x1 (claimed fire)
    B -> D  x1 (weapons)                        D -> A  x2 (talks, attack)
    H -> A  x1, H -> B x1 (one mediation)       E -> H  x2 (visit, consultations)
"""

from __future__ import annotations

import networkx as nx
import pytest

from kg.analytics import (
    actor_metrics,
    actor_network,
    betweenness,
    brokers,
    communities,
    degrees,
    event_counts,
    pagerank,
)
from kg.store import Store
from tests.analytics.world import A, B, D, E, H


@pytest.fixture
def G(store: Store) -> nx.MultiDiGraph:
    return actor_network(store)


@pytest.mark.parametrize(
    ("actor", "expected"),
    # (in, out) counted in events: A is the target of the claimed fire, the
    # mediation, the talks and the attack; E is nobody's target
    [(A, (4, 3)), (B, (4, 2)), (D, (1, 2)), (H, (2, 2)), (E, (0, 2))],
)
def test_degrees_count_events(G: nx.MultiDiGraph, actor: str, expected: tuple[int, int]) -> None:
    assert degrees(G)[actor] == expected


def test_pagerank_by_hand(G: nx.MultiDiGraph) -> None:
    # With N = 5 actors, damping d = 0.85 and teleport t = (1 - d) / N = 0.03, each
    # actor sends its rank to its targets in proportion to events:
    # A: all to B; B: 1/2 to A, 1/2 to D; D: all to A; H: 1/2 A, 1/2 B; E: all to H.
    #   E = t                               = 0.03
    #   H = t + d E                         = 0.0555
    #   D = t + d B/2
    #   A = t + d (B/2 + D + H/2)           = 0.0790875 + 0.78625 B
    #   B = t + d (A + H/2)                 = 0.0535875 + 0.85 A
    # so B = 0.120811875 / 0.3316875 = 0.364234, A = 0.365466, D = 0.184800.
    ranks = pagerank(G)
    assert ranks[E] == pytest.approx(0.03, abs=1e-6)
    assert ranks[H] == pytest.approx(0.0555, abs=1e-6)
    assert ranks[B] == pytest.approx(0.364234, abs=1e-5)
    assert ranks[A] == pytest.approx(0.365466, abs=1e-5)
    assert ranks[D] == pytest.approx(0.184800, abs=1e-5)
    assert sum(ranks.values()) == pytest.approx(1.0, abs=1e-6)


def test_parallel_events_weigh_in_pagerank(G: nx.MultiDiGraph) -> None:
    # one more B -> A event: B now sends 2/3 of its rank to A instead of 1/2
    G.add_edge(B, A, key="extra", goldstein=-10.0)
    ranks = pagerank(G)
    assert ranks[A] > 0.365466 + 0.01


def test_betweenness_by_hand(G: nx.MultiDiGraph) -> None:
    # Directed dyads: D->A, A->B, B->A, B->D, H->A, H->B, E->H. Shortest paths
    # through another actor, each the only shortest path of its pair:
    #   A->B->D (B), D->A->B (A), H->B->D (B), E->H->A (H), E->H->B (H), E->H->B->D (H, B)
    # B and H lie on 3 of the 4 * 3 = 12 ordered pairs of others: 0.25; A on 1: 1/12.
    values = betweenness(G)
    assert values == {A: pytest.approx(1 / 12), B: 0.25, H: 0.25, D: 0.0, E: 0.0}


def test_sampled_betweenness_with_every_source_is_exact(G: nx.MultiDiGraph) -> None:
    # above exact_max_nodes networkx samples sources; sampling all five is exact
    assert betweenness(G, exact_max_nodes=2, sample=5) == betweenness(G)


def test_sampled_betweenness_is_reproducible() -> None:
    ring = nx.MultiDiGraph(nx.cycle_graph(30, create_using=nx.DiGraph))
    ring.add_edges_from((i, (i * 7) % 30) for i in range(30) if (i * 7) % 30 != i)
    first = betweenness(ring, exact_max_nodes=10, sample=8, seed=3)
    assert first == betweenness(ring, exact_max_nodes=10, sample=8, seed=3)
    assert first != betweenness(ring)  # eight sources of thirty: an estimate, not the exact values


def test_event_counts_graph(G: nx.MultiDiGraph) -> None:
    H_ = event_counts(G)
    assert dict(((min(a, b), max(a, b)), w) for a, b, w in H_.edges(data="weight")) == {
        (A, B): 4, (A, D): 2, (B, D): 1, (A, H): 1, (B, H): 1, (E, H): 2,
    }


def test_louvain_communities_by_hand(G: nx.MultiDiGraph) -> None:
    # Event counts per pair: A-B 4, A-D 2, B-D 1, A-H 1, B-H 1, E-H 2 (m = 11).
    # Weighted degrees: A 7, B 6, D 3, H 4, E 2. Modularity of {A,B,D} {E,H}:
    #   (7/11 - (16/22)^2) + (2/11 - (6/22)^2) = 0.1074 + 0.1074 = 0.215;
    # moving H to the first group gives (9/11 - (20/22)^2) + (0 - (2/22)^2) < 0.
    assert communities(G) == [frozenset({A, B, D}), frozenset({E, H})]


def test_communities_are_the_same_on_every_run(G: nx.MultiDiGraph) -> None:
    assert communities(G) == communities(G) == communities(G, seed=42)


def test_actor_metrics_are_ranked_by_pagerank(G: nx.MultiDiGraph) -> None:
    rows = actor_metrics(G)
    assert [r.label for r in rows] == ["Avaria", "Borland", "Delta Brigade", "Harbour Council", "Eskor"]
    assert [r.rank for r in rows] == [1, 2, 3, 4, 5]
    council = rows[3]
    assert (council.actor, council.type, council.sector, council.country) == (H, "InternationalOrganization", "IGO", None)
    assert (council.degree_in, council.degree_out, council.community, council.mediations) == (2, 2, 1, 1)
    assert council.betweenness == 0.25


def test_brokers_and_mediators(G: nx.MultiDiGraph) -> None:
    rows = brokers(G)
    # H and B tie on betweenness; H mediated (045), so it comes first. A made
    # one consultation (041, the call). D and E lie on no path and mediate nothing.
    assert [(r.label, r.kind, r.mediations, r.consultations) for r in rows] == [
        ("Harbour Council", "broker-mediator", 1, 0),
        ("Borland", "broker", 0, 0),
        ("Avaria", "broker", 0, 1),
    ]


def test_a_mediator_off_every_path_is_listed(G: nx.MultiDiGraph) -> None:
    G.add_edge(E, D, key="talks", cameo="046", goldstein=7.0)  # E negotiates with D
    rows = {r.label: r for r in brokers(G)}
    assert rows["Eskor"].kind == "mediator"
    assert rows["Eskor"].betweenness == 0.0


def test_empty_graph_metrics() -> None:
    empty = nx.MultiDiGraph()
    assert pagerank(empty) == {} and betweenness(empty) == {} and communities(empty) == []
    assert actor_metrics(empty) == [] and brokers(empty) == []
