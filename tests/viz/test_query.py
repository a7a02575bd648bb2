"""A SPARQL query chooses the part of the actor network to draw."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kg.errors import QueryError
from kg.ids import ID_BASE
from kg.store import Store
from kg.viz import render_html, subgraph_from_query
from tests.viz.conftest import ARM, AZE, OSCE, PUTIN

ARMENIAN_ACCUSATIONS = """
SELECT ?event WHERE { ?event a ckg:Accuse ; ckg:agent ?a . ?a ckg:countryCode "ARM" }
"""
PERSONS = "SELECT ?p WHERE { ?p a ckg:Person }"
AIDERS = """
CONSTRUCT { ?agent ckg:affiliatedWith ?target } WHERE { ?e a ckg:Aid ; ckg:agent ?agent ; ckg:target ?target }
"""


def _edges(G: Any) -> list[tuple[str, str, str]]:
    return sorted((s, t, attrs["type"]) for s, t, attrs in G.edges(data=True))


def test_select_of_events_keeps_those_edges(store: Store, G: Any) -> None:
    chosen = subgraph_from_query(store, ARMENIAN_ACCUSATIONS, G=G)
    assert _edges(chosen) == [(ARM, AZE, "ACCUSE")]
    assert chosen.nodes[ARM]["label"] == "Armenia"


def test_select_of_actors_keeps_edges_among_them(store: Store, G: Any) -> None:
    chosen = subgraph_from_query(store, PERSONS, G=G)
    assert sorted(chosen.nodes) == [PUTIN]
    assert chosen.number_of_edges() == 0


def test_construct_keeps_the_actors_it_returns(store: Store, G: Any) -> None:
    chosen = subgraph_from_query(store, AIDERS, G=G)
    assert sorted(chosen.nodes) == sorted([ARM, OSCE])
    assert _edges(chosen) == [(OSCE, ARM, "AID")]


def test_query_from_a_file(store: Store, G: Any, tmp_path: Path) -> None:
    path = tmp_path / "persons.rq"
    path.write_text(PERSONS, encoding="utf-8")
    assert sorted(subgraph_from_query(store, str(path), G=G).nodes) == [PUTIN]


def test_library_query_with_parameters(store: Store, G: Any) -> None:
    chosen = subgraph_from_query(store, "actors_of_country", G=G, params={"country": "RUS"})
    assert PUTIN in chosen.nodes and ARM not in chosen.nodes


def test_ask_is_refused(store: Store, G: Any) -> None:
    with pytest.raises(QueryError, match="SELECT or CONSTRUCT"):
        subgraph_from_query(store, "ASK { ?s ?p ?o }", G=G)


def test_unknown_library_name_is_refused(store: Store, G: Any) -> None:
    with pytest.raises(QueryError, match="no library query"):
        subgraph_from_query(store, "actors_by_mention", G=G)


def test_projects_the_store_itself(store: Store) -> None:
    pytest.importorskip("kg.analytics")
    chosen = subgraph_from_query(store, ARMENIAN_ACCUSATIONS)
    assert [(s, t) for s, t in chosen.edges()] == [(ARM, AZE)]
    page = render_html(chosen, title="Armenian accusations")
    assert ID_BASE + "event/viz-test-1/1" in page
