"""Semantic classes of nouns, and the complement conditions of trigger entries.

A trigger's code often depends on what it is done to: "released five
prisoners" is a release of people (0841), "released a statement" is no release
at all; "attacked the village" is an assault, "attacked the proposal" is
criticism. The lexicon says so with *conditions* on the trigger's complements
that name *semantic classes* (people, armed forces, places, weapons, goods,
money, agreements, statements, abstract objects, ...), each defined once in
``data/classes.toml`` by the entity labels of the language model, kg's
gazetteer types and lists of nouns.

A condition is a set of alternatives separated by ``|``, each a set of atoms
joined by ``+`` that must all hold. An atom is:

``word``
    the lemma is among the words of the complements (anywhere in them);
``~class``
    a member of the class is among the words of the complements (the topic:
    "called for *the release of* prisoners" is about a release);
``@class``
    the head of a direct complement (an object, the subject of a passive, the
    verb of a clause, a noun or adjective modifier of a noun trigger) belongs
    to the class;
``prep:@class``
    the object of that preposition belongs to the class ("fight *against:*
    poverty", "an attack *on:* the proposal"); prepositional objects count
    only so, since "with artillery" or "in the capital" says nothing of what
    is attacked;
``subj:@class``
    the subject belongs to the class ("*the storm* killed three people");
``as:dep``
    the trigger itself has that dependency label: ``as:amod`` is a participle
    before a noun ("*Russian-occupied* Crimea", "*Rwandan-backed* rebels"),
    which names a state of the noun rather than an event the sentence reports.

>>> classes = load_classes()
>>> {"captives", "people"} <= classes.of("prisoner")
True
>>> condition = parse_condition("@verbal|against:@social_ills", where="example", classes=classes)
>>> condition.holds(Complements.of_words({"proposal"}, classes))
True
>>> condition.holds(Complements(frozenset({"against", "poverty"}), (Head("poverty", "against", classes.of("poverty")),)))
True
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from kg.errors import LexiconError
from kg.resources import package_data

__all__ = ["Complements", "Condition", "Head", "SemanticClasses", "load_classes", "parse_condition"]

_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz_")


@dataclass(frozen=True)
class Head:
    """The head word of one complement, with the classes it belongs to.

    ``prep`` is the preposition whose object it is ("" for a direct object, a
    clause or a noun modifier); ``classes`` come from :meth:`SemanticClasses.classify`.
    """

    lemma: str
    prep: str = ""
    classes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Complements:
    """What a trigger governs: all the words, the heads, and the subjects.

    Parameters
    ----------
    words : frozenset of str
        Lower-case lemmas (and word forms) of every word of the complements.
    heads : tuple of Head
        The head of each complement (objects, prepositional objects, clauses).
    subjects : tuple of Head
        The heads of the trigger's subject (or of the ``by`` phrase of a passive).
    role : str
        The dependency label of the trigger's head ("amod", "ROOT").
    """

    words: frozenset[str]
    heads: tuple[Head, ...] = ()
    subjects: tuple[Head, ...] = ()
    role: str = ""

    def topics(self, classes: SemanticClasses) -> frozenset[str]:
        """The classes of which a member is among :attr:`words` (computed once per object)."""
        cached = self.__dict__.get("_topics")
        if cached is None or cached[0] is not classes:
            cached = (classes, classes.topics(self.words))
            # a cache, not state: the frozen object's value never changes
            self.__dict__["_topics"] = cached
        return cached[1]

    def head_classes(self, prep: str) -> frozenset[str]:
        """The classes of the heads with this preposition ("" for direct complements)."""
        by_prep = self.__dict__.get("_heads")
        if by_prep is None:
            found: dict[str, set[str]] = {}
            for head in self.heads:
                found.setdefault(head.prep, set()).update(head.classes)
            by_prep = {k: frozenset(v) for k, v in found.items()}
            self.__dict__["_heads"] = by_prep
        return by_prep.get(prep, frozenset())

    def subject_classes(self) -> frozenset[str]:
        """The classes of the subjects' heads."""
        found = self.__dict__.get("_subjects")
        if found is None:
            found = frozenset(c for head in self.subjects for c in head.classes)
            self.__dict__["_subjects"] = found
        return found

    @classmethod
    def of_words(cls, words: Collection[str], classes: SemanticClasses) -> Complements:
        """Complements known only as a bag of lemmas: each word also counts as a head.

        This is how the lexicon is queried without a parse (in tests and
        examples); the event candidates give the real heads.
        """
        lowered = frozenset(word.lower() for word in words)
        return cls(lowered, tuple(Head(word, "", classes.of(word)) for word in sorted(lowered)))


