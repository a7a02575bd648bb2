"""Publication dates: parse a date field, or find the date in a header or dateline.

Regular expressions do the work; ``dateparser`` (slow) is only asked about a
header line that holds a numeric date the expressions leave ambiguous.

>>> find_date("01:36 GMT02 December 2020\\nListen Live\\n\\nThe story.")
datetime.datetime(2020, 12, 2, 1, 36, tzinfo=datetime.timezone.utc)
>>> find_date("WASHINGTON, March 3, 2021 (AP) - Talks resumed on Wednesday after a long pause.")
datetime.date(2021, 3, 3)
>>> parse_date("20201202")
datetime.date(2020, 12, 2)
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from types import MappingProxyType

from kg.errors import IngestError
from kg.resources import package_data

__all__ = ["Calendar", "date_in_line", "find_date", "load_calendar", "parse_date"]

_MIN_YEAR, _MAX_YEAR = 1900, 2100
# A header line longer than this is a story paragraph: only its dateline counts.
_HEADER_WORDS = 12
_DATELINE_CHARS = 120
_DATELINE_START = re.compile(r"^[A-Z][A-Z'’.\-]{2,}(?:\s+[A-Z][A-Z'’.\-]+)*\s*[,(]")
_DATELINE_END = re.compile(r"\s[-–—]\s|—|–")
_NUMERIC_DATE = re.compile(r"(?<!\d)\d{1,4}[./]\d{1,2}[./]\d{2,4}(?!\d)")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def _words(names: list[str] | Mapping[str, int]) -> str:
    return "|".join(sorted(names, key=lambda n: (-len(n), n)))


@dataclass(frozen=True)
class Calendar:
    """Compiled calendar words and date patterns (see ``data/dates.toml``).

    Parameters
    ----------
    months : Mapping of str to int
        Month names and abbreviations, lower case, to month numbers.
    weekdays : frozenset of str
        Weekday names and abbreviations, lower case.
    zones : Mapping of str to int
        Time-zone abbreviations, lower case, to UTC offsets in minutes.
    """

    months: Mapping[str, int]
    weekdays: frozenset[str]
    zones: Mapping[str, int]
    iso: re.Pattern[str]
    dmy: re.Pattern[str]
    mdy: re.Pattern[str]
    time: re.Pattern[str]

    @classmethod
    def from_file(cls, path_name: str = "dates.toml") -> Calendar:
        """Read the calendar shipped in ``kg/ingest/data``."""
        path = package_data("ingest", "data", path_name)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            months = {str(k).lower(): int(v) for k, v in data["months"].items()}
            weekdays = frozenset(str(w).lower() for w in data["weekdays"]["names"])
            zones = {str(k).lower(): int(v) for k, v in data["zones"].items()}
        except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as e:
            raise IngestError(
                f"cannot read the date lexicon ({e}); reinstall kg or fix the file",
                source=str(path),
            ) from e
        month = rf"(?<![A-Za-z])(?P<month>{_words(months)})(?![a-z])\.?"
        day = r"(?<!\d)(?P<day>\d{1,2})(?:st|nd|rd|th)?"
        year = r"(?P<year>\d{4})(?!\d)"
        zone = rf"(?P<zone>(?<![A-Za-z])(?:{_words(zones)})(?![a-z])|[+-]\d{{2}}:?\d{{2}})"
        return cls(
            months=MappingProxyType(months),
            weekdays=weekdays,
            zones=MappingProxyType(zones),
            iso=re.compile(
                r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
                r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?"
                rf"\s*{zone}?)?(?!\d)",
                re.I,
            ),
            dmy=re.compile(rf"{day}\s*(?:of\s+)?{month}\s*,?\s*{year}", re.I),
            mdy=re.compile(rf"{month}\s*{day}\s*,?\s*{year}", re.I),
            time=re.compile(
                r"(?<![\d:])(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?(?!\d)"
                rf"(?:\s*(?P<ampm>[ap])\.?m\.?(?![a-z]))?(?:\s*{zone})?",
                re.I,
            ),
        )


@lru_cache(maxsize=1)
def load_calendar() -> Calendar:
    """Return the calendar shipped with kg (read once, then shared)."""
    return Calendar.from_file()


def _tz(zone: str | None, calendar: Calendar) -> timezone | None:
    if not zone:
        return None
    if zone[0] in "+-":
        digits = zone[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + int(digits[2:])
        return timezone(timedelta(minutes=minutes if zone[0] == "+" else -minutes))
    offset = calendar.zones.get(zone.lower())
    if offset is None:
        return None
    return timezone.utc if offset == 0 else timezone(timedelta(minutes=offset))


def _make_date(year: str, month: int | str, day: str) -> date | None:
    try:
        found = date(int(year), int(month), int(day))
    except ValueError:
        return None
    return found if _MIN_YEAR <= found.year <= _MAX_YEAR else None


def _with_time(day: date, line: str, span: tuple[int, int], calendar: Calendar) -> date | datetime:
    # The time may stand before the date ("01:36 GMT 02 December 2020") or after it.
    rest = line[: span[0]] + " " * (span[1] - span[0]) + line[span[1] :]
    match = calendar.time.search(rest)
    if match is None:
        return day
    hour, minute = int(match["hour"]), int(match["minute"])
    if match["ampm"]:
        hour = hour % 12 + (12 if match["ampm"].lower() == "p" else 0)
    second = int(match["second"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        return day
    return datetime(day.year, day.month, day.day, hour, minute, second,
                    tzinfo=_tz(match["zone"], calendar))


def date_in_line(line: str, *, calendar: Calendar | None = None) -> date | datetime | None:
    """Return the first date written in ``line``, with its time when one is given.

    Understands ISO 8601 ("2020-12-02", "2020-12-02T01:36Z"), day-month-year
    ("02 December 2020", "2nd of Dec. 2020") and month-day-year ("March 3,
    2021", "Jan. 25, 2013"). A time on the same line ("01:36 GMT") makes it a
    datetime; a known zone makes that datetime aware.

    >>> date_in_line("Updated: Friday, January 4, 2019, 5:30 pm")
    datetime.datetime(2019, 1, 4, 17, 30)
    >>> date_in_line("the 31 February 2020 was no day") is None
    True
    """
    calendar = calendar or load_calendar()
    iso = calendar.iso.search(line)
    if iso is not None:
        found = _make_date(iso["year"], iso["month"], iso["day"])
        if found is not None:
            if iso["hour"] is None:
                return found
            try:
                return datetime(found.year, found.month, found.day, int(iso["hour"]),
                                int(iso["minute"]), int(iso["second"] or 0),
                                tzinfo=_tz(iso["zone"], calendar))
            except ValueError:
                return found
    matches = [m for m in (calendar.dmy.search(line), calendar.mdy.search(line)) if m]
    for match in sorted(matches, key=lambda m: m.start()):
        found = _make_date(match["year"], calendar.months[match["month"].lower()], match["day"])
        if found is not None:
            return _with_time(found, line, match.span(), calendar)
    return None


def _dateparser_date(line: str) -> date | datetime | None:
    import dateparser  # slow to import and to run: only for leftover candidates

    parsed = dateparser.parse(
        line, languages=["en"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"},
    )
    if parsed is None or not _MIN_YEAR <= parsed.year <= _MAX_YEAR:
        return None
    if (parsed.hour, parsed.minute, parsed.second) == (0, 0, 0):
        return parsed.date()
    return parsed


def find_date(text: str, *, max_lines: int = 10,
              calendar: Calendar | None = None) -> date | datetime | None:
    """Find the publication date in the header or the dateline of an article.

    Scans the first ``max_lines`` non-blank lines up to and including the first
    story paragraph. A short line (a header, a timestamp) may hold the date
    anywhere; a paragraph only in its dateline ("WASHINGTON, March 3, 2021
    (AP) -"), so that a date the story talks about is never taken for the
    publication date.

    >>> find_date("Friday, January 4, 2019\\n\\nAn apartment block collapsed on Monday.")
    datetime.date(2019, 1, 4)
    >>> find_date("In May 2015 the talks failed, and on June 3, 2016 they resumed.") is None
    True
    """
    calendar = calendar or load_calendar()
    seen = 0
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        seen += 1
        if seen > max_lines:
            break
        if len(line.split()) <= _HEADER_WORDS:
            found = date_in_line(line, calendar=calendar)
            numeric = _NUMERIC_DATE.search(line)
            if found is None and numeric:
                # From the date on: labels such as "Last updated:" confuse dateparser.
                found = _dateparser_date(line[numeric.start():])
            if found is not None:
                return found
            continue
        if _DATELINE_START.match(line):
            head = line[:_DATELINE_CHARS]
            cut = _DATELINE_END.search(head)
            return date_in_line(head[: cut.start()] if cut else head, calendar=calendar)
        return None
    return None


def parse_date(value: str | int) -> date | datetime:
    """Parse the ``date`` field of a record: YYYYMMDD, ISO date or datetime, or a written date.

    Raises
    ------
    ValueError
        When the value holds no date this function understands.

    >>> parse_date("2020-12-02T01:36:00Z")
    datetime.datetime(2020, 12, 2, 1, 36, tzinfo=datetime.timezone.utc)
    >>> parse_date("2 December 2020")
    datetime.date(2020, 12, 2)
    """
    text = str(value).strip()
    compact = _COMPACT.match(text)
    if compact:
        found = _make_date(*compact.groups())
        if found is not None:
            return found
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    found_in_text = date_in_line(text)
    if found_in_text is None:
        raise ValueError(f"not a date: {text!r}")
    return found_in_text
