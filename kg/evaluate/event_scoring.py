"""Scoring coded events against gold event records, as multisets of tuples per record.

Per record, the gold events and the predicted ones are compared at the levels
of the gold's code scheme (:data:`~kg.evaluate.event_gold.SCHEME_LEVELS`):

``dyad``
    (source country, target country)
``type``
    (source country, PLOVER type), or (source country, CAMEO root) for CAMEO gold
``root``
    (source country, target country, CAMEO root), for CAMEO gold
``full``
    (source country, target country, PLOVER type or full CAMEO code)

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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kg.evaluate.event_codes import EventCodes, load_event_codes
from kg.evaluate.event_gold import SCHEME_LEVELS, GoldRecord
from kg.evaluate.scoring import Score
from kg.model import Extraction

__all__ = [
    "ALL_EVENT_TYPES",
    "EventScores",
    "PredictedEvent",
    "comparable_tuples",
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


def _code(scheme: str, event: PredictedEvent) -> str | None:
    """The code a scheme compares for a prediction: PLOVER type, CAMEO root or code."""
    if scheme == "plover":
        return event.type
    if scheme == "cameo-root":
        return event.cameo[:2] or None
    return event.cameo or None


def _keys(scheme: str, codes: EventCodes) -> dict[str, Callable[[str, str, str], _Key]]:
    def type_of(code: str) -> str:
        return code[:2] if scheme in ("cameo", "cameo-root") else code

    c = codes.country
    return {
        "dyad": lambda s, t, code: (c(s), c(t)),
        "type": lambda s, t, code: (c(s), type_of(code)),
        # the last element is the type each key is counted under
        "root": lambda s, t, code: (c(s), c(t), code[:2], type_of(code)),
        "full": lambda s, t, code: (c(s), c(t), code, type_of(code)),
    }


def comparable_tuples(
    predictions: Iterable[PredictedEvent],
    *,
    scheme: str,
    countries: bool = False,
    codes: EventCodes | None = None,
) -> list[PredictedEvent]:
    """One record's predictions, once each as the scheme compares them.

    Two predictions that differ only in the code under what the scheme
    compares (CAMEO sub-codes under one PLOVER type or one CAMEO root) are one
    prediction, as a coder codes a sentence's event once however many words
    express it; with ``countries``, so are two that differ only in the sectors
    of their actors (for gold that lists each event once per pair of
    countries). Predictions the scheme cannot compare (no PLOVER type) are
    kept, for :func:`score_events` to count as ignored.

    >>> events = [PredictedEvent("ISRMIL", "PSE", "FIGHT", "195"), PredictedEvent("ISRMIL", "PSE", "FIGHT", "190"),
    ...           PredictedEvent("ISR", "PSECVL", "FIGHT", "190")]
    >>> len(comparable_tuples(events, scheme="plover")), len(comparable_tuples(events, scheme="plover", countries=True))
    (2, 1)
    """
    codes = load_event_codes() if codes is None else codes
    kept: dict[tuple[str, str, str | None], PredictedEvent] = {}
    for event in predictions:
        source, target = event.source, event.target
        if countries:
            source, target = codes.country(source), codes.country(target)
        kept.setdefault((source, target, _code(scheme, event)), event)
    return list(kept.values())


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
            code = _code(scheme, pred)
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
