"""What a trigger governs, read from the parse for the lexicon's conditions.

The lexicon chooses an entry by the trigger's complements
(:class:`kg.events.senses.Complements`): the words in them, the head of each
(with its semantic classes) and the head of the subject. The heads are read
from dependency relations only:

- of a verb: its objects ("attacked *the proposal*"), the subject of its
  passive ("*the plan* was attacked"), the verbs of its clauses ("urged them
  *to talk*") and the objects of its prepositions ("fought *against poverty*");
- of a noun: its noun and adjective modifiers ("a *custody* battle", a *legal*
  fight) and the objects of its prepositions ("the war *on drugs*");

each with the heads coordinated with it; a partitive head ("dozens *of
prisoners*", "a team *of inspectors*") also has the classes of its "of" noun.
The subject is the verb's subject,
the object of its ``by`` phrase in the passive, or the subject of the verb it
is coordinated with or complements ("the storm hit the coast and *killed*
three"). The trigger's own dependency label tells a participle before a noun
("*Russian-occupied* Crimea").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from kg.events.senses import Complements, Head, SemanticClasses

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["complements_of", "entity_types"]

_OBJECTS = frozenset({"dobj", "obj", "dative", "attr", "oprd", "nsubjpass", "xcomp", "ccomp", "acomp"})
_NOUN_MODIFIERS = frozenset({"compound", "amod", "nmod"})
_SUBJECTS = frozenset({"nsubj", "csubj"})
_SHARED_SUBJECT = frozenset({"conj", "xcomp"})
_MODIFIER_DEPS = frozenset({"compound", "amod"})
# the class of nouns that stand for what follows their "of" (kg/events/data/classes.toml)
_PARTITIVE = "partitives"


class _EntityTypes(Mapping[int, str]):
    """kg's entity types of a Doc's tokens, read from its entities on first use."""

    def __init__(self, doc: Doc) -> None:
        self._doc = doc
        self._types: dict[int, str] | None = None

    def _read(self) -> dict[int, str]:
        if self._types is None:
            from spacy.tokens import Span

            self._types = {} if not Span.has_extension("kg_type") else {
                i: kg_type for ent in self._doc.ents if (kg_type := ent._.kg_type) for i in range(ent.start, ent.end)}
        return self._types

    def __getitem__(self, i: int) -> str:
        return self._read()[i]

    def __iter__(self) -> Iterator[int]:
        return iter(self._read())

    def __len__(self) -> int:
        return len(self._read())


def entity_types(doc: Doc) -> Mapping[int, str]:
    """kg's entity type of each token inside a typed entity (``Span._.kg_type``), by token index.

    The entities are read when the mapping is first used: most sentences need no type.
    """
    return _EntityTypes(doc)


def _classes(token: Token, classes: SemanticClasses, types: Mapping[int, str]) -> frozenset[str]:
    modifiers = [c.lemma_ for c in token.children if c.dep_ in _MODIFIER_DEPS and c.i < token.i]
    return classes.classify(token.lemma_, modifiers=modifiers, label=token.ent_type_, kg_type=types.get(token.i, ""))


def _head(token: Token, prep: str, classes: SemanticClasses, types: Mapping[int, str]) -> Head:
    found = _classes(token, classes, types)
    if _PARTITIVE in found:
        # "dozens of prisoners", "a team of inspectors": the head stands for its "of" noun
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                found = found.union(*(_classes(t, classes, types) for t, _ in _prep_heads(child)))
    return Head(token.lemma_.lower(), prep, found)


def _with_conjuncts(token: Token) -> Iterable[Token]:
    yield token
    yield from token.conjuncts


def _prep_heads(prep: Token) -> Iterable[tuple[Token, str]]:
    for child in prep.children:
        if child.dep_ in ("pobj", "pcomp"):
            for token in _with_conjuncts(child):
                yield token, prep.lower_


def _heads(trigger: Token, *, nominal: bool) -> Iterable[tuple[Token, str]]:
    direct = _NOUN_MODIFIERS if nominal else _OBJECTS
    for child in trigger.children:
        if child.dep_ in direct:
            for token in _with_conjuncts(child):
                yield token, ""
        elif child.dep_ == "prep":
            yield from _prep_heads(child)


def _subjects(trigger: Token) -> list[Token]:
    found = [c for c in trigger.children if c.dep_ in _SUBJECTS]
    found += [t for c in trigger.children if c.dep_ == "agent" for t, _ in _prep_heads(c)]
    if not found and trigger.dep_ in _SHARED_SUBJECT and trigger.head.i != trigger.i:
        found = [c for c in trigger.head.children if c.dep_ in _SUBJECTS]
    return [t for s in found for t in _with_conjuncts(s)]


def complements_of(trigger: Token, words: frozenset[str], *, nominal: bool, classes: SemanticClasses,
                   types: Mapping[int, str]) -> Complements:
    """The complements of a trigger's head token, for :meth:`kg.events.TriggerMatch.select`.

    Parameters
    ----------
    trigger : spacy.tokens.Token
        The trigger's head.
    words : frozenset of str
        Lower-case lemmas and forms of all the words of its complements.
    nominal : bool
        Whether the trigger is a noun (its modifiers are complements) or not.
    classes : SemanticClasses
        The classes of :func:`kg.events.senses.load_classes`.
    types : mapping of int to str
        kg entity types by token index (:func:`entity_types`).
    """
    heads = tuple(_head(token, prep, classes, types) for token, prep in _heads(trigger, nominal=nominal))
    subjects = tuple(_head(token, "", classes, types) for token in _subjects(trigger))
    return Complements(words, heads, subjects, trigger.dep_)
