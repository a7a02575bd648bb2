"""What surrounds a trigger: who reports it, whether it is negated or only possible, when.

* Attribution: an event inside the reported clause of a reporting verb ("X
  said that ..."), in a quote such a verb introduces, or under "according to
  X" is X's claim. The nearest reporting verb wins, so in "Peskov said that
  Putin urges the sides" the appeal is Putin's act and Peskov's claim.
* Polarity and modality: ``neg`` dependents, "no", "failed to"; modal
  auxiliaries, governing verbs ("threatened to", "plans to") and "if".
* Time: a time expression attaches to the predicate that governs it ("signed
  in 1994"); a trigger takes the one attached to itself, else to the nearest
  predicate above it ("announced" in "began in 1988, after X announced").
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING

from kg.candidates.roles import SUBJECTS, ancestors_with_child, is_infinitival, subjects
from kg.candidates.words import RoleWords
from kg.nlp.extensions import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.events.timex import TimeMention

__all__ = ["Attribution", "attach_time", "attribution", "polarity", "quotes", "time_governor"]

_QUOTE_MARKS = frozenset('"“”„«»')


@dataclass(frozen=True)
class Attribution:
    """Who reports an event: the speakers' head tokens, the cue, the quote offsets."""

    speakers: tuple[Token, ...] = ()
    cue: tuple[int, int] | None = None
    quote: tuple[int, int] | None = None


def quotes(sentence: Span) -> list[tuple[int, int]]:
    """Character offsets of the quoted stretches of a sentence, without the marks."""
    text = doc_text(sentence.doc)[sentence.start_char:sentence.end_char]
    if not any(mark in text for mark in _QUOTE_MARKS):
        return []  # most sentences: no token to look at
    marks = [t for t in sentence if t.text in _QUOTE_MARKS]
    return [(a.idx + len(a), b.idx) for a, b in zip(marks[::2], marks[1::2], strict=False)]


def _according_to(token: Token) -> tuple[list[Token], tuple[int, int]] | None:
    for child in token.children:
        if child.lower_ == "according":
            for to in child.children:
                objects = [g for g in to.children if g.dep_ == "pobj"]
                if to.lower_ == "to" and objects:
                    return objects + list(objects[0].conjuncts), (child.idx, to.idx + len(to))
    return None


def _speakers(verb: Token, words: RoleWords) -> list[Token]:
    found = subjects(verb, words)
    if not found and verb.dep_ in ("advcl", "conj", "xcomp"):
        # "Peskov said, adding that ...": the adding is Peskov's
        found = subjects(verb.head, words)
    return found


def attribution(head: Token, sentence: Span, words: RoleWords) -> Attribution:
    """The claim structure around the trigger headed by ``head``."""
    inside = next(((a, b) for a, b in quotes(sentence) if a <= head.idx < b), None)
    according = _according_to(head)
    if according:
        return Attribution(tuple(according[0]), according[1], inside)
    for child, governor in ancestors_with_child(head):
        according = _according_to(governor)
        if according:
            return Attribution(tuple(according[0]), according[1], inside)
        if governor.lemma_.lower() in words.reporting_verbs and child.dep_ not in SUBJECTS \
                and child.dep_ in words.content_deps:
            cue = (governor.idx, governor.idx + len(governor))
            return Attribution(tuple(_speakers(governor, words)), cue, inside)
    if inside is not None:
        # a quote whose reporting verb the parser did not connect to it
        outside = [t for t in sentence if t.lemma_.lower() in words.reporting_verbs
                   and not inside[0] <= t.idx < inside[1]]
        if outside:
            verb = outside[0]
            return Attribution(tuple(_speakers(verb, words)), (verb.idx, verb.idx + len(verb)), inside)
    return Attribution(quote=inside)


def _light_verb(head: Token, words: RoleWords) -> Token | None:
    if head.dep_ in ("dobj", "nsubjpass", "attr") and head.head.lemma_.lower() in words.support_verbs:
        return head.head
    return None


def polarity(head: Token, *, nominal: bool, words: RoleWords) -> tuple[bool, str | None]:
    """Whether the trigger is negated, and its modality (None when asserted)."""
    predicates = [head]
    light = _light_verb(head, words) if nominal else None
    if light is not None:
        predicates.append(light)
    negated = any(c.dep_ == "neg" for p in predicates for c in p.children)
    if nominal:
        negated = negated or any(c.dep_ == "det" and c.lower_ in words.negative_determiners for c in head.children)
    modality = None
    for p in predicates:
        for c in p.children:
            if c.dep_ == "aux" and c.lemma_.lower() in words.modal_aux:
                modality = modality or words.modal_aux[c.lemma_.lower()]
    clause = predicates[-1]
    # governing verbs and "if" up the chain of controlled clauses
    for child, governor in ancestors_with_child(clause):
        lemma = governor.lemma_.lower()
        controlled = child.dep_ == "xcomp" or (child.dep_ in ("advcl", "ccomp") and is_infinitival(child))
        if controlled and lemma in words.negating_governors:
            negated = True
        elif controlled and lemma in words.modal_governors:
            modality = modality or words.modal_governors[lemma]
        if not controlled:
            break
    for node in chain([clause], (g for _, g in ancestors_with_child(clause))):
        mark = next((c for c in node.children if c.dep_ == "mark" and c.lower_ in words.modal_marks), None)
        if mark is not None:
            modality = words.modal_marks[mark.lower_]
            break
        if node.lemma_.lower() in words.reporting_verbs:
            break
    return negated, modality


def time_governor(sentence: Span, start: int, end: int) -> Token | None:
    """The predicate a time expression at ``[start, end)`` (document offsets) attaches to."""
    tokens = [t for t in sentence if start <= t.idx < end]
    if not tokens:
        return None
    root = next((t for t in tokens if not start <= t.head.idx < end or t.head.i == t.i), tokens[0])
    if root.head.i == root.i:
        return root
    if root.dep_ == "pobj":
        return root.head.head
    return root.head


def attach_time(head: Token, times: list[tuple[TimeMention, Token]], triggers: set[int]) -> TimeMention | None:
    """The time expression of the trigger headed by ``head``.

    ``times`` pairs each expression of the sentence with its governor;
    ``triggers`` are the token indices of every trigger head in the sentence,
    so that a time governed by another trigger below this one is not taken.
    """
    by_governor: dict[int, TimeMention] = {}
    for mention, governor in times:
        by_governor.setdefault(governor.i, mention)
    if head.i in by_governor:
        return by_governor[head.i]
    for mention, governor in times:
        path = [governor.i] + [g.i for _, g in ancestors_with_child(governor)]
        if head.i in path:
            below = path[:path.index(head.i)]
            if not any(i in triggers for i in below):
                return mention
    for _, governor in ancestors_with_child(head):
        if governor.i in by_governor:
            return by_governor[governor.i]
    return None
