"""``kg_gazetteer``: add the lexicon's names to ``doc.ents`` and correct the model's.

The component runs after the model's ``ner``. It matches the lexicon with
PhraseMatchers (one pass each for names, demonyms and generic actors), then merges
those matches with the model's entities by general rules:

- a lexicon match wins over a model entity it overlaps ("Yerevan" tagged PERSON
  becomes a City, "Azerbaijani" tagged PERSON a Nationality), unless the model's
  entity is a longer name that contains it ("the Syrian Computer Society");
- model entities that cross a line break, sit in a title-case headline or are
  an all-caps PERSON (datelines) are dropped unless the lexicon knows them;
- generic actors ("Defense Ministry", "armed forces") take a demonym or country
  name next to them into the span and record its country.

Every kept span gets ``span.kb_id_`` (the lexicon id, when matched) and
``span._.kg_type``/``span._.kg_country``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from kg.errors import ExtractionError

if TYPE_CHECKING:
    from kg.lexicon import LexEntry, Lexicon

__all__ = ["FACTORY", "Gazetteer"]

FACTORY = "kg_gazetteer"

_SPACY_LABEL = {"Person": "PERSON", "Country": "GPE", "City": "GPE", "Region": "LOC",
                "Location": "LOC", "Nationality": "NORP"}
_MODEL_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP"})
_LEADING_DROP = frozenset({"the", "a", "an", "this", "that"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_PLACE_OR_PEOPLE = frozenset({"Country", "Nationality"})
_PLACES = frozenset({"Country", "City", "Region", "Location"})


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    type: str
    kb_id: str = ""
    country: str | None = None
    label: str = ""
    from_model: bool = False

    def overlaps(self, other: _Candidate) -> bool:
        return self.start < other.end and other.start < self.end


@Language.factory(FACTORY)
def make_gazetteer(nlp: Language, name: str) -> Gazetteer:
    """Create an empty gazetteer; :meth:`Gazetteer.load` gives it a lexicon."""
    return Gazetteer(nlp, name=name)


class Gazetteer:
    """Pipeline component matching a :class:`~kg.lexicon.Lexicon` (see module doc)."""

    def __init__(self, nlp: Language, *, name: str = FACTORY) -> None:
        self.name = name
        self._nlp = nlp
        self._lexicon: Lexicon | None = None
        self._names = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._demonyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._generic = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._title_words: frozenset[str] = frozenset()

    def load(self, lexicon: Lexicon) -> Gazetteer:
        """Build the matchers from ``lexicon`` (once per pipeline load)."""
        make = self._nlp.tokenizer.pipe  # type: ignore[union-attr]
        self._names.add("NAME", list(make(sorted(lexicon.names))))
        self._demonyms.add("DEMONYM", list(make(sorted(lexicon.demonyms))))
        self._generic.add("GENERIC", list(make(sorted(lexicon.generic_names))))
        self._title_words = frozenset(w for t in lexicon.titles for w in t.split())
        self._lexicon = lexicon
        return self

    def __call__(self, doc: Doc) -> Doc:
        lexicon = self._lexicon
        if lexicon is None:
            raise ExtractionError(f"the {self.name} component has no lexicon; build the "
                                  "pipeline with kg.nlp.load_nlp")
        lexical = self._lexical_candidates(doc, lexicon)
        model = [c for c in (self._model_candidate(doc, ent) for ent in doc.ents) if c]
        kept = self._merge(doc, lexical, model)
        kept = [self._typed(doc, c, lexicon, lexical) if c.from_model else c for c in kept]
        others = [e for e in doc.ents if e.label_ not in _MODEL_LABELS
                  and not any(c.start < e.end and e.start < c.end for c in kept)]
        spans = [Span(doc, c.start, c.end, label=c.label, kb_id=c.kb_id) for c in kept]
        doc.ents = sorted([*spans, *others], key=lambda s: s.start)
        for span, cand in zip(spans, kept, strict=True):
            span._.kg_type = cand.type
            span._.kg_country = cand.country
        return doc

    # -- lexicon matches -------------------------------------------------------

    def _lexical_candidates(self, doc: Doc, lexicon: Lexicon) -> list[_Candidate]:
        found: list[_Candidate] = []
        view, index = _without_space_tokens(doc)
        for _, start, end in _matches(self._names, view, index, doc):
            entry = lexicon.get(lexicon.names[_words(doc, start, end)])
            found.append(_entry_candidate(start, end, entry))
        for _, start, end in _matches(self._demonyms, view, index, doc):
            iso3 = lexicon.demonyms[_words(doc, start, end)]
            found.append(_Candidate(start, end, "Nationality", f"country:{iso3}", iso3, "NORP"))
        for _, start, end in _matches(self._generic, view, index, doc):
            head = doc[end - 1]
            # "military operations", "army officers": a modifier, not the actor
            if head.dep_ in {"amod", "compound", "nmod"} or head.pos_ == "ADJ":
                continue
            entry = lexicon.get(lexicon.generic_names[_words(doc, start, end).lower()])
            found.append(_extend_generic(doc, _entry_candidate(start, end, entry), found))
        return _longest(found)

    # -- model entities ----------------------------------------------------------

    def _model_candidate(self, doc: Doc, ent: Span) -> _Candidate | None:
        if ent.label_ not in _MODEL_LABELS or "\n" in ent.text:
            return None
        start, end = ent.start, ent.end
        while start < end and doc[start].lower_ in _LEADING_DROP:
            start += 1
        # trailing possessives, punctuation and reference marks ("Assad,[1")
        while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct
                               or not any(c.isalpha() for c in doc[end - 1].text)
                               or doc[end - 1].text.startswith(("[", "("))):
            end -= 1
        if start == end:
            return None
        text = doc[start:end].text
        if ent.label_ in {"PERSON", "ORG"}:
            if ent.label_ == "PERSON" and text.isupper() and len(text) > 3:
                return None  # datelines and headlines in capitals
            if _in_headline(doc, start, end):
                return None
        return _Candidate(start, end, "", label=ent.label_, from_model=True)

    def _merge(self, doc: Doc, lexical: list[_Candidate],
               model: list[_Candidate]) -> list[_Candidate]:
        dropped: set[_Candidate] = set()
        kept: list[_Candidate] = []
        for m in model:
            hits = [g for g in lexical if g.overlaps(m)]
            if not hits:
                kept.append(m)
                continue
            g = hits[0]
            contains = m.start <= g.start and g.end <= m.end and (m.start, m.end) != (
                g.start, g.end)
            if len(hits) == 1 and contains and not self._only_titles(doc, m, g):
                # the model found a longer name holding a lexicon name: trust it
                dropped.add(g)
                kept.append(m)
        kept += [g for g in lexical if g not in dropped]
        return sorted(kept, key=lambda c: c.start)

    def _only_titles(self, doc: Doc, outer: _Candidate, inner: _Candidate) -> bool:
        extra = [*doc[outer.start:inner.start], *doc[inner.end:outer.end]]
        return inner.type == "Person" and all(t.lower_ in self._title_words for t in extra)

    def _typed(self, doc: Doc, cand: _Candidate, lexicon: Lexicon,
               lexical: list[_Candidate]) -> _Candidate:
        span = doc[cand.start:cand.end]
        if cand.label == "PERSON":
            return replace(cand, type="Person")
        place = lexicon.lookup(span.text) if cand.label != "ORG" else None
        if cand.label == "NORP" and (place is None or place.type not in _PLACES):
            iso3 = lexicon.demonyms.get(span.text)
            return replace(cand, type="Nationality", country=iso3,
                           kb_id=f"country:{iso3}" if iso3 else "")
        if cand.label in {"GPE", "LOC", "NORP"}:
            if place is not None and place.type in _PLACES:
                return replace(cand, type=place.type, kb_id=place.id, country=place.country,
                               label=_SPACY_LABEL[place.type])
            return replace(cand, type="Location")
        type_, _sector = lexicon.org_heads.get(span[-1].lower_, ("Organization", None))
        country = next((g.country for g in lexical if g.start == cand.start
                        and g.end < cand.end and g.type in _PLACE_OR_PEOPLE), None)
        return replace(cand, type=type_, country=country)


def _entry_candidate(start: int, end: int, entry: LexEntry) -> _Candidate:
    return _Candidate(start, end, entry.type, entry.id, entry.country,
                      _SPACY_LABEL.get(entry.type, "ORG"))


def _extend_generic(doc: Doc, cand: _Candidate, found: list[_Candidate]) -> _Candidate:
    """Take an adjacent demonym or country into a generic actor's span and country."""
    for left in found:
        if left.type not in _PLACE_OR_PEOPLE:
            continue
        if left.end == cand.start:
            return replace(cand, start=left.start, country=left.country)
        if left.end == cand.start - 1 and doc[left.end].text in _POSSESSIVE:
            return replace(cand, country=left.country)  # "Russia's Defense Ministry"
    i = cand.end  # "the Ministry of Defence of Armenia"
    if i < len(doc) and doc[i].lower_ == "of":
        j = i + 1 + int(i + 1 < len(doc) and doc[i + 1].lower_ == "the")
        for right in found:
            if right.type == "Country" and right.start == j:
                return replace(cand, end=right.end, country=right.country)
    return cand


