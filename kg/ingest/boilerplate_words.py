"""The word lists that drive boilerplate removal, loaded from ``data/boilerplate.toml``."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.errors import IngestError
from kg.resources import package_data

__all__ = ["BoilerplateWords", "load_boilerplate_words"]


def _alternation(phrases: tuple[str, ...]) -> str:
    # Longest first, so "share this article" wins over "share".
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


@dataclass(frozen=True)
class BoilerplateWords:
    """Compiled boilerplate lexicon (immutable, shareable between threads).

    Parameters
    ----------
    ui_phrase : re.Pattern
        Matches one widget phrase as whole words ("listen live", "share").
    teaser_prefix : re.Pattern
        Matches a teaser or credit prefix at the start of a line ("Read more:").
    byline : re.Pattern
        Matches a byline opener ("By ").
    widget_filler : frozenset of str
        Small words allowed between widget phrases on a widget line.
    timestamp_words : frozenset of str
        Words allowed on a timestamp line besides dates, times and numbers.
    count_tail : re.Pattern
        Matches a trailing counter ("(191)", "12 comments").
    documentation_files : frozenset of str
        Name parts of files that are documentation, not articles.
    """

    ui_phrase: re.Pattern[str]
    teaser_prefix: re.Pattern[str]
    byline: re.Pattern[str]
    widget_filler: frozenset[str]
    timestamp_words: frozenset[str]
    count_tail: re.Pattern[str]
    documentation_files: frozenset[str]

    @classmethod
    def from_file(cls, path: Path) -> BoilerplateWords:
        """Read a lexicon from a TOML file laid out like ``data/boilerplate.toml``."""
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            ui = tuple(data["ui_phrases"])
            prefixes = tuple(data["teaser_prefixes"])
            bylines = tuple(data["byline_prefixes"])
            counts = tuple(data["count_words"])
            filler = frozenset(w.lower() for w in data["widget_filler"])
            stamps = frozenset(w.lower() for w in data["timestamp_words"])
            docs = frozenset(w.lower() for w in data["documentation_files"])
        except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as e:
            raise IngestError(
                f"cannot read the boilerplate lexicon ({e}); reinstall kg or fix the file",
                source=str(path),
            ) from e
        return cls(
            ui_phrase=re.compile(rf"(?<![\w'])(?:{_alternation(ui)})(?![\w'])", re.I),
            teaser_prefix=re.compile(rf"^(?:{_alternation(prefixes)})\s*[:|\-–—»>]+\s*\S", re.I),
            # The name after "By" must be capitalised: "by the way" is no byline.
            byline=re.compile(rf"^(?i:{_alternation(bylines)})\s+[A-Z]"),
            widget_filler=filler,
            timestamp_words=stamps,
            count_tail=re.compile(
                rf"(?:\(\s*\d[\d,.]*\s*[kKmM]?\s*\)|\b\d[\d,.]*\s*[kKmM]?\s+(?:{_alternation(counts)}))\s*$",
                re.I,
            ),
            documentation_files=docs,
        )


@lru_cache(maxsize=1)
def load_boilerplate_words() -> BoilerplateWords:
    """Return the lexicon shipped with kg (read once, then shared).

    >>> bool(load_boilerplate_words().ui_phrase.fullmatch("Listen Live"))
    True
    """
    return BoilerplateWords.from_file(package_data("ingest", "data", "boilerplate.toml"))
