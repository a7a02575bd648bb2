"""The event trigger lexicon: words that signal an event, with their CAMEO codes.

The lexicon is data (``data/triggers/*.tsv``, one file per CAMEO root; the
format is described in ``data/triggers/README.md``); this module reads it,
checks it, and matches it against a sentence given as lemmas and coarse
part-of-speech tags, so it works on any tokenizer's output and never imports
one. An entry may name conditions on the trigger's complements, in words or
in the semantic classes of :mod:`kg.events.senses`.

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
from kg.events.cameo import EVENT_TYPES, cameo_codes, cameo_to_plover, plover_modes, read_table
from kg.events.senses import Complements, Condition, SemanticClasses, load_classes, parse_condition
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
_HEADER = ("pattern", "pos", "cameo", "plover", "mode", "requires")
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
        CAMEO event code ("0256"), or ``-`` for an entry that names no event.
    plover : str
        PLOVER event type (one of :data:`kg.events.cameo.EVENT_TYPES`); it is
        the event's type even where the code's root says otherwise ("resign"
        is CAMEO 0831 but PLOVER RETREAT).
    requires : Condition
        What the complements must be for the entry to apply; empty for the
        pattern's default entry.
    source : str
        ``file:line`` of the entry, for messages.
    mode : str
        PLOVER mode of the event ("aerial", "phone"), empty where there is none.
    """

    pattern: tuple[str, ...]
    pos: str
    code: str
    plover: str
    requires: Condition = Condition()
    source: str = ""
    mode: str = ""

    @property
    def names_event(self) -> bool:
        """False for an entry that says the pattern is no event with these complements."""
        return self.code != _STOP

    @property
    def head(self) -> int:
        """Index of the head word in :attr:`pattern`: last for nouns, first otherwise."""
        return len(self.pattern) - 1 if self.pos == "NOUN" else 0

    def accepts(self, complements: Complements) -> bool:
        """Tell whether the trigger's complements satisfy the entry.

        >>> classes = load_classes()
        >>> entry = Trigger(("urge",), "VERB", "0256", "REQUEST",
        ...                 parse_condition("~truce", where="example", classes=classes))
        >>> entry.accepts(Complements.of_words({"to", "cease", "fire"}, classes))
        True
        """
        return self.requires.holds(complements)


def _as_complements(complements: Complements | Collection[str], classes: SemanticClasses) -> Complements:
    if isinstance(complements, Complements):
        return complements
    return Complements.of_words(complements, classes)


@dataclass(frozen=True)
class TriggerMatch:
    """A place in a sentence where a lexicon pattern occurs.

    ``start`` and ``end`` are token indices (end exclusive; words allowed in
    a gap are inside). ``candidates`` are the entries for the pattern whose part
    of speech fits, in the order they are tried; :meth:`select` picks one.
    """

    start: int
    end: int
    candidates: tuple[Trigger, ...]
    classes: SemanticClasses = field(default_factory=load_classes, compare=False, repr=False)

    @property
    def pattern(self) -> tuple[str, ...]:
        """The lemmas of the matched pattern."""
        return self.candidates[0].pattern

    @property
    def needs_parse(self) -> bool:
        """Whether choosing among the candidates reads more of the parse than the complements' words."""
        return any(trigger.requires.needs_parse for trigger in self.candidates if trigger.requires)

    def select(self, complements: Complements | Collection[str] = ()) -> Trigger | None:
        """Return the first candidate the complements satisfy, or None.

        ``complements`` are the trigger's :class:`~kg.events.senses.Complements`,
        or just the lemmas of its complements (each also taken for a head).
        """
        found = _as_complements(complements, self.classes)
        return next((trigger for trigger in self.candidates if trigger.accepts(found)), None)


def _index(entries: Sequence[Trigger], stops: Collection[tuple[str, ...]]) -> Mapping[str, tuple[tuple[str, ...], ...]]:
    by_first: dict[str, set[tuple[str, ...]]] = {}
    for pattern in [entry.pattern for entry in entries] + list(stops):
        by_first.setdefault(pattern[0], set()).add(pattern)
    # Longest patterns first, so "ceasefire violation" wins over "ceasefire".
    return MappingProxyType({
        first: tuple(sorted(patterns, key=lambda p: (-len(p), p))) for first, patterns in by_first.items()
    })


def _precedence(entry: Trigger) -> int:
    """Order of trial: no-event conditions, then conditioned events, then the default."""
    if not entry.names_event:
        return 0
    return 1 if entry.requires else 2


