"""The word lists and regular expressions :mod:`kg.events.timex` matches with.

Words come from ``data/timex.toml``; the patterns are built from them once
and cached, so the first call pays a few milliseconds and later ones nothing.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from kg.errors import LexiconError
from kg.resources import package_data

__all__ = ["TimeGrammar", "load_grammar", "read_grammar"]

_UNITS = "day|week|month|year"


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of the words, longest first, spaces matching any whitespace."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(r"\s+".join(re.escape(part) for part in word.split()) for word in ordered)


@dataclass(frozen=True)
class TimeGrammar:
    """Words and compiled patterns for temporal expressions (see ``data/timex.toml``)."""

    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    numbers: Mapping[str, int]
    relative_days: Mapping[str, int]
    directions: Mapping[str, int]
    modifiers: frozenset[str]
    strong: frozenset[str]
    weak: frozenset[str]
    not_plural: frozenset[str]

    @staticmethod
    def is_name(word: str) -> bool:
        """Month and weekday names count only when capitalised ("May", not "may")."""
        return word[:1].isupper()

    @cached_property
    def _month(self) -> str:
        # An abbreviation's full stop belongs to it only before a number ("Dec. 2").
        return rf"(?P<mname>{_alternation(self.months)})(?:\.(?=\s+\d))?"

    @cached_property
    def _mod(self) -> str:
        return rf"(?P<mod>(?:{_alternation(self.modifiers)})(?:-|\s+))?"

    @cached_property
    def _dayname(self) -> str:
        # A weekday before a full date belongs to it ("Monday, 7 January 2019").
        return rf"(?:\b(?:{_alternation(self.weekdays)}),?\s+(?:the\s+)?)?"

    @cached_property
    def _dirs(self) -> str:
        return _alternation(self.directions)

    def _compile(self, pattern: str) -> re.Pattern[str]:
        return re.compile(pattern, re.IGNORECASE)

    # What a sentence must hold for a family of patterns to match (a digit, a
    # month or weekday name, a relative day, a unit word): most sentences hold
    # no time expression, and one scan tells which patterns need not run.

    @cached_property
    def has_digit(self) -> re.Pattern[str]:
        return re.compile(r"\d")

    @cached_property
    def _families(self) -> dict[str, Iterable[str]]:
        return {"month": self.months, "weekday": self.weekdays,
                "relative_day": self.relative_days, "unit": _UNITS.split("|")}

    @cached_property
    def key_patterns(self) -> Mapping[str, re.Pattern[str]]:
        """For each family of words (month, weekday, relative_day, unit), a pattern finding one."""
        return MappingProxyType({name: self._compile(_alternation(words))
                                 for name, words in self._families.items()})

    @cached_property
    def key_words(self) -> Mapping[str, tuple[str, ...]]:
        """For each family, the lower-case first words of its entries.

        In a sentence of ASCII letters, one of them is in the lower-cased
        sentence whenever the family's pattern matches (and a plain substring
        test is several times faster than a case-blind pattern).
        """
        return MappingProxyType({name: tuple(sorted({w.split()[0].lower() for w in words}))
                                 for name, words in self._families.items()})

    @cached_property
    def iso_date(self) -> re.Pattern[str]:
        return re.compile(
            r"\b(?P<expr>(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
            r"(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)(?![\d-])"
        )

    @cached_property
    def day_month_year(self) -> re.Pattern[str]:
        # No word boundary needed before the day: scraped pages glue it on ("GMT12 May 2021").
        return self._compile(rf"(?<!\d)(?P<expr>{self._dayname}{_DAY}(?:\s+of)?\s+{self._month},?\s+{_YEAR})")

    @cached_property
    def month_day_year(self) -> re.Pattern[str]:
        return self._compile(rf"\b(?P<expr>{self._dayname}{self._month}\s+{_DAY},?\s+{_YEAR})")

    @cached_property
    def month_year(self) -> re.Pattern[str]:
        return self._compile(rf"\b(?P<expr>{self._mod}{self._month},?\s+(?:of\s+)?{_YEAR})")

    @cached_property
    def month_day(self) -> re.Pattern[str]:
        return self._compile(rf"\b(?P<expr>{self._month}\s+{_DAY}\b)")

    @cached_property
    def day_month(self) -> re.Pattern[str]:
        return self._compile(rf"\b(?P<expr>{_DAY}(?:\s+of)?\s+{self._month})\b")

    @cached_property
    def bare_month(self) -> re.Pattern[str]:
        preps = _alternation(self.strong | self.weak)
        return self._compile(
            rf"(?:\b(?P<prep>{preps})\s+)?\b(?P<expr>{self._mod}(?:(?P<dir>{self._dirs})\s+)?{self._month})\b"
        )

    @cached_property
    def weekday(self) -> re.Pattern[str]:
        return self._compile(
            rf"\b(?P<expr>(?:(?P<dir>{self._dirs})\s+)?(?P<wname>{_alternation(self.weekdays)}))\b"
        )

    @cached_property
    def relative_day(self) -> re.Pattern[str]:
        return self._compile(rf"\b(?P<expr>{_alternation(self.relative_days)})\b")

    @cached_property
    def relative_unit(self) -> re.Pattern[str]:
        return self._compile(rf"\b(?P<expr>{self._mod}(?P<dir>{self._dirs})\s+(?P<unit>{_UNITS}))\b")

    @cached_property
    def ago(self) -> re.Pattern[str]:
        counts = _alternation(self.numbers)
        return self._compile(rf"\b(?P<expr>(?P<n>\d{{1,3}}|{counts})\s+(?P<unit>{_UNITS})s?\s+ago)\b")

    @cached_property
    def year(self) -> re.Pattern[str]:
        return self._compile(rf"(?P<expr>{self._mod}\b{_YEAR})")

    @cached_property
    def numeric_date(self) -> re.Pattern[str]:
        # Two-digit years only with slashes: "3.5.20" is more often a version than a date.
        return re.compile(r"\b(?P<expr>\d{1,2}(?:/\d{1,2}/(?:\d{4}|\d{2})|\.\d{1,2}\.\d{4}))\b(?![./]\d)")


_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
# A year of 1000-2099, not part of a longer number ("1,994", "1994.5") or a decade ("1990s").
_YEAR = r"(?P<year>(?:1\d|20)\d{2})(?![\d]|[.,]\d|s\b)"


def _words(table: Mapping[str, Any], key: str, path: Path) -> Mapping[str, int]:
    value = table.get(key)
    if not isinstance(value, dict) or not value or not all(isinstance(v, int) for v in value.values()):
        raise LexiconError(f"{path}: [{key}] must be a table of words to whole numbers")
    return MappingProxyType({" ".join(k.lower().split()): v for k, v in value.items()})


def _word_list(table: Mapping[str, Any], key: str, path: Path) -> frozenset[str]:
    value = table.get("context", {}).get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise LexiconError(f"{path}: [context] {key} must be a list of words")
    return frozenset(v.lower() for v in value)


def read_grammar(path: Path) -> TimeGrammar:
    """Read a time-word file (the layout of ``kg/events/data/timex.toml``).

    Raises
    ------
    LexiconError
        If the file cannot be read, is not TOML, or a table is missing or malformed.
    """
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise LexiconError(f"{path}: cannot read the time words ({e}); fix the file or give another path") from e
    months = _words(table, "months", path)
    weekdays = _words(table, "weekdays", path)
    if set(months.values()) != set(range(1, 13)) or set(weekdays.values()) != set(range(7)):
        raise LexiconError(f"{path}: [months] must name months 1-12 and [weekdays] days 0 (Monday) to 6")
    return TimeGrammar(
        months=months,
        weekdays=weekdays,
        numbers=_words(table, "numbers", path),
        relative_days=_words(table, "relative_days", path),
        directions=_words(table, "directions", path),
        modifiers=_word_list(table, "modifiers", path),
        strong=_word_list(table, "strong", path),
        weak=_word_list(table, "weak", path),
        not_plural=_word_list(table, "not_plural", path),
    )


@lru_cache(maxsize=1)
def load_grammar() -> TimeGrammar:
    """The time words kg ships, read once."""
    return read_grammar(package_data("events", "data", "timex.toml"))
