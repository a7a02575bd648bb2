"""Stand-off gold event annotations: codes with offsets into corpus files, no text.

A hand-annotated sample of a corpus keeps only where each item is and how it
is coded, one item per line::

    {"id": "A001", "file": "../corpus/news.jsonl", "record": "n-17", "start": 0, "end": 120,
     "events": [{"source": "ARMMIL", "target": "AZECVL", "plover": "FIGHT",
                 "mode": "heavy-weapons", "cameo": "19"}],
     "noevents": false}

``file`` is a JSON Lines corpus (read with :func:`kg.ingest.read_articles`),
relative to a root directory (the repository root); ``record`` is the id of a
record in it and ``start``/``end`` are character offsets into its ``text``
(0-based, end exclusive). Each event has actor codes (country or
transnational sector, then sectors; ``""`` for none), a PLOVER type (null for
CAMEO 01 statements, which have none), an optional mode, a CAMEO root (two
digits) and ``"joint": true`` when the participants act together ("A and B
agreed"), listed once per participant with the other as target.

An item is scored in two views (:func:`plover_view`, :func:`cameo_view`):
PLOVER types, where a joint act has each participant as source and no target,
as the PLOVER gold codes it; and CAMEO roots, where it has the other
participant as target. In both, the events of an item count once per
(source country, target country, code).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kg.errors import EvalError
from kg.evaluate.event_codes import EventCodes, load_event_codes
from kg.evaluate.event_gold import GoldEvent, GoldRecord
from kg.evaluate.gold import gold_field, gold_lines, json_object
from kg.events.cameo import EVENT_TYPES
from kg.model import Article

__all__ = [
    "StandoffEvent",
    "StandoffItem",
    "cameo_view",
    "is_standoff",
    "plover_view",
    "read_standoff_events",
]

_ROOTS = frozenset(f"{n:02d}" for n in range(1, 21))


@dataclass(frozen=True)
class StandoffEvent:
    """One annotated event: actor codes, PLOVER type (None for statements), CAMEO root."""

    source: str
    target: str
    plover: str | None
    cameo: str
    mode: str | None = None
    joint: bool = False


@dataclass(frozen=True)
class StandoffItem:
    """An annotated item with its text fetched from the corpus.

    Parameters
    ----------
    id : str
        Item id (predictions are keyed by it).
    file : str
        Corpus file as written in the gold file (relative to the root).
    record : str
        Record id in the corpus file.
    start, end : int
        Character offsets of the item in the record's text.
    text : str
        ``record.text[start:end]``.
    events : tuple of StandoffEvent
    date : date or datetime, optional
        The record's date.
    origin : str
        ``path:line`` of the annotation.
    """

    id: str
    file: str
    record: str
    start: int
    end: int
    text: str
    events: tuple[StandoffEvent, ...]
    date: date | datetime | None = None
    origin: str = ""

    @property
    def part(self) -> str:
        """The corpus the item comes from: the folder of its file."""
        parts = Path(self.file).parts
        return parts[-2] if len(parts) > 1 else Path(self.file).stem


def is_standoff(path: Path) -> bool:
    """Whether a gold file holds stand-off items (``record`` and offsets, no ``text``)."""
    for line in gold_lines(Path(path)):
        if line.strip():
            try:
                first = json.loads(line)
            except json.JSONDecodeError:
                return False
            return isinstance(first, dict) and "record" in first and "text" not in first
    return False


def _event(raw: Any, where: str) -> StandoffEvent:
    if not isinstance(raw, dict):
        raise EvalError(f"{where}: an event must be a JSON object with source, target, plover and cameo")
    source, target = gold_field(raw, "source", str, where), gold_field(raw, "target", str, where)
    plover, cameo = raw.get("plover"), gold_field(raw, "cameo", str, where)
    if plover is not None and plover not in EVENT_TYPES:
        raise EvalError(f"{where}: {plover!r} is not a PLOVER event type ({', '.join(EVENT_TYPES)})")
    if cameo not in _ROOTS:
        raise EvalError(f"{where}: cameo must be a CAMEO root, two digits 01-20, not {cameo!r}")
    if not source.strip():
        raise EvalError(f"{where}: the event has no source; code an unknown actor as '---'")
    mode = raw.get("mode")
    return StandoffEvent(source.strip(), target.strip(), plover, cameo,
                         mode if isinstance(mode, str) else None, raw.get("joint") is True)


def _annotation(line: str, where: str) -> dict[str, Any]:
    item = json_object(line, where, fields="id, file, record, start, end and events")
    for key, kind in (("id", str), ("file", str), ("record", str), ("start", int), ("end", int),
                      ("events", list)):
        gold_field(item, key, kind, where)
    if item.get("noevents") is True and item["events"]:
        raise EvalError(f"{where}: item {item['id']!r} says noevents but lists events; drop one or the other")
    return item


def _corpus(path: Path, where: str) -> dict[str, Article]:
    # ingest reads input files; imported here, as the pipeline is, to keep scoring light
    from kg.ingest import read_articles

    if not path.is_file():
        raise EvalError(f"{where}: corpus file {path} not found; run kg from the repository root "
                        "(beside ../shared) or give --root")
    return {a.id: a for a in read_articles([path], dedup=False) if isinstance(a, Article)}


def read_standoff_events(path: Path, *, root: Path | None = None) -> list[StandoffItem]:
    """Read stand-off annotations and fetch each item's text from its corpus file.

    Parameters
    ----------
    path : Path
        The annotations, one item per line.
    root : Path, optional
        Directory the ``file`` paths are relative to (default: the current
        directory).

    Raises
    ------
    EvalError
        When the gold file or a corpus file is missing, a line is malformed,
        an id repeats, a record is not in its corpus or the offsets fall
        outside its text. The message names the gold file and line.
    """
    path, root = Path(path), Path.cwd() if root is None else Path(root)
    corpora: dict[str, dict[str, Article]] = {}
    items: list[StandoffItem] = []
    seen: set[str] = set()
    for number, line in enumerate(gold_lines(path), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        raw = _annotation(line, where)
        if raw["id"] in seen:
            raise EvalError(f"{where}: item id {raw['id']!r} repeats; ids must be unique")
        seen.add(raw["id"])
        if raw["file"] not in corpora:
            corpora[raw["file"]] = _corpus(root / raw["file"], where)
        article = corpora[raw["file"]].get(raw["record"])
        if article is None:
            raise EvalError(f"{where}: record {raw['record']!r} is not in {raw['file']}; "
                            "check the id against the corpus file")
        start, end = raw["start"], raw["end"]
        if not 0 <= start < end <= len(article.text):
            raise EvalError(f"{where}: offsets {start}-{end} fall outside the text of record "
                            f"{raw['record']!r} ({len(article.text)} characters)")
        events = tuple(_event(e, f"{where}: event {n}") for n, e in enumerate(raw["events"]))
        items.append(StandoffItem(
            id=raw["id"], file=raw["file"], record=raw["record"], start=start, end=end,
            text=article.text[start:end], events=events, date=article.published, origin=where,
        ))
    if not items:
        raise EvalError(f"{path}: no items in the gold file")
    return items


def _view(items: Sequence[StandoffItem], scheme: str, codes: EventCodes,
          tuple_of: Callable[[StandoffEvent], tuple[str, str, str] | None]) -> list[GoldRecord]:
    records = []
    for item in items:
        kept: dict[tuple[str, str, str], GoldEvent] = {}
        for event in item.events:
            found = tuple_of(event)
            if found is not None:
                source, target, code = found
                kept.setdefault((codes.country(source), codes.country(target), code),
                                GoldEvent(source, target, code))
        records.append(GoldRecord(id=item.id, text=item.text, events=tuple(kept.values()), scheme=scheme,
                                  date=item.date, noevents=not item.events, origin=item.origin))
    return records


def plover_view(items: Sequence[StandoffItem], *, codes: EventCodes | None = None) -> list[GoldRecord]:
    """The items as PLOVER gold records: PLOVER types; joint acts without target."""
    codes = load_event_codes() if codes is None else codes
    return _view(items, "plover", codes, lambda e: None if e.plover is None else
                 (e.source, "" if e.joint else e.target, e.plover))


def cameo_view(items: Sequence[StandoffItem], *, codes: EventCodes | None = None) -> list[GoldRecord]:
    """The items as CAMEO-root gold records (scheme ``cameo-root``)."""
    codes = load_event_codes() if codes is None else codes
    return _view(items, "cameo-root", codes, lambda e: (e.source, e.target, e.cameo))


def parts_of(items: Iterable[StandoffItem]) -> Mapping[str, tuple[str, ...]]:
    """Item ids per corpus part, in order of first appearance."""
    parts: dict[str, list[str]] = {}
    for item in items:
        parts.setdefault(item.part, []).append(item.id)
    return {part: tuple(ids) for part, ids in parts.items()}
