"""The event trigger lexicon: words that signal an event, with their CAMEO codes.

The lexicon is data (``data/triggers.tsv``, described in its header); this
module reads it, checks it, and matches it against a sentence given as lemmas
and coarse part-of-speech tags, so it works on any tokenizer's output and
never imports one.

>>> lexicon = load_triggers()
>>> lemmas = ["Baku", "and", "Yerevan", "trade", "blame", "for", "breach", "the", "truce"]
>>> tags = ["PROPN", "CCONJ", "PROPN", "VERB", "NOUN", "ADP", "VERB", "DET", "NOUN"]
>>> [(m.start, m.end, m.select({"breach", "truce"}).code) for m in lexicon.match(lemmas, tags)]
[(3, 5, '1123'), (6, 7, '196'), (8, 9, '0871')]
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from kg.errors import LexiconError
from kg.events.cameo import EVENT_TYPES, cameo_codes, cameo_to_plover, read_table
from kg.resources import package_data

__all__ = ["POS_TAGS", "Trigger", "TriggerLexicon", "TriggerMatch", "load_triggers"]

#: The parts of speech a trigger's head may have, and the tags that count as each.
POS_TAGS: Mapping[str, frozenset[str]] = MappingProxyType({
    "VERB": frozenset({"VERB"}),
    "NOUN": frozenset({"NOUN", "PROPN"}),
    "ADJ": frozenset({"ADJ"}),
})
# Words that may stand between the words of a pattern ("expressed *deep* regret").
_GAP_TAGS = frozenset({"ADJ", "ADV", "DET", "PRON"})
_GAP_LEMMAS = frozenset({"-"})
_MAX_GAP = 2
_HEADER = ("pattern", "pos", "cameo", "plover", "requires")
_STOP = "-"


@dataclass(frozen=True)
class Trigger:
    """One lexicon entry.

    Parameters
    ----------
    pattern : tuple of str
        Lemmas of the trigger, lower case (``("call", "on")``).
    pos : str
        Part of speech of its head: ``VERB``, ``NOUN`` or ``ADJ``.
    code : str
        CAMEO event code ("0256").
    plover : str
        Event type, one of :data:`kg.events.cameo.EVENT_TYPES`.
    requires : tuple of frozenset of str
        Alternatives, each a set of complement lemmas that must all be present;
        empty for a default entry, which needs no complement.
    source : str
        ``file:line`` of the entry, for messages.
    """

    pattern: tuple[str, ...]
    pos: str
    code: str
    plover: str
    requires: tuple[frozenset[str], ...] = ()
    source: str = ""

    @property
    def names_event(self) -> bool:
        """False for an entry that says the pattern is no event with these complements."""
        return self.code != _STOP

    @property
    def head(self) -> int:
        """Index of the head word in :attr:`pattern`: last for nouns, first otherwise."""
        return len(self.pattern) - 1 if self.pos == "NOUN" else 0

    def accepts(self, complements: Collection[str]) -> bool:
        """Tell whether the trigger's complements satisfy the entry.

        ``complements`` are the lemmas of the words the trigger governs, its
        subject aside (objects, prepositional and clausal complements).

        >>> Trigger(("urge",), "VERB", "0256", "REQUEST", (frozenset({"cease", "fire"}),)).accepts({"cease", "fire"})
        True
        """
        if not self.requires:
            return True
        found = {lemma.lower() for lemma in complements}
        return any(alternative <= found for alternative in self.requires)


@dataclass(frozen=True)
class TriggerMatch:
    """A place in a sentence where a lexicon pattern occurs.

    ``start`` and ``end`` are token indices (end exclusive; words allowed in
    a gap are inside). ``candidates`` are the entries for the pattern whose part
    of speech fits, specific entries first; :meth:`select` picks one.
    """

    start: int
    end: int
    candidates: tuple[Trigger, ...]

    @property
    def pattern(self) -> tuple[str, ...]:
        """The lemmas of the matched pattern."""
        return self.candidates[0].pattern

    def select(self, complements: Collection[str] = ()) -> Trigger | None:
        """Return the first candidate the complements satisfy, or None."""
        return next((trigger for trigger in self.candidates if trigger.accepts(complements)), None)


def _index(entries: Sequence[Trigger], stops: Collection[tuple[str, ...]]) -> Mapping[str, tuple[tuple[str, ...], ...]]:
    by_first: dict[str, set[tuple[str, ...]]] = {}
    for pattern in [entry.pattern for entry in entries] + list(stops):
        by_first.setdefault(pattern[0], set()).add(pattern)
    # Longest patterns first, so "ceasefire violation" wins over "ceasefire".
    return MappingProxyType({
        first: tuple(sorted(patterns, key=lambda p: (-len(p), p))) for first, patterns in by_first.items()
    })


@dataclass(frozen=True)
class TriggerLexicon:
    """The trigger entries, looked up by lemma tuple or matched against a sentence.

    Parameters
    ----------
    entries : tuple of Trigger
        In file order.
    stops : frozenset of tuple of str
        Patterns that name no event but hide the shorter triggers inside them.
    source : str
        The file read.
    """

    entries: tuple[Trigger, ...]
    stops: frozenset[tuple[str, ...]] = frozenset()
    source: str = ""
    _patterns: Mapping[str, tuple[tuple[str, ...], ...]] = field(init=False, repr=False, compare=False)
    _by_pattern: Mapping[tuple[str, ...], tuple[Trigger, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_pattern: dict[tuple[str, ...], list[Trigger]] = {}
        for entry in self.entries:
            by_pattern.setdefault(entry.pattern, []).append(entry)
        object.__setattr__(self, "_by_pattern", MappingProxyType({k: tuple(v) for k, v in by_pattern.items()}))
        object.__setattr__(self, "_patterns", _index(self.entries, self.stops))

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def codes(self) -> frozenset[str]:
        """Every CAMEO code an entry gives."""
        return frozenset(entry.code for entry in self.entries if entry.names_event)

    def lookup(self, pattern: Sequence[str] | str, pos: str | None = None) -> tuple[Trigger, ...]:
        """Return the entries for a pattern (lemmas, or one space-separated string).

        >>> [t.code for t in load_triggers().lookup("accuse")][-1]
        '112'
        """
        key = tuple(pattern.lower().split()) if isinstance(pattern, str) else tuple(w.lower() for w in pattern)
        found = self._by_pattern.get(key, ())
        return tuple(t for t in found if pos is None or t.pos == pos)

    def select(self, pattern: Sequence[str] | str, pos: str, complements: Collection[str] = ()) -> Trigger | None:
        """Return the entry for a pattern and part of speech that the complements satisfy.

        >>> load_triggers().select("threaten", "VERB", {"to", "strike"}).code
        '138'
        """
        return next((trigger for trigger in self.lookup(pattern, pos) if trigger.accepts(complements)), None)

    def match(self, lemmas: Sequence[str], pos: Sequence[str]) -> list[TriggerMatch]:
        """Find the triggers in a sentence, left to right, longest pattern first.

        Parameters
        ----------
        lemmas : sequence of str
            The lemma of each token (compared in lower case).
        pos : sequence of str
            The coarse (Universal Dependencies) part-of-speech tag of each token.

        Returns
        -------
        list of TriggerMatch
            Non-overlapping matches. A one-word pattern matches only a token with
            the entry's part of speech; a longer one matches on its lemmas and
            prefers the entries whose head has the right tag.
        """
        if len(lemmas) != len(pos):
            raise ValueError(f"got {len(lemmas)} lemmas but {len(pos)} tags; give one of each per token")
        words = [lemma.lower() for lemma in lemmas]
        found: list[TriggerMatch] = []
        end = 0  # where the last match ends: the next starts there or later
        # most words start no pattern
        for i in [i for i, word in enumerate(words) if word in self._patterns]:
            if i < end:
                continue
            hit = self._match_at(words, pos, i)
            if hit is None:
                continue
            end, candidates = hit
            if candidates:
                found.append(TriggerMatch(i, end, candidates))
        return found

    def _match_at(self, words: list[str], pos: Sequence[str], start: int) -> tuple[int, tuple[Trigger, ...]] | None:
        for pattern in self._patterns.get(words[start], ()):
            positions = _align(pattern, words, pos, start)
            if positions is None:
                continue
            if pattern in self.stops:
                return positions[-1] + 1, ()
            entries = self._by_pattern[pattern]
            fitting = tuple(e for e in entries if pos[positions[e.head]] in POS_TAGS[e.pos])
            if len(pattern) > 1:
                return positions[-1] + 1, fitting or entries
            if fitting:
                return start + 1, fitting
        return None


def _align(pattern: tuple[str, ...], words: list[str], pos: Sequence[str], start: int) -> list[int] | None:
    """Token positions of the pattern's words from ``start``, skipping small gaps."""
    positions = [start]
    i = start
    for word in pattern[1:]:
        i += 1
        gap = 0
        while i < len(words) and words[i] != word and gap < _MAX_GAP and (
            pos[i] in _GAP_TAGS or words[i] in _GAP_LEMMAS
        ):
            i += 1
            gap += 1
        if i >= len(words) or words[i] != word:
            return None
        positions.append(i)
    return positions


