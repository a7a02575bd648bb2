"""Typed RDF literals in canonical lexical form.

rdflib keeps a literal's lexical form, so equal values written differently
make graphs that are not isomorphic. Each helper writes one form per value:
decimals in XSD 1.0 canonical form (``"-5.0"``, ``"0.8"``: no exponent, no
trailing zeros, at least one fractional digit), which every rdflib serializer
writes back unchanged, Turtle's bare decimals included.

>>> decimal_literal(-5.0)
rdflib.term.Literal('-5.0', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal'))
>>> str(decimal_literal(0.80))
'0.8'
>>> event_date_literal("1994").datatype == XSD.gYear
True
>>> event_date_literal("2020-12").datatype == XSD.gYearMonth
True
>>> from datetime import datetime, timezone
>>> str(datetime_literal(datetime(2020, 12, 2, 10, 30, tzinfo=timezone.utc)))
'2020-12-02T10:30:00+00:00'
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

__all__ = [
    "date_literal",
    "datetime_literal",
    "decimal_literal",
    "decimal_text",
    "event_date_literal",
    "event_date_text",
]

_YEAR = re.compile(r"-?\d{4}")
_YEAR_MONTH = re.compile(r"-?\d{4}-(0[1-9]|1[0-2])")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def decimal_literal(value: float) -> Literal:
    """An ``xsd:decimal`` in canonical form: no exponent, no trailing zeros but one.

    Its text is :func:`decimal_text`.
    """
    return Literal(decimal_text(value), datatype=XSD.decimal)


def decimal_text(value: float) -> str:
    """The canonical ``xsd:decimal`` text of a number.

    Parameters
    ----------
    value : float
        A finite number; the shortest decimal that reads back as the same float
        is used, so ``0.8`` gives ``"0.8"`` and not ``"0.8000000000000000444"``.

    Raises
    ------
    ValueError
        If ``value`` is NaN or infinite (xsd:decimal has neither).
    """
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"xsd:decimal cannot hold {number!r}")
    text = format(Decimal(repr(number)), "f")
    if "." not in text:
        text += ".0"
    text = text.rstrip("0")
    if text.endswith("."):
        text += "0"
    if text == "-0.0":
        text = "0.0"
    return text


def datetime_literal(value: datetime) -> Literal:
    """An ``xsd:dateTime``.

    rdflib normalises date-time literals to Python's ISO form whenever it
    reads one (from a parser or from the store alike), so that form is the one
    that keeps graphs comparable. XSD offsets have no seconds, so a time in a
    zone with such an offset (old local mean times) is given in UTC.
    """
    offset = value.utcoffset()
    if offset is not None and offset % timedelta(minutes=1):
        value = value.astimezone(timezone.utc)
    return Literal(value, datatype=XSD.dateTime)


def date_literal(value: date | datetime) -> Literal:
    """An ``xsd:date``, or an ``xsd:dateTime`` when ``value`` carries a time.

    >>> str(date_literal(date(2020, 12, 2)))
    '2020-12-02'
    """
    if isinstance(value, datetime):
        return datetime_literal(value)
    return Literal(value.isoformat(), datatype=XSD.date)


def event_date_literal(text: str) -> Literal:
    """The literal of an event date given as ISO text, typed by its precision.

    ``"1994"`` is an ``xsd:gYear``, ``"2020-12"`` an ``xsd:gYearMonth``,
    ``"2020-12-02"`` an ``xsd:date`` and a full timestamp an ``xsd:dateTime``.

    Raises
    ------
    ValueError
        If ``text`` is none of these.
    """
    found = event_date_text(text)
    if found is not None:
        return Literal(found[0], datatype=found[1])
    return datetime_literal(_timestamp(text))


def event_date_text(text: str) -> tuple[str, URIRef] | None:
    """The text and datatype of an event date given as a year, a month or a day.

    What :func:`event_date_literal` holds for these (rdflib keeps their text
    as written); None for a timestamp, whose literal rdflib normalises.

    >>> event_date_text("2020-12")[0], event_date_text("2020-12-02T10:30:00Z")
    ('2020-12', None)

    Raises
    ------
    ValueError
        If ``text`` is none of YYYY, YYYY-MM, YYYY-MM-DD or an ISO 8601 timestamp.
    """
    text = text.strip()
    if _YEAR.fullmatch(text):
        return text, XSD.gYear
    if _YEAR_MONTH.fullmatch(text):
        return text, XSD.gYearMonth
    if _DATE.fullmatch(text):
        return date.fromisoformat(text).isoformat(), XSD.date
    _timestamp(text)
    return None


def _timestamp(text: str) -> datetime:
    text = text.strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(
            f"event date {text!r} is not YYYY, YYYY-MM, YYYY-MM-DD or an ISO 8601 timestamp"
        ) from None
    return moment
