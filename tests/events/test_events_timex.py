"""Temporal expressions: finding them in sentences and resolving them to calendar values."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.errors import LexiconError
from kg.events.timegrammar import read_grammar
from kg.events.timex import TimeValue, find_times, resolve_time

SEED_PUBLISHED = date(2020, 12, 2)  # the seed page header: "01:36 GMT 02 December 2020"
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _found(sentence: str, published: date | datetime | None = SEED_PUBLISHED) -> list[tuple[str, str, str]]:
    return [(m.text, m.value, m.granularity) for m in find_times(sentence, published=published)]


def test_seed_publication_day_is_a_wednesday() -> None:
    assert SEED_PUBLISHED.weekday() == WEEKDAYS.index("Wednesday")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the seed's expressions, in sentences of our own
        ("A spokesman said on Saturday that talks would go on.", [("Saturday", "2020-11-28", "day")]),
        ("On Saturday, both capitals traded blame.", [("Saturday", "2020-11-28", "day")]),
        ("The dispute began in 1988 over the region.", [("1988", "1988", "year")]),
        ("The region declared independence in 1991.", [("1991", "1991", "year")]),
        ("A war followed that lasted until a truce was signed in 1994.", [("1994", "1994", "year")]),
        ("In September 2015, the fighting flared up again.", [("September 2015", "2015-09", "month")]),
        # explicit dates
        ("The accord of 2 December 2020 held.", [("2 December 2020", "2020-12-02", "day")]),
        ("Talks opened on December 2, 2020 in Geneva.", [("December 2, 2020", "2020-12-02", "day")]),
        ("The report is dated 2020-12-02.", [("2020-12-02", "2020-12-02", "day")]),
        ("Filed Monday, January 7, 2019 from Kabul.", [("Monday, January 7, 2019", "2019-01-07", "day")]),
        ("Filed on Sunday 6 January 2019.", [("Sunday 6 January 2019", "2019-01-06", "day")]),
        ("Stamped 2020-12-02T01:36:00Z by the agency.", [("2020-12-02T01:36:00Z", "2020-12-02", "day")]),
        ("It was signed on the 3rd of May 1994.", [("3rd of May 1994", "1994-05-03", "day")]),
        ("Troops left on Sept. 9, 2001.", [("Sept. 9, 2001", "2001-09-09", "day")]),
        ("The note is dated 2.12.2020.", [("2.12.2020", "2020-12-02", "day")]),
        # months and years
        ("Elections were held in March 2021.", [("March 2021", "2021-03", "month")]),
        ("The offensive began in early 1994.", [("early 1994", "1994", "year")]),
        ("Relations soured after mid-2015.", [("mid-2015", "2015", "year")]),
        ("Clashes between 1988 and 1994 displaced many.", [("1988", "1988", "year"), ("1994", "1994", "year")]),
        ("The war of 1992-1994 ended in a truce.", [("1992", "1992", "year"), ("1994", "1994", "year")]),
        ("The 1994 truce was fragile.", [("1994", "1994", "year")]),
        # relative to the publication date (a Wednesday)
        ("The envoy arrived yesterday.", [("yesterday", "2020-12-01", "day")]),
        ("The envoy arrives today.", [("today", "2020-12-02", "day")]),
        ("Shelling was heard last night.", [("last night", "2020-12-01", "day")]),
        ("The ministers met last week.", [("last week", "2020-W48", "week")]),
        ("The ministers meet next week.", [("next week", "2020-W50", "week")]),
        ("Prices rose last month.", [("last month", "2020-11", "month")]),
        ("The border was closed last year.", [("last year", "2019", "year")]),
        ("The attack took place two days ago.", [("two days ago", "2020-11-30", "day")]),
        ("The attack took place 3 weeks ago.", [("3 weeks ago", "2020-W46", "week")]),
        ("The accord was signed a year ago.", [("a year ago", "2019", "year")]),
        ("Fighting resumed earlier this month.", [("earlier this month", "2020-12", "month")]),
        ("Unrest spread late last year.", [("late last year", "2019", "year")]),
        ("They clashed last Saturday.", [("last Saturday", "2020-11-28", "day")]),
        ("They met on Wednesday.", [("Wednesday", "2020-12-02", "day")]),
        ("A vote is due next Monday.", [("next Monday", "2020-12-07", "day")]),
        ("Monitors arrived on 27 September.", [("27 September", "2020-09-27", "day")]),
        ("Talks resume on January 12.", [("January 12", "2021-01-12", "day")]),
        ("The blockade began in May.", [("May", "2020-05", "month")]),
        ("A summit is planned for next April.", [("next April", "2021-04", "month")]),
        ("The siege was lifted last September.", [("last September", "2020-09", "month")]),
    ],
)
def test_find_times(sentence: str, expected: list[tuple[str, str, str]]) -> None:
    assert _found(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "1994 soldiers crossed the river.",
        "The 2000 soldiers crossed the river.",
        "The motion passed by 2000 votes.",
        "Attendance rose to 2000 this spring.",
        "Between 1500 and 2000 troops took part.",
        "Some 1994 people signed the letter.",
        "The 1990s were turbulent.",
        "Losses reached 1,994 tanks.",
        "They may return, and march on the capital.",
        "Version 3.5.20 of the app was released.",
    ],
)
def test_numbers_and_words_that_are_not_times(sentence: str) -> None:
    assert _found(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    ["They met on Saturday.", "They met yesterday.", "They met last week.", "Talks resume on January 12.", "in May"],
)
def test_relative_expressions_need_a_publication_date(sentence: str) -> None:
    assert _found(sentence, published=None) == []


def test_absolute_expressions_need_no_publication_date() -> None:
    assert _found("It ended in 1994 and resumed on 2 December 2020.", published=None) == [
        ("1994", "1994", "year"), ("2 December 2020", "2020-12-02", "day"),
    ]


def test_datetime_publication_is_accepted() -> None:
    assert _found("on Saturday", published=datetime(2020, 12, 2, 1, 36)) == [("Saturday", "2020-11-28", "day")]


def test_mentions_are_relative_only_when_resolved_from_publication() -> None:
    [weekday, year] = find_times("On Saturday the truce of 1994 was broken.", published=SEED_PUBLISHED)
    assert weekday.relative and not year.relative
    assert year.time == TimeValue("1994", "year")


def test_longest_expression_wins() -> None:
    assert _found("on 2 December 2020") == [("2 December 2020", "2020-12-02", "day")]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("in 1994", None, TimeValue("1994", "year")),
        ("on Saturday", SEED_PUBLISHED, TimeValue("2020-11-28", "day")),
        ("last week", SEED_PUBLISHED, TimeValue("2020-W48", "week")),
        ("In September 2015", None, TimeValue("2015-09", "month")),
        ("until a truce was signed in 1994", None, TimeValue("1994", "year")),
        ("12/02/2020", None, TimeValue("2020-12-02", "day")),  # numeric dates go to dateparser
        ("on Saturday", None, None),
        ("no time at all", SEED_PUBLISHED, None),
        ("", SEED_PUBLISHED, None),
    ],
)
def test_resolve_time(text: str, published: date | None, expected: TimeValue | None) -> None:
    assert resolve_time(text, published=published) == expected


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        (TimeValue("2020-11-28", "day"), date(2020, 11, 28), date(2020, 11, 28)),
        (TimeValue("2020-W48", "week"), date(2020, 11, 23), date(2020, 11, 29)),
        (TimeValue("2020-02", "month"), date(2020, 2, 1), date(2020, 2, 29)),
        (TimeValue("2020-12", "month"), date(2020, 12, 1), date(2020, 12, 31)),
        (TimeValue("1994", "year"), date(1994, 1, 1), date(1994, 12, 31)),
    ],
)
def test_time_value_bounds(value: TimeValue, first: date, last: date) -> None:
    assert (value.first_day, value.last_day) == (first, last)
    assert TimeValue.of(first, value.granularity) == value


def test_time_value_refuses_unknown_granularity() -> None:
    with pytest.raises(ValueError, match="granularity"):
        TimeValue.of(SEED_PUBLISHED, "decade")


def test_seed_article_times(shared: Path) -> None:
    text = (shared / "corpus" / "seed" / "karabakh_ceasefire_article.txt").read_text(encoding="utf-8")
    found = {(m.text, m.value) for m in find_times(text, published=SEED_PUBLISHED)}
    assert {("Saturday", "2020-11-28"), ("1988", "1988"), ("1991", "1991"), ("1994", "1994")} <= found
    assert ("September 2015", "2015-09") in found
    assert ("02 December 2020", "2020-12-02") in found  # the page header


@given(
    published=st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)),
    weekday=st.sampled_from(WEEKDAYS),
    direction=st.sampled_from(["", "last ", "next "]),
)
def test_weekdays_resolve_to_that_weekday_nearby(published: date, weekday: str, direction: str) -> None:
    [mention] = find_times(f"They met on {direction}{weekday}.", published=published)
    day = date.fromisoformat(mention.value)
    assert day.weekday() == WEEKDAYS.index(weekday)
    offset = (day - published).days
    expected_range = {"": range(-6, 1), "last ": range(-7, 0), "next ": range(1, 8)}[direction]
    assert offset in expected_range


_PIECES = st.sampled_from([
    "on Saturday", "in 1994", "last week", "2 December 2020", "two days ago", "yesterday",
    "1994 soldiers", "the shelling", "and", ",", "In September 2015", "May", "may", "12/02/2020",
])


@given(pieces=st.lists(_PIECES, max_size=8), published=st.dates(min_value=date(1990, 1, 1)))
def test_offsets_point_at_the_text(pieces: list[str], published: date) -> None:
    sentence = " ".join(pieces)
    mentions = find_times(sentence, published=published)
    for mention in mentions:
        assert sentence[mention.start : mention.end] == mention.text
        assert mention.time.first_day <= mention.time.last_day
    assert all(a.end <= b.start for a, b in pairwise(mentions))


def test_every_shown_expression_is_deterministic() -> None:
    sentence = "On Saturday, in 1994, last week and two days ago."
    assert find_times(sentence, published=SEED_PUBLISHED) == find_times(sentence, published=SEED_PUBLISHED)


def _grammar_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "timex.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("months = [", "cannot read the time words"),
        ("[weekdays]\nmonday = 0\n", r"\[months\] must be a table"),
        ("[months]\njanuary = 1\n[weekdays]\nmonday = 0\n", "must name months 1-12"),
    ],
)
def test_grammar_errors_name_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = _grammar_file(tmp_path, text)
    with pytest.raises(LexiconError, match=message) as excinfo:
        read_grammar(path)
    assert str(path) in str(excinfo.value)


def test_grammar_missing_context_list(tmp_path: Path) -> None:
    shipped = (Path(__file__).resolve().parents[2] / "kg" / "events" / "data" / "timex.toml").read_text(encoding="utf-8")
    path = _grammar_file(tmp_path, shipped.replace("strong = [", "strong_words = ["))
    with pytest.raises(LexiconError, match="strong must be a list"):
        read_grammar(path)


def test_shipped_grammar_reads() -> None:
    grammar = read_grammar(Path(__file__).resolve().parents[2] / "kg" / "events" / "data" / "timex.toml")
    assert grammar.months["sept"] == 9 and grammar.weekdays["sunday"] == 6
    assert grammar.relative_days["yesterday"] == -1 and timedelta(days=grammar.relative_days["tomorrow"]).days == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "Talks resumed on Monday, two days ago.",
        "José Ramírez arrived on Tuesday, 3 March 2020, from Bogotá.",  # non-ASCII letters
        "Fighting since the day before yesterday; “heavy” losses last week.",  # non-ASCII, no letters
        "A Tueſday meeting, and K-day next month.",  # letters that match ASCII ones case-blind
        "No time here at all.",
        "Version 2.3.1 shipped in 1994s style.",
    ],
)
def test_word_families_found_as_the_patterns_find_them(sentence: str) -> None:
    """The quick tests that skip pattern families never skip one that would match."""
    from kg.events.timegrammar import load_grammar
    from kg.events.timex import _Holds

    grammar = load_grammar()
    holds = _Holds.of(grammar, sentence)
    for name, pattern in grammar.key_patterns.items():
        if pattern.search(sentence):
            assert getattr(holds, name), name
    assert holds.digit == any(c.isdigit() for c in sentence)
