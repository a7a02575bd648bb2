"""Reading gold event records (PLOVER and PETRARCH JSON Lines) for ``kg eval events``.

One sentence per line: ``{"id": ..., "text": ..., "date": "19950101" or
"2000-01-01", "expected_events": [{"source": "IGO", "target": "JAP", "code":
"AGREE"}, ...], "noevents": false, "active": true, "expected_error": null}``.
Actor codes are CAMEO-style: a country code (ISO 3166-1 alpha-3 or the
dictionary's own, such as ``ARN``) followed by sector codes (``GONMIL``); an
empty string means no actor.

The code scheme of a file decides what can be scored (see
:data:`SCHEME_LEVELS`): ``plover`` (codes are PLOVER types such as ``AGREE``),
``cameo`` (CAMEO codes such as ``0231``) or ``petrarch`` (the PETRARCH unit
tests' own WEIS-derived codes, which look like CAMEO codes but mean other
things, so only dyads are scored). It is read from each record's
``code_scheme`` ("PLOVER ...", "PETR ...") or else inferred from the codes.

>>> record = gold_record('{"id": "r1", "text": "Arnor hailed Gondor.", "date": "19950101",'
...                      ' "expected_events": [{"source": "ARN", "target": "GONGOV", "code": "051"}],'
...                      ' "code_scheme": "PETR validation"}', where="gold.jsonl:1")
>>> record.scheme, record.date, record.events[0].target
('petrarch', datetime.date(1995, 1, 1), 'GONGOV')
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kg.errors import EvalError
from kg.evaluate.gold import gold_field, gold_lines, json_object
from kg.events.cameo import EVENT_TYPES, is_cameo_code
from kg.ingest.dates import parse_date

__all__ = ["SCHEME_LEVELS", "GoldEvent", "GoldRecord", "gold_record", "read_gold_events"]

#: Levels scored for each code scheme: ``dyad`` (source and target country),
#: ``type`` (source country and PLOVER type or CAMEO root), ``root`` (source
#: country, target country and CAMEO root) and ``full`` (source country, target
#: country and code). ``cameo-root`` gold codes CAMEO roots only (two digits).
SCHEME_LEVELS = {
    "plover": ("dyad", "type", "full"),
    "cameo": ("dyad", "type", "root", "full"),
    "cameo-root": ("type", "root"),
    "petrarch": ("dyad",),
}


@dataclass(frozen=True)
class GoldEvent:
    """One expected event: actor codes of source and target (``""`` for none), and its code."""

    source: str
    target: str
    code: str


@dataclass(frozen=True)
class GoldRecord:
    """A gold sentence with the events a coder should find in it.

    Parameters
    ----------
    id : str
        Record id (``uid`` when the record has one, else ``id``); predictions
        are keyed by it.
    text : str
        The sentence (or short text) to code.
    events : tuple of GoldEvent
        Expected events, in file order (a multiset: repeats count).
    scheme : str
        ``plover``, ``cameo`` or ``petrarch``.
    date : date or datetime, optional
        The record's date, used as the publication date.
    noevents : bool
        The record expects no event at all.
    active : bool
        False for cases the gold's authors marked as not expected to pass.
    error : str, optional
        PETRARCH's ``expected_error`` ("storydiscard", "bad_input_parse", ...):
        the record tests the original coder's input handling, not coding.
    origin : str
        ``path:line`` it was read from, for messages.
    """

    id: str
    text: str
    events: tuple[GoldEvent, ...]
    scheme: str
    date: date | datetime | None = None
    noevents: bool = False
    active: bool = True
    error: str | None = None
    origin: str = ""


def _scheme(record: dict[str, Any], codes: list[str], where: str) -> str:
    declared = str(record.get("code_scheme") or "").strip().upper()
    if declared.startswith("PLOVER"):
        return "plover"
    if declared.startswith("PETR"):
        return "petrarch"
    if declared.startswith("CAMEO"):
        return "cameo"
    if declared:
        raise EvalError(f"{where}: unknown code_scheme {record['code_scheme']!r}; "
                        "use one starting with PLOVER, CAMEO or PETR")
    if codes and all(code in EVENT_TYPES for code in codes):
        return "plover"
    if codes and all(is_cameo_code(code) for code in codes):
        return "cameo"
    if not codes:
        return "plover"
    raise EvalError(f"{where}: cannot tell the code scheme of codes {', '.join(codes)}; "
                    "give a code_scheme field (PLOVER, CAMEO or PETR)")


def _event(item: Any, where: str) -> GoldEvent:
    if not isinstance(item, dict):
        raise EvalError(f"{where}: an expected event must be a JSON object with source, target "
                        f"and code, got {item!r}")
    source = gold_field(item, "source", str, where, default="")
    target = gold_field(item, "target", str, where, default="")
    code = gold_field(item, "code", str, where)
    if not code.strip():
        raise EvalError(f"{where}: the event code is empty; give the event's code")
    return GoldEvent(source=source.strip(), target=target.strip(), code=code.strip())


def gold_record(line: str, *, where: str) -> GoldRecord:
    """Parse one line of a gold event file.

    Raises
    ------
    EvalError
        When the line is not a JSON object with ``id``, ``text`` and
        ``expected_events``, a field has the wrong kind, the date cannot be
        read, ``noevents`` contradicts the listed events, or a code does not
        fit the scheme. The message starts with ``where``.
    """
    record = json_object(line, where, fields="id, text and expected_events")
    # PETRARCH's suite reuses a few ids; its converted file keeps them unique in "uid"
    record_id = gold_field(record, "uid", str, where, default="") or gold_field(record, "id", str, where)
    text = gold_field(record, "text", str, where)
    items = gold_field(record, "expected_events", list, where)
    events = tuple(_event(item, f"{where}: event {n}") for n, item in enumerate(items))
    noevents = gold_field(record, "noevents", bool, where, default=False)
    if noevents and events:
        raise EvalError(f"{where}: record {record_id!r} says noevents but lists {len(events)} "
                        "expected events; drop one or the other")
    scheme = _scheme(record, [event.code for event in events], where)
    for event in events:
        if scheme == "plover" and event.code not in EVENT_TYPES:
            raise EvalError(f"{where}: {event.code!r} is not a PLOVER event type "
                            f"({', '.join(EVENT_TYPES)})")
        if scheme == "cameo" and not is_cameo_code(event.code):
            raise EvalError(f"{where}: {event.code!r} is not a CAMEO event code such as '0231'")
    published: date | datetime | None = None
    raw_date = record.get("date")
    if raw_date not in (None, ""):
        try:
            published = parse_date(raw_date)
        except ValueError as e:
            raise EvalError(f"{where}: cannot read the date {raw_date!r}; write it as YYYYMMDD "
                            "or an ISO date") from e
    error = record.get("expected_error")
    return GoldRecord(
        id=record_id,
        text=text,
        events=events,
        scheme=scheme,
        date=published,
        noevents=noevents,
        active=gold_field(record, "active", bool, where, default=True),
        error=str(error) if error else None,
        origin=where,
    )


def read_gold_events(
    path: Path, *, include_inactive: bool = False, include_errors: bool = False
) -> list[GoldRecord]:
    """Read gold event records from a JSON Lines file.

    Parameters
    ----------
    path : Path
        One record per line (blank lines are skipped).
    include_inactive : bool
        Keep records marked ``"active": false`` (cases the gold's authors did
        not expect any coder to pass); left out by default.
    include_errors : bool
        Keep records with an ``expected_error`` (PETRARCH's tests of its own
        input handling: malformed parse trees, discard word lists, datelines);
        left out by default, as they do not test event coding.

    Returns
    -------
    list of GoldRecord
        The records kept, in file order.

    Raises
    ------
    EvalError
        When the file is missing or unreadable, a line is malformed (see
        :func:`gold_record`), an id repeats, the file mixes code schemes or
        holds no record. The message names the file and line.
    """
    path = Path(path)
    lines = gold_lines(path)
    records: list[GoldRecord] = []
    seen: dict[str, str] = {}
    scheme: tuple[str, str] | None = None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        record = gold_record(line, where=where)
        if record.id in seen:
            raise EvalError(f"{where}: record id {record.id!r} repeats {seen[record.id]}; ids must be unique")
        seen[record.id] = where
        if record.events or record.scheme != "plover":
            if scheme is None:
                scheme = (record.scheme, where)
            elif record.scheme != scheme[0]:
                raise EvalError(f"{where}: code scheme {record.scheme!r} differs from {scheme[0]!r} "
                                f"at {scheme[1]}; score one scheme per file")
        if (record.active or include_inactive) and (record.error is None or include_errors):
            records.append(record)
    if not seen:
        raise EvalError(f"{path}: no records in the gold file")
    if scheme is not None:
        # records without events were read as PLOVER by default; they follow the file
        records = [r if r.scheme == scheme[0] else replace(r, scheme=scheme[0]) for r in records]
    return records
