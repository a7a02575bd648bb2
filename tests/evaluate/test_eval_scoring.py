"""Scoring entity spans against gold: hand-computed cases and invariants."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.evaluate import (
    ALL_TYPES,
    LEVELS,
    GoldDoc,
    GoldSpan,
    PredictedSpan,
    Score,
    match,
    score_mentions,
)

TEXT = "The Members of the Security Council met Haider al-Abadi in Baghdad."


def _doc(*spans: GoldSpan, doc_id: str = "d1") -> GoldDoc:
    return GoldDoc(id=doc_id, text=TEXT, spans=spans)


def _counts(score: Score) -> tuple[int, int, int]:
    return score.tp, score.fp, score.fn


@pytest.mark.parametrize(
    ("gold", "predicted", "exact", "overlap"),
    [
        # Same span, same type: a hit at both levels.
        ([GoldSpan(40, 55, "Person")], [PredictedSpan(40, 55, "Person")], (1, 0, 0), (1, 0, 0)),
        # Shorter span inside the gold one: only an overlap hit.
        ([GoldSpan(40, 55, "Person")], [PredictedSpan(47, 55, "Person")], (0, 1, 1), (1, 0, 0)),
        # Spans that touch but share no character do not overlap.
        ([GoldSpan(40, 46, "Person")], [PredictedSpan(46, 55, "Person")], (0, 1, 1), (0, 1, 1)),
        # Right span, wrong type: a miss at both levels.
        ([GoldSpan(59, 66, "Location")], [PredictedSpan(59, 66, "Person")], (0, 1, 1), (0, 1, 1)),
        # Two predictions of one gold span: the second is a false positive.
        (
            [GoldSpan(59, 66, "Location")],
            [PredictedSpan(59, 66, "Location"), PredictedSpan(59, 66, "Location")],
            (1, 1, 0),
            (1, 1, 0),
        ),
        # One long prediction over two gold spans matches only one of them.
        (
            [GoldSpan(40, 46, "Person"), GoldSpan(47, 55, "Person")],
            [PredictedSpan(40, 55, "Person")],
            (0, 1, 2),
            (1, 0, 1),
        ),
    ],
    ids=["exact", "nested", "adjacent", "type-mismatch", "double-prediction", "one-for-two"],
)
def test_hand_computed_counts(
    gold: list[GoldSpan],
    predicted: list[PredictedSpan],
    exact: tuple[int, int, int],
    overlap: tuple[int, int, int],
) -> None:
    scores = score_mentions([_doc(*gold)], {"d1": predicted})
    assert _counts(scores.score("exact")) == exact
    assert _counts(scores.score("overlap")) == overlap


def test_pairing_maximises_matches_where_greedy_would_not() -> None:
    # Gold: "The Members of the Security Council" (0-35) and "The Members" (0-11).
    # Prediction A (0-30) overlaps both, and overlaps the long one most;
    # prediction B (19-35) overlaps only the long one. Pairing A with the long
    # span would leave B unmatched; the best pairing matches both.
    gold = [GoldSpan(0, 35, "Organisation"), GoldSpan(0, 11, "Organisation")]
    predicted = [PredictedSpan(0, 30, "Organisation"), PredictedSpan(19, 35, "Organisation")]
    scores = score_mentions([_doc(*gold)], {"d1": predicted})
    assert _counts(scores.score("overlap")) == (2, 0, 0)


def test_overlap_prefers_the_closer_span() -> None:
    # Either gold span could take the prediction; the identical one should.
    assert match([(0, 0, 300), (0, 1, 1001)]) == {0: 1}


@pytest.mark.parametrize("predicted_type", ["Location", "Organisation"])
def test_alternative_labels_of_one_span_each_count(predicted_type: str) -> None:
    gold = [GoldSpan(59, 66, "Location", confidence=0.0), GoldSpan(59, 66, "Organisation", confidence=1.0)]
    scores = score_mentions([_doc(*gold)], {"d1": [PredictedSpan(59, 66, predicted_type)]})
    for level in LEVELS:
        # One gold item, not two: the alternatives share a span.
        assert _counts(scores.score(level)) == (1, 0, 0)
        assert scores.score(level, predicted_type).tp == 1
        other = ({"Location", "Organisation"} - {predicted_type}).pop()
        assert scores.score(level, other).gold == 0


def test_unmatched_alternative_counts_under_most_confident_label() -> None:
    gold = [GoldSpan(59, 66, "Location", confidence=0.2), GoldSpan(59, 66, "Organisation", confidence=0.9)]
    scores = score_mentions([_doc(*gold)], {})
    assert scores.score("exact", "Organisation").fn == 1
    assert scores.score("exact", "Location").fn == 0


def test_empty_predictions_give_zero_precision_not_an_error() -> None:
    scores = score_mentions([_doc(GoldSpan(40, 55, "Person"))], {"d1": []})
    overall = scores.score("exact")
    assert (overall.precision, overall.recall, overall.f1) == (0.0, 0.0, 0.0)
    assert overall.fn == 1


def test_no_gold_and_no_predictions_give_zeros() -> None:
    rows = score_mentions([_doc()], {}).as_rows()
    assert all(row["precision"] == row["recall"] == row["f1"] == 0.0 for row in rows)


def test_unscored_types_are_left_out() -> None:
    gold = [GoldSpan(0, 3, "Temporal"), GoldSpan(40, 55, "Person")]
    predicted = [PredictedSpan(0, 3, "Temporal"), PredictedSpan(40, 55, "Person")]
    scores = score_mentions([_doc(*gold)], {"d1": predicted})
    assert _counts(scores.score("exact")) == (1, 0, 0)
    assert scores.ignored_predictions == 1


def test_min_confidence_drops_weak_gold() -> None:
    gold = [GoldSpan(40, 55, "Person", confidence=1.0), GoldSpan(47, 55, "Person", confidence=0.0)]
    assert score_mentions([_doc(*gold)], {}).score("exact").fn == 2
    assert score_mentions([_doc(*gold)], {}, min_confidence=0.5).score("exact").fn == 1


def test_counts_add_up_over_documents() -> None:
    docs = [_doc(GoldSpan(40, 55, "Person")), _doc(GoldSpan(59, 66, "Location"), doc_id="d2")]
    predicted = {"d1": [PredictedSpan(40, 55, "Person")], "d2": [PredictedSpan(0, 3, "Location")]}
    scores = score_mentions(docs, predicted)
    assert _counts(scores.score("exact")) == (1, 1, 1)
    assert scores.documents == 2
    assert _counts(scores.score("exact", "Location")) == (0, 1, 1)


def test_predictions_for_unknown_documents_are_refused() -> None:
    with pytest.raises(ValueError, match="d9"):
        score_mentions([_doc()], {"d9": [PredictedSpan(0, 3, "Person")]})


def test_rows_carry_counts_and_rates() -> None:
    scores = score_mentions([_doc(GoldSpan(40, 55, "Person"))], {"d1": [PredictedSpan(47, 55, "Person")]})
    rows = {(row["level"], row["type"]): row for row in scores.as_rows()}
    assert set(rows) == {(level, t) for level in LEVELS for t in (ALL_TYPES, "Location", "Nationality", "Organisation", "Person")}
    assert rows[("overlap", "Person")] == {
        "level": "overlap", "type": "Person", "gold": 1, "predicted": 1,
        "tp": 1, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0,
    }
    assert rows[("exact", ALL_TYPES)]["f1"] == 0.0


TYPES = ["Person", "Organisation", "Location", "Nationality"]
spans = st.tuples(st.integers(0, 30), st.integers(1, 8), st.sampled_from(TYPES))


@given(gold=st.lists(spans, max_size=8), predicted=st.lists(spans, max_size=8))
def test_counting_invariants(gold: list[tuple[int, int, str]], predicted: list[tuple[int, int, str]]) -> None:
    doc = GoldDoc(id="d", text="x" * 40, spans=tuple(GoldSpan(s, s + n, t) for s, n, t in gold))
    preds = [PredictedSpan(s, s + n, t) for s, n, t in predicted]
    scores = score_mentions([doc], {"d": preds})
    distinct_spans = len({(s, n) for s, n, _ in gold})
    for level in LEVELS:
        overall = scores.score(level)
        assert overall.predicted == len(preds)
        assert overall.gold == distinct_spans
        assert sum((scores.score(level, t) for t in TYPES), Score()) == overall
    assert scores.score("overlap").tp >= scores.score("exact").tp


@pytest.mark.parametrize(
    ("predicted", "typed", "untyped"),
    [
        # the right span with the wrong type: found, but not labelled
        (PredictedSpan(59, 66, "Organisation"), (0, 1, 1), (1, 0, 0)),
        # the right span and type: both
        (PredictedSpan(59, 66, "Location"), (1, 0, 0), (1, 0, 0)),
        # a span of a type that is not scored is no prediction at any level
        (PredictedSpan(59, 66, "Weapon"), (0, 0, 1), (0, 0, 1)),
    ],
)
def test_untyped_levels_match_spans_whatever_their_types(predicted: PredictedSpan, typed: tuple[int, int, int],
                                                        untyped: tuple[int, int, int]) -> None:
    scores = score_mentions([_doc(GoldSpan(59, 66, "Location"))], {"d1": [predicted]})
    assert _counts(scores.score("exact")) == typed
    assert _counts(scores.score("exact-untyped")) == untyped
    assert _counts(scores.score("overlap-untyped")) == untyped


def test_untyped_overlap_pairs_each_gold_span_once() -> None:
    # two predictions of other types over one gold span: one matches, one is surplus
    gold = _doc(GoldSpan(40, 55, "Person"))
    scores = score_mentions([gold], {"d1": [PredictedSpan(40, 46, "Organisation"), PredictedSpan(47, 55, "Location")]})
    assert _counts(scores.score("overlap-untyped")) == (1, 1, 0)
    assert _counts(scores.score("overlap")) == (0, 2, 1)
