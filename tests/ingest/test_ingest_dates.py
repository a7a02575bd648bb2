"""Publication dates from record fields, headers and datelines."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from kg.ingest import find_date, parse_date
from kg.ingest.dates import date_in_line

UTC = timezone.utc
LEDE = "Rebel fighters shelled the airport road overnight, wounding three people, the army said."


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("01:36 GMT02 December 2020", datetime(2020, 12, 2, 1, 36, tzinfo=UTC)),
        ("Friday, January 4, 2019", date(2019, 1, 4)),
        ("Tuesday , September 1 , 2015", date(2015, 9, 1)),
        ("Published 2021-06-07", date(2021, 6, 7)),
        ("2021-06-07T10:15:00Z", datetime(2021, 6, 7, 10, 15, tzinfo=UTC)),
        ("Updated 2021-06-07 10:15:30+03:00",
         datetime(2021, 6, 7, 10, 15, 30, tzinfo=timezone(timedelta(hours=3)))),
        ("KABUL, Afghanistan (Jan. 25, 2013)", date(2013, 1, 25)),
        ("Posted on the 5th of May 2020 at 3:45 pm BST",
         datetime(2020, 5, 5, 15, 45, tzinfo=timezone(timedelta(hours=1)))),
        ("Sept. 9, 2011 | 11:05 a.m.", datetime(2011, 9, 9, 11, 5)),
        ("Last updated: 25/03/2021 10:00", datetime(2021, 3, 25, 10, 0)),
        ("3 March 2021 at 12:30 XYZ", datetime(2021, 3, 3, 12, 30)),
    ],
)
def test_date_in_a_header_line(header: str, expected: date) -> None:
    assert find_date(f"{header}\nShare\n\n{LEDE}") == expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("WASHINGTON, March 3, 2021 (AP) - The talks resumed on Wednesday after a long pause in "
         "the negotiations, officials said.", date(2021, 3, 3)),
        ("GENEVA, 14 July 2022 - A convoy of twelve trucks reached the town on Thursday, the "
         "first aid to arrive there in two months.", date(2022, 7, 14)),
        ("NEW YORK, Oct. 2, 2019 — The council met behind closed doors on Wednesday to discuss "
         "the fighting in the north of the country.", date(2019, 10, 2)),
        ("MOSCOW (Agency) — The ministry said on Saturday that talks set for March 3, 2021 "
         "would go ahead as planned despite the fighting.", None),
        ("Maria Lopez (March 2, 1950 – June 1, 2010) was a diplomat who negotiated the 1994 "
         "ceasefire between the two countries.", None),
        ("The talks that began on March 3, 2021 collapsed on Friday when both delegations "
         "walked out of the conference hall.", None),
    ],
)
def test_date_only_from_a_dateline_in_a_paragraph(paragraph: str, expected: date | None) -> None:
    assert find_date(paragraph) == expected


def test_header_search_stops_at_the_first_paragraph() -> None:
    assert find_date(f"{LEDE}\n\nFriday, January 4, 2019") is None


def test_header_search_gives_up_after_max_lines() -> None:
    text = "\n".join(["Menu"] * 12 + ["Friday, January 4, 2019", "", LEDE])
    assert find_date(text) is None
    assert find_date(text, max_lines=20) == date(2019, 1, 4)


@pytest.mark.parametrize(
    "line", ["31 February 2020", "June 40, 2020", "1 January 1066", "12:30", "Chapter 5, 2020 rules"])
def test_impossible_or_partial_dates_are_not_dates(line: str) -> None:
    assert date_in_line(line) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("20201202", date(2020, 12, 2)),
        (20201202, date(2020, 12, 2)),
        ("2020-12-02", date(2020, 12, 2)),
        ("2020-12-02T01:36:00", datetime(2020, 12, 2, 1, 36)),
        ("2020-12-02T01:36:00Z", datetime(2020, 12, 2, 1, 36, tzinfo=UTC)),
        ("2 December 2020", date(2020, 12, 2)),
        ("December 2, 2020", date(2020, 12, 2)),
    ],
)
def test_parse_date(value: str | int, expected: date) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["", "soon", "20201340", "2020-13-01", "December 2020"])
def test_parse_date_refuses_non_dates(value: str) -> None:
    with pytest.raises(ValueError):
        parse_date(value)


def test_seed_header_date(seed_path: Path) -> None:
    found = find_date(seed_path.read_text(encoding="utf-8"))
    assert isinstance(found, date)
    assert (found.year, found.month, found.day) == (2020, 12, 2)


def test_wikinews_header_dates_agree_with_the_records(shared: Path) -> None:
    """Where a Wikinews article opens with a date line, it is the record's date."""
    path = shared / "corpus" / "wikinews_2019_2020" / "wikinews_2019_2020.jsonl"
    if not path.is_file():
        pytest.skip("wikinews corpus not available")
    found = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        header = find_date(record["text"])
        if header is not None:
            found += 1
            assert header == parse_date(record["date"]), record["id"]
    assert found > 0
