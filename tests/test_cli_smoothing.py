"""The command line's rough edges, smoothed: names for IRIs, name search, formats, progress, tables."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from kg.progress import article_progress, count_articles, progress_line
from kg.queries import fold
from kg.tables import write_rows
from tests.cli_helpers import kg
from tests.conftest import EXAMPLES


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("smooth") / "store"
    result = kg("build", str(EXAMPLES), "--store", str(path))
    assert result.returncode == 0, result.stderr
    return path


def test_query_list_shows_descriptions() -> None:
    result = kg("query", "--list", "--format", "csv")
    rows = {row["name"]: row for row in csv.DictReader(io.StringIO(result.stdout))}
    assert "mentioned" in rows["entity_mentions"]["description"].lower()
    assert rows["actors_of_country"]["params"] == "country"


def test_parameter_errors_name_the_query(store: Path) -> None:
    result = kg("query", "actors_by_mentions", "-p", "limit=many", "--store", str(store))
    assert result.returncode == 1
    assert "query 'actors_by_mentions'" in result.stderr and "Traceback" not in result.stderr


def test_an_actor_is_given_by_name_or_alias(store: Path) -> None:
    by_iri = kg("query", "actor_timeline", "-p", "actor=id:country/kgz", "--store", str(store), "--format", "json")
    by_name = kg("query", "actor_timeline", "-p", "actor=kyrgyzstan", "--store", str(store), "--format", "json")
    assert by_iri.returncode == 0 and by_name.returncode == 0, by_name.stderr
    assert json.loads(by_name.stdout) == json.loads(by_iri.stdout) != []


def test_an_unknown_name_says_how_to_search(store: Path) -> None:
    result = kg("query", "actor_timeline", "-p", "actor=Narnia", "--store", str(store))
    assert result.returncode == 1
    assert "nothing in the store is called 'Narnia'" in result.stderr and "entity_names" in result.stderr


def test_name_search_matches_parts_in_any_case(store: Path) -> None:
    result = kg("query", "entity_names", "-p", "name=TAJIK", "--store", str(store), "--format", "json")
    labels = {row["label"] for row in json.loads(result.stdout)}
    assert {"Tajikistan", "Armed forces (Tajikistan)"} <= labels


@pytest.mark.parametrize(("text", "folded"), [("Şuşa", "susa"), ("Nagorno-KARABAKH", "nagorno-karabakh"), ("Zürich", "zurich")])
def test_folding_drops_case_and_accents(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_export_accepts_turtle_as_ttl(store: Path) -> None:
    turtle = kg("export", "--store", str(store), "--format", "turtle")
    assert turtle.returncode == 0 and turtle.stdout == kg("export", "--store", str(store), "--format", "ttl").stdout
    wrong = kg("export", "--store", str(store), "--format", "rdfxml")
    assert wrong.returncode != 0 and "Value error" not in wrong.stderr and "'rdfxml' is not a format" in wrong.stderr


def test_unchanged_rebuild_reports_the_entities_in_the_store(store: Path) -> None:
    result = kg("build", str(EXAMPLES), "--store", str(store))
    assert "built 0," in result.stderr
    assert "0 entities in the articles built" in result.stderr
    assert " 0 in the store" not in result.stderr and "in the store;" in result.stderr


def test_help_lists_building_before_exploring() -> None:
    text = kg("--help").stdout
    order = [text.index(f"│ {name} ") for name in ("build", "query", "export", "analyze", "viz", "map", "serve")]
    assert order == sorted(order)


def test_progress_counts_with_a_total(tmp_path: Path) -> None:
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text('{"text": "a"}\n\n{"text": "b"}\n{"text": "c"}\n', encoding="utf-8")
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "x.txt").write_text("x", encoding="utf-8")
    assert count_articles([str(jsonl), str(tmp_path / "dir")]) == 4
    assert count_articles(["-"]) is None
    assert progress_line(10, 40, 5.0) == "10 of 40 articles (25%), 2.0 articles/s, about 15 s left"


def test_progress_writes_lines_when_not_a_terminal() -> None:
    out = io.StringIO()
    with article_progress(total=3, stream=out) as count:
        for _ in range(3):
            count(None)
    assert out.getvalue().splitlines()[-1].startswith("building: 3 of 3 articles (100%)")


def test_tables_write_iris_short_and_values_without_trailing_blank_lines() -> None:
    out = io.StringIO()
    write_rows(["actor", "evidence"], [("https://w3id.org/conflict-kg/id/country/kgz", "Shots were fired.\n\n")], fmt="table", out=out)
    assert "id:country/kgz" in out.getvalue() and "…" not in out.getvalue()
    out = io.StringIO()
    write_rows(["actor", "evidence"], [("x", "Shots were fired.\n\n")], fmt="csv", out=out)
    assert out.getvalue().splitlines() == ["actor,evidence", "x,Shots were fired."]


def test_map_and_geojson_commands(store: Path, tmp_path: Path) -> None:
    page = tmp_path / "map.html"
    result = kg("map", "--store", str(store), "-o", str(page))
    assert result.returncode == 0, result.stderr
    assert "countries-110m" not in page.read_text(encoding="utf-8")[:100] and "topojson" in page.read_text(encoding="utf-8")
    collection = json.loads(kg("export", "--store", str(store), "--format", "geojson").stdout)
    assert collection["type"] == "FeatureCollection"
    assert all(f["geometry"]["type"] == "Point" for f in collection["features"])
