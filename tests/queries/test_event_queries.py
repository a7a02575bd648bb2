"""The event queries, run on a made-up world of events and claims, give exactly the expected rows.

Their expected files name ``"fixture": "events.trig"``; the world is written by
``make_events_fixture.py`` through the real mapping, and checked here to be
what the mapping writes and to satisfy the SHACL shapes.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.queries import bind_params, get_query
from kg.store import SelectResult, Store
from kg.validate import validate_graph
from tests.queries.conftest import WORLD, world_graphs
from tests.queries.make_events_fixture import FIXTURE, build_dataset

EXPECTED = Path(__file__).resolve().parent / "expected"
ID = "https://w3id.org/conflict-kg/id/"
# the event queries the issue asks for (item 10), besides the extra ones
REQUIRED = (
    "actor_timeline", "appeals_for_deescalation", "claims_by_speaker", "contested_claims", "event_evidence",
    "events_in_range", "fighting_by_dyad_month", "hostility_by_dyad", "mediators", "who_accuses_whom",
)


def _expected() -> dict[str, list[dict[str, Any]]]:
    found = {}
    for path in sorted(EXPECTED.glob("*.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        if expected.get("fixture") == FIXTURE.name:
            found[path.stem] = expected["cases"]
    return found


def _cases() -> list[Any]:
    return [
        pytest.param(name, case, id=f"{name}-{i}")
        for name, cases in _expected().items()
        for i, case in enumerate(cases)
    ]


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(ID):
        return "id:" + value[len(ID):]
    return value


def _rows(store: Store, name: str, params: dict[str, str]) -> tuple[list[str], list[list[Any]]]:
    result = store.query(bind_params(get_query(name), params))
    assert isinstance(result, SelectResult)
    return list(result.variables), [[_plain(v) for v in row] for row in result.rows]


@pytest.fixture(scope="module")
def events_store() -> Store:
    store = Store.open()
    store.replace_articles(world_graphs(FIXTURE).items())
    return store


@pytest.fixture(scope="module")
def both_worlds_store() -> Store:
    store = Store.open()
    store.replace_articles(world_graphs(WORLD).items())
    store.replace_articles(world_graphs(FIXTURE).items())
    return store


def test_the_library_has_the_event_queries() -> None:
    expected = _expected()
    assert set(REQUIRED) <= set(expected)
    assert len(expected) >= 10
    # every parameter of an event query is exercised by some case
    for name, cases in expected.items():
        given = {param for case in cases for param in case["params"]}
        declared = {param.name for param in get_query(name).params} - {"limit"}
        assert declared <= given, f"{name}: no expected case gives {sorted(declared - given)}"


@pytest.mark.parametrize(("name", "case"), _cases())
def test_event_query_rows(events_store: Store, name: str, case: dict[str, Any]) -> None:
    columns, rows = _rows(events_store, name, case["params"])
    assert columns == case["columns"]
    assert rows == case["rows"]


@pytest.mark.parametrize(("name", "case"), _cases())
def test_entities_without_events_add_no_rows(both_worlds_store: Store, name: str, case: dict[str, Any]) -> None:
    # the entity world has actors and places but no events: an event query that
    # let an unbound role or label join every entity would grow here
    assert _rows(both_worlds_store, name, case["params"]) == (case["columns"], case["rows"])


def _fixture_dataset() -> Dataset:
    dataset = Dataset(default_union=True)
    dataset.parse(FIXTURE, format="trig")
    return dataset


def test_fixture_is_what_the_mapping_writes() -> None:
    built, stored = build_dataset(), _fixture_dataset()
    names = {str(graph.identifier) for graph in built.graphs() if len(graph)}
    assert names == {str(graph.identifier) for graph in stored.graphs() if len(graph)}
    for name in sorted(names):
        expected, actual = built.graph(URIRef(name)), stored.graph(URIRef(name))
        if not isomorphic(expected, actual):
            _, missing, extra = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
            pytest.fail(
                f"{name} is stale; run python tests/queries/make_events_fixture.py\n"
                f"missing:\n{missing.serialize(format='nt')}\nextra:\n{extra.serialize(format='nt')}"
            )


def test_fixture_satisfies_the_shapes() -> None:
    report = validate_graph(_fixture_dataset())
    assert report.conforms, report.text()
