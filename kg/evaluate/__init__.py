"""Evaluation against gold data: ``kg eval``.

Entities: :func:`evaluate_entities` runs kg's extraction and the bare spaCy
model over gold documents and :func:`score_mentions` scores them (exact-span
and overlapping-span precision, recall and F1, overall and per type).
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
from kg.evaluate.gold import GoldDoc, GoldSpan, read_gold_entities
from kg.evaluate.labels import TypeMapping, load_type_mapping
from kg.evaluate.scoring import Score, match, span_overlap

__all__ = [
    "ALL_TYPES",
    "EntityReport",
    "EntityScores",
    "GoldDoc",
    "GoldSpan",
    "LEVELS",
    "PredictedSpan",
    "Score",
    "TypeMapping",
    "baseline_spans",
    "evaluate_entities",
    "kg_spans",
    "load_type_mapping",
    "match",
    "mention_spans",
    "read_gold_entities",
    "score_mentions",
    "span_overlap",
]
