"""People named in full somewhere in a corpus, for the articles that give a surname only.

An article that says only "Sanders" names the same person as the article that
says "Bernie Sanders" when the corpus names exactly one person with that surname
(or first name), of that country or of none. :class:`CorpusNames` is that table;
it is a pure function of the set of people the corpus names in full, so a build
gives the same graph whatever the order of its articles, and removing the article
that named someone in full takes the merge away with it (see
:mod:`kg.pipeline.identity`, which keeps a store's articles resolved against it).

>>> names = CorpusNames.of([("Bernie Sanders", "USA"), ("Kamala Harris", "USA"),
...                         ("Donald J. Harris", None)])
>>> names.full_name("Sanders", None)
('Bernie Sanders', 'USA')
>>> names.full_name("Bernie", "USA")
('Bernie Sanders', 'USA')
>>> names.full_name("Harris", None) is None
True
>>> names.full_name("Sanders", "GBR") is None
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

__all__ = ["CorpusNames"]

# particles never stand alone for a person ("al", "bin", "de", "van")
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "de", "da", "del", "van", "von", "der", "la", "le",
                        "jr", "jr.", "sr", "sr."})


@dataclass(frozen=True)
class CorpusNames:
    """Full names of people by the first names and surnames that stand for them.

    ``people`` holds ``(full name, country or None)`` pairs, sorted and distinct,
    so that equal tables compare and hash equal.
    """

    people: tuple[tuple[str, str | None], ...] = ()

    @classmethod
    def of(cls, people: Iterable[tuple[str, str | None]]) -> CorpusNames:
        """The table of ``people`` (full name, country), each name of two words or more."""
        best: dict[str, str | None] = {}
        for name, country in people:
            name = " ".join(name.split())
            if " " in name:
                # one country per name: the smallest code when articles disagree
                best[name] = min(filter(None, (best.get(name), country)), default=None)
        return cls(tuple(sorted(best.items(), key=lambda p: (p[0], p[1] or ""))))

    @cached_property
    def by_word(self) -> dict[str, tuple[tuple[str, str | None], ...]]:
        """First name or surname -> the people bearing it."""
        index: dict[str, list[tuple[str, str | None]]] = {}
        for name, country in self.people:
            words = [w for w in name.split() if w.lower().strip(".") not in _PARTICLES]
            for word in {words[0], words[-1]} if len(words) > 1 else set():
                index.setdefault(word, []).append((name, country))
        return {word: tuple(found) for word, found in index.items()}

    def full_name(self, word: str, country: str | None) -> tuple[str, str | None] | None:
        """The one person of the corpus ``word`` can stand for, of ``country`` when given."""
        found = [(name, c) for name, c in self.by_word.get(word, ())
                 if country is None or c is None or c == country]
        return found[0] if len(found) == 1 else None
