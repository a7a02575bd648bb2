"""A parsed ``Doc``'s token attributes read once into plain lists.

Every ``doc[i]``, ``token.head`` or ``token.children`` makes a new Python
``Token`` object, and rule code that looks at the same tokens again and again
spends more time making them than deciding anything. :func:`token_columns`
reads the attributes the rules use with one ``Doc.to_array`` call, so that
the rules index lists instead (``columns.lower[i]`` for ``doc[i].lower_``).

The columns are a snapshot: read them after the last component that changes
the tokens' annotations (the model's ``ner`` and ``kg_morphology`` do not
change what is read here once the parser and tagger have run).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LOWER, ORTH, POS, SPACY

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["TokenColumns", "token_columns"]


@dataclass(frozen=True)
class TokenColumns:
    """One list per attribute, indexed by token position (``token.i``)."""

    text: list[str]
    lower: list[str]
    pos: list[str]
    idx: list[int]
    is_space: list[bool]
    is_punct: list[bool]
    #: whether a space follows the token (``token.whitespace_``)
    space_after: list[bool]

    def span_text(self, doc_text: str, start: int, end: int) -> str:
        """``doc[start:end].text``, sliced from the document's text."""
        if start >= end:
            return ""
        return doc_text[self.idx[start]:self.idx[end - 1] + len(self.text[end - 1])]


def token_columns(doc: Doc) -> TokenColumns:
    """The text, lower-case form, part of speech, offset and flags of every token."""
    strings = doc.vocab.strings
    if not len(doc):
        return TokenColumns([], [], [], [], [], [], [])
    # one list per attribute (not one per token: fewer objects for the garbage collector)
    orth, lower, pos, idx, space, punct, space_after = \
        doc.to_array([ORTH, LOWER, POS, IDX, IS_SPACE, IS_PUNCT, SPACY]).T.tolist()
    return TokenColumns(
        text=[strings[key] for key in orth],
        lower=[strings[key] for key in lower],
        pos=[strings[key] for key in pos],
        idx=idx,
        is_space=[bool(flag) for flag in space],
        is_punct=[bool(flag) for flag in punct],
        space_after=[bool(flag) for flag in space_after],
    )
