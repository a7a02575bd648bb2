"""Scoring entity mentions against gold spans: exact and overlapping, typed and untyped.

Only the gold types an entity extractor should produce are scored: Person,
Organisation, Location and Nationality. Labels are compared through
``entity_types.toml`` beside this module:

========================  ==================================================
gold type                 kg mention types / spaCy baseline labels
========================  ==================================================
Person                    Person / PERSON
Organisation              Organization, GovernmentBody, MilitaryForce,
                          ArmedGroup, InternationalOrganization, Media / ORG
Location                  Country, Location, City, Region / GPE, LOC, FAC
Nationality               Nationality / NORP
========================  ==================================================

Gold annotations are grouped by span: a span annotated with several types
(re3d often gives a place both Location and Organisation) is one gold item
that any of its types matches. A prediction matches a gold item when the types
agree and the spans are equal (``exact``) or share a character (``overlap``);
predictions and gold items pair one-to-one, so a gold item is never counted
twice. Per type, predictions count under their own type; a matched gold item
counts under the type that matched it, an unmatched one under its most
confident label. The untyped levels (``exact-untyped``, ``overlap-untyped``)
match spans whatever their types, as long as both are of scored types: they
measure finding the mentions apart from labelling them (per type, a match
counts under the predicted type).

>>> gold = [GoldDoc(id="d", text="Haider al-Abadi met ISIL.",
...                 spans=(GoldSpan(0, 15, "Person"), GoldSpan(20, 24, "Organisation")))]
>>> scores = score_mentions(gold, {"d": [PredictedSpan(7, 15, "Person")]})
>>> scores.score("exact").recall, scores.score("overlap").recall
(0.0, 0.5)
>>> scores = score_mentions(gold, {"d": [PredictedSpan(20, 24, "Location")]})
>>> scores.score("exact").recall, scores.score("exact-untyped").recall
(0.0, 0.5)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kg.evaluate.gold import GoldDoc, GoldSpan
from kg.evaluate.labels import load_type_mapping
from kg.evaluate.scoring import Score, match, span_overlap

__all__ = ["ALL_TYPES", "LEVELS", "TYPED_LEVELS", "EntityScores", "PredictedSpan", "score_mentions"]

#: Levels at which the types must agree as well as the spans.
TYPED_LEVELS = ("exact", "overlap")
#: Every level scored: the typed ones, then the same spans whatever the types.
LEVELS = (*TYPED_LEVELS, "exact-untyped", "overlap-untyped")
ALL_TYPES = "all"


@dataclass(frozen=True)
class PredictedSpan:
    """A predicted entity span, its label already mapped to a gold type.

    Parameters
    ----------
    start, end : int
        Character offsets into the document text (end exclusive).
    type : str
        Gold type (``Person``, ``Organisation``, ``Location``, ``Nationality``).
    text : str
        The text of the span, for inspection.
    """

    start: int
    end: int
    type: str
    text: str = ""


@dataclass(frozen=True)
class EntityScores:
    """Precision, recall and F1 per matching level and gold type.

    Parameters
    ----------
    scores : tuple of (str, str, Score)
        ``(level, type, score)`` for each level in :data:`LEVELS` and for
        :data:`ALL_TYPES` followed by each scored type.
    documents : int
        Number of gold documents scored.
    ignored_predictions : int
        Predictions whose type is not scored (left out of every count).
    min_confidence : float
        Gold annotations below this confidence were left out.
    """

    scores: tuple[tuple[str, str, Score], ...]
    documents: int
    ignored_predictions: int = 0
    min_confidence: float = 0.0

    def score(self, level: str = "overlap", type: str = ALL_TYPES) -> Score:
        """The counts of one level (see :data:`LEVELS`) and type."""
        for row_level, row_type, score in self.scores:
            if (row_level, row_type) == (level, type):
                return score
        raise KeyError(f"no score for level {level!r} and type {type!r}")

    def as_rows(self) -> list[dict[str, Any]]:
        """Plain rows (one per level and type) for table, JSON or CSV output.

        Rates are rounded to four decimals; the counts are exact.
        """
        return [
            {
                "level": level,
                "type": type_,
                "gold": score.gold,
                "predicted": score.predicted,
                "tp": score.tp,
                "fp": score.fp,
                "fn": score.fn,
                "precision": round(score.precision, 4),
                "recall": round(score.recall, 4),
                "f1": round(score.f1, 4),
            }
            for level, type_, score in self.scores
        ]


@dataclass(frozen=True)
class _GoldItem:
    start: int
    end: int
    types: frozenset[str]
    primary: str


def _gold_items(spans: Iterable[GoldSpan], scored: Collection[str], min_confidence: float) -> list[_GoldItem]:
    by_span: dict[tuple[int, int], list[GoldSpan]] = defaultdict(list)
    for span in spans:
        if span.type in scored and span.confidence >= min_confidence:
            by_span[(span.start, span.end)].append(span)
    items = []
    for (start, end), group in sorted(by_span.items()):
        primary = min(group, key=lambda s: (-s.confidence, s.type)).type
        items.append(_GoldItem(start, end, frozenset(s.type for s in group), primary))
    return items


def _pair_weight(pred: PredictedSpan, item: _GoldItem, level: str) -> int | None:
    """Weight of an admissible pair (closer spans weigh more), None if inadmissible."""
    if level in TYPED_LEVELS and pred.type not in item.types:
        return None
    if level.startswith("exact"):
        return 1 if (pred.start, pred.end) == (item.start, item.end) else None
    shared = span_overlap((pred.start, pred.end), (item.start, item.end))
    if not shared:
        return None
    union = max(pred.end, item.end) - min(pred.start, item.start)
    return 1 + round(1000 * shared / union)


def _tally(preds: Sequence[PredictedSpan], items: Sequence[_GoldItem], level: str) -> dict[str, Score]:
    edges = []
    for i, pred in enumerate(preds):
        for j, item in enumerate(items):
            weight = _pair_weight(pred, item, level)
            if weight is not None:
                edges.append((i, j, weight))
    pairs = match(edges)
    counts: dict[str, Score] = defaultdict(Score)
    for i, pred in enumerate(preds):
        hit = i in pairs
        counts[pred.type] += Score(tp=1) if hit else Score(fp=1)
    matched = set(pairs.values())
    for j, item in enumerate(items):
        if j not in matched:
            counts[item.primary] += Score(fn=1)
    return counts


def score_mentions(
    gold: Sequence[GoldDoc],
    predicted: Mapping[str, Sequence[PredictedSpan]],
    *,
    types: Collection[str] | None = None,
    min_confidence: float = 0.0,
) -> EntityScores:
    """Score predicted spans against gold annotations, exactly and by overlap.

    Parameters
    ----------
    gold : sequence of GoldDoc
        The gold documents.
    predicted : mapping of str to sequence of PredictedSpan
        Predictions per document id; a document without an entry has none.
    types : collection of str, optional
        Gold types to score (default: ``scored`` in ``entity_types.toml``).
        Gold annotations and predictions of other types are left out.
    min_confidence : float
        Leave out gold annotations whose confidence is below this (re3d keeps
        rejected alternatives with confidence 0; the default keeps all).

    Returns
    -------
    EntityScores

    Raises
    ------
    ValueError
        When ``predicted`` names a document that is not in ``gold`` (its
        predictions would otherwise vanish from the counts unnoticed).
    """
    scored = tuple(sorted(types)) if types is not None else load_type_mapping().scored
    unknown = sorted(set(predicted) - {doc.id for doc in gold})
    if unknown:
        raise ValueError(f"predictions for documents not in the gold data: {', '.join(unknown[:5])}")
    totals: dict[tuple[str, str], Score] = defaultdict(Score)
    ignored = 0
    for doc in gold:
        items = _gold_items(doc.spans, scored, min_confidence)
        preds = [p for p in predicted.get(doc.id, ()) if p.type in scored]
        ignored += len(predicted.get(doc.id, ())) - len(preds)
        for level in LEVELS:
            for type_, score in _tally(preds, items, level).items():
                totals[(level, type_)] += score
    rows = []
    for level in LEVELS:
        per_type = [(level, t, totals[(level, t)]) for t in scored]
        overall = sum((score for _, _, score in per_type), Score())
        rows.append((level, ALL_TYPES, overall))
        rows.extend(per_type)
    return EntityScores(
        scores=tuple(rows),
        documents=len(gold),
        ignored_predictions=ignored,
        min_confidence=min_confidence,
    )
