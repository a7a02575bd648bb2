"""Names the model misses or cuts short, found by the word they end in.

A run of capitalised words ending in a word that heads organisation names
("Syrian Electronic *Army*", "Monotheism Supporters *Brigades*", "Army of the
Victorious Sect") or place names ("Hamrin *Mountains*", "Samarra *Barrage*") is a
name of that kind; a place-name head may be lower case after a capitalised run
("Raqqa *province*", "Zagros *mountains*"). The head words are data:
``org_heads.tsv`` and ``place_heads.tsv`` in ``kg/gazetteer_data``.

Used by :mod:`kg.nlp.gazetteer`; nothing here knows about the lexicon's entries.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from kg.nlp.columns import TokenColumns, token_columns
from kg.nlp.extensions import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["head_named_spans"]

# Arabic and Romance particles and hyphens sit inside names ("Saray al-Jihad Group")
_PARTICLES = frozenset({"al", "el", "ad", "ash", "as", "ar", "an", "at", "bin", "ibn", "de",
                        "-", "&"})
_LEADING = frozenset({"The", "A", "An", "This", "That", "These", "Those"})
_NOT_NAME = frozenset({"VERB", "AUX", "ADV", "PRON", "DET", "ADP", "SCONJ", "CCONJ", "PART"})


def _capitalised(text: str) -> bool:
    return text[:1].isupper() and any(c.isalpha() for c in text)


def _in_run(columns: TokenColumns, i: int) -> bool:
    return (_capitalised(columns.text[i]) or columns.lower[i] in _PARTICLES) and not columns.is_space[i]


def head_named_spans(doc: Doc, *, org_heads: Mapping[str, tuple[str, str | None]],
                     place_heads: Mapping[str, str],
                     columns: TokenColumns | None = None) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, ontology class)`` of names ending in a head word.

    Parameters
    ----------
    doc : Doc
        A parsed document.
    org_heads : mapping
        Lower-cased last word of organisation names -> (class, sector).
    place_heads : mapping
        Lower-cased last word of place names -> class.
    columns : TokenColumns, optional
        ``token_columns(doc)``, when the caller has read them already.
    """
    cols = columns if columns is not None else token_columns(doc)
    text, lower, pos = cols.text, cols.lower, cols.pos
    i = 0
    n = len(text)
    while i < n:
        if not _capitalised(text[i]):
            i += 1
            continue
        start = i
        while i < n and _in_run(cols, i) and "\n" not in text[i]:
            i += 1
        end = i
        while end > start and lower[end - 1] in _PARTICLES:
            end -= 1
        # "Declaring Mosul district": a sentence's first word is capitalised anyway
        while start < end and (text[start] in _LEADING or pos[start] in _NOT_NAME):
            start += 1
        found = _classify(cols, start, end, org_heads, place_heads)
        if found is not None:
            yield found
        i = max(i, start + 1)


def _classify(cols: TokenColumns, start: int, end: int, org_heads: Mapping[str, tuple[str, str | None]],
              place_heads: Mapping[str, str]) -> tuple[int, int, str] | None:
    if end - start < 1:
        return None
    head = cols.lower[end - 1]
    if end - start >= 2 and head in org_heads:
        return start, _of_phrase(cols, end), org_heads[head][0]
    if end - start >= 2 and head in place_heads:
        return start, _of_phrase(cols, end), place_heads[head]
    # a capitalised name followed by a lower-case place word: "Raqqa province"
    if end < len(cols.text) and cols.text[end].islower() and cols.lower[end] in place_heads and (
            cols.pos[end] in {"NOUN", "PROPN"}
            and any(p == "PROPN" for p in cols.pos[start:end])):
        return start, end + 1, place_heads[cols.lower[end]]
    # a head word starting a name: "Army of the Victorious Sect", "Gulf of Aden"
    if head in org_heads or head in place_heads:
        cls = org_heads[head][0] if head in org_heads else place_heads[head]
        stop = _of_phrase(cols, end)
        if stop > end:
            return start, stop, cls
    return None


def _of_phrase(cols: TokenColumns, end: int) -> int:
    """The end of a capitalised "of (the) ..." complement after ``end``, or ``end``."""
    n = len(cols.text)
    if end >= n or cols.lower[end] != "of":
        return end
    j = end + 1
    if j < n and cols.lower[j] == "the":
        j += 1
    k = j
    while k < n and _in_run(cols, k) and "\n" not in cols.text[k]:
        k += 1
    while k > j and cols.lower[k - 1] in _PARTICLES:
        k -= 1
    return k if k > j else end


def consistent_types(doc: Doc, spans: list[tuple[int, int, str, bool]], *,
                     place_heads: Mapping[str, str], columns: TokenColumns | None = None) -> list[str]:
    """Retype the model's unlinked entities so that one name keeps one kind in a text.

    Parameters
    ----------
    doc : Doc
        The parsed document.
    spans : list of (start, end, class, free)
        The document's mentions; ``free`` marks the model's entities the lexicon
        did not link, which are the only ones retyped.
    place_heads : mapping
        Lower-cased last words of place names.
    columns : TokenColumns, optional
        ``token_columns(doc)``, when the caller has read them already.

    Returns
    -------
    list of str
        The class of each span. A free name becomes a ``Person`` when it is the
        surname or the full name of a person named in the text ("Abboud Qanbar ...
        Qanbar said"), and a ``Location`` when the text calls it a place: "the city
        of X", "X, a town ...", "in X", or the name of "the X River".
    """
    cols = columns if columns is not None else token_columns(doc)
    text_of = doc_text(doc)
    people: set[str] = set()
    places: set[str] = set()
    for start, end, type_, _free in spans:
        words = cols.text[start:end]
        if type_ == "Person" and len(words) > 1:
            people.update({" ".join(words), words[-1]})
        elif type_ in {"Location", "Region"} and len(words) > 1 and (
                words[-1].lower() in place_heads):
            places.add(" ".join(words[:-1]))  # "the Tigris River" ... "the Tigris"
    for start, end, _type, free in spans:
        if free and _said_to_be_place(cols, start, end):
            places.add(cols.span_text(text_of, start, end))
    out = []
    for start, end, type_, free in spans:
        text = cols.span_text(text_of, start, end)
        if free and type_ != "Person" and text in people and text not in places:
            type_ = "Person"
        elif free and type_ not in _PLACE_TYPES and text in places and text not in people:
            type_ = "Location"
        out.append(type_)
    return out


_PLACE_TYPES = frozenset({"Country", "City", "Region", "Location"})
_PLACE_NOUNS = frozenset({"city", "town", "village", "island", "province", "district",
                          "region", "port", "border", "area", "governorate", "capital"})
_LOCATIVE = frozenset({"in", "into", "near", "outside", "inside", "around", "throughout",
                       "across", "toward", "towards"})


def _said_to_be_place(cols: TokenColumns, start: int, end: int) -> bool:
    n = len(cols.text)
    if end < n and cols.text[end] in {"'s", "’s", "'", "’"}:
        return False  # "in Karzai's government"
    before = cols.lower[start - 1] if start > 0 else ""
    if before == "of" and start > 1 and cols.lower[start - 2] in _PLACE_NOUNS:
        return True  # "the island of Failaka"
    if before in _LOCATIVE:
        return True
    # "Amarah, a city in Southern Iraq"
    return (end + 2 < n and cols.text[end] == "," and cols.lower[end + 1] in {"a", "an"}
            and cols.lower[end + 2] in _PLACE_NOUNS)
