"""Coverage of event coding: how often kg codes an event with an agent at all.

Two measures, both in aggregate only:

- :func:`gold_coverage`, on gold records: of the records whose gold has an
  event with a PLOVER type, the share in which kg codes an event with an agent
  (a source actor) and a PLOVER type, and of those the share in which one such
  event has a PLOVER type of the gold's;
- :func:`corpus_coverage`, on a corpus without gold: the share of items in
  which kg codes an event with an agent.

Negated events ("did not attack") are not counted, as in the scores.

>>> from kg.evaluate.event_gold import GoldEvent, GoldRecord
>>> from kg.evaluate.event_scoring import PredictedEvent, event_predictions
>>> gold = [GoldRecord(id=i, text="...", scheme="plover", events=(GoldEvent("ARM", "", "AGREE"),))
...         for i in ("a", "b")]
>>> c = gold_coverage(gold, {"a": [PredictedEvent("ARM", "", "CONSULT")], "b": [PredictedEvent("", "AZE", "AGREE")]})
>>> c.covered, c.with_event, c.right_class
(1, 2, 0)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.config import Config
from kg.evaluate.event_codes import NO_ACTOR, EventCodes, load_event_codes
from kg.evaluate.event_gold import GoldRecord
from kg.evaluate.event_scoring import PredictedEvent, event_predictions

__all__ = ["CorpusCoverage", "GoldCoverage", "corpus_coverage", "gold_coverage"]


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


@dataclass(frozen=True)
class GoldCoverage:
    """How many gold records with an event get an event with an agent from kg.

    Parameters
    ----------
    records : int
        Gold records scored.
    with_event : int
        Records whose gold has an event with a PLOVER type.
    covered : int
        Of those, records where kg codes an event with an agent and a PLOVER type.
    right_class : int
        Of the covered, records where one such event has a PLOVER type of the gold's.
    """

    records: int
    with_event: int
    covered: int
    right_class: int

    @property
    def coverage(self) -> float:
        """``covered / with_event``."""
        return _share(self.covered, self.with_event)

    @property
    def class_right(self) -> float:
        """``right_class / covered``."""
        return _share(self.right_class, self.covered)

    def as_row(self) -> dict[str, Any]:
        """Counts and shares (rounded to four decimals) as one row."""
        return {"records": self.records, "with_event": self.with_event, "covered": self.covered,
                "coverage": round(self.coverage, 4), "right_class": self.right_class,
                "class_right": round(self.class_right, 4)}


def _with_agent(events: Iterable[PredictedEvent], codes: EventCodes) -> set[str]:
    """The PLOVER types of the events with an agent."""
    return {e.type for e in events if e.type and codes.country(e.source) != NO_ACTOR}


def gold_coverage(
    gold: Sequence[GoldRecord],
    predicted: Mapping[str, Sequence[PredictedEvent]],
    *,
    codes: EventCodes | None = None,
) -> GoldCoverage:
    """Coverage of kg's predictions on PLOVER gold records (see the module docstring)."""
    codes = load_event_codes() if codes is None else codes
    with_event = covered = right = 0
    for record in gold:
        expected = {event.code for event in record.events}
        if record.scheme != "plover" or not expected:
            continue
        with_event += 1
        found = _with_agent(predicted.get(record.id, ()), codes)
        covered += bool(found)
        right += bool(found & expected)
    return GoldCoverage(records=len(gold), with_event=with_event, covered=covered, right_class=right)


@dataclass(frozen=True)
class CorpusCoverage:
    """Items of one corpus file with events coded by kg.

    Parameters
    ----------
    part : str
        The corpus file (or ``all`` for the total).
    items : int
        Items extracted.
    with_event : int
        Items with at least one event with a PLOVER type.
    with_agent : int
        Items with at least one event with a PLOVER type and an agent.
    with_agent_any : int
        Items with at least one event with an agent, statements (CAMEO 01) included.
    failed : int
        Items that could not be read or extracted (not in ``items``).
    """

    part: str
    items: int = 0
    with_event: int = 0
    with_agent: int = 0
    with_agent_any: int = 0
    failed: int = 0

    def __add__(self, other: CorpusCoverage) -> CorpusCoverage:
        return CorpusCoverage("all", self.items + other.items, self.with_event + other.with_event,
                              self.with_agent + other.with_agent,
                              self.with_agent_any + other.with_agent_any, self.failed + other.failed)

    def as_row(self) -> dict[str, Any]:
        """Counts and the share of items with an event with an agent, as one row."""
        return {"corpus": self.part, "items": self.items, "with_event": self.with_event,
                "with_agent": self.with_agent, "share_with_agent": round(_share(self.with_agent, self.items), 4),
                "with_agent_any": self.with_agent_any,
                "share_with_agent_any": round(_share(self.with_agent_any, self.items), 4),
                "failed": self.failed}


def corpus_coverage(
    paths: Sequence[Path], *, config: Config, progress: Callable[[Any], None] | None = None
) -> list[CorpusCoverage]:
    """Extract every item of corpus files and count those with events (no gold needed).

    Parameters
    ----------
    paths : sequence of Path
        Corpus files or directories, as ``kg build`` reads them.
    config : Config
    progress : callable, optional
        Called with each article's status (for a progress bar).

    Returns
    -------
    list of CorpusCoverage
        One per input file, in order, then the total (``all``).
    """
    # The pipeline sits above the scorer; importing it here keeps scoring usable alone.
    from kg.ingest import IngestProblem, read_articles
    from kg.pipeline import ArticleStatus, extract

    codes = load_event_codes()
    file_of: dict[str, str] = {}
    # per file: items, with an event, with an event with an agent, the same with statements, failed
    counts: dict[str, list[int]] = {}

    def tally(part: str, *found: int) -> None:
        row = counts.setdefault(part, [0, 0, 0, 0, 0])
        for n, value in enumerate(found):
            row[n] += value

    def articles() -> Iterable[Any]:
        for item in read_articles(paths, dedup=False):
            if isinstance(item, IngestProblem):
                tally(item.source.rsplit(":", 1)[0], 0, 0, 0, 0, 1)
                continue
            file_of[item.id] = item.origin.rsplit(":", 1)[0]
            yield item

    for result in extract(articles(), config=config):
        if isinstance(result, ArticleStatus):
            tally(file_of.get(result.article, ""), 0, 0, 0, 0, 1)
            continue
        events = event_predictions(result, codes=codes)
        tally(file_of.get(result.article.id, ""), 1, any(e.type for e in events),
              bool(_with_agent(events, codes)), any(codes.country(e.source) != NO_ACTOR for e in events))
        if progress is not None:
            progress(ArticleStatus(result.article.id, "extracted"))
    rows = [CorpusCoverage(part, *row) for part, row in counts.items()]
    return [*rows, sum(rows, CorpusCoverage("all"))]
