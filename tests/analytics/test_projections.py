"""Projections of the made-up world (tests/analytics/world.py) onto networkx graphs."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.analytics import (
    PROJECTIONS,
    actor_event_graph,
    actor_network,
    comention_graph,
    dyad_graph,
    event_rows,
    projection,
)
from kg.errors import ConfigError
from kg.ids import ID_BASE
from kg.store import Store
from tests.analytics.world import PORT, A, B, D, E, H, event_iri


def _events(G: nx.MultiDiGraph) -> list[str]:
    """The edges of an actor network as 'w2/1' and, for events with two edges, 'w3/2:A'."""
    names = {A: "A", B: "B", D: "D", E: "E", H: "H"}
    found = []
    for agent, target, key in G.edges(keys=True):
        short = key[len(ID_BASE + "event/"):]
        found.append(f"{short}:{names[agent]}{names[target]}")
    return sorted(found)


ALL = ["w1/1:AB", "w2/1:AB", "w2/2:BA", "w2/3:BD", "w3/1:AB", "w3/2:HA", "w3/2:HB",
       "w3/3:EH", "w4/1:DA", "w4/2:EH", "w5/1:DA"]


def test_actor_network_nodes_carry_label_type_country_sector(store: Store) -> None:
    G = actor_network(store)
    assert isinstance(G, nx.MultiDiGraph)
    assert sorted(G) == sorted([A, B, D, E, H])  # the city Port Sela acts in no event
    assert G.nodes[A] == {"label": "Avaria", "type": "Country", "country": "AVR", "sector": None}
    assert G.nodes[D] == {"label": "Delta Brigade", "type": "ArmedGroup", "country": "BOR", "sector": "REB"}
    assert G.nodes[H]["type"] == "InternationalOrganization"
    assert G.nodes[H]["sector"] == "IGO"


def test_actor_network_has_one_edge_per_event_and_target(store: Store) -> None:
    G = actor_network(store)
    # w3/4 is negated, w4/3 has no target: neither is an edge
    assert _events(G) == ALL
    assert G.number_of_edges(H, A) == G.number_of_edges(H, B) == 1


def test_edge_attributes_come_from_the_event(store: Store) -> None:
    G = actor_network(store)
    claimed = G.edges[B, A, event_iri("w2", 2)]
    assert claimed["type"] == "Fight"
    assert claimed["cameo"] == "190"
    assert claimed["goldstein"] == -10.0
    assert claimed["quad_class"] == 4
    assert claimed["date"] == "2020-09-27"
    assert claimed["date_source"] == "text"
    assert claimed["article"] == ID_BASE + "article/w2"
    assert claimed["claimed"] is True
    assert claimed["claimed_by"] == (A,)
    assert claimed["negated"] is False
    assert claimed["evidence"] == "According to Avaria, Borland fired on Avarian villages first."
    accusation = G.edges[A, B, event_iri("w3", 1)]
    assert accusation["type"] == "Accuse"  # the most specific class, not Disapprove or Event
    assert accusation["claimed"] is False and accusation["claimed_by"] == ()


@pytest.mark.parametrize(
    ("event", "pair", "expected"),
    [
        (("w3", 3), (E, H), ("2020-10-11", "publication")),  # no date of its own: the article's
        (("w2", 3), (B, D), ("2020-09", "text")),  # month precision kept
        (("w4", 2), (E, H), ("2019", "text")),  # year precision kept
    ],
)
def test_event_dates_keep_their_precision_or_fall_back_to_publication(
    store: Store, event: tuple[str, int], pair: tuple[str, str], expected: tuple[str, str]
) -> None:
    data = actor_network(store).edges[pair[0], pair[1], event_iri(*event)]
    assert (data["date"], data["date_source"]) == expected


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ALL),
        ({"include_negated": True}, sorted([*ALL, "w3/4:AE"])),
        ({"asserted_only": True}, [e for e in ALL if e != "w2/2:BA"]),
        ({"since": "2020-10-01"}, ["w3/1:AB", "w3/2:HA", "w3/2:HB", "w3/3:EH", "w4/1:DA"]),
        ({"until": "2020-09-30"}, ["w1/1:AB", "w2/1:AB", "w2/2:BA", "w2/3:BD", "w4/2:EH", "w5/1:DA"]),
        ({"since": "2020-09", "until": "2020-09"}, ["w2/1:AB", "w2/2:BA", "w2/3:BD"]),
        # a month-precision date overlaps a range inside its month
        ({"since": "2020-09-15", "until": "2020-09-20"}, ["w2/3:BD"]),
        ({"since": "2019", "until": "2019"}, ["w4/2:EH"]),
        ({"types": ["FIGHT"]}, ["w2/1:AB", "w2/2:BA"]),
        # Accuse is a Disapprove: the superclass selects it
        ({"types": ["DISAPPROVE"]}, ["w3/1:AB"]),
        ({"types": ["Aid", "assault"]}, ["w2/3:BD", "w4/1:DA"]),
        ({"types": ["CONSULT"]}, ["w1/1:AB", "w3/2:HA", "w3/2:HB", "w3/3:EH", "w4/2:EH", "w5/1:DA"]),
        # Borland and the Delta Brigade (a Borland group) are BOR: edges touching either
        ({"country": "BOR"},
         ["w1/1:AB", "w2/1:AB", "w2/2:BA", "w2/3:BD", "w3/1:AB", "w3/2:HB", "w4/1:DA", "w5/1:DA"]),
        ({"country": "esk"}, ["w3/3:EH", "w4/2:EH"]),
        ({"country": "ESK", "include_negated": True}, ["w3/3:EH", "w3/4:AE", "w4/2:EH"]),
        ({"types": ["FIGHT"], "asserted_only": True}, ["w2/1:AB"]),
        ({"types": ["Protest"]}, []),
    ],
)
def test_filters(store: Store, filters: dict[str, object], expected: list[str]) -> None:
    assert _events(actor_network(store, **filters)) == expected  # type: ignore[arg-type]


def test_filtered_network_keeps_only_actors_with_edges(store: Store) -> None:
    G = actor_network(store, types=["FIGHT"])
    assert sorted(G) == sorted([A, B])


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"since": "last week"}, "not a date"),
        ({"since": "2021", "until": "2020"}, "ends"),
        ({"types": ["SHOUT"]}, "unknown event type"),
        ({"types": ["Person"]}, "unknown event type"),
        ({"country": "Avaria"}, "alpha-3"),
    ],
)
def test_bad_filters_raise_config_error(store: Store, filters: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        actor_network(store, **filters)  # type: ignore[arg-type]


def test_event_rows_include_events_without_target(store: Store) -> None:
    rows = event_rows(store)
    statement = [r for r in rows if r.event == event_iri("w4", 3)]
    assert len(statement) == 1
    assert (statement[0].agent, statement[0].target, statement[0].type) == (H, None, "Statement")


def test_directed_dyad_graph_sums_events_per_ordered_pair(store: Store) -> None:
    G = dyad_graph(store)
    assert isinstance(G, nx.DiGraph) and not G.is_multigraph()
    assert G.number_of_edges() == 7
    ab = G.edges[A, B]  # +1 (call), -10 (shelling), -2 (accusation)
    assert (ab["events"], ab["weight"], ab["sign"]) == (3, -11.0, -1)
    assert (ab["positive"], ab["negative"], ab["cooperation"], ab["conflict"]) == (1, 2, 1, 2)
    assert (ab["first"], ab["last"]) == ("2020-08-15", "2020-10-05")
    assert G.edges[B, A]["weight"] == -10.0
    assert G.edges[E, H]["weight"] == pytest.approx(2.9)
    assert (G.edges[E, H]["first"], G.edges[E, H]["last"]) == ("2019", "2020-10-11")


def test_undirected_dyad_graph_sums_both_directions(store: Store) -> None:
    G = dyad_graph(store, directed=False)
    assert not G.is_directed()
    assert G.number_of_edges() == 6
    assert (G.edges[A, B]["events"], G.edges[A, B]["weight"]) == (4, -21.0)
    assert G.edges[A, D]["weight"] == -8.0  # +1 talks, -9 attack


def test_actor_event_graph_is_bipartite_with_roles(store: Store) -> None:
    G = actor_event_graph(store)
    actors = {n for n, kind in G.nodes(data="kind") if kind == "actor"}
    events = {n for n, kind in G.nodes(data="kind") if kind == "event"}
    assert actors == {A, B, D, E, H}
    # eleven events: all but the negated one, the statement without target included
    assert len(events) == 11 and event_iri("w4", 3) in events and event_iri("w3", 4) not in events
    assert nx.is_bipartite(G)
    assert {G.nodes[n]["bipartite"] for n in actors} == {0}
    assert {G.nodes[n]["bipartite"] for n in events} == {1}
    # two actors per event, three for the mediation, one for the statement
    assert G.number_of_edges() == 22
    mediation = event_iri("w3", 2)
    assert {n: G.edges[n, mediation]["role"] for n in G[mediation]} == {H: "agent", A: "target", B: "target"}
    assert G.nodes[mediation]["label"] == "Consult 2020-10-10"
    assert G.nodes[A]["label"] == "Avaria"


def test_actor_event_graph_filters(store: Store) -> None:
    G = actor_event_graph(store, types=["Statement"])
    assert sorted(G.nodes) == sorted([H, event_iri("w4", 3)])


@pytest.mark.parametrize(
    ("min_count", "expected"),
    [
        # sentences naming both (the negated event's sentence still names Avaria and Eskor)
        (1, {(A, B): 5, (A, D): 2, (E, H): 2, (B, D): 1, (A, H): 1, (B, H): 1, (A, E): 1}),
        (2, {(A, B): 5, (A, D): 2, (E, H): 2}),
        (5, {(A, B): 5}),
        (6, {}),
    ],
)
def test_comention_graph_counts_sentences(store: Store, min_count: int, expected: dict[tuple[str, str], int]) -> None:
    G = comention_graph(store, min_count=min_count)
    found = {tuple(sorted((a, b))): w for a, b, w in G.edges(data="weight")}
    assert found == {tuple(sorted(pair)): n for pair, n in expected.items()}
    assert set(G) == {actor for pair in expected for actor in pair}
    assert PORT not in G  # a city is a place, not an actor


def test_comention_min_count_must_be_positive(store: Store) -> None:
    with pytest.raises(ConfigError):
        comention_graph(store, min_count=0)


@pytest.mark.parametrize(
    ("name", "kind", "edges"),
    [("actors", nx.MultiDiGraph, 11), ("dyads", nx.DiGraph, 7), ("bipartite", nx.Graph, 22), ("comention", nx.Graph, 7)],
)
def test_projection_by_name(store: Store, name: str, kind: type[nx.Graph], edges: int) -> None:
    assert name in PROJECTIONS
    G = projection(store, name)
    assert G.__class__ is kind
    assert G.number_of_edges() == edges
    assert G.graph["projection"] == name


def test_unknown_projection(store: Store) -> None:
    with pytest.raises(ConfigError, match="unknown projection"):
        projection(store, "hairball")


def test_empty_store_gives_empty_graphs() -> None:
    with Store.open() as empty:
        assert actor_network(empty).number_of_nodes() == 0
        assert comention_graph(empty).number_of_nodes() == 0
        assert actor_event_graph(empty).number_of_nodes() == 0


def test_building_twice_gives_the_same_graph(store: Store) -> None:
    first, second = actor_network(store), actor_network(store)
    assert list(first.nodes(data=True)) == list(second.nodes(data=True))
    assert list(first.edges(keys=True, data=True)) == list(second.edges(keys=True, data=True))


def test_attributes_from_several_articles_are_joined(store: Store) -> None:
    # another article calls the Delta Brigade a military force with sector MIL
    from datetime import date as day

    from kg.ids import article_iri
    from kg.mapping import extraction_to_graph
    from kg.model import Article, Entity, Event, EventArgument, Extraction

    text = "The Delta Brigade shelled Avaria."
    brigade = Entity(D, "Delta Brigade", "MilitaryForce", country="BOR", sector="MIL")
    avaria = Entity(A, "Avaria", "Country", country="AVR")
    event = Event(
        iri=event_iri("w6", 1), type="FIGHT", cameo="190", goldstein=-10.0, trigger=(18, 25),
        sentence=(0, len(text)), agents=(EventArgument(D, 4, 17, "Delta Brigade"),),
        targets=(EventArgument(A, 26, 32, "Avaria"),), date="2020-12-01",
    )
    extraction = Extraction(Article(id="w6", text=text, published=day(2020, 12, 2)),
                            entities=(brigade, avaria), events=(event,))
    store.replace_articles([(article_iri("w6"), extraction_to_graph(extraction))])
    G = actor_network(store)
    assert G.nodes[D]["sector"] == "MIL;REB"
    assert G.nodes[D]["country"] == "BOR"
    # ArmedGroup and MilitaryForce are both Organizations, neither covers the other
    assert G.nodes[D]["type"] == "ArmedGroup"
    assert G.nodes[A]["label"] == "Avaria"
    assert G.number_of_edges(D, A) == 3
