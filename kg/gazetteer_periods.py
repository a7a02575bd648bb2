"""Codes that hold for a time only, and the world-leaders dictionary that is made of them.

An actor's country and sector can change: a president leaves office, a rebel
leader becomes head of state. A :class:`CodePeriod` says which country, sector
and office hold between two dates; :meth:`kg.gazetteer.LexEntry.on` picks the one
that holds on a day.

The world-leaders dictionary (``kg/gazetteer_data/leaders.tsv``) has one row per
office a person held, with the columns

``name``
    The person's canonical name; every row of one person repeats it.
``country``
    ISO 3166-1 alpha-3 code of the state the office belongs to; empty for the
    offices of international organisations.
``office``
    ``HOS`` head of state, ``HOG`` head of government, ``HOSG`` both,
    ``FM`` foreign minister, ``DM`` defence minister, ``IM`` interior minister,
    ``MIL`` head of the armed forces, ``IGO`` head of an international
    organisation, ``OTH`` another office named by ``title`` (a party, an armed
    group, a deputy post).
``title``
    The office in English ("Prime Minister", "Secretary of State").
``sector``
    CAMEO sector while in office (``GOV``, ``MIL``, ``IGO``, ``REB``...).
``start``, ``end``
    ISO dates, to the day, month or year (``2019-05-20``, ``2019-05``,
    ``2019``); ``end`` empty while in office.
``aliases``
    Other names, ``|``-separated, on any row of the person.

The convention for a day outside every office (as PETRARCH and ICEWS code it): after
a person's first office ends they are an elite of the country of that office (sector
``ELI``, role "former <title>") until another office starts; before their first office
they have their country and no sector.

>>> CodePeriod.parse("..1979-06-05 RHO")
CodePeriod(start=None, end=datetime.date(1979, 6, 5), country='RHO', sector=None, role=None, rank=0)
>>> parse_day("2019-05"), parse_day("2019-05", end=True)
(datetime.date(2019, 5, 1), datetime.date(2019, 5, 31))
"""

from __future__ import annotations

import calendar
import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kg.errors import ConfigError

__all__ = ["OFFICES", "CodePeriod", "Leader", "parse_day", "read_leaders"]

#: Offices of the leaders dictionary and their rank: when a person holds two at once,
#: the higher one gives the role (a prime minister who is also foreign minister).
OFFICES = {"HOS": 6, "HOSG": 6, "HOG": 5, "IGO": 5, "FM": 4, "DM": 3, "IM": 2, "MIL": 2, "OTH": 1}
_COLUMNS = ("name", "country", "office", "title", "sector", "start", "end", "aliases")
_OUT_OF_OFFICE = -1


@dataclass(frozen=True)
class CodePeriod:
    """A country, sector and office an actor has for a time only (either end open).

    Of the periods holding on a day, the one of highest ``rank`` wins, then the
    latest-starting; ``role`` (when not None) replaces the actor's office, ``""``
    clears it.
    """

    start: date | None
    end: date | None
    country: str | None
    sector: str | None = None
    role: str | None = None
    rank: int = 0

    @classmethod
    def parse(cls, text: str) -> CodePeriod:
        """Read ``START..END COUNTRY [SECTOR]``; raises ValueError when it is not that."""
        span, *codes = text.split()
        first, sep, last = span.partition("..")
        if not sep or not 1 <= len(codes) <= 2:
            raise ValueError(f"{text!r} is not 'START..END COUNTRY [SECTOR]'")
        country = codes[0].upper() if codes[0] != "-" else None
        sector = codes[1].upper() if len(codes) > 1 else None
        return cls(parse_day(first) if first else None, parse_day(last, end=True) if last else None,
                   country, sector)

    def holds(self, day: date) -> bool:
        """Whether the period includes ``day``."""
        return (self.start or date.min) <= day <= (self.end or date.max)