@dataclass(frozen=True)
class TriggerLexicon:
    """The trigger entries, looked up by lemma tuple or matched against a sentence.

    For one pattern and part of speech, the entries are tried in this order:
    those that name no event under a condition, those that name an event
    under a condition (in file order), and last the default entry.

    Parameters
    ----------
    entries : tuple of Trigger
        In file order.
    stops : frozenset of tuple of str
        Patterns that name no event but hide the shorter triggers inside them.
    source : str
        The file or directory read.
    classes : SemanticClasses
        The classes the entries' conditions name.
    """

    entries: tuple[Trigger, ...]
    stops: frozenset[tuple[str, ...]] = frozenset()
    source: str = ""
    classes: SemanticClasses = field(default_factory=load_classes, compare=False, repr=False)
    _patterns: Mapping[str, tuple[tuple[str, ...], ...]] = field(init=False, repr=False, compare=False)
    _by_pattern: Mapping[tuple[str, ...], tuple[Trigger, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_pattern: dict[tuple[str, ...], list[Trigger]] = {}
        for entry in self.entries:
            by_pattern.setdefault(entry.pattern, []).append(entry)
        object.__setattr__(self, "_by_pattern", MappingProxyType(
            {k: tuple(sorted(v, key=_precedence)) for k, v in by_pattern.items()}))
        object.__setattr__(self, "_patterns", _index(self.entries, self.stops))

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def codes(self) -> frozenset[str]:
        """Every CAMEO code an entry gives."""
        return frozenset(entry.code for entry in self.entries if entry.names_event)

    def lookup(self, pattern: Sequence[str] | str, pos: str | None = None) -> tuple[Trigger, ...]:
        """Return the entries for a pattern (lemmas, or one space-separated string), in order of trial.

        >>> [t.code for t in load_triggers().lookup("accuse")][-1]
        '112'
        """
        key = tuple(pattern.lower().split()) if isinstance(pattern, str) else tuple(w.lower() for w in pattern)
        found = self._by_pattern.get(key, ())
        return tuple(t for t in found if pos is None or t.pos == pos)

    def select(self, pattern: Sequence[str] | str, pos: str,
               complements: Complements | Collection[str] = ()) -> Trigger | None:
        """Return the entry for a pattern and part of speech that the complements satisfy.

        >>> load_triggers().select("threaten", "VERB", {"to", "strike"}).code
        '138'
        """
        found = _as_complements(complements, self.classes)
        return next((trigger for trigger in self.lookup(pattern, pos) if trigger.accepts(found)), None)

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
                found.append(TriggerMatch(i, end, candidates, self.classes))
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


def _parse_entry(fields: list[str], where: str, classes: SemanticClasses) -> Trigger | None:
    text, pos, code, plover, mode, requires = fields
    pattern = tuple(text.lower().split())
    if not pattern:
        raise LexiconError(f"{where}: empty pattern; give the trigger's lemmas")
    if pos not in POS_TAGS:
        raise LexiconError(f"{where}: part of speech {pos!r} for {text!r}; use one of {', '.join(POS_TAGS)}")
    condition = parse_condition(requires, where=where, classes=classes)
    if code == _STOP:
        # with a condition: no event when it holds ("retreat from a pledge"); without: never one
        return Trigger(pattern, pos, _STOP, "", condition, where) if condition else None
    if code not in cameo_codes():
        raise LexiconError(
            f"{where}: CAMEO code {code!r} for {text!r} is not in kg/events/data/cameo.tsv; "
            "use a listed code or add a row there"
        )
    if plover and plover not in EVENT_TYPES:
        raise LexiconError(f"{where}: unknown event type {plover!r}; use one of {', '.join(EVENT_TYPES)}")
    plover = plover or cameo_to_plover(code)
    if mode and mode not in plover_modes().get(plover, ()):
        known = ", ".join(plover_modes().get(plover, ())) or "none"
        raise LexiconError(f"{where}: {plover} has no mode {mode!r} (its modes: {known}); "
                           "see kg/events/data/plover_modes.tsv")
    return Trigger(pattern, pos, code, plover, condition, where, mode)


def _files(path: Path) -> list[Path]:
    if not path.is_dir():
        return [path]
    files = sorted(path.glob("*.tsv"))
    if not files:
        raise LexiconError(f"{path}: no .tsv files in the lexicon directory; give a file or a directory of them")
    return files


def load_triggers(path: Path | None = None, *, classes: SemanticClasses | None = None) -> TriggerLexicon:
    """Read and check a trigger lexicon: a file, or a directory of ``.tsv`` files read in name order.

    By default the lexicon kg ships, with its semantic classes. Reading takes
    a fraction of a second; load once and reuse the lexicon.

    Raises
    ------
    LexiconError
        If a file cannot be read, a row is malformed, a code, type, mode or
        class is unknown, or an entry repeats another (same pattern, part of
        speech and condition).
    """
    path = path or package_data("events", "data", "triggers")
    classes = classes or load_classes()
    entries: list[Trigger] = []
    stops: set[tuple[str, ...]] = set()
    seen: dict[tuple[tuple[str, ...], str, str], str] = {}
    for file in _files(path):
        for number, fields in read_table(file, _HEADER):
            where = f"{file}:{number}"
            entry = _parse_entry(fields, where, classes)
            if entry is None:
                stops.add(tuple(fields[0].lower().split()))
                continue
            key = (entry.pattern, entry.pos, entry.requires.text)
            if key in seen:
                raise LexiconError(f"{where}: {fields[0]!r} ({entry.pos}) repeats the entry at {seen[key]}; keep one")
            seen[key] = where
            entries.append(entry)
    clash = stops & {entry.pattern for entry in entries}
    if clash:
        raise LexiconError(f"{path}: {sorted(' '.join(p) for p in clash)} are both triggers and non-triggers; keep one")
    return TriggerLexicon(tuple(entries), frozenset(stops), str(path), classes)
