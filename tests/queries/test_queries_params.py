"""Resolving query names and binding parameters safely."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import QueryError
from kg.queries import bind_params, get_query, parse_query, resolve_query
from kg.store import SelectResult, Store

HEADER = """# title: Demo
# description: A test query.
# param: name (optional) a label
# param: code (required, code) a country code
# param: since (optional, date) a day
# param: who (optional, iri) an entity
# param: limit (default 5) rows
"""
BODY = """SELECT ?s WHERE {
  VALUES ?name { UNDEF }
  VALUES ?code { UNDEF }
  VALUES ?since { UNDEF }
  VALUES ?who { UNDEF }
  ?s ?p ?o .
}
LIMIT 10
"""


def test_resolve_text_path_and_name(tmp_path: Path) -> None:
    text = "SELECT * WHERE { ?s ?p ?o }"
    assert resolve_query(text) == text
    path = tmp_path / "mine.rq"
    path.write_text(HEADER + BODY, encoding="utf-8")
    assert resolve_query(str(path)) == HEADER + BODY
    assert resolve_query("actors_by_mentions") == get_query("actors_by_mentions").text


@pytest.mark.parametrize(
    ("given", "message"),
    [("actors_by_mention", "did you mean actors_by_mentions"), ("nothing_like_it", "kg query --list"),
     ("missing/file.rq", "cannot read the query file")],
)
def test_resolve_errors(given: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        resolve_query(given)


def test_values_are_written_as_escaped_terms() -> None:
    text = bind_params(HEADER + BODY, {
        "name": 'say "hi" } DROP ALL {', "code": "arm", "since": "2020-09-27",
        "who": "id:country/arm", "limit": "3",
    })
    assert 'VALUES ?name { "say \\"hi\\" } DROP ALL {" }' in text
    assert 'VALUES ?code { "ARM" }' in text
    assert 'VALUES ?since { "2020-09-27"^^<http://www.w3.org/2001/XMLSchema#date> }' in text
    assert "VALUES ?who { <https://w3id.org/conflict-kg/id/country/arm> }" in text
    assert text.rstrip().endswith("LIMIT 3")


def test_defaults_fill_and_optional_stays_unbound() -> None:
    text = bind_params(HEADER + BODY, {"code": "AZE"})
    assert "VALUES ?name { UNDEF }" in text
    assert text.rstrip().endswith("LIMIT 5")


def test_injection_attempt_is_just_a_string(world_store: Store) -> None:
    text = bind_params(get_query("entity_names"), {"name": 'x" } } ; ?s ?p ?o { "'})
    result = world_store.query(text)
    assert isinstance(result, SelectResult) and result.rows == ()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"code": "ARM", "colour": "red"}, "no parameter colour"),
        ({}, "needs parameter code"),
        ({"code": "ARM", "since": "yesterday"}, "not a valid date"),
        ({"code": "ARM", "who": "not an iri"}, "not a valid iri"),
        ({"code": "ARM", "limit": "many"}, "not a whole number"),
        ({"code": "ARM", "limit": "-1"}, "must not be negative"),
    ],
)
def test_bad_parameters(params: dict[str, str], message: str) -> None:
    with pytest.raises(QueryError, match=message):
        bind_params(HEADER + BODY, params)


def test_declared_parameter_needs_its_placeholder() -> None:
    with pytest.raises(QueryError, match="placeholder"):
        bind_params("# param: x (optional) a thing\nSELECT * WHERE { ?s ?p ?x }", {"x": "1"})


def test_placeholder_inside_a_string_or_comment_is_not_replaced() -> None:
    text = '# param: x (optional) a thing\nSELECT * WHERE { BIND("VALUES ?x { UNDEF }" AS ?y) VALUES ?x { UNDEF } }'
    bound = bind_params(text, {"x": "v"})
    assert bound.count('"v"') == 1 and '"VALUES ?x { UNDEF }"' in bound


def test_bad_header_spec_names_the_query() -> None:
    with pytest.raises(QueryError, match="unknown spec"):
        parse_query("# param: x (sometimes) what\nSELECT * {}", name="odd")
