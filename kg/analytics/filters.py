"""Which events a projection keeps: date range, event type, country, assertion.

Event dates have the precision of their source (``"2020"``, ``"2020-09"``,
``"2020-09-27"``), so each is read as the period it covers, and a date range
keeps the events whose period overlaps it.

>>> Period.parse("2020-09")
Period(start=datetime.date(2020, 9, 1), end=datetime.date(2020, 9, 30))
>>> f = EventFilter.build(since="2020-10", until="2020")
>>> f.since, f.until
(datetime.date(2020, 10, 1), datetime.date(2020, 12, 31))
>>> f.keeps(Period.parse("2020-09-30")), f.keeps(Period.parse("2020-10-05")), f.keeps(None)
(False, True, False)
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from kg.errors import ConfigError

__all__ = ["EventFilter", "Period"]

_PERIOD = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*|Z|[+-]\d{2}:\d{2})?")
_COUNTRY = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True, order=True)
class Period:
    """The days an event date covers: one day, a month or a year (ends inclusive)."""

    start: date
    end: date

    @classmethod
    def parse(cls, text: str | date | None) -> Period | None:
        """The period of an ISO date of any precision, or None when it is not one.

        >>> Period.parse("2019").end
        datetime.date(2019, 12, 31)
        >>> Period.parse("2020-09-27T10:00:00+00:00").start
        datetime.date(2020, 9, 27)
        >>> Period.parse("soon") is None
        True
        """
        if text is None:
            return None
        if isinstance(text, datetime):
            return cls(text.date(), text.date())
        if isinstance(text, date):
            return cls(text, text)
        match = _PERIOD.fullmatch(text.strip())
        if match is None:
            return None
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        try:
            if month is None:
                return cls(date(year, 1, 1), date(year, 12, 31))
            if day is None:
                last = calendar.monthrange(year, month)[1]
                return cls(date(year, month, 1), date(year, month, last))
            return cls(date(year, month, day), date(year, month, day))
        except ValueError:
            return None

    @property
    def month(self) -> str | None:
        """``"YYYY-MM"`` when the period lies within one month, else None."""
        if (self.start.year, self.start.month) != (self.end.year, self.end.month):
            return None
        return f"{self.start.year:04d}-{self.start.month:02d}"


@dataclass(frozen=True)
class EventFilter:
    """The events a projection keeps (negated events are left out unless asked for).

    Build it with :meth:`build`, which checks and normalises the options.

    Parameters
    ----------
    since, until : date, optional
        Keep events whose date overlaps ``[since, until]``; events without a
        date are left out when either is given.
    types : tuple of str
        Local names of ``ckg:`` event classes; an event of a subclass counts
        (``Disapprove`` keeps accusations). Empty keeps every type.
    country : str, optional
        ISO 3166-1 alpha-3 code: keep an agent-target pair only when one of
        the two has this ``ckg:countryCode``.
    asserted_only : bool
        Leave out events someone in the article claims (``ckg:claimedBy``).
    include_negated : bool
        Keep events the text says did not happen.
    """

    since: date | None = None
    until: date | None = None
    types: tuple[str, ...] = ()
    country: str | None = None
    asserted_only: bool = False
    include_negated: bool = False

    @classmethod
    def build(
        cls,
        *,
        since: str | date | None = None,
        until: str | date | None = None,
        types: Iterable[str] | None = None,
        country: str | None = None,
        asserted_only: bool = False,
        include_negated: bool = False,
    ) -> EventFilter:
        """Check the options and build the filter.

        ``since`` and ``until`` may be ISO dates of any precision: ``since="2020"``
        starts on 1 January 2020, ``until="2020-10"`` ends on 31 October 2020.
        ``types`` are PLOVER types or class names (``ASSAULT``, ``Accuse``).

        Raises
        ------
        ConfigError
            For a date that is not ISO, a range that ends before it starts, an
            unknown event type or a country that is not three letters.
        """
        start = _bound(since, "since")
        end = _bound(until, "until")
        if start and end and end.end < start.start:
            raise ConfigError(f"the date range ends ({until}) before it starts ({since}); swap them")
        code = None
        if country is not None:
            code = country.strip().upper()
            if not _COUNTRY.fullmatch(code):
                raise ConfigError(f"country {country!r} is not an ISO 3166-1 alpha-3 code such as ARM")
        return cls(
            since=start.start if start else None,
            until=end.end if end else None,
            types=tuple(sorted({_event_class(name) for name in types or ()})),
            country=code,
            asserted_only=asserted_only,
            include_negated=include_negated,
        )

    @property
    def dated(self) -> bool:
        """True when the filter has a date range."""
        return self.since is not None or self.until is not None

    def keeps(self, period: Period | None) -> bool:
        """Whether an event of this period falls in the date range."""
        if not self.dated:
            return True
        if period is None:
            return False
        if self.since is not None and period.end < self.since:
            return False
        return self.until is None or period.start <= self.until


def _bound(value: str | date | None, name: str) -> Period | None:
    if value is None or value == "":
        return None
    period = Period.parse(value)
    if period is None:
        raise ConfigError(f"--{name} {value!r} is not a date; give YYYY, YYYY-MM or YYYY-MM-DD")
    return period


def _event_class(name: str) -> str:
    # the ontology's class table lives with the mapping, which writes the classes
    from kg.mapping.terms import ontology_tables

    tables = ontology_tables()
    try:
        return tables.event_class(name.strip()).fragment
    except KeyError:
        known = sorted(
            n for n, closure in tables.superclasses.items() if any(c.fragment == "Event" for c in closure)
        )
        raise ConfigError(f"unknown event type {name!r}; use one of {', '.join(known)}") from None
