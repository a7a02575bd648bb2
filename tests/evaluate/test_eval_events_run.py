"""``evaluate_events`` end to end, with the real English model and the real pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.actors import ActorRow, write_actor_tsv
from kg.config import Config
from kg.evaluate import evaluate_events

# Made up for these tests, in the PETRARCH unit-test style: invented countries.
RECORDS = [
    {"id": "made-1", "date": "19950103", "text": "Valdoria accused Ostrava of shelling border villages.",
     "expected_events": [{"source": "VAL", "target": "OST", "code": "112"}],
     "code_scheme": "PETR made-up"},
    {"id": "made-2", "date": "19950104", "text": "Ostrava condemned Valdoria on Tuesday.",
     "expected_events": [{"source": "OST", "target": "VAL", "code": "122"}],
     "code_scheme": "PETR made-up"},
    {"id": "made-3", "date": "19950105", "text": "It rained all day in the capital.",
     "expected_events": [], "noevents": True, "code_scheme": "PETR made-up"},
]


@pytest.fixture(scope="module")
def gold(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gold") / "made_up.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def actors(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("actors") / "actors.tsv"
    write_actor_tsv([ActorRow("Valdoria", "Country", "VAL"), ActorRow("Ostrava", "Country", "OST")], path)
    return path


def test_events_are_coded_and_scored_with_a_custom_dictionary(gold: Path, actors: Path) -> None:
    report = evaluate_events(gold, config=Config(), actors=(actors,))
    if report.predicted_events == 0:
        pytest.skip("the event coder is not wired into kg.pipeline.extract yet (no events coded)")
    dyads = report.scores.score("dyad")
    assert report.scores.scheme == "petrarch"
    assert report.scores.records == 3
    assert dyads.gold == 2
    # the invented countries are only known through the dictionary: any true positive needs it
    assert dyads.tp >= 1
    assert report.actors == (actors,)
    assert "dyads only" in report.describe()


def test_without_the_dictionary_the_invented_countries_are_not_found(gold: Path, actors: Path) -> None:
    with_actors = evaluate_events(gold, config=Config(), actors=(actors,))
    if with_actors.predicted_events == 0:
        pytest.skip("the event coder is not wired into kg.pipeline.extract yet (no events coded)")
    without = evaluate_events(gold, config=Config())
    assert without.scores.score("dyad").tp == 0
    assert with_actors.scores.score("dyad").tp > without.scores.score("dyad").tp


def test_limit_scores_only_the_first_records(gold: Path) -> None:
    report = evaluate_events(gold, config=Config(), limit=1)
    assert report.scores.records == 1
    assert [row["level"] for row in report.as_rows()] == ["dyad"]