def _parse_requires(text: str, where: str) -> tuple[frozenset[str], ...]:
    if not text:
        return ()
    alternatives = []
    for alternative in text.lower().split("|"):
        words = frozenset(w.strip() for w in alternative.split("+"))
        if "" in words:
            raise LexiconError(f"{where}: empty word in requires {text!r}; write words joined by '+' and '|'")
        alternatives.append(words)
    return tuple(alternatives)


def _parse_entry(fields: list[str], where: str) -> Trigger | None:
    text, pos, code, plover, requires = fields
    pattern = tuple(text.lower().split())
    if not pattern:
        raise LexiconError(f"{where}: empty pattern; give the trigger's lemmas")
    if pos not in POS_TAGS:
        raise LexiconError(f"{where}: part of speech {pos!r} for {text!r}; use one of {', '.join(POS_TAGS)}")
    if code == _STOP:
        # with complements: no event when they are there ("retreat from a pledge"); without: never one
        return Trigger(pattern, pos, _STOP, "", _parse_requires(requires, where), where) if requires else None
    if code not in cameo_codes():
        raise LexiconError(
            f"{where}: CAMEO code {code!r} for {text!r} is not in kg/events/data/cameo.tsv; "
            "use a listed code or add a row there"
        )
    if plover and plover not in EVENT_TYPES:
        raise LexiconError(f"{where}: unknown event type {plover!r}; use one of {', '.join(EVENT_TYPES)}")
    return Trigger(pattern, pos, code, plover or cameo_to_plover(code), _parse_requires(requires, where), where)


