"""Coverage of event coding on gold records, counted by hand."""

from __future__ import annotations

import pytest

from kg.evaluate import GoldEvent, GoldRecord, PredictedEvent, gold_coverage


def _record(record_id: str, *codes: str, scheme: str = "plover") -> GoldRecord:
    return GoldRecord(id=record_id, text="(made up)", scheme=scheme,
                      events=tuple(GoldEvent("ARM", "AZE", code) for code in codes))


GOLD = [_record("a", "FIGHT"), _record("b", "AGREE", "CONSULT"), _record("c", "DEMAND"), _record("d")]


@pytest.mark.parametrize(
    ("predicted", "counts"),
    [
        # nothing coded: no record covered
        ({}, (3, 0, 0)),
        # an agent and the gold's type; an agent and another type; no agent at all
        ({"a": [PredictedEvent("ARM", "AZE", "FIGHT")], "b": [PredictedEvent("ARM", "", "REJECT")],
          "c": [PredictedEvent("", "AZE", "DEMAND")]}, (3, 2, 1)),
        # one right type among several events is enough; a statement is no coded event
        ({"b": [PredictedEvent("ARM", "", "REJECT"), PredictedEvent("AZE", "", "CONSULT")],
          "c": [PredictedEvent("ARM", "", None, "010")]}, (3, 1, 1)),
        # an agent of unknown country is an agent
        ({"a": [PredictedEvent("---REB", "AZE", "FIGHT")]}, (3, 1, 1)),
        # events on a record without gold events do not count
        ({"d": [PredictedEvent("ARM", "AZE", "FIGHT")]}, (3, 0, 0)),
    ],
)
def test_coverage_counts_records_with_an_event_with_an_agent(predicted, counts) -> None:
    coverage = gold_coverage(GOLD, predicted)
    assert (coverage.with_event, coverage.covered, coverage.right_class) == counts
    assert coverage.records == 4


def test_shares_and_row() -> None:
    coverage = gold_coverage(GOLD, {"a": [PredictedEvent("ARM", "AZE", "FIGHT")],
                                    "b": [PredictedEvent("ARM", "", "REJECT")]})
    assert (round(coverage.coverage, 4), coverage.class_right) == (0.6667, 0.5)
    assert coverage.as_row() == {"records": 4, "with_event": 3, "covered": 2, "coverage": 0.6667,
                                 "right_class": 1, "class_right": 0.5}


def test_gold_without_plover_types_has_no_coverage() -> None:
    gold = [_record("p", "064", scheme="petrarch")]
    coverage = gold_coverage(gold, {"p": [PredictedEvent("ARN", "GON", "AGREE")]})
    assert (coverage.with_event, coverage.coverage, coverage.class_right) == (0, 0.0, 0.0)