@dataclass(frozen=True)
class SemanticClasses:
    """Noun classes by lemma, entity label and kg entity type.

    Parameters
    ----------
    lemmas : mapping of str to frozenset of str
        Lower-case lemma or phrase ("war crime") -> the classes it belongs to
        (with every class that includes them).
    labels : mapping of str to frozenset of str
        Entity label of the language model (``PERSON``) -> classes.
    types : mapping of str to frozenset of str
        kg entity type (``MilitaryForce``) -> classes.
    names : frozenset of str
        Every class name.
    source : str
        The file read.
    """

    lemmas: Mapping[str, frozenset[str]]
    labels: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))
    types: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))
    names: frozenset[str] = frozenset()
    source: str = ""
    _phrases: Mapping[str, tuple[tuple[frozenset[str], frozenset[str]], ...]] = field(
        init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_word: dict[str, list[tuple[frozenset[str], frozenset[str]]]] = {}
        for phrase, classes in self.lemmas.items():
            words = phrase.split()
            if len(words) > 1:
                by_word.setdefault(words[-1], []).append((frozenset(words), classes))
        object.__setattr__(self, "_phrases", MappingProxyType({k: tuple(v) for k, v in by_word.items()}))

    def of(self, lemma: str) -> frozenset[str]:
        """The classes of a lemma or phrase ("war crime"), empty if none."""
        return self.lemmas.get(lemma.lower(), frozenset())

    def classify(self, lemma: str, *, modifiers: Iterable[str] = (), label: str = "",
                 kg_type: str = "") -> frozenset[str]:
        """The classes of a head word, read from its lemma, modifiers, entity label and kg type.

        ``modifiers`` are the lemmas of the compound or adjective modifiers
        right before it: "human *rights*" is a right, "war *crimes*" a war crime.

        >>> "war_crimes" in load_classes().classify("crime", modifiers=["war"])
        True
        >>> "war_crimes" in load_classes().classify("crime")
        False
        """
        found = set(self.of(lemma))
        modifiers = [m.lower() for m in modifiers]
        if modifiers:
            for n in range(1, min(2, len(modifiers)) + 1):
                found |= self.of(" ".join([*modifiers[-n:], lemma.lower()]))
        if label:
            found |= self.labels.get(label, frozenset())
        if kg_type:
            found |= self.types.get(kg_type, frozenset())
        return frozenset(found)

    def among(self, name: str, words: frozenset[str]) -> bool:
        """Whether a member of class ``name`` is among ``words`` (a phrase: all its words)."""
        return name in self.topics(words)

    def topics(self, words: frozenset[str]) -> frozenset[str]:
        """Every class of which a member is among ``words`` (a phrase: all its words)."""
        found: set[str] = set()
        for word in words:
            found.update(self.lemmas.get(word, ()))
            for members, classes in self._phrases.get(word, ()):
                if members <= words:
                    found.update(classes)
        return frozenset(found)

    def members_among(self, name: str, words: frozenset[str]) -> frozenset[str]:
        """The words of ``words`` that make up members of class ``name``."""
        return frozenset(w for word in words for member in self._members(name, word, words) for w in member)

    def _members(self, name: str, word: str, words: frozenset[str]) -> list[frozenset[str]]:
        found = [frozenset({word})] if name in self.lemmas.get(word, ()) else []
        return found + [members for members, classes in self._phrases.get(word, ())
                        if name in classes and members <= words]


@dataclass(frozen=True)
class _Atom:
    kind: str  # "word", "topic", "head", "subject", "role"
    value: str
    prep: str = ""

    def holds(self, complements: Complements, classes: SemanticClasses) -> bool:
        if self.kind == "word":
            return self.value in complements.words
        if self.kind == "topic":
            return self.value in complements.topics(classes)
        if self.kind == "subject":
            return self.value in complements.subject_classes()
        if self.kind == "role":
            return complements.role == self.value
        return self.value in complements.head_classes(self.prep)


@dataclass(frozen=True)
class Condition:
    """Alternatives of atoms that must all hold; see the module docstring for the syntax.

    An empty condition always holds (a default entry).
    """

    alternatives: tuple[tuple[_Atom, ...], ...] = field(default=(), repr=False)
    classes: SemanticClasses | None = field(default=None, compare=False, repr=False)
    text: str = ""
    #: Whether the condition reads heads, subjects or the trigger's role (not only words).
    needs_parse: bool = field(init=False, repr=False, compare=False)
    # Alternatives of a single atom, by kind, tested as set lookups; the others one by one.
    _single: Mapping[tuple[str, str], frozenset[str]] = field(init=False, repr=False, compare=False)
    _compound: tuple[tuple[_Atom, ...], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "needs_parse", any(
            atom.kind in ("head", "subject", "role") for alternative in self.alternatives for atom in alternative))
        single: dict[tuple[str, str], set[str]] = {}
        for alternative in self.alternatives:
            if len(alternative) == 1:
                atom = alternative[0]
                single.setdefault((atom.kind, atom.prep), set()).add(atom.value)
        object.__setattr__(self, "_single", MappingProxyType({k: frozenset(v) for k, v in single.items()}))
        object.__setattr__(self, "_compound", tuple(a for a in self.alternatives if len(a) > 1))

    def __bool__(self) -> bool:
        return bool(self.alternatives)

    def holds(self, complements: Complements) -> bool:
        """Whether some alternative holds for these complements."""
        if not self.alternatives:
            return True
        classes = self.classes or SemanticClasses(MappingProxyType({}))
        for (kind, prep), values in self._single.items():
            if kind == "word":
                found = complements.words
            elif kind == "topic":
                found = complements.topics(classes)
            elif kind == "head":
                found = complements.head_classes(prep)
            elif kind == "subject":
                found = complements.subject_classes()
            else:
                found = frozenset({complements.role})
            if not values.isdisjoint(found):
                return True
        return any(all(atom.holds(complements, classes) for atom in alternative) for alternative in self._compound)

    def matched_words(self, complements: Complements) -> frozenset[str]:
        """The words of the complements that the alternatives that hold name.

        Plain words, and the members of their topic classes: "urged them to
        *cease fire*" names the ceasefire the appeal asks for, which is thus
        no event of its own.
        """
        classes = self.classes or SemanticClasses(MappingProxyType({}))
        found: set[str] = set()
        for alternative in self.alternatives:
            if not all(atom.holds(complements, classes) for atom in alternative):
                continue
            for atom in alternative:
                if atom.kind == "word":
                    found.add(atom.value)
                elif atom.kind == "topic":
                    found |= classes.members_among(atom.value, complements.words)
        return frozenset(found)


def _atom(text: str, where: str, classes: SemanticClasses) -> _Atom:
    prep, sep, rest = text.partition(":")
    if not sep:
        prep, rest = "", text
    if rest.startswith(("@", "~")):
        name = rest[1:]
        if name not in classes.names:
            raise LexiconError(f"{where}: unknown semantic class {name!r} in {text!r}; "
                               f"define it in {classes.source or 'kg/events/data/classes.toml'}")
        if rest[0] == "~":
            if prep:
                raise LexiconError(f"{where}: {text!r}: a topic (~class) takes no preposition; write ~{name}")
            return _Atom("topic", name)
        if prep == "subj":
            return _Atom("subject", name)
        return _Atom("head", name, prep)
    if prep == "as" and rest:
        return _Atom("role", rest)
    if prep or not rest:
        raise LexiconError(f"{where}: malformed condition {text!r}; "
                           "write a word, ~class, @class, prep:@class, subj:@class or as:dep")
    return _Atom("word", rest)


def parse_condition(text: str, *, where: str, classes: SemanticClasses) -> Condition:
    """Read a condition (``"@people|release+~captives"``); empty text gives the empty condition.

    Raises
    ------
    LexiconError
        If an atom is empty or malformed or names an unknown class.
    """
    text = text.strip().lower()
    if not text:
        return Condition(classes=classes)
    alternatives = []
    for alternative in text.split("|"):
        atoms = [a.strip() for a in alternative.split("+")]
        if "" in atoms:
            raise LexiconError(f"{where}: empty word in requires {text!r}; write words joined by '+' and '|'")
        alternatives.append(tuple(_atom(a, where, classes) for a in atoms))
    return Condition(tuple(alternatives), classes, text)


def _strings(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LexiconError(f"{where} must be a list of strings; fix the file")
    return value


def read_classes(path: Path) -> SemanticClasses:
    """Read a class file (the layout of ``kg/events/data/classes.toml``).

    Raises
    ------
    LexiconError
        If the file cannot be read, a class has a malformed name or list, or
        includes an unknown class.
    """
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise LexiconError(f"{path}: cannot read the semantic classes ({e}); check the file") from e
    direct: dict[str, dict[str, list[str]]] = {}
    for name, spec in table.items():
        if not isinstance(spec, dict) or not set(name) <= _NAME_CHARS:
            raise LexiconError(f"{path}: [{name}] must be a table named in lower case letters and '_'")
        direct[name] = {key: _strings(spec.get(key, []), f"{path}: [{name}] {key}")
                        for key in ("nouns", "labels", "types", "includes")}
    closure: dict[str, set[str]] = {}

    def members(name: str, seen: tuple[str, ...]) -> set[str]:
        # a class's own name plus every class it includes, transitively
        if name not in direct:
            raise LexiconError(f"{path}: [{seen[-1]}] includes unknown class {name!r}; define it")
        if name in seen:
            raise LexiconError(f"{path}: classes include each other in a circle: {' -> '.join((*seen, name))}")
        if name not in closure:
            found = {name}
            for inner in direct[name]["includes"]:
                found |= members(inner, (*seen, name))
            closure[name] = found
        return closure[name]

    lemmas: dict[str, set[str]] = {}
    labels: dict[str, set[str]] = {}
    types: dict[str, set[str]] = {}
    for name in direct:
        # a word of an included class belongs to the including class too
        for inner in members(name, ()):
            for noun in direct[inner]["nouns"]:
                lemmas.setdefault(" ".join(noun.lower().split()), set()).add(name)
            for label in direct[inner]["labels"]:
                labels.setdefault(label, set()).add(name)
            for kg_type in direct[inner]["types"]:
                types.setdefault(kg_type, set()).add(name)

    def frozen(table: dict[str, set[str]]) -> Mapping[str, frozenset[str]]:
        return MappingProxyType({k: frozenset(v) for k, v in table.items()})

    return SemanticClasses(frozen(lemmas), frozen(labels), frozen(types), frozenset(direct), str(path))


@lru_cache(maxsize=1)
def load_classes() -> SemanticClasses:
    """The semantic classes kg ships (read once, then cached)."""
    return read_classes(package_data("events", "data", "classes.toml"))
