"""From argument phrases to resolved entities, and the coder's settings.

A phrase names the entity of the mention at its head word ("the *Armenian
armed forces*"), else of an apposition to it, else of the mention nearest
its head when the head is an actor noun ("the *Azerbaijani* side"). A phrase that names no entity fills no
role. "The sides" and "the parties" name the parties of the conflict.
A name followed directly by the name of one of its parts names the part
("the OSCE Minsk Group" is the Minsk Group, not the OSCE).

>>> settings = coder_settings()
>>> "side" in settings.party_words, settings.base
(True, 0.9)
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from kg.errors import LexiconError
from kg.model import ArgumentSpan, Entity, EventArgument, Extraction, Mention
from kg.resources import package_data

__all__ = ["CoderSettings", "EntityIndex", "coder_settings", "read_coder_settings"]

# What may stand between a full stop and the word opening the next sentence.
_OPENING_SPACE = ' \t\r\n"\u201c'
# What may stand between a name and the name of its part: spaces, brackets around an acronym.
_JOINER = re.compile(r"[\s()]*")


@dataclass(frozen=True)
class CoderSettings:
    """The coder's word lists and confidence weights (``data/coder.toml``)."""

    party_words: frozenset[str]
    actor_heads: frozenset[str]
    place_types: frozenset[str]
    acting_place_types: frozenset[str]
    location_types: frozenset[str]
    weights: Mapping[str, float]
    visit_codes: frozenset[str] = frozenset()
    place_target_codes: frozenset[str] = frozenset()
    symmetric_codes: frozenset[str] = frozenset()
    host_code: str = ""
    person_pronouns: frozenset[str] = frozenset()
    pronoun_sentences: int = 0
    threat_modalities: frozenset[str] = frozenset()
    threat_codes: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    intent_modalities: frozenset[str] = frozenset()
    intent_codes: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def base(self) -> float:
        """Confidence of an event with no weakness."""
        return self.weights["base"]

    def threat_code(self, code: str, modality: str | None) -> str:
        """The CAMEO code of an act its agent only announces or plans: the threat of it.

        >>> coder_settings().threat_code("1724", "planned"), coder_settings().threat_code("1724", None)
        ('1324', '1724')
        """
        if modality not in self.threat_modalities:
            return code
        for n in range(len(code), 1, -1):
            if code[:n] in self.threat_codes:
                return self.threat_codes[code[:n]]
        return code

    def announced_code(self, code: str, modality: str | None) -> str:
        """The CAMEO code of an act its agent only announces: the intent of a cooperative
        act (CAMEO 03, PLOVER AGREE), the threat of a coercive one (CAMEO 13).

        >>> settings = coder_settings()
        >>> settings.announced_code("073", "future"), settings.announced_code("190", "future")
        ('0333', '138')
        >>> settings.announced_code("073", None)
        '073'
        """
        if modality in self.intent_modalities:
            for n in range(len(code), 1, -1):
                if code[:n] in self.intent_codes:
                    return self.intent_codes[code[:n]]
        return self.threat_code(code, modality)


def read_coder_settings(path: Path) -> CoderSettings:
    """Read coder settings (the layout of ``kg/events/data/coder.toml``).

    Raises
    ------
    LexiconError
        If the file cannot be read or a key is missing.
    """
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
        arguments = table["arguments"]
        weights = {k: float(v) for k, v in table["confidence"].items()}
        return CoderSettings(
            party_words=frozenset(arguments["party_words"]),
            actor_heads=frozenset(arguments["actor_heads"]),
            place_types=frozenset(arguments["place_types"]),
            acting_place_types=frozenset(arguments["acting_place_types"]),
            location_types=frozenset(arguments["location_types"]),
            weights=MappingProxyType(weights),
            visit_codes=frozenset(arguments.get("visit_codes", ())),
            place_target_codes=frozenset(arguments.get("place_target_codes", ())),
            symmetric_codes=frozenset(arguments.get("symmetric_codes", ())),
            host_code=str(arguments.get("host_code", "")),
            person_pronouns=frozenset(arguments.get("person_pronouns", ())),
            pronoun_sentences=int(arguments.get("pronoun_sentences", 0)),
            threat_modalities=frozenset(table.get("threats", {}).get("modalities", ())),
            threat_codes=MappingProxyType({str(k): str(v) for k, v in table.get("threats", {}).get("codes", {}).items()}),
            intent_modalities=frozenset(table.get("intents", {}).get("modalities", ())),
            intent_codes=MappingProxyType({str(k): str(v) for k, v in table.get("intents", {}).get("codes", {}).items()}),
        )
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as e:
        raise LexiconError(f"{path}: cannot read the coder settings ({e!r}); check the file") from e