def parse_day(text: str, *, end: bool = False) -> date:
    """An ISO date given to the day, month or year: its first day, or its last with ``end``.

    Raises ValueError when ``text`` is none of these.
    """
    parts = text.strip().split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        raise ValueError(f"{text!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    if len(parts) == 3:
        return date.fromisoformat(text.strip())
    year = int(parts[0])
    if len(parts) == 2:
        month = int(parts[1])
        if not 1 <= month <= 12:
            raise ValueError(f"{text!r} has no month {month}")
        return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
    return date(year, 12, 31) if end else date(year, 1, 1)


@dataclass(frozen=True)
class Leader:
    """One person of the leaders dictionary, with every office as a dated period.

    ``country``, ``sector`` and ``role`` are what holds when no date is known: the
    person as they are now (the country of their latest office of a state; the sector
    and title of their highest office held today, else ``ELI`` and their last title).
    """

    name: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None
    role: str | None
    periods: tuple[CodePeriod, ...]


@dataclass(frozen=True)
class _Row:
    line: int
    country: str | None
    office: str
    title: str
    sector: str
    start: date
    end: date | None


def read_leaders(path: Path) -> list[Leader]:
    """Read a leaders dictionary (format in the module docstring), one :class:`Leader` per name.

    Raises
    ------
    ConfigError
        Naming the file and line, when a row lacks a column or has a bad office or date.
    """
    rows: dict[str, list[_Row]] = {}
    aliases: dict[str, list[str]] = {}
    try:
        with path.open(encoding="utf-8", newline="") as f:
            lines = [(n, line) for n, line in enumerate(f, start=1)
                     if line.strip() and not line.startswith("#")]
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read the leaders dictionary ({e})") from e
    reader = csv.DictReader((line for _, line in lines), delimiter="\t")
    if tuple(reader.fieldnames or ()) != _COLUMNS:
        raise ConfigError(f"{path}: the header must be {' '.join(_COLUMNS)} (tab-separated)")
    for (number, _), record in zip(lines[1:], reader, strict=True):
        name = (record["name"] or "").strip()
        rows.setdefault(name, []).append(_row(record, path, number))
        aliases.setdefault(name, []).extend(
            a.strip() for a in (record["aliases"] or "").split("|") if a.strip())
    return [_leader(name, person, tuple(dict.fromkeys(aliases[name]))) for name, person in rows.items()]


def _row(record: dict[str, str], path: Path, number: int) -> _Row:
    where = f"{path}, line {number}"
    office = (record["office"] or "").strip()
    if not (record["name"] or "").strip() or office not in OFFICES:
        raise ConfigError(f"{where}: a row needs a name and an office among {', '.join(OFFICES)}")
    country = (record["country"] or "").strip().upper() or None
    if (country is None) != (office == "IGO"):
        raise ConfigError(f"{where}: give a country for every office but IGO, and none for IGO")
    try:
        start = parse_day(record["start"] or "")
        end = parse_day(record["end"], end=True) if (record["end"] or "").strip() else None
    except ValueError as e:
        raise ConfigError(f"{where}: {e}; write start and end as YYYY, YYYY-MM or YYYY-MM-DD") from e
    if end is not None and end < start:
        raise ConfigError(f"{where}: the office ends before it starts")
    return _Row(number, country, office, (record["title"] or "").strip(),
                (record["sector"] or "").strip().upper(), start, end)


def _leader(name: str, rows: list[_Row], aliases: tuple[str, ...]) -> Leader:
    national = [r for r in rows if r.country]
    home = max(national, key=lambda r: r.start).country if national else None
    periods = [CodePeriod(r.start, r.end, r.country, r.sector or None, r.title, OFFICES[r.office])
               for r in rows]
    # out of office: before the first office, the person's country alone; after an
    # office, an elite (ELI) of its country until another office holds
    first = min(r.start for r in rows)
    periods.append(CodePeriod(None, first, home, None, "", _OUT_OF_OFFICE))
    periods.extend(CodePeriod(r.end, None, r.country or home, "ELI", f"former {r.title}", _OUT_OF_OFFICE)
                   for r in rows if r.end is not None)
    # without a date, the person as they are now: in their highest open office, else a former one
    current = [r for r in rows if r.end is None]
    if current:
        now = max(current, key=lambda r: (OFFICES[r.office], r.start))
        return Leader(name, aliases, home, now.sector or None, now.title, tuple(periods))
    last = max(rows, key=lambda r: (r.end or r.start, OFFICES[r.office]))
    return Leader(name, aliases, home, "ELI", f"former {last.title}", tuple(periods))