def _without_space_tokens(doc: Doc) -> tuple[Doc, list[int]]:
    """A view of ``doc`` without whitespace tokens, and the index of each view token.

    A no-break space or a run of spaces becomes a token of its own, which would
    keep "Organization for\u00a0Security" from matching its name.
    """
    index = [t.i for t in doc if not t.is_space]
    if len(index) == len(doc):
        return doc, index
    return Doc(doc.vocab, words=[doc[i].text for i in index]), index


def _matches(matcher: PhraseMatcher, view: Doc, index: list[int],
             doc: Doc) -> list[tuple[int, int, int]]:
    out = []
    for key, start, end in matcher(view):
        first, last = index[start], index[end - 1] + 1
        if last - first == end - start or "\n" not in doc[first:last].text:
            out.append((key, first, last))
    return out


def _words(doc: Doc, start: int, end: int) -> str:
    """The span's text with whitespace tokens removed, as the lexicon spells it."""
    return "".join(t.text + (" " if t.whitespace_ or (t.i + 1 < len(doc) and doc[t.i + 1].is_space) else "")
                   for t in doc[start:end] if not t.is_space).strip()


def _longest(cands: list[_Candidate]) -> list[_Candidate]:
    """Keep the longest of overlapping candidates (the earliest on ties)."""
    kept: list[_Candidate] = []
    for cand in sorted(cands, key=lambda c: (-(c.end - c.start), c.start, c.kb_id)):
        if not any(cand.overlaps(k) for k in kept):
            kept.append(cand)
    return sorted(kept, key=lambda c: c.start)


def _in_headline(doc: Doc, start: int, end: int) -> bool:
    """Is the span on a title-case line with no sentence punctuation (a headline)?"""
    text = doc.text
    lo = text.rfind("\n", 0, doc[start].idx) + 1
    hi = text.find("\n", doc[end - 1].idx)
    line = text[lo:hi if hi >= 0 else len(text)].strip()
    words = [w for w in line.split() if w[:1].isalpha() and len(w) > 3]
    if len(words) < 3 or line.endswith((".", '"', "”", ":")):
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)
