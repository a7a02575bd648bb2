"""Evaluation against gold data: ``kg eval``.

Entities: :func:`evaluate_entities` runs kg's extraction and the bare spaCy
model over gold documents and :func:`score_mentions` scores them (exact-span
and overlapping-span precision, recall and F1, overall and per type).

Events: :func:`evaluate_events` codes gold sentences (PLOVER, PETRARCH, and
stand-off annotations of corpus items) with kg and :func:`score_events`
compares (source, target, type) tuples at the levels of the gold's scheme
(dyad; source and PLOVER type or CAMEO root; source, target and CAMEO root;
full code) with per-type scores and a confusion table of types;
:func:`gold_coverage` and :func:`corpus_coverage` count how often kg codes an
event with an agent at all.
"""

from __future__ import annotations

from kg.evaluate.entities import EntityReport, baseline_spans, evaluate_entities, kg_spans, mention_spans
from kg.evaluate.entity_scoring import ALL_TYPES, LEVELS, TYPED_LEVELS, EntityScores, PredictedSpan, score_mentions
from kg.evaluate.event_codes import EventCodes, load_event_codes
from kg.evaluate.event_gold import (
    SCHEME_LEVELS,
    GoldEvent,
    GoldRecord,
    read_gold_events,
)
from kg.evaluate.coverage import CorpusCoverage, GoldCoverage, corpus_coverage, gold_coverage
from kg.evaluate.event_scoring import (
    ALL_EVENT_TYPES,
    EventScores,
    PredictedEvent,
    comparable_tuples,
    event_predictions,
    score_events,
)
from kg.evaluate.event_standoff import (
    StandoffEvent,
    StandoffItem,
    cameo_view,
    is_standoff,
    plover_view,
    read_standoff_events,
)
from kg.evaluate.events import ALL_PARTS, EventReport, PartScores, evaluate_events
from kg.evaluate.gold import GoldDoc, GoldSpan, read_gold_entities
from kg.evaluate.labels import TypeMapping, load_type_mapping
from kg.evaluate.scoring import Score, match, span_overlap

__all__ = [
    "ALL_EVENT_TYPES",
    "ALL_PARTS",
    "ALL_TYPES",
    "CorpusCoverage",
    "EntityReport",
    "EntityScores",
    "EventCodes",
    "EventReport",
    "EventScores",
    "GoldCoverage",
    "GoldDoc",
    "GoldEvent",
    "GoldRecord",
    "GoldSpan",
    "LEVELS",
    "PartScores",
    "PredictedEvent",
    "PredictedSpan",
    "SCHEME_LEVELS",
    "Score",
    "StandoffEvent",
    "StandoffItem",
    "TYPED_LEVELS",
    "TypeMapping",
    "baseline_spans",
    "cameo_view",
    "comparable_tuples",
    "corpus_coverage",
    "evaluate_entities",
    "evaluate_events",
    "event_predictions",
    "gold_coverage",
    "is_standoff",
    "kg_spans",
    "load_event_codes",
    "load_type_mapping",
    "match",
    "mention_spans",
    "plover_view",
    "read_gold_entities",
    "read_gold_events",
    "read_standoff_events",
    "score_events",
    "score_mentions",
    "span_overlap",
]
