"""``kg eval events``: score coded events against gold event records.

Per record, the gold events and the predicted ones are compared as multisets
of tuples at three levels (:data:`~kg.evaluate.event_gold.SCHEME_LEVELS`):

``dyad``
    (source country, target country)
``type``
    (source country, PLOVER type), or CAMEO root for CAMEO gold
``full``
    (source country, target country, PLOVER type or CAMEO code)

The country of an actor code is its first three letters, sectors ignored (see
:mod:`kg.evaluate.event_codes`); a missing target is ``""`` on both sides.
Matched tuples are true positives, surplus predictions false positives,
surplus gold tuples false negatives; a record that expects no event turns
every prediction on it into a false positive. PETRARCH's unit-test codes are
an older scheme that only looks like CAMEO, so its files are scored on dyads
only. Per type, and in a confusion table of types for events whose dyads
match, the type is the PLOVER type (or CAMEO root).

>>> from kg.evaluate.event_gold import GoldEvent
>>> gold = [GoldRecord(id="r", text="...", scheme="plover",
...                    events=(GoldEvent("ISRGOV", "PSE", "ACCUSE"),))]
>>> scores = score_events(gold, {"r": [PredictedEvent("ISR", "PSE", "DISAPPROVE")]})
>>> scores.score("dyad").f1, scores.score("type").f1
(1.0, 0.0)
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kg.config import Config
from kg.evaluate.event_codes import EventCodes, load_event_codes
from kg.evaluate.event_gold import SCHEME_LEVELS, GoldRecord, read_gold_events
from kg.evaluate.scoring import Score
from kg.model import Article, Extraction

__all__ = [
    "ALL_EVENT_TYPES",
    "EventReport",
    "EventScores",
    "PredictedEvent",
    "evaluate_events",
    "event_predictions",
    "score_events",
]

ALL_EVENT_TYPES = "all"


@dataclass(frozen=True)
class PredictedEvent:
    """A coded event reduced to what the gold compares.

    Parameters
    ----------
    source, target : str
        Actor codes (country or transnational sector, then sector); ``""``
        when the event has no such actor.
    type : str, optional
        PLOVER type (``DISAPPROVE``); None for events without one (statements).
    cameo : str
        CAMEO code, leading zeros kept.
    """

    source: str
    target: str
    type: str | None
    cameo: str = ""


@dataclass(frozen=True)
class EventScores:
    """Precision, recall and F1 per level and event type, and a confusion table.

    Parameters
    ----------
    scheme : str
        Code scheme of the gold (``plover``, ``cameo``, ``petrarch``).
    scores : tuple of (str, str, Score)
        ``(level, type, score)``: each level's total under
        :data:`ALL_EVENT_TYPES`, then (for ``type`` and ``full``) each type.
    confusion : tuple of (str, str, int)
        ``(gold type, predicted type, count)`` over gold and predicted events
        paired by equal dyads, same types paired first.
    records : int
        Number of gold records scored.
    ignored_predictions : int
        Predictions the scheme cannot compare (events without a PLOVER type).
    """

    scheme: str
    scores: tuple[tuple[str, str, Score], ...]
    confusion: tuple[tuple[str, str, int], ...]
    records: int
    ignored_predictions: int = 0

    @property
    def levels(self) -> tuple[str, ...]:
        """The levels scored, from :data:`SCHEME_LEVELS`."""
        return SCHEME_LEVELS[self.scheme]

    def score(self, level: str = "type", type: str = ALL_EVENT_TYPES) -> Score:
        """The counts of one level (``dyad``, ``type``, ``full``) and event type."""
        for row_level, row_type, score in self.scores:
            if (row_level, row_type) == (level, type):
                return score
        raise KeyError(f"no score for level {level!r} and type {type!r} (scheme {self.scheme})")

    def as_rows(self) -> list[dict[str, Any]]:
        """Plain rows (one per level and type) for table, JSON or CSV output."""
        return [
            {
                "level": level, "type": type_, "gold": score.gold, "predicted": score.predicted,
                "tp": score.tp, "fp": score.fp, "fn": score.fn,
                "precision": round(score.precision, 4), "recall": round(score.recall, 4),
                "f1": round(score.f1, 4),
            }
            for level, type_, score in self.scores
        ]

    def confusion_rows(self) -> list[dict[str, Any]]:
        """The confusion table as rows ``{gold, predicted, count}``."""
        return [{"gold": g, "predicted": p, "count": n} for g, p, n in self.confusion]


# A level's key of an event, and the event type it is counted under.
_Key = tuple[str, ...]


def _keys(scheme: str, codes: EventCodes) -> dict[str, Callable[[str, str, str], _Key]]:
    def type_of(code: str) -> str:
        return code[:2] if scheme == "cameo" else code

    c = codes.country
    return {
        "dyad": lambda s, t, code: (c(s), c(t)),
        "type": lambda s, t, code: (c(s), type_of(code)),
        # the last element is the type each key is counted under
        "full": lambda s, t, code: (c(s), c(t), code, type_of(code)),
    }


def _tally(gold: Counter[_Key], predicted: Counter[_Key]) -> dict[str, Score]:
    """Per type (last element of the key), the multiset comparison of two tuple counts."""
    counts: dict[str, Score] = defaultdict(Score)
    for key in gold.keys() | predicted.keys():
        tp = min(gold[key], predicted[key])
        counts[key[-1]] += Score(tp=tp, fp=predicted[key] - tp, fn=gold[key] - tp)
    return counts


def _confusion(gold: list[tuple[_Key, str]], predicted: list[tuple[_Key, str]]) -> Counter[tuple[str, str]]:
    by_dyad: dict[_Key, tuple[Counter[str], Counter[str]]] = defaultdict(lambda: (Counter(), Counter()))
    for dyad, type_ in gold:
        by_dyad[dyad][0][type_] += 1
    for dyad, type_ in predicted:
        by_dyad[dyad][1][type_] += 1
    table: Counter[tuple[str, str]] = Counter()
    for gold_types, predicted_types in by_dyad.values():
        same = gold_types & predicted_types
        for type_, n in same.items():
            table[(type_, type_)] += n
        rest_gold = sorted((gold_types - same).elements())
        rest_predicted = sorted((predicted_types - same).elements())
        for pair in zip(rest_gold, rest_predicted):
            table[pair] += 1
    return table


def _scheme(gold: Sequence[GoldRecord]) -> str:
    schemes = {record.scheme for record in gold}
    if len(schemes) > 1:
        raise ValueError(f"gold records mix code schemes ({', '.join(sorted(schemes))}); score one at a time")
    return schemes.pop() if schemes else "plover"


def score_events(
    gold: Sequence[GoldRecord],
    predicted: Mapping[str, Sequence[PredictedEvent]],
    *,
    codes: EventCodes | None = None,
) -> EventScores:
    """Score predicted events against gold records at every level the scheme allows.

    Parameters
    ----------
    gold : sequence of GoldRecord
        The gold records, all of one code scheme.
    predicted : mapping of str to sequence of PredictedEvent
        Predictions per record id; a record without an entry has none.
    codes : EventCodes, optional
        Code tables (default: ``event_codes.toml``).

    Returns
    -------
    EventScores

    Raises
    ------
    ValueError
        When ``predicted`` names a record that is not in ``gold``, or the
        records mix code schemes.
    """
    codes = load_event_codes() if codes is None else codes
    unknown = sorted(set(predicted) - {record.id for record in gold})
    if unknown:
        raise ValueError(f"predictions for records not in the gold data: {', '.join(unknown[:5])}")
    scheme = _scheme(gold)
    levels = SCHEME_LEVELS[scheme]
    keys = _keys(scheme, codes)
    totals: dict[tuple[str, str], Score] = defaultdict(Score)
    confusion: Counter[tuple[str, str]] = Counter()
    ignored = 0
    for record in gold:
        preds = []
        for pred in predicted.get(record.id, ()):
            code = pred.type if scheme == "plover" else pred.cameo
            if scheme != "petrarch" and not code:
                ignored += 1
                continue
            preds.append((pred.source, pred.target, code or ""))
        gold_tuples = [(event.source, event.target, event.code) for event in record.events]
        for level in levels:
            key = keys[level]
            gold_keys = Counter(key(*t) for t in gold_tuples)
            pred_keys = Counter(key(*t) for t in preds)
            if level == "dyad":
                # one row only: every dyad counts under "all"
                gold_keys = Counter({(*k, ALL_EVENT_TYPES): n for k, n in gold_keys.items()})
                pred_keys = Counter({(*k, ALL_EVENT_TYPES): n for k, n in pred_keys.items()})
            for type_, score in _tally(gold_keys, pred_keys).items():
                totals[(level, type_)] += score
        if "type" in levels:
            dyad, type_key = keys["dyad"], keys["type"]
            confusion += _confusion(
                [(dyad(*t), type_key(*t)[1]) for t in gold_tuples],
                [(dyad(*t), type_key(*t)[1]) for t in preds],
            )
    rows: list[tuple[str, str, Score]] = []
    for level in levels:
        per_type = sorted((t, s) for (lv, t), s in totals.items() if lv == level and t != ALL_EVENT_TYPES)
        rows.append((level, ALL_EVENT_TYPES, sum((s for _, s in per_type), totals[(level, ALL_EVENT_TYPES)])))
        rows.extend((level, t, s) for t, s in per_type)
    return EventScores(
        scheme=scheme,
        scores=tuple(rows),
        confusion=tuple(sorted((g, p, n) for (g, p), n in confusion.items())),
        records=len(gold),
        ignored_predictions=ignored,
    )


def event_predictions(
    extraction: Extraction, *, codes: EventCodes | None = None, include_negated: bool = False
) -> tuple[PredictedEvent, ...]:
    """An article's coded events as predictions: one per (agent, target) pair.

    The actor codes come from the resolved entities (country and sector, see
    :meth:`~kg.evaluate.event_codes.EventCodes.actor_code`). Identical
    predictions from one article count once, as a coder codes a sentence's
    event once however many words express it.

    Parameters
    ----------
    extraction : Extraction
        One article's extraction, with its events and entities.
    codes : EventCodes, optional
        Code tables (default: ``event_codes.toml``).
    include_negated : bool
        Keep negated events ("did not attack"); left out by default, since
        they say the event did not happen.
    """
    codes = load_event_codes() if codes is None else codes
    entities = {entity.iri: entity for entity in extraction.entities}
    found: dict[PredictedEvent, None] = {}
    for event in extraction.events:
        if event.negated and not include_negated:
            continue
        sources = [codes.actor_code(entities.get(a.entity)) for a in event.agents] or [""]
        targets = [codes.actor_code(entities.get(a.entity)) for a in event.targets] or [""]
        plover = codes.plover_type(event.type)
        for source in sources:
            for target in targets:
                found.setdefault(PredictedEvent(source, target, plover, event.cameo), None)
    return tuple(found)


@dataclass(frozen=True)
class EventReport:
    """Scores of kg's event coding on one gold file.

    Parameters
    ----------
    path : Path
        The gold file.
    scores : EventScores
    predicted_events : int
        Events kg coded on the gold texts (before reduction to tuples).
    failed : tuple of (str, str)
        ``(record id, reason)`` of records the extraction could not process
        (scored as predicting nothing).
    actors : tuple of Path
        The custom actor dictionaries used.
    include_inactive, include_negated : bool
        The options of the run.
    """

    path: Path
    scores: EventScores
    predicted_events: int = 0
    failed: tuple[tuple[str, str], ...] = ()
    actors: tuple[Path, ...] = ()
    include_inactive: bool = False
    include_negated: bool = False

    def as_rows(self) -> list[dict[str, Any]]:
        """The score rows (level, type, counts, precision, recall, F1)."""
        return self.scores.as_rows()

    def confusion_rows(self) -> list[dict[str, Any]]:
        """The confusion table of types, as rows."""
        return self.scores.confusion_rows()

    def describe(self) -> str:
        """What was compared: gold file, records, scheme, levels and what was left out."""
        scores = self.scores
        lines = [
            f"gold: {self.path}",
            (f"records: {scores.records} ({'with' if self.include_inactive else 'without'} inactive "
             "records; records testing PETRARCH's input errors left out); "
             f"scheme: {scores.scheme}; levels: {', '.join(scores.levels)}"),
            (f"events coded by kg: {self.predicted_events}; "
             f"negated events {'kept' if self.include_negated else 'left out'}; "
             f"predictions the scheme cannot compare: {scores.ignored_predictions}"),
        ]
        if scores.scheme == "petrarch":
            lines.append("PETRARCH unit-test codes are an older (WEIS-derived) scheme: dyads only")
        if self.actors:
            lines.append(f"actor dictionaries: {', '.join(str(p) for p in self.actors)}")
        if self.failed:
            lines.append(f"records that failed: {len(self.failed)} (scored as no events): "
                         + "; ".join(f"{i}: {why}" for i, why in self.failed[:3]))
        lines.append(load_event_codes().describe())
        return "\n".join(lines)


def evaluate_events(
    path: Path,
    *,
    config: Config,
    actors: tuple[Path, ...] = (),
    limit: int | None = None,
    include_inactive: bool = False,
    include_negated: bool = False,
) -> EventReport:
    """Code the gold sentences with kg and score the events.

    Each record becomes an :class:`~kg.model.Article` (id = record id,
    published = record date) run through :func:`kg.pipeline.extract`.

    Parameters
    ----------
    path : Path
        Gold records, read with :func:`~kg.evaluate.event_gold.read_gold_events`.
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

    Raises
    ------
    EvalError
        When the gold file cannot be read.
    ConfigError
        When an actor dictionary cannot be read.
    ExtractionError
        When the model cannot be loaded.
    """
    # The pipeline sits above the scorer; importing it here keeps scoring usable alone.
    from kg.pipeline import ArticleStatus, extract

    records = read_gold_events(path, include_inactive=include_inactive)[:limit]
    config = replace(config, actors=(*config.actors, *(Path(p) for p in actors)))
    codes = load_event_codes()
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
    return EventReport(
        path=Path(path), scores=score_events(records, predicted, codes=codes), predicted_events=coded,
        failed=tuple(failed), actors=tuple(Path(p) for p in actors),
        include_inactive=include_inactive, include_negated=include_negated,
    )
