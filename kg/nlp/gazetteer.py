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
  name next to them into the span and record its country;
- a capitalised name ending in an organisation or place head word ("Syrian
  Electronic Army", "Hamrin Mountains", "Raqqa province"; see :mod:`kg.nlp.names`)
  is a name of that kind, and wins over the model's shorter or mistyped entities
  and over the generic, demonym and place matches inside it;
- one name keeps one kind in a text: an unlinked name the model typed otherwise
  is a person when a person of the text bears it, a place when the text calls it
  one ("the city of X", "in X"; see :func:`kg.nlp.names.consistent_types`);
- a demonym or people inside a longer mention ("*Iraqi* security forces",
  "*Jordanian* army") is also a Nationality mention of its own, put in
  ``doc.spans["kg_nested"]`` (entities cannot overlap in ``doc.ents``).

Every kept span gets ``span.kb_id_`` (the lexicon id, when matched) and
``span._.kg_type``/``span._.kg_country``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from kg.errors import ExtractionError
from kg.nlp.columns import TokenColumns, token_columns
from kg.nlp.extensions import doc_text
from kg.nlp.names import consistent_types, head_named_spans

if TYPE_CHECKING:
    from kg.gazetteer import LexEntry, Lexicon

__all__ = ["FACTORY", "NESTED", "Gazetteer"]

FACTORY = "kg_gazetteer"
#: Name of the span group holding Nationality mentions nested in longer mentions.
NESTED = "kg_nested"

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
    pattern: bool = False

    def overlaps(self, other: _Candidate) -> bool:
        return self.start < other.end and other.start < self.end


@Language.factory(FACTORY)
def make_gazetteer(nlp: Language, name: str) -> Gazetteer:
    """Create an empty gazetteer; :meth:`Gazetteer.load` gives it a lexicon."""
    return Gazetteer(nlp, name=name)


class Gazetteer:
    """Pipeline component matching a :class:`~kg.gazetteer.Lexicon` (see module doc)."""

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
        self._demonyms.add("PEOPLE", list(make(sorted(lexicon.peoples))))
        self._generic.add("GENERIC", list(make(sorted(lexicon.generic_names))))
        self._title_words = frozenset(w for t in lexicon.titles for w in t.split())
        self._lexicon = lexicon
        return self

    def __call__(self, doc: Doc) -> Doc:
        lexicon = self._lexicon
        if lexicon is None:
            raise ExtractionError(f"the {self.name} component has no lexicon; build the "
                                  "pipeline with kg.nlp.load_nlp")
        columns = token_columns(doc)
        lexical, peoples = self._lexical_candidates(doc, lexicon, columns)
        # words the text uses in lower case, less those of longer names ("Bush" of "George
        # W. Bush" stays a name though the text speaks of "the bush")
        lower_words = {w for w in columns.text if w.islower()} - {
            columns.lower[i] for ent in doc.ents if len(ent) > 1 for i in range(ent.start, ent.end)}
        model = [c for c in (self._model_candidate(doc, ent, columns, lower_words) for ent in doc.ents) if c]
        model = _with_patterns(model, self._pattern_candidates(doc, lexicon, lexical, columns))
        # a name of the lexicon that is no actor (a time zone, a drug, a pipeline) takes
        # the model's entity with it
        kept = [c for c in self._merge(columns, lexical, model)
                if not (c.kb_id and lexicon.get(c.kb_id).stands_for == "nothing")]
        kept = [self._typed(doc, c, lexicon, lexical) if c.from_model else c for c in kept]
        types = consistent_types(doc, [(c.start, c.end, c.type, c.from_model and not c.kb_id)
                                       for c in kept], place_heads=lexicon.place_heads, columns=columns)
        kept = [c if c.type == t else replace(c, type=t, kb_id="", label=_SPACY_LABEL.get(
            t, "ORG"), country=None) for c, t in zip(kept, types, strict=True)]
        # a demonym modifying an unnamed actor is a mention of its own; in a name
        # ("Syrian Electronic Army", "Saudi Arabia") it is part of the name
        nested = [p for p in peoples if p not in kept and any(
            k.start <= p.start and p.end <= k.end and k.type != "Nationality"
            and k.kb_id.startswith("generic:") for k in kept)]
        others = [e for e in doc.ents if e.label_ not in _MODEL_LABELS
                  and not any(c.start < e.end and e.start < c.end for c in kept)]
        spans = [Span(doc, c.start, c.end, label=c.label, kb_id=c.kb_id) for c in kept]
        doc.ents = sorted([*spans, *others], key=lambda s: s.start)
        inner = [Span(doc, c.start, c.end, label=c.label, kb_id=c.kb_id) for c in nested]
        doc.spans[NESTED] = inner
        for span, cand in zip([*spans, *inner], [*kept, *nested], strict=True):
            ext = span._  # each ``span._`` makes a new object
            ext.kg_type = cand.type
            ext.kg_country = cand.country
        return doc

    # -- lexicon matches -------------------------------------------------------

    def _lexical_candidates(self, doc: Doc, lexicon: Lexicon,
                            columns: TokenColumns) -> tuple[list[_Candidate], list[_Candidate]]:
        """The lexicon's matches (longest of overlapping ones), and all demonym matches."""
        found: list[_Candidate] = []
        view, index = _without_space_tokens(doc)
        for _, start, end in _matches(self._names, view, index, doc):
            words = _words(columns, start, end)
            # pre-tokenised text spaces out hyphens ("Kim Jong - un"); the lexicon does not
            entry_id = lexicon.names.get(words) or lexicon.names.get(_HYPHEN.sub("-", words))
            if entry_id is None:
                continue
            found.append(_entry_candidate(start, end, lexicon.get(entry_id)))
        for _, start, end in _matches(self._demonyms, view, index, doc):
            found.append(_people_candidate(start, end, _words(columns, start, end), lexicon))
        peoples = [c for c in found if c.type == "Nationality"]
        for _, start, end in _matches(self._generic, view, index, doc):
            head = doc[end - 1]
            # "military operations", "army officers": a modifier, not the actor
            if head.dep_ in {"amod", "compound", "nmod"} or head.pos_ == "ADJ":
                continue
            entry = lexicon.get(lexicon.generic_names[_words(columns, start, end).lower()])
            found.append(_extend_generic(columns, _entry_candidate(start, end, entry), found))
        return _longest(found), peoples

    def _pattern_candidates(self, doc: Doc, lexicon: Lexicon, lexical: list[_Candidate],
                            columns: TokenColumns) -> list[_Candidate]:
        cands = []
        for start, end, type_ in head_named_spans(doc, org_heads=lexicon.org_heads,
                                                  place_heads=lexicon.place_heads, columns=columns):
            if _in_headline(doc, columns, start, end):
                continue
            country = next((g.country for g in lexical if g.start == start and g.end < end
                            and g.type in _PLACE_OR_PEOPLE), None)
            cands.append(_Candidate(start, end, type_, "", country,
                                    _SPACY_LABEL.get(type_, "ORG"), pattern=True))
        return cands

    # -- model entities ----------------------------------------------------------

    def _model_candidate(self, doc: Doc, ent: Span, columns: TokenColumns,
                         lower_words: set[str]) -> _Candidate | None:
        label = ent.label_
        start, end = ent.start, ent.end
        if label not in _MODEL_LABELS or "\n" in columns.span_text(doc_text(doc), start, end):
            return None
        words, lower = columns.text, columns.lower
        while start < end and lower[start] in _LEADING_DROP:
            start += 1
        # trailing possessives, punctuation and reference marks ("Assad,[1")
        while end > start and (words[end - 1] in _POSSESSIVE or columns.is_punct[end - 1]
                               or not any(c.isalpha() for c in words[end - 1])
                               or words[end - 1].startswith(("[", "("))):
            end -= 1
        if start == end:
            return None
        text = columns.span_text(doc_text(doc), start, end)
        if label in {"PERSON", "ORG"}:
            if label == "PERSON" and text.isupper() and len(text) > 3:
                return None  # datelines and headlines in capitals
            if end - start == 1 and _common_noun(doc, columns, start, lower_words):
                return None
            if _in_headline(doc, columns, start, end):
                return None
        return _Candidate(start, end, "", label=label, from_model=True)

    def _merge(self, columns: TokenColumns, lexical: list[_Candidate],
               model: list[_Candidate]) -> list[_Candidate]:
        dropped: set[_Candidate] = set()
        kept: list[_Candidate] = []
        for m in model:
            hits = [g for g in lexical if g.overlaps(m)]
            if not hits:
                kept.append(m)
                continue
            if m.pattern:
                if all(m.start <= g.start and g.end <= m.end and (
                        (g.end - g.start) < (m.end - m.start)) for g in hits):
                    dropped.update(hits)
                    kept.append(m)
                continue
            g = hits[0]
            contains = m.start <= g.start and g.end <= m.end and (m.start, m.end) != (
                g.start, g.end)
            if len(hits) == 1 and contains and not self._only_titles(columns, m, g):
                # the model found a longer name holding a lexicon name: trust it
                dropped.add(g)
                kept.append(m)
        kept += [g for g in lexical if g not in dropped]
        return sorted(kept, key=lambda c: c.start)

    def _only_titles(self, columns: TokenColumns, outer: _Candidate, inner: _Candidate) -> bool:
        extra = [*columns.lower[outer.start:inner.start], *columns.lower[inner.end:outer.end]]
        return inner.type == "Person" and all(lower in self._title_words for lower in extra)

    def _typed(self, doc: Doc, cand: _Candidate, lexicon: Lexicon,
               lexical: list[_Candidate]) -> _Candidate:
        span = doc[cand.start:cand.end]
        head = span[-1]
        if cand.label in {"PERSON", "NORP"} and head.lower_ in lexicon.org_heads and (
                head.text[:1].isupper() and (len(span) > 1 or cand.label == "NORP")):
            # "Supporters Brigades" or "U.S. Marines" are not a person or a people
            return replace(cand, type=lexicon.org_heads[head.lower_][0], label="ORG",
                           country=self._left_country(cand, lexical))
        if len(span) > 1 and head.lower_ in lexicon.place_heads:
            type_ = lexicon.place_heads[head.lower_]
            return replace(cand, type=type_, label=_SPACY_LABEL[type_])
        if cand.label == "PERSON":
            return replace(cand, type="Person")
        place = lexicon.lookup(span.text) if cand.label != "ORG" else None
        if cand.label == "NORP" and (place is None or place.type not in _PLACES):
            if span.text in lexicon.demonyms or span.text in lexicon.peoples:
                people = _people_candidate(cand.start, cand.end, span.text, lexicon)
                return replace(cand, type="Nationality", country=people.country,
                               kb_id=people.kb_id)
            return replace(cand, type="Nationality", country=None, kb_id="")
        if cand.label in {"GPE", "LOC", "NORP"}:
            if place is not None and place.type in _PLACES:
                return replace(cand, type=place.type, kb_id=place.id, country=place.country,
                               label=_SPACY_LABEL[place.type])
            return replace(cand, type="Location")
        type_, _sector = lexicon.org_heads.get(span[-1].lower_, ("Organization", None))
        return replace(cand, type=type_, country=self._left_country(cand, lexical))

    @staticmethod
    def _left_country(cand: _Candidate, lexical: list[_Candidate]) -> str | None:
        return next((g.country for g in lexical if g.start == cand.start
                     and g.end < cand.end and g.type in _PLACE_OR_PEOPLE), None)


def _common_noun(doc: Doc, columns: TokenColumns, i: int, lower_words: set[str]) -> bool:
    """Is the one-word name at ``i`` a common word capitalised ("Attendance was low")?

    It is when the text uses the word in lower case elsewhere, or when it opens
    its sentence (where every word is capitalised) and the tagger takes it for
    a common noun, adjective or verb rather than a proper noun.
    """
    word = columns.text[i]
    if not word[:1].isupper() or word.isupper():
        return False  # acronyms ("UTC", "NATO") are names or in the lexicon
    if word.lower() in lower_words:
        return True
    return columns.pos[i] in {"NOUN", "ADJ", "VERB", "ADV"} and doc[i].is_sent_start is True


def _entry_candidate(start: int, end: int, entry: LexEntry) -> _Candidate:
    return _Candidate(start, end, entry.type, entry.id, entry.country,
                      _SPACY_LABEL.get(entry.type, "ORG"))


def _people_candidate(start: int, end: int, text: str, lexicon: Lexicon) -> _Candidate:
    """A demonym ("Iraqi", country of the entry) or a people ("Kurdish", its group entry)."""
    iso3 = lexicon.demonyms.get(text)
    if iso3 is not None:
        return _Candidate(start, end, "Nationality", f"country:{iso3}", iso3, "NORP")
    entry = lexicon.get(lexicon.peoples[text])
    return _Candidate(start, end, "Nationality", entry.id, entry.country, "NORP")


def _with_patterns(model: list[_Candidate], patterns: list[_Candidate]) -> list[_Candidate]:
    """Let a head-word name replace the model entities it contains; drop it if it cuts one."""
    out = list(model)
    for p in patterns:
        inside = [m for m in out if m.overlaps(p)]
        if all(p.start <= m.start and m.end <= p.end for m in inside):
            out = [m for m in out if m not in inside] + [p]
    return sorted(out, key=lambda c: c.start)


# How many adjectives may separate a generic actor from the country that qualifies it.
_MAX_ADJECTIVES = 2


def _extend_generic(columns: TokenColumns, cand: _Candidate, found: list[_Candidate]) -> _Candidate:
    """Take an adjacent demonym or country into a generic actor's span and country."""
    # "the Iraqi interim government", "Iraq's new military leadership": up to two
    # lower-case adjectives may stand between the country and the actor noun
    words, lower = columns.text, columns.lower
    start = cand.start
    while start > 0 and cand.start - start < _MAX_ADJECTIVES and columns.pos[start - 1] == "ADJ" \
            and words[start - 1].islower():
        start -= 1
    for left in found:
        if left.type not in _PLACE_OR_PEOPLE:
            continue
        for gap in range(start, cand.start + 1):
            if left.end == gap:
                return replace(cand, start=left.start, country=left.country)
            if left.end == gap - 1 and words[left.end] in _POSSESSIVE:
                return replace(cand, country=left.country)  # "Russia's Defense Ministry"
    i = cand.end  # "the Ministry of Defence of Armenia"
    if i < len(words) and lower[i] in ("of", "in"):
        j = i + 1 + int(i + 1 < len(words) and lower[i + 1] == "the")
        for right in found:
            if right.start != j or not right.country:
                continue
            if lower[i] == "of" and right.type == "Country":
                return replace(cand, end=right.end, country=right.country)
            if lower[i] == "in" and right.type in _PLACES:
                # "the authorities in Croatia", "protesters in Baghdad": the place stays a
                # mention of its own (where it happened), the actor takes its country
                return replace(cand, country=right.country)
    return cand


def _without_space_tokens(doc: Doc) -> tuple[Doc, list[int]]:
    """A view of ``doc`` without whitespace tokens, and the index of each view token.

    A no-break space or a run of spaces becomes a token of its own, which would
    keep "Organization for\u00a0Security" from matching its name.
    """
    spaces = doc.to_array(IS_SPACE)  # one array read instead of a Python object per token
    if not spaces.any():
        return doc, list(range(len(doc)))
    index = [int(i) for i in (spaces == 0).nonzero()[0]]
    return Doc(doc.vocab, words=[doc[i].text for i in index]), index


def _matches(matcher: PhraseMatcher, view: Doc, index: list[int],
             doc: Doc) -> list[tuple[int, int, int]]:
    out = []
    for key, start, end in matcher(view):
        first, last = index[start], index[end - 1] + 1
        if last - first == end - start or "\n" not in doc[first:last].text:
            out.append((key, first, last))
    return out


_HYPHEN = re.compile(r"\s*-\s*")


def _words(columns: TokenColumns, start: int, end: int) -> str:
    """The span's text with whitespace tokens removed, as the lexicon spells it."""
    words, is_space, n = columns.text, columns.is_space, len(columns.text)
    return "".join(words[i] + (" " if columns.space_after[i] or (i + 1 < n and is_space[i + 1]) else "")
                   for i in range(start, end) if not is_space[i]).strip()


def _longest(cands: list[_Candidate]) -> list[_Candidate]:
    """Keep the longest of overlapping candidates (the earliest on ties)."""
    kept: list[_Candidate] = []
    for cand in sorted(cands, key=lambda c: (-(c.end - c.start), c.start, c.kb_id)):
        if not any(cand.overlaps(k) for k in kept):
            kept.append(cand)
    return sorted(kept, key=lambda c: c.start)


def _in_headline(doc: Doc, columns: TokenColumns, start: int, end: int) -> bool:
    """Is the span on a title-case line with no sentence punctuation (a headline)?"""
    text = doc_text(doc)
    lo = text.rfind("\n", 0, columns.idx[start]) + 1
    hi = text.find("\n", columns.idx[end - 1])
    line = text[lo:hi if hi >= 0 else len(text)].strip()
    words = [w for w in line.split() if w[:1].isalpha() and len(w) > 3]
    if len(words) < 3 or line.endswith((".", '"', "”", ":")):
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)
