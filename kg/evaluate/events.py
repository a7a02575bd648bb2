"""``kg eval events``: code gold sentences with kg and score the events.

Two kinds of gold are read: records that carry their text (the PLOVER and
PETRARCH JSON Lines, :mod:`kg.evaluate.event_gold`) and stand-off annotations
whose text is fetched from a corpus by record id and offsets
(:mod:`kg.evaluate.event_standoff`). Each record is coded as an article of its
own; its events become predictions
(:func:`~kg.evaluate.event_scoring.event_predictions`), once each as the
gold's scheme compares them (:func:`~kg.evaluate.event_scoring.comparable_tuples`),
scored by :func:`~kg.evaluate.event_scoring.score_events`.
Stand-off gold is scored in two views, PLOVER types and CAMEO roots, for all
its items and for each corpus they come from, with the coverage of
:func:`~kg.evaluate.coverage.gold_coverage`. Reports hold aggregate figures;
rows per item only when asked for (:meth:`EventReport.item_rows`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kg.config import Config
from kg.evaluate.coverage import GoldCoverage, gold_coverage
from kg.evaluate.event_codes import EventCodes, load_event_codes
from kg.evaluate.event_gold import GoldRecord, read_gold_events
from kg.evaluate.event_scoring import (
    EventScores,
    PredictedEvent,
    comparable_tuples,
    event_predictions,
    score_events,
)
from kg.evaluate.event_standoff import cameo_view, is_standoff, parts_of, plover_view, read_standoff_events
from kg.model import Article

__all__ = ["ALL_PARTS", "EventReport", "PartScores", "evaluate_events"]

#: The part name of figures over every record of a gold file.
ALL_PARTS = "all"


@dataclass(frozen=True)
class PartScores:
    """The scores of one part of a gold file (``all``, or the items of one corpus).

    Parameters
    ----------
    part : str
    views : tuple of EventScores
        One per code scheme scored (PLOVER types, then CAMEO roots for stand-off gold).
    coverage : GoldCoverage
    """

    part: str
    views: tuple[EventScores, ...]
    coverage: GoldCoverage


@dataclass(frozen=True)
class EventReport:
    """Scores of kg's event coding on one gold file.

    Parameters
    ----------
    path : Path
        The gold file.
    scores : EventScores
        The scores of the whole file in its (first) code scheme.
    predicted_events : int
        Events kg coded on the gold texts (before reduction to tuples).
    failed : tuple of (str, str)
        ``(record id, reason)`` of records the extraction could not process
        (scored as predicting nothing).
    actors : tuple of Path
        The custom actor dictionaries used.
    include_inactive, include_negated : bool
        The options of the run.
    parts : tuple of PartScores
        Every view and the coverage, for the whole file (``all``) and, for
        stand-off gold, for each corpus its items come from.
    standoff : bool
        The gold is stand-off (a blind sample): messages name no record.
    items : tuple of (GoldRecord, tuple of PredictedEvent)
        Each record of the first view with kg's predictions, for :meth:`item_rows`.
    """

    path: Path
    scores: EventScores
    predicted_events: int = 0
    failed: tuple[tuple[str, str], ...] = ()
    actors: tuple[Path, ...] = ()
    include_inactive: bool = False
    include_negated: bool = False
    parts: tuple[PartScores, ...] = ()
    standoff: bool = False
    items: tuple[tuple[GoldRecord, tuple[PredictedEvent, ...]], ...] = ()

    def as_rows(self) -> list[dict[str, Any]]:
        """The score rows (level, type, counts, precision, recall, F1).

        Stand-off gold adds the ``part`` and ``scheme`` of each row.
        """
        if not self.standoff:
            return self.scores.as_rows()
        return [{"part": part.part, "scheme": view.scheme, **row}
                for part in self.parts for view in part.views for row in view.as_rows()]

    def confusion_rows(self) -> list[dict[str, Any]]:
        """The confusion table of types, as rows."""
        return self.scores.confusion_rows()

    def coverage_rows(self) -> list[dict[str, Any]]:
        """The coverage of each part, as rows."""
        return [{"part": part.part, **part.coverage.as_row()} for part in self.parts]

    def item_rows(self) -> list[dict[str, Any]]:
        """One row per record: its gold events and kg's, as ``SOURCE>TARGET:TYPE``."""
        def show(events: Sequence[Any]) -> str:
            return " ".join(f"{e.source or '-'}>{e.target or '-'}:{getattr(e, 'code', None) or e.type}"
                            for e in events)

        return [{"id": record.id, "gold": show(record.events), "kg": show(predicted)}
                for record, predicted in self.items]

    def describe(self) -> str:
        """What was compared: gold file, records, scheme, levels, coverage and what was left out."""
        scores = self.scores
        schemes = "; ".join(f"{view.scheme} (levels {', '.join(view.levels)})" for view in self.views)
        if self.standoff:
            kept = "stand-off items, text read from the corpus files by record id and offsets"
        else:
            kept = (f"{'with' if self.include_inactive else 'without'} inactive records; records "
                    "testing PETRARCH's input errors left out")
        lines = [
            f"gold: {self.path}",
            f"records: {scores.records} ({kept}); scheme: {schemes}",
            (f"events coded by kg: {self.predicted_events}; "
             f"negated events {'kept' if self.include_negated else 'left out'}; "
             f"predictions the scheme cannot compare: {scores.ignored_predictions}"),
        ]
        if scores.scheme == "petrarch":
            lines.append("PETRARCH unit-test codes are an older (WEIS-derived) scheme: dyads only")
        for part in self.parts:
            c = part.coverage
            if c.with_event:
                lines.append(f"coverage ({part.part}): kg codes an event with an agent in {c.covered} of "
                             f"{c.with_event} records with a gold event ({c.coverage:.3f}); its PLOVER "
                             f"type is the gold's in {c.right_class} of those ({c.class_right:.3f})")
        if self.actors:
            lines.append(f"actor dictionaries: {', '.join(str(p) for p in self.actors)}")
        if self.failed:
            detail = "" if self.standoff else ": " + "; ".join(f"{i}: {why}" for i, why in self.failed[:3])
            lines.append(f"records that failed: {len(self.failed)} (scored as no events){detail}")
        lines.append(load_event_codes().describe())
        return "\n".join(lines)

    @property
    def views(self) -> tuple[EventScores, ...]:
        """The scores of the whole file in each code scheme."""
        return self.parts[0].views if self.parts else (self.scores,)