@lru_cache(maxsize=1)
def coder_settings() -> CoderSettings:
    """The coder settings kg ships (read once, then cached)."""
    return read_coder_settings(package_data("events", "data", "coder.toml"))


@dataclass(frozen=True)
class EntityIndex:
    """The resolved mentions and entities of one article, looked up by offset."""

    extraction: Extraction
    settings: CoderSettings
    _mentions: tuple[Mention, ...] = field(init=False, repr=False)
    _starts: tuple[int, ...] = field(init=False, repr=False)
    _entities: Mapping[str, Entity] = field(init=False, repr=False)
    _parts: frozenset[tuple[str, str]] = field(init=False, repr=False)
    _located: Mapping[str, str] = field(init=False, repr=False)
    _members: Mapping[str, tuple[str, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        mentions = tuple(sorted((m for m in self.extraction.mentions if m.entity), key=lambda m: (m.start, -m.end)))
        object.__setattr__(self, "_mentions", mentions)
        object.__setattr__(self, "_starts", tuple(m.start for m in mentions))
        object.__setattr__(self, "_entities", MappingProxyType({e.iri: e for e in self.extraction.entities}))
        object.__setattr__(self, "_parts", frozenset(
            (r.subject, r.object) for r in self.extraction.relations if r.predicate == "partOf"))
        object.__setattr__(self, "_located", MappingProxyType({
            r.subject: r.object for r in self.extraction.relations if r.predicate == "locatedIn"}))
        members: dict[str, list[str]] = {}
        for r in self.extraction.relations:
            if r.predicate == "hasMember":
                members.setdefault(r.subject, []).append(r.object)
        object.__setattr__(self, "_members", MappingProxyType({k: tuple(v) for k, v in members.items()}))

    def entity(self, iri: str) -> Entity | None:
        """The entity with this IRI, if the article has it."""
        return self._entities.get(iri)

    def is_place(self, iri: str) -> bool:
        """Whether the entity is a place that is not also an actor (a city, not a country)."""
        entity = self._entities.get(iri)
        return entity is not None and entity.type in self.settings.place_types

    def is_location(self, iri: str) -> bool:
        """Whether the entity can be where an event happened."""
        entity = self._entities.get(iri)
        return entity is not None and entity.type in self.settings.location_types

    def country(self, iri: str) -> str | None:
        """ISO3 code of the entity's country, if known."""
        entity = self._entities.get(iri)
        return entity.country if entity is not None else None

    def covering(self, start: int, end: int) -> Mention | None:
        """The longest mention that contains ``[start, end)``."""
        i = bisect_right(self._starts, start)
        best = None
        for m in self._mentions[:i]:
            if m.start <= start and end <= m.end and (best is None or m.end - m.start > best.end - best.start):
                best = m
        return best

    def members(self, argument: EventArgument) -> tuple[EventArgument, ...]:
        """An actor group's members in its place ("the Baltic states" acts as each of them), else the argument."""
        found = self._members.get(argument.entity)
        if not found:
            return (argument,)
        return tuple(EventArgument(member, argument.start, argument.end, argument.text) for member in found)

    def country_of_place(self, iri: str) -> str | None:
        """The country entity a place lies in (following ``locatedIn``), if the article has it."""
        for _ in range(4):
            entity = self._entities.get(iri)
            if entity is None:
                return None
            if entity.type == "Country":
                return iri
            parent = self._located.get(iri)
            if parent is None:
                return None
            iri = parent
        return None

    def _acts(self, iri: str) -> bool:
        """Whether the entity may fill an actor role (not a place that only locates)."""
        entity = self._entities.get(iri)
        return entity is not None and (entity.type not in self.settings.place_types
                                       or entity.type in self.settings.acting_place_types)

    def within(self, start: int, end: int) -> list[Mention]:
        """Mentions lying inside ``[start, end)``, in text order."""
        return [m for m in self._mentions if start <= m.start and m.end <= end]

    def _refine(self, mention: Mention) -> Mention:
        """Follow "name (ACRONYM) part-name" to the part ("OSCE Minsk Group")."""
        text = self.extraction.article.text
        current = mention
        best = mention
        for m in self._mentions:
            if m.start < current.end:
                continue
            if not _JOINER.fullmatch(text[current.end:m.start]):
                break
            if m.entity == current.entity or (m.entity, best.entity) in self._parts:
                if (m.entity, best.entity) in self._parts:
                    best = m
                current = m
                continue
            break
        return best

    def resolve(self, span: ArgumentSpan) -> Mention | None:
        """The mention a phrase names, or None when it names no entity."""
        head = self.covering(*span.head)
        appositive = self.covering(*span.appositive) if span.appositive else None
        if head is not None and head.entity and self.is_place(head.entity) and appositive is not None \
                and appositive.entity and not self.is_place(appositive.entity):
            # "MOSCOW (Sputnik) -- Russian President Vladimir Putin": the dateline city is not the actor
            head = appositive
        if head is None:
            head = appositive
        if head is None and span.lemma in self.settings.actor_heads:
            inside = [m for m in self.within(span.start, span.end) if m.end <= span.head[0]]
            head = inside[-1] if inside else None
        if head is not None and head.entity and self.country(head.entity) is None:
            # a generic actor named by a modifier ("*White House* security officials",
            # "*Kenyan* police"): the modifier says whose it is, unless it is part of a
            # hyphenated compound ("the *Syrian*-backed militia" is not Syria's own)
            text = self.extraction.article.text
            named = [m for m in self.within(span.start, span.end)
                     if m.end <= head.start and m.entity and self.country(m.entity) and self._acts(m.entity)
                     and not text.startswith("-", m.end)]
            head = named[-1] if named else head
        return self._refine(head) if head is not None else None

    def arguments(self, span: ArgumentSpan, parties: tuple[str, ...] = (),
                  *, places: bool = False) -> tuple[EventArgument, ...]:
        """The entities a phrase names, as event arguments (the conflict's parties for "the sides").

        A place that is not an actor (a city, a region) fills no actor role: where
        a capital acts for its government, ``resolve`` has already said so.
        ``places=True`` asks for places too (the event's location).
        """
        mention = self.resolve(span)
        if mention is not None and mention.entity:
            entity = self._entities.get(mention.entity)
            if not places and self.is_place(mention.entity) and (
                    entity is None or entity.type not in self.settings.acting_place_types):
                return ()
            return (EventArgument(mention.entity, mention.start, mention.end, mention.text),)
        if span.lemma in self.settings.party_words:
            return tuple(EventArgument(party, span.start, span.end, span.text) for party in parties)
        person = self.antecedent(span)
        if person is not None:
            return (EventArgument(person, span.start, span.end, span.text),)
        return ()

    def antecedent(self, span: ArgumentSpan) -> str | None:
        """The person a personal pronoun ("He", "She") stands for, or None.

        Only a pronoun that opens its sentence counts: inside a sentence "he"
        mostly stands for a phrase of that sentence that names no entity ("the
        attacker claimed he was ..."). The sentences before it that name an
        entity are read nearest first, at most ``pronoun_sentences`` of them:
        the first that names any person decides, and only when it names one.
        Two people there ("Putin met Erdogan. He said") are left unresolved
        rather than guessed.
        """
        if span.lemma not in self.settings.person_pronouns or not span.text[:1].isupper() \
                or not _opens_sentence(self.extraction.article.text, span.start):
            return None
        people: set[str] = set()
        sentence: tuple[int, int] | None = None
        seen = 0
        for m in reversed(self._mentions[:bisect_right(self._starts, span.start)]):
            if m.end > span.start or not m.entity:
                continue
            if m.sentence != sentence:
                if people:
                    break
                sentence, seen = m.sentence, seen + 1
                if seen > self.settings.pronoun_sentences:
                    break
            entity = self._entities.get(m.entity)
            if entity is not None and entity.type == "Person":
                people.add(m.entity)
        return people.pop() if len(people) == 1 else None


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence: only a full stop, spaces and quotes before it.

    >>> _opens_sentence('He left. "She stayed."', 10), _opens_sentence("as he said", 3)
    (True, False)
    """
    before = text[max(0, start - 12):start].rstrip(_OPENING_SPACE)
    if not before:
        return True  # the text's start
    return before[-1] in ".!?" or (before[-1] in "\"\u201d\u2019'" and before[-2:-1] in (".", "!", "?"))
