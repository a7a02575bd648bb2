"""Label mapping, and the evaluation run with the real English model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.config import Config
from kg.errors import EvalError
from kg.evaluate import (
    LEVELS,
    GoldDoc,
    baseline_spans,
    evaluate_entities,
    load_type_mapping,
    mention_spans,
    read_gold_entities,
    score_mentions,
)
from kg.model import Mention

RE3D = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "re3d_dev" / "re3d_dev.jsonl"
SCORED = {"Person", "Organisation", "Location", "Nationality"}


@pytest.mark.parametrize(
    ("kg_type", "gold_type"),
    [
        ("Person", "Person"),
        ("Organization", "Organisation"),
        ("GovernmentBody", "Organisation"),
        ("MilitaryForce", "Organisation"),
        ("ArmedGroup", "Organisation"),
        ("InternationalOrganization", "Organisation"),
        ("Media", "Organisation"),
        ("Country", "Location"),
        ("Location", "Location"),
        ("City", "Location"),
        ("Region", "Location"),
        ("Nationality", "Nationality"),
    ],
)
def test_kg_mention_types_map_to_gold_types(kg_type: str, gold_type: str) -> None:
    mention = Mention(start=3, end=9, text="Yerevan", type=kg_type)
    (span,) = mention_spans([mention])
    assert (span.start, span.end, span.type) == (3, 9, gold_type)


def test_mentions_of_unscored_types_are_dropped() -> None:
    assert mention_spans([Mention(start=0, end=4, text="1994", type="Date")]) == ()


@pytest.mark.parametrize(
    ("label", "gold_type"),
    [("PERSON", "Person"), ("ORG", "Organisation"), ("GPE", "Location"), ("LOC", "Location"),
     ("FAC", "Location"), ("NORP", "Nationality"), ("DATE", None), ("CARDINAL", None)],
)
def test_spacy_labels_map_to_gold_types(label: str, gold_type: str | None) -> None:
    assert load_type_mapping().spacy_type(label) == gold_type


def test_mapping_to_an_unscored_type_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "types.toml"
    path.write_text('scored = ["Person"]\n[kg]\nCity = "Location"\n[spacy]\n', encoding="utf-8")
    with pytest.raises(EvalError, match="Location"):
        load_type_mapping(path)


@pytest.fixture(scope="module")
def re3d_head() -> list[GoldDoc]:
    if not RE3D.exists():
        pytest.skip("../shared/corpus/re3d_dev is not available")
    return read_gold_entities(RE3D)[:2]


def test_baseline_on_re3d(re3d_head: list[GoldDoc]) -> None:
    predicted = baseline_spans(re3d_head, config=Config())
    assert set(predicted) == {doc.id for doc in re3d_head}
    texts = {doc.id: doc.text for doc in re3d_head}
    for doc_id, spans in predicted.items():
        assert all(texts[doc_id][s.start : s.end] == s.text and s.type in SCORED for s in spans)

    scores = score_mentions(re3d_head, predicted)
    records = [json.loads(line) for line in RE3D.read_text(encoding="utf-8").splitlines()[:2]]
    gold_items = sum(
        len({(e["start"], e["end"]) for e in record["entities"] if e["type"] in SCORED}) for record in records
    )
    for level in LEVELS:
        overall = scores.score(level)
        assert overall.gold == gold_items
        assert overall.predicted == sum(len(spans) for spans in predicted.values())
    # The model finds some of the gold names; overlap is the looser level.
    assert scores.score("overlap").tp >= scores.score("exact").tp > 0


def test_evaluate_entities_reports_the_baseline(re3d_head: list[GoldDoc]) -> None:
    report = evaluate_entities(RE3D, config=Config(), extraction=False, limit=2)
    assert report.kg is None and report.baseline is not None
    direct = score_mentions(re3d_head, baseline_spans(re3d_head, config=Config()))
    assert report.as_rows() == [{"system": "spacy", **row} for row in direct.as_rows()]
    described = report.describe()
    assert "documents: 2" in described
    assert "Organisation <- ArmedGroup, GovernmentBody" in described
    assert "Location <- FAC, GPE, LOC" in described


def test_evaluate_entities_runs_kg_extraction(re3d_head: list[GoldDoc]) -> None:
    pytest.importorskip("kg.convert", reason="kg's extraction (kg.convert) is not written yet")
    report = evaluate_entities(RE3D, config=Config(), baseline=False, limit=2)
    assert report.kg is not None and report.baseline is None
    assert report.kg.score("overlap").gold == report.kg.score("exact").gold > 0
    assert {row["system"] for row in report.as_rows()} == {"kg"}
