"""Typed literals: one lexical form per value, and the datatype the contract names."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.mapping.literals import date_literal, decimal_literal, event_date_literal


@pytest.mark.parametrize(
    ("value", "lexical"),
    [(-5.0, "-5.0"), (0.8, "0.8"), (0.0, "0.0"), (-0.0, "0.0"), (10, "10.0"), (0.65, "0.65"),
     (1e-5, "0.00001"), (-2.5, "-2.5"), (1e20, "100000000000000000000.0")],
)
def test_decimal_lexical_form(value: float, lexical: str) -> None:
    assert decimal_literal(value) == Literal(lexical, datatype=XSD.decimal)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_decimal_refuses_non_finite(value: float) -> None:
    with pytest.raises(ValueError):
        decimal_literal(value)


@settings(max_examples=200, database=None)
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_decimal_keeps_the_value_and_survives_turtle(value: float) -> None:
    literal = decimal_literal(value)
    assert float(str(literal)) == value
    graph = Graph()
    graph.add((URIRef("urn:s"), URIRef("urn:p"), literal))
    parsed = Graph().parse(data=graph.serialize(format="turtle"), format="turtle")
    assert set(parsed.objects()) == {literal}


@pytest.mark.parametrize(
    ("text", "datatype", "lexical"),
    [
        ("1994", XSD.gYear, "1994"),
        (" 1994 ", XSD.gYear, "1994"),
        ("2020-12", XSD.gYearMonth, "2020-12"),
        ("2020-12-02", XSD.date, "2020-12-02"),
        ("2020-12-02T08:00:00", XSD.dateTime, "2020-12-02T08:00:00"),
        ("2020-12-02T08:00:00Z", XSD.dateTime, "2020-12-02T08:00:00+00:00"),
    ],
)
def test_event_date_precision(text: str, datatype: URIRef, lexical: str) -> None:
    literal = event_date_literal(text)
    assert (literal.datatype, str(literal)) == (datatype, lexical)


@pytest.mark.parametrize("text", ["", "94", "2020-13", "2020-02-30", "last week", "12/02/2020"])
def test_event_date_refuses_what_is_not_iso(text: str) -> None:
    with pytest.raises(ValueError):
        event_date_literal(text)


@pytest.mark.parametrize(
    ("value", "datatype", "lexical"),
    [
        (date(2021, 4, 6), XSD.date, "2021-04-06"),
        (datetime(2021, 4, 6, 9, 30), XSD.dateTime, "2021-04-06T09:30:00"),
        (datetime(2021, 4, 6, 9, 30, tzinfo=timezone(timedelta(hours=-5))), XSD.dateTime,
         "2021-04-06T09:30:00-05:00"),
        # XSD offsets have no seconds: such a time is given in UTC instead.
        (datetime(1900, 1, 1, 12, 0, tzinfo=timezone(timedelta(minutes=19, seconds=32))), XSD.dateTime,
         "1900-01-01T11:40:28+00:00"),
    ],
)
def test_published_dates(value: date, datatype: URIRef, lexical: str) -> None:
    literal = date_literal(value)
    assert (literal.datatype, str(literal)) == (datatype, lexical)
