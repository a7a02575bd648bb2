"""Temporal expressions: find them in a sentence and resolve them to calendar values.

Regular expressions built from the word lists in ``data/timex.toml`` handle
what news text mostly says ("2 December 2020", "In September 2015", "in 1994",
"on Saturday", "last week", "two days ago"); only numeric dates such as
"02/12/2020" are left to ``dateparser``. Relative expressions are resolved
against the publication date with calendar arithmetic; without one they are
skipped, never resolved against today.

>>> from datetime import date
>>> [(m.text, m.value, m.granularity) for m in find_times(
...     "Fighting resumed on Saturday, as in September 2015.", published=date(2020, 12, 2))]
[('Saturday', '2020-11-28', 'day'), ('September 2015', '2015-09', 'month')]
>>> resolve_time("in 1994", published=None)
TimeValue(value='1994', granularity='year')
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kg.events.timegrammar import TimeGrammar, load_grammar

__all__ = ["GRANULARITIES", "TimeMention", "TimeValue", "find_times", "resolve_time"]

#: Granularities of a :class:`TimeValue`, finest first.
GRANULARITIES = ("day", "week", "month", "year")


@dataclass(frozen=True)
class TimeValue:
    """A calendar value: an ISO 8601 string and how fine it is.

    ``value`` is ``2020-11-28`` (day), ``2020-W48`` (ISO week), ``2015-09``
    (month) or ``1994`` (year).

    >>> TimeValue("2020-W48", "week").first_day
    datetime.date(2020, 11, 23)
    """

    value: str
    granularity: str

    @classmethod
    def of(cls, day: date, granularity: str) -> TimeValue:
        """The value of the given granularity that contains ``day``."""
        if granularity == "day":
            return cls(day.isoformat(), "day")
        if granularity == "week":
            year, week, _ = day.isocalendar()
            return cls(f"{year:04d}-W{week:02d}", "week")
        if granularity == "month":
            return cls(f"{day.year:04d}-{day.month:02d}", "month")
        if granularity == "year":
            return cls(f"{day.year:04d}", "year")
        raise ValueError(f"granularity {granularity!r}; use one of {', '.join(GRANULARITIES)}")

    @property
    def first_day(self) -> date:
        """The first day the value covers."""
        if self.granularity == "week":
            return date.fromisocalendar(int(self.value[:4]), int(self.value[6:]), 1)
        parts = [int(part) for part in self.value.split("-")] + [1, 1]
        return date(parts[0], parts[1], parts[2])

    @property
    def last_day(self) -> date:
        """The last day the value covers."""
        first = self.first_day
        if self.granularity == "day":
            return first
        if self.granularity == "week":
            return first + timedelta(days=6)
        if self.granularity == "month":
            return _add_months(first, 1) - timedelta(days=1)
        return date(first.year, 12, 31)


@dataclass(frozen=True)
class TimeMention:
    """A temporal expression found in a sentence.

    Parameters
    ----------
    start, end : int
        Character offsets into the sentence (end exclusive).
    text : str
        ``sentence[start:end]``; a leading preposition ("on", "in") is not part of it.
    value : str
        The ISO 8601 value (see :class:`TimeValue`).
    granularity : str
        ``day``, ``week``, ``month`` or ``year``.
    relative : bool
        True when the value was worked out from the publication date.
    """

    start: int
    end: int
    text: str
    value: str
    granularity: str
    relative: bool = False

    @property
    def time(self) -> TimeValue:
        """The value as a :class:`TimeValue`."""
        return TimeValue(self.value, self.granularity)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _as_date(published: date | datetime | None) -> date | None:
    return published.date() if isinstance(published, datetime) else published


# News mostly reports the past, but announces what is planned for the coming
# weeks: a date without a year is read as the latest one on or before
# publication, unless it falls within this many months after it.
_FUTURE_MONTHS = 2


def _nearby_day(month: int, day: int, published: date) -> date | None:
    """The date with this month and day that the text most likely means."""
    options = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:  # 29 February outside a leap year
            continue
    past = [d for d in options if d <= published]
    soon = [d for d in options if published < d <= _add_months(published, _FUTURE_MONTHS)]
    if soon:
        return soon[0]
    return past[-1] if past else None


def _month_in_direction(month: int, direction: int | None, published: date) -> date:
    """First day of the named month: last, this or next one, or the one likely meant."""
    this_year = date(published.year, month, 1)
    current = date(published.year, published.month, 1)
    if direction == 0:
        return this_year
    if direction == -1:
        return this_year if this_year < current else date(published.year - 1, month, 1)
    upcoming = this_year if this_year > current else date(published.year + 1, month, 1)
    if direction == 1 or upcoming <= _add_months(current, _FUTURE_MONTHS):
        return upcoming
    return this_year if this_year <= current else date(published.year - 1, month, 1)


def _weekday(weekday: int, direction: int | None, published: date) -> date:
    """The named weekday relative to publication; plain names look back (news habit)."""
    back = (published.weekday() - weekday) % 7
    if direction == -1:
        return published - timedelta(days=back or 7)
    if direction == 1:
        return published + timedelta(days=(weekday - published.weekday()) % 7 or 7)
    if direction == 0:
        return published + timedelta(days=(weekday - published.weekday()) % 7)
    return published - timedelta(days=back)


_Candidate = tuple[int, int, TimeValue, bool]
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_WORD_BEFORE = re.compile(r"([A-Za-z']+)[\s(\"\u201c]*$")
_CONTEXT = 40  # characters looked at around a year for its neighbouring words
_WORD_AFTER = re.compile(r"^\s+([A-Za-z]+)")
# "1988-1994", "from 1988 to 1994", "between 1988 and 1994": the other year vouches.
_RANGE_BEFORE = re.compile(r"\b\d{4}\s*(?:[-\u2013]|to|and|until|till)\s*$", re.IGNORECASE)
_RANGE_AFTER = re.compile(r"^\s*(?:[-\u2013]|to|and|until|till)\s*\d{4}\b", re.IGNORECASE)


def _candidate(match: re.Match[str], value: TimeValue, relative: bool) -> _Candidate:
    return match.start("expr"), match.end("expr"), value, relative


@dataclass(frozen=True)
class _Holds:
    """What the sentence holds that some patterns need (see ``TimeGrammar.has_*``)."""

    digit: bool
    month: bool
    weekday: bool
    relative_day: bool
    unit: bool

    @classmethod
    def of(cls, grammar: TimeGrammar, sentence: str) -> _Holds:
        foreign = _NON_ASCII.findall(sentence)
        if any(c.isalpha() for c in foreign):
            # a letter such as "ſ" or "K" matches an ASCII one case-blind; ask the patterns
            found = {name for name, pattern in grammar.key_patterns.items() if pattern.search(sentence)}
        else:
            lowered = sentence.lower()
            found = {name for name, words in grammar.key_words.items() if any(w in lowered for w in words)}
        return cls(
            digit=grammar.has_digit.search(sentence) is not None,
            month="month" in found,
            weekday="weekday" in found,
            relative_day="relative_day" in found,
            unit="unit" in found,
        )


def _explicit(grammar: TimeGrammar, sentence: str, holds: _Holds) -> Iterator[_Candidate]:
    if not holds.digit:  # every explicit date has a number
        return
    for match in grammar.iso_date.finditer(sentence):
        try:
            day = date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            continue
        yield _candidate(match, TimeValue.of(day, "day"), False)
    if not holds.month:
        return
    for regex in (grammar.day_month_year, grammar.month_day_year):
        for match in regex.finditer(sentence):
            if not grammar.is_name(match["mname"]):
                continue
            try:
                day = date(int(match["year"]), grammar.months[match["mname"].lower()], int(match["day"]))
            except ValueError:
                continue
            yield _candidate(match, TimeValue.of(day, "day"), False)
    for match in grammar.month_year.finditer(sentence):
        if grammar.is_name(match["mname"]):
            first = date(int(match["year"]), grammar.months[match["mname"].lower()], 1)
            yield _candidate(match, TimeValue.of(first, "month"), False)


def _years(grammar: TimeGrammar, sentence: str, published: date | None) -> Iterator[_Candidate]:
    """Four-digit numbers that read as years: after "in", "since", ..., or in a range."""
    latest = published.year + 30 if published else 2100
    for match in grammar.year.finditer(sentence):
        year = int(match["year"])
        start, end = match.span("expr")
        head, tail = sentence[max(0, start - _CONTEXT) : start], sentence[end : end + _CONTEXT]
        before = _WORD_BEFORE.search(head)
        word = before[1].lower() if before else ""
        word = "'s" if word.endswith("'s") else word
        after = _WORD_AFTER.match(tail)
        plural_next = after is not None and after[1].islower() and after[1].endswith("s") and (
            after[1] not in grammar.not_plural
        )
        ranged = _RANGE_BEFORE.search(head) is not None or _RANGE_AFTER.match(tail) is not None
        if match["mod"] or word in grammar.strong:
            safe = 1000 <= year <= latest and not plural_next
        elif ranged or word in grammar.weak:
            safe = 1900 <= year <= latest and not plural_next
        else:
            safe = False
        if safe:
            yield _candidate(match, TimeValue(f"{year:04d}", "year"), False)


def _direction(grammar: TimeGrammar, match: re.Match[str]) -> int | None:
    return grammar.directions[" ".join(match["dir"].lower().split())] if match["dir"] else None


def _relative(grammar: TimeGrammar, sentence: str, published: date, holds: _Holds) -> Iterator[_Candidate]:
    for regex in (grammar.month_day, grammar.day_month) if holds.month and holds.digit else ():
        for match in regex.finditer(sentence):
            if grammar.is_name(match["mname"]):
                day = _nearby_day(grammar.months[match["mname"].lower()], int(match["day"]), published)
                if day is not None:
                    yield _candidate(match, TimeValue.of(day, "day"), True)
    for match in grammar.bare_month.finditer(sentence) if holds.month else ():
        if grammar.is_name(match["mname"]) and (match["prep"] or match["mod"] or match["dir"]):
            first = _month_in_direction(grammar.months[match["mname"].lower()], _direction(grammar, match), published)
            yield _candidate(match, TimeValue.of(first, "month"), True)
    for match in grammar.weekday.finditer(sentence) if holds.weekday else ():
        if grammar.is_name(match["wname"]):
            day = _weekday(grammar.weekdays[match["wname"].lower()], _direction(grammar, match), published)
            yield _candidate(match, TimeValue.of(day, "day"), True)
    for match in grammar.relative_day.finditer(sentence) if holds.relative_day else ():
        offset = grammar.relative_days[" ".join(match["expr"].lower().split())]
        yield _candidate(match, TimeValue.of(published + timedelta(days=offset), "day"), True)
    if not holds.unit:  # "last week", "two days ago"
        return
    for match in grammar.relative_unit.finditer(sentence):
        direction = _direction(grammar, match) or 0
        yield _candidate(match, _shift(published, match["unit"].lower(), direction), True)
    for match in grammar.ago.finditer(sentence):
        count = match["n"].lower()
        number = int(count) if count.isdigit() else grammar.numbers[count]
        yield _candidate(match, _shift(published, match["unit"].lower(), -number), True)


def _shift(published: date, unit: str, amount: int) -> TimeValue:
    if unit == "day":
        return TimeValue.of(published + timedelta(days=amount), "day")
    if unit == "week":
        return TimeValue.of(published + timedelta(weeks=amount), "week")
    if unit == "month":
        return TimeValue.of(_add_months(published, amount), "month")
    return TimeValue(f"{published.year + amount:04d}", "year")


def _parse_with_dateparser(text: str, published: date | None) -> TimeValue | None:
    """Last resort for formats the patterns do not cover; absolute dates only without a publication date."""
    import dateparser  # heavy; only residual candidates need it

    if published is None and not re.search(r"\d{4}", text):
        return None
    # A fixed base keeps results independent of the day the code runs.
    base = datetime.combine(published or date(2000, 1, 1), datetime.min.time())
    settings: dict[str, object] = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", text.strip()):
        settings["DATE_ORDER"] = "DMY"  # dotted dates are day first wherever they are used
    parser = dateparser.DateDataParser(languages=["en"], settings=settings)
    data = parser.get_date_data(text)
    if data.date_obj is None:
        return None
    period = data.period if data.period in GRANULARITIES else "day"
    return TimeValue.of(data.date_obj.date(), period)


def _residual(grammar: TimeGrammar, sentence: str, published: date | None) -> Iterator[_Candidate]:
    for match in grammar.numeric_date.finditer(sentence):
        value = _parse_with_dateparser(match[0], published)
        if value is not None:
            yield _candidate(match, value, False)


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Leftmost, then longest, non-overlapping candidates."""
    chosen: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c[0], c[0] - c[1])):
        if not chosen or candidate[0] >= chosen[-1][1]:
            chosen.append(candidate)
    return chosen


