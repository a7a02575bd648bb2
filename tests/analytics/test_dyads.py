"""Dyad summaries, structural balance and escalation of the made-up world, worked out by hand."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.analytics import (
    actor_network,
    dyad_summaries,
    escalations,
    monthly_goldstein,
    signed_graph,
    structural_balance,
)
from kg.store import Store
from tests.analytics.world import A, B, D, E, H


@pytest.fixture
def G(store: Store) -> nx.MultiDiGraph:
    return actor_network(store)


def test_dyad_summaries_directed(G: nx.MultiDiGraph) -> None:
    rows = dyad_summaries(G)
    assert [(r.source_label, r.target_label, r.events) for r in rows] == [
        ("Avaria", "Borland", 3),
        ("Delta Brigade", "Avaria", 2),
        ("Eskor", "Harbour Council", 2),
        ("Borland", "Avaria", 1),
        ("Borland", "Delta Brigade", 1),
        ("Harbour Council", "Avaria", 1),
        ("Harbour Council", "Borland", 1),
    ]
    ab = rows[0]
    # +1 call, -10 shelling, -2 accusation
    assert (ab.goldstein_sum, ab.goldstein_mean) == (-11.0, pytest.approx(-11 / 3, abs=1e-6))
    assert (ab.positive, ab.negative, ab.cooperation, ab.conflict) == (1, 2, 1, 2)
    assert (ab.first, ab.last) == ("2020-08-15", "2020-10-05")
    eh = rows[2]
    # a year-precision date sorts by the year's first day: 2019 before October 2020
    assert (eh.goldstein_sum, eh.first, eh.last) == (2.9, "2019", "2020-10-11")


def test_dyad_summaries_undirected(G: nx.MultiDiGraph) -> None:
    rows = {(r.source, r.target): r for r in dyad_summaries(G, directed=False)}
    assert len(rows) == 6
    ab = rows[(A, B)]
    assert (ab.events, ab.goldstein_sum, ab.first, ab.last) == (4, -21.0, "2020-08-15", "2020-10-05")


def test_signed_graph_signs(G: nx.MultiDiGraph) -> None:
    S = signed_graph(G)
    signs = {frozenset((a, b)): s for a, b, s in S.edges(data="sign")}
    assert signs == {
        frozenset((A, B)): -1, frozenset((A, D)): -1, frozenset((B, D)): 1,
        frozenset((A, H)): 1, frozenset((B, H)): 1, frozenset((E, H)): 1,
    }


def test_signed_graph_leaves_out_pairs_that_sum_to_zero() -> None:
    G = nx.MultiDiGraph()
    G.add_edge("x", "y", key="1", goldstein=-2.0)
    G.add_edge("y", "x", key="2", goldstein=2.0)
    assert signed_graph(G).number_of_edges() == 0


def test_structural_balance_by_hand(G: nx.MultiDiGraph) -> None:
    # {A, B, D}: A-B -, A-D -, B-D +: the enemy of my enemy is my friend, balanced.
    # {A, B, H}: A-B -, A-H +, B-H +: a friend of two enemies, unbalanced.
    balance = structural_balance(G)
    assert (balance.triads, balance.balanced, balance.unbalanced, balance.ratio) == (2, 1, 1, 0.5)
    assert [(t.labels, t.signs, t.balanced) for t in balance.details] == [
        ("Avaria / Borland / Harbour Council", "-++", False),
        ("Avaria / Borland / Delta Brigade", "--+", True),
    ]


def test_balance_with_negated_events(store: Store) -> None:
    # the denied attack A -> E closes {A, E, H}: A-E -, A-H +, E-H +, unbalanced
    balance = structural_balance(actor_network(store, include_negated=True))
    assert (balance.triads, balance.balanced, balance.unbalanced) == (3, 1, 2)


@pytest.mark.parametrize(
    ("signs", "balanced"),
    [((1, 1, 1), True), ((1, -1, -1), True), ((1, 1, -1), False), ((-1, -1, -1), False)],
)
def test_balance_rule(signs: tuple[int, int, int], balanced: bool) -> None:
    G = nx.MultiDiGraph()
    for (a, b), sign in zip((("x", "y"), ("x", "z"), ("y", "z")), signs, strict=True):
        G.add_edge(a, b, key=a + b, goldstein=5.0 * sign)
    result = structural_balance(G)
    assert (result.triads, result.balanced) == (1, int(balanced))


def test_monthly_goldstein_by_hand(G: nx.MultiDiGraph) -> None:
    rows = [(r.a_label, r.b_label, r.month, r.events, r.goldstein_sum, r.change, r.escalation)
            for r in monthly_goldstein(G)]
    assert rows == [
        ("Avaria", "Borland", "2020-08", 1, 1.0, None, False),  # first month: no baseline
        ("Avaria", "Borland", "2020-09", 2, -20.0, -21.0, True),  # two shellings after a call
        ("Avaria", "Borland", "2020-10", 1, -2.0, 18.0, False),
        ("Avaria", "Delta Brigade", "2020-06", 1, 1.0, None, False),
        # October had no events (0): -9 is less than one attack's worth of drop
        ("Avaria", "Delta Brigade", "2020-11", 1, -9.0, -9.0, False),
        ("Avaria", "Harbour Council", "2020-10", 1, 5.0, None, False),
        ("Borland", "Delta Brigade", "2020-09", 1, 8.3, None, False),
        ("Borland", "Harbour Council", "2020-10", 1, 5.0, None, False),
        # the 2019 consultations cannot be placed in a month
        ("Eskor", "Harbour Council", "2020-10", 1, 1.9, None, False),
    ]


@pytest.mark.parametrize(
    ("drop", "expected"),
    [
        (None, [("Avaria", "Borland", "2020-09", -21.0)]),
        (9.0, [("Avaria", "Borland", "2020-09", -21.0), ("Avaria", "Delta Brigade", "2020-11", -9.0)]),
        (25.0, []),
    ],
)
def test_escalations(G: nx.MultiDiGraph, drop: float | None, expected: list[tuple[str, str, str, float]]) -> None:
    assert [(r.a_label, r.b_label, r.month, r.change) for r in escalations(G, drop=drop)] == expected
