"""``kg_attributes``: roles, affiliations, countries and metonymy, read off the parse.

Runs after ``kg_gazetteer`` and writes the ``Span._.kg_*`` attributes of
:mod:`kg.nlp.extensions` on ``doc.ents``:

- a person's role and affiliation from a title before the name ("*Kremlin*
  *spokesman* Dmitry Peskov", "*Russian* *President* Vladimir Putin"), inside it
  ("President Putin") or in an apposition ("Dmitry Peskov, the Kremlin spokesman");
  a title before the name, and an affiliation right before that, widen the person
  mention (``kg_extent``) to the whole name phrase, while the affiliation stays a
  mention of its own;
- metonymy: a country, place or seat of government that acts — the subject of a
  verb other than be/locate-like ones, the agent of a passive, the possessor or
  "by"-phrase of an action noun, or conjoined with such a subject ("Baku and
  Yerevan traded blame", "Russia's decision") — but never in a dateline;
- persons named only by a title and a nationality ("the Russian president") go to
  ``doc.spans["kg_nominals"]`` with their role, country and affiliation.

The verb and noun lists are data, in ``kg/nlp/data/metonymy.toml``.
"""

from __future__ import annotations

import tomllib
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.errors import ExtractionError
from kg.resources import package_data

if TYPE_CHECKING:
    from kg.gazetteer import Lexicon

__all__ = ["FACTORY", "NOMINALS", "AttributeAnnotator"]

FACTORY = "kg_attributes"
#: Name of the span group holding title-only person mentions.
NOMINALS = "kg_nominals"

