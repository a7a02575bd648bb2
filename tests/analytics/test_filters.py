"""Event filters: periods of dates of any precision, and the checks on the options."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from kg.analytics import EventFilter, Period
from kg.errors import ConfigError


@pytest.mark.parametrize(
    ("text", "start", "end", "month"),
    [
        ("2019", date(2019, 1, 1), date(2019, 12, 31), None),
        ("2020-02", date(2020, 2, 1), date(2020, 2, 29), "2020-02"),
        ("2021-02", date(2021, 2, 1), date(2021, 2, 28), "2021-02"),
        ("2020-09-27", date(2020, 9, 27), date(2020, 9, 27), "2020-09"),
        ("2020-09-27T23:00:00+02:00", date(2020, 9, 27), date(2020, 9, 27), "2020-09"),
        (date(2020, 1, 5), date(2020, 1, 5), date(2020, 1, 5), "2020-01"),
        (datetime(2020, 1, 5, 8), date(2020, 1, 5), date(2020, 1, 5), "2020-01"),
    ],
)
def test_period(text: str | date, start: date, end: date, month: str | None) -> None:
    period = Period.parse(text)
    assert period is not None
    assert (period.start, period.end, period.month) == (start, end, month)


@pytest.mark.parametrize("text", ["", "soon", "2020-13", "2020-02-30", "20-01-01", None])
def test_not_a_period(text: str | None) -> None:
    assert Period.parse(text) is None


@pytest.mark.parametrize(
    ("since", "until", "date_text", "kept"),
    [
        ("2020-10", None, "2020-09-30", False),
        ("2020-10", None, "2020-10-01", True),
        ("2020-10", None, "2020", True),  # the year overlaps October onwards
        (None, "2020-09", "2020-10-01", False),
        (None, "2020-09", "2020-09-30", True),
        ("2020-09-15", "2020-09-20", "2020-09", True),
        ("2020-09-15", "2020-09-20", None, False),  # undated events leave a dated analysis
        (None, None, None, True),
    ],
)
def test_keeps_by_overlap(since: str | None, until: str | None, date_text: str | None, kept: bool) -> None:
    assert EventFilter.build(since=since, until=until).keeps(Period.parse(date_text)) is kept


def test_build_normalises() -> None:
    f = EventFilter.build(types=["fight", "FIGHT", "Accuse"], country=" arm ", since=date(2020, 1, 2))
    assert f.types == ("Accuse", "Fight")
    assert f.country == "ARM"
    assert f.since == date(2020, 1, 2)


@pytest.mark.parametrize(
    "options",
    [{"since": "yesterday"}, {"until": "2020-99"}, {"since": "2020-02", "until": "2020-01"},
     {"types": ["Person"]}, {"country": "AR"}, {"country": "A1B"}],
)
def test_build_refuses(options: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        EventFilter.build(**options)  # type: ignore[arg-type]