def load_triggers(path: Path | None = None) -> TriggerLexicon:
    """Read and check a trigger lexicon (by default the one kg ships).

    Reading takes a few milliseconds; load once and reuse the lexicon.

    Raises
    ------
    LexiconError
        If the file cannot be read, a row is malformed, a code is unknown, an
        entry repeats another, or a default entry comes before a specific one
        for the same pattern (which would hide it).
    """
    path = path or package_data("events", "data", "triggers.tsv")
    entries: list[Trigger] = []
    stops: set[tuple[str, ...]] = set()
    defaults: dict[tuple[tuple[str, ...], str], str] = {}
    seen: set[tuple[tuple[str, ...], str, tuple[frozenset[str], ...]]] = set()
    for number, fields in read_table(path, _HEADER):
        where = f"{path}:{number}"
        entry = _parse_entry(fields, where)
        if entry is None:
            stops.add(tuple(fields[0].lower().split()))
            continue
        key = (entry.pattern, entry.pos, entry.requires)
        if key in seen:
            raise LexiconError(f"{where}: {fields[0]!r} ({entry.pos}) repeats an earlier entry; keep one")
        seen.add(key)
        if (entry.pattern, entry.pos) in defaults:
            raise LexiconError(
                f"{where}: {fields[0]!r} ({entry.pos}) comes after its default entry at "
                f"{defaults[entry.pattern, entry.pos]}, which would hide it; move the default last"
            )
        if not entry.requires:
            defaults[entry.pattern, entry.pos] = where
        entries.append(entry)
    clash = stops & {entry.pattern for entry in entries}
    if clash:
        raise LexiconError(f"{path}: {sorted(' '.join(p) for p in clash)} are both triggers and non-triggers; keep one")
    return TriggerLexicon(tuple(entries), frozenset(stops), str(path))