_ACTING_TYPES = frozenset({"Country", "City", "Region", "Location", "GovernmentBody"})
_AFFILIATION_TYPES = frozenset({"Country", "Nationality", "GovernmentBody", "MilitaryForce",
                                "ArmedGroup", "InternationalOrganization", "Organization",
                                "Media", "City"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


@Language.factory(FACTORY)
def make_attributes(nlp: Language, name: str) -> AttributeAnnotator:
    """Create an empty annotator; :meth:`AttributeAnnotator.load` gives it a lexicon."""
    return AttributeAnnotator(nlp, name=name)


class AttributeAnnotator:
    """Pipeline component filling roles, affiliations and metonymy (see module doc)."""

    def __init__(self, nlp: Language, *, name: str = FACTORY) -> None:
        self.name = name
        self._nlp = nlp
        self._titles = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._title_text: dict[str, str] = {}
        self._loaded = False
        self._nonagentive: frozenset[str] = frozenset()
        self._action_nouns: frozenset[str] = frozenset()
        self._not_action: frozenset[str] = frozenset()
        self._suffixes: tuple[str, ...] = ()

    def load(self, lexicon: Lexicon) -> AttributeAnnotator:
        """Build the title matcher from ``lexicon`` and read the metonymy lists."""
        self._titles.add("TITLE", list(self._nlp.tokenizer.pipe(  # type: ignore[union-attr]
            sorted(lexicon.titles))))
        self._title_text = {key: title.text for key, title in lexicon.titles.items()}
        path = package_data("nlp", "data", "metonymy.toml")
        with path.open("rb") as f:
            data = tomllib.load(f)
        self._nonagentive = frozenset(data["nonagentive_verbs"])
        self._action_nouns = frozenset(data["action_nouns"])
        self._not_action = frozenset(data["not_action_nouns"])
        self._suffixes = tuple(data["action_suffixes"])
        self._loaded = True
        return self

    def __call__(self, doc: Doc) -> Doc:
        if not self._loaded:
            raise ExtractionError(f"the {self.name} component has no lexicon; build the "
                                  "pipeline with kg.nlp.load_nlp")
        titles = filter_spans([Span(doc, s, e) for _, s, e in self._titles(doc)])
        # the types are read once: each ``span._`` access makes a new object
        typed = [(e, type_) for e in doc.ents if (type_ := e._.kg_type)]
        ents = [e for e, _ in typed]
        by_end = {e.end: e for e in ents}
        by_token = {i: e for e in ents for i in range(e.start, e.end)}
        used: set[int] = set()
        for ent, type_ in typed:
            if type_ == "Person":
                self._person(doc, ent, titles, by_end, by_token, used)
            elif type_ in _ACTING_TYPES:
                ent._.kg_metonym = self._acts(ent)
        doc.spans[NOMINALS] = self._nominals(doc, titles, by_end, by_token, used)
        return doc

    # -- persons -------------------------------------------------------------------

    def _role(self, title: Span) -> str:
        return self._title_text.get(title.text.lower(), title.text)

    def _person(self, doc: Doc, ent: Span, titles: list[Span], by_end: dict[int, Span],
                by_token: dict[int, Span], used: set[int]) -> None:
        root = ent.root
        for title in titles:
            inside = title.start == ent.start and title.end < ent.end
            before = title.end == ent.start
            # "Dmitry Peskov, the Kremlin spokesman" / "the Kremlin spokesman, Dmitry Peskov"
            appos = (title[-1].dep_ == "appos" and title[-1].head == root) or (
                root.dep_ == "appos" and root.head == title[-1])
            if not (inside or before or appos):
                continue
            used.add(title.start)
            ent._.kg_role = self._role(title)
            if inside:
                return
            left = _left_affiliation(doc, title.start, by_end)
            affiliation = left or _pp_affiliation(title[-1], by_token)
            if affiliation is not None:
                ent._.kg_affiliation = (affiliation.start_char, affiliation.end_char)
                ent._.kg_country = ent._.kg_country or affiliation._.kg_country
            if before:
                # the mention is the whole name phrase: "Iraqi President Fuad Masum"
                start = left if left is not None and left.end == title.start else title
                ent._.kg_extent = (start.start_char, ent.end_char)
            return

    def _nominals(self, doc: Doc, titles: list[Span], by_end: dict[int, Span],
                  by_token: dict[int, Span], used: set[int]) -> list[Span]:
        spans: list[Span] = []
        for title in titles:
            head = title[-1]
            if title.start in used or head.dep_ in {"compound", "amod"} or any(
                    i in by_token for i in range(title.start, title.end)):
                continue
            if title.end < len(doc) and doc[title.end].pos_ == "PROPN":
                continue  # a title before a name the model missed
            left = _left_affiliation(doc, title.start, by_end)
            if left is None or left._.kg_type not in {"Country", "Nationality"}:
                continue
            start = left.start if left.end == title.start else title.start
            span = Span(doc, start, title.end, label="PERSON")
            span._.kg_type = "Person"
            span._.kg_role = self._role(title)
            span._.kg_country = left._.kg_country
            span._.kg_affiliation = (left.start_char, left.end_char)
            spans.append(span)
        return spans

    # -- metonymy ------------------------------------------------------------------

    def _acts(self, ent: Span) -> bool:
        text = ent.text
        if text.isupper() and len(text) > 3:
            return False  # datelines: "MOSCOW (Sputnik) -"
        token = ent.root
        while token.dep_ == "conj" and token.head.i != token.i:
            token = token.head
        if token.dep_ == "nsubj":
            return token.head.pos_ in {"VERB", "AUX"} and (
                token.head.lemma_.lower() not in self._nonagentive)
        if token.dep_ == "poss":
            return self._is_action(token.head)
        if token.dep_ == "pobj" and token.head.lower_ == "by":
            prep = token.head
            return prep.dep_ == "agent" or self._is_action(prep.head)
        return False

    def _is_action(self, token: Token) -> bool:
        if token.pos_ != "NOUN":
            return False
        lemma = token.lemma_.lower()
        if lemma in self._action_nouns:
            return True
        return lemma.endswith(self._suffixes) and lemma not in self._not_action


def _left_affiliation(doc: Doc, start: int, by_end: dict[int, Span]) -> Span | None:
    """The mention right before token ``start`` ("Kremlin spokesman", "Russia's president")."""
    ent = by_end.get(start)
    if ent is None and start > 0 and doc[start - 1].text in _POSSESSIVE:
        ent = by_end.get(start - 1)
    if ent is not None and ent._.kg_type in _AFFILIATION_TYPES:
        return ent
    return None


def _pp_affiliation(head: Token, by_token: dict[int, Span]) -> Span | None:
    """The mention in an "of"/"for" phrase of a title ("spokesman for the Kremlin")."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in {"of", "for"}:
            for obj in prep.children:
                ent = by_token.get(obj.i)
                if obj.dep_ == "pobj" and ent is not None and (
                        ent._.kg_type in _AFFILIATION_TYPES):
                    return ent
    return None