def find_times(sentence: str, *, published: date | datetime | None) -> list[TimeMention]:
    """Find and resolve the temporal expressions in a sentence.

    Parameters
    ----------
    sentence : str
        Any text; offsets in the result point into it.
    published : date or datetime, optional
        Publication date of the article; needed for relative expressions
        ("on Saturday", "last week"), which are skipped without it.

    Returns
    -------
    list of TimeMention
        Left to right, not overlapping; the longest expression wins
        ("2 December 2020", not "December 2020").
    """
    grammar = load_grammar()
    day = _as_date(published)
    holds = _Holds.of(grammar, sentence)
    # the order of the families matters: _select keeps the first of equal candidates
    candidates = list(_explicit(grammar, sentence, holds))
    if holds.digit:  # a year is a number
        candidates.extend(_years(grammar, sentence, day))
    if day is not None:
        candidates.extend(_relative(grammar, sentence, day, holds))
    if holds.digit:  # so is a numeric date
        candidates.extend(_residual(grammar, sentence, day))
    return [
        TimeMention(start, end, sentence[start:end], value.value, value.granularity, relative)
        for start, end, value, relative in _select(candidates)
    ]


def resolve_time(text: str, *, published: date | datetime | None) -> TimeValue | None:
    """Resolve a short temporal expression ("on Saturday", "in 1994", "last week").

    The first expression the patterns find wins; if they find none,
    ``dateparser`` gets the whole text. None when nothing resolves.

    >>> from datetime import date
    >>> resolve_time("last week", published=date(2020, 12, 2))
    TimeValue(value='2020-W48', granularity='week')
    """
    found = find_times(text, published=published)
    if found:
        return found[0].time
    if not text.strip():
        return None
    return _parse_with_dateparser(text, _as_date(published))