def _part(name: str, views: Sequence[list[GoldRecord]], predicted: Mapping[str, Sequence[PredictedEvent]],
          codes: EventCodes, *, countries: bool, keep: set[str] | None = None) -> PartScores:
    """Score one part (the records whose ids are in ``keep``, or all) in every view.

    Predictions are reduced as the gold is: once per pair of countries for
    stand-off gold (``countries``), once per pair of actor codes otherwise.
    """
    scored = []
    for records in views:
        records = [r for r in records if keep is None or r.id in keep]
        scheme = records[0].scheme if records else "plover"
        reduced = {r.id: comparable_tuples(predicted.get(r.id, ()), scheme=scheme, countries=countries, codes=codes)
                   for r in records}
        scored.append(score_events(records, reduced, codes=codes))
    plover = next((v for v in views if v and v[0].scheme == "plover"), [])
    coverage = gold_coverage([r for r in plover if keep is None or r.id in keep], predicted, codes=codes)
    return PartScores(name, tuple(scored), coverage)


def evaluate_events(
    path: Path,
    *,
    config: Config,
    actors: tuple[Path, ...] = (),
    limit: int | None = None,
    include_inactive: bool = False,
    include_negated: bool = False,
    root: Path | None = None,
    keep_items: bool = False,
) -> EventReport:
    """Code the gold sentences with kg and score the events.

    Each record becomes an :class:`~kg.model.Article` (id = record id,
    published = record date) run through :func:`kg.pipeline.extract`.

    Parameters
    ----------
    path : Path
        Gold records, read with :func:`~kg.evaluate.event_gold.read_gold_events`,
        or stand-off annotations, read with
        :func:`~kg.evaluate.event_standoff.read_standoff_events`.
    config : Config
        Build configuration; ``actors`` are added to ``config.actors``.
    actors : tuple of Path
        Custom actor dictionaries (see :mod:`kg.gazetteer`), e.g. one made by
        :func:`kg.actors.convert_petrarch`.
    limit : int, optional
        Score only the first ``limit`` records.
    include_inactive : bool
        Also score records marked inactive.
    include_negated : bool
        Count negated events as predictions.
    root : Path, optional
        Directory the corpus paths of stand-off gold are relative to (default:
        the current directory).
    keep_items : bool
        Keep each record with its predictions in the report, for
        :meth:`EventReport.item_rows`.

    Raises
    ------
    EvalError
        When the gold file (or a corpus file of stand-off gold) cannot be read.
    ConfigError
        When an actor dictionary cannot be read.
    ExtractionError
        When the model cannot be loaded.
    """
    # The pipeline sits above the scorer; importing it here keeps scoring usable alone.
    from kg.pipeline import ArticleStatus, extract

    codes = load_event_codes()
    standoff = is_standoff(Path(path))
    if standoff:
        items = read_standoff_events(path, root=root)[:limit]
        views = [plover_view(items, codes=codes), cameo_view(items, codes=codes)]
        parts = parts_of(items)
    else:
        views = [read_gold_events(path, include_inactive=include_inactive)[:limit]]
        parts = {}
    records = views[0]
    config = replace(config, actors=(*config.actors, *(Path(p) for p in actors)))
    articles = [Article(id=r.id, text=r.text, published=r.date, origin=r.origin) for r in records]
    predicted: dict[str, tuple[PredictedEvent, ...]] = {}
    failed: list[tuple[str, str]] = []
    coded = 0
    for result in extract(articles, config=config):
        if isinstance(result, ArticleStatus):
            failed.append((result.article, result.reason))
            continue
        coded += sum(1 for e in result.events if include_negated or not e.negated)
        predicted[result.article.id] = event_predictions(result, codes=codes, include_negated=include_negated)
    scored = [_part(ALL_PARTS, views, predicted, codes, countries=standoff)]
    if len(parts) > 1:
        scored += [_part(name, views, predicted, codes, countries=standoff, keep=set(ids))
                   for name, ids in parts.items()]
    return EventReport(
        path=Path(path), scores=scored[0].views[0], predicted_events=coded,
        failed=tuple(failed), actors=tuple(Path(p) for p in actors),
        include_inactive=include_inactive, include_negated=include_negated,
        parts=tuple(scored), standoff=standoff,
        items=tuple((r, predicted.get(r.id, ())) for r in records) if keep_items else (),
    )
