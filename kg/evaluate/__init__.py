"""Evaluation against gold data: ``kg eval``.

Entities: :func:`evaluate_entities` runs kg's extraction and the bare spaCy
model over gold documents and :func:`score_mentions` scores them (exact-span
and overlapping-span precision, recall and F1, overall and per type).

Events: :func:`evaluate_events` codes gold sentences (PLOVER, PETRARCH) with
kg and :func:`score_events` compares (source, target, type) tuples at three
levels (dyad; PLOVER type or CAMEO root; full code) with per-type scores and a
confusion table of types.
"""

from __future__ import annotations

from kg.evaluate.entities import (
    ALL_TYPES,
    LEVELS,
    EntityReport,
    EntityScores,
    PredictedSpan,
    baseline_spans,
    evaluate_entities,
    kg_spans,
    mention_spans,
    score_mentions,
)
from kg.evaluate.event_codes import EventCodes, load_event_codes
from kg.evaluate.event_gold import (
    SCHEME_LEVELS,
    GoldEvent,
    GoldRecord,
    read_gold_events,
)
from kg.evaluate.events import (
    ALL_EVENT_TYPES,
    EventReport,
    EventScores,
    PredictedEvent,
    evaluate_events,
    event_predictions,
    score_events,
)
from kg.evaluate.gold import GoldDoc, GoldSpan, read_gold_entities
from kg.evaluate.labels import TypeMapping, load_type_mapping
from kg.evaluate.scoring import Score, match, span_overlap

__all__ = [
    "ALL_EVENT_TYPES",
    "ALL_TYPES",
    "EntityReport",
    "EntityScores",
    "EventCodes",
    "EventReport",
    "EventScores",
    "GoldDoc",
    "GoldEvent",
    "GoldRecord",
    "GoldSpan",
    "LEVELS",
    "PredictedEvent",
    "PredictedSpan",
    "SCHEME_LEVELS",
    "Score",
    "TypeMapping",
    "baseline_spans",
    "evaluate_entities",
    "evaluate_events",
    "event_predictions",
    "kg_spans",
    "load_event_codes",
    "load_type_mapping",
    "match",
    "mention_spans",
    "read_gold_entities",
    "read_gold_events",
    "score_events",
    "score_mentions",
    "span_overlap",
]
