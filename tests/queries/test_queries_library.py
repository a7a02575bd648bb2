"""Every library query, run on a made-up world, gives exactly the expected rows."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from kg.queries import bind_params, get_query, list_queries
from kg.resources import QUERIES_DIR
from kg.store import SelectResult, Store

EXPECTED = Path(__file__).resolve().parent / "expected"
ID = "https://w3id.org/conflict-kg/id/"
QUERY_NAMES = sorted(path.stem for path in QUERIES_DIR.glob("*.rq"))


def _cases() -> list[Any]:
    cases = []
    for path in sorted(EXPECTED.glob("*.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        if expected.get("fixture", "world.trig") != "world.trig":
            continue  # run on their own fixture by test_event_queries.py
        for i, case in enumerate(expected["cases"]):
            cases.append(pytest.param(path.stem, case, id=f"{path.stem}-{i}"))
    return cases


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(ID):
        return "id:" + value[len(ID):]
    return value


def test_library_has_the_analyst_queries() -> None:
    assert len(QUERY_NAMES) >= 8
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", name) for name in QUERY_NAMES)


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_every_query_has_a_header_and_expected_rows(name: str) -> None:
    query = get_query(name)
    assert query.title and query.description
    assert (EXPECTED / f"{name}.json").is_file(), f"write tests/queries/expected/{name}.json"


@pytest.mark.parametrize(("name", "case"), _cases())
def test_query_rows(world_store: Store, name: str, case: dict[str, Any]) -> None:
    result = world_store.query(bind_params(get_query(name), case["params"]))
    assert isinstance(result, SelectResult)
    assert list(result.variables) == case["columns"]
    assert [[_plain(v) for v in row] for row in result.rows] == case["rows"]


def test_fixture_offsets_point_at_the_mention_text(world_store: Store) -> None:
    result = world_store.query(
        "SELECT ?text ?start ?end ?body ?sentenceStart ?sentenceEnd WHERE { ?m ckg:text ?text ; "
        "ckg:charStart ?start ; ckg:charEnd ?end ; ckg:inArticle ?a ; ckg:sentenceStart ?sentenceStart ; "
        "ckg:sentenceEnd ?sentenceEnd . ?a ckg:articleText ?body }"
    )
    assert isinstance(result, SelectResult) and len(result.rows) == 22
    for text, start, end, body, sentence_start, sentence_end in result.rows:
        assert body[start:end] == text  # type: ignore[index]
        assert sentence_start <= start < end <= sentence_end  # type: ignore[operator]


def test_list_queries_reads_the_headers() -> None:
    by_name = {query.name: query for query in list_queries()}
    assert sorted(by_name) == QUERY_NAMES
    limit = by_name["actors_by_mentions"].param("limit")
    assert limit is not None and limit.default == "50" and limit.type == "integer"
    country = by_name["actors_of_country"].param("country")
    assert country is not None and country.required and country.type == "code"
