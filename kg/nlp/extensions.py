"""The ``Span._`` attributes kg's components write and :mod:`kg.convert` reads.

``kg_type`` (str)
    Ontology class local name of the mention (``Person``, ``City``, ...).
``kg_country`` (str)
    ISO3 code the text attaches to it ("the *Armenian* armed forces").
``kg_role`` (str)
    A person's title or function ("President", "spokesman").
``kg_affiliation`` (tuple of int)
    Character span of the mention it belongs to ("*Kremlin* spokesman").
``kg_metonym`` (bool)
    The place or seat of government acts and stands for its government.
``kg_extent`` (tuple of int)
    Character span of the whole mention when it is wider than the entity span:
    a person's name with the title and affiliation before it ("*Iraqi President*
    Fuad Masum"), which stay mentions of their own.

Registering is idempotent, as spaCy's extension registry is process-wide.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["SPAN_ATTRIBUTES", "doc_text", "register_extensions"]

#: Name and default of each span attribute.
SPAN_ATTRIBUTES: tuple[tuple[str, object], ...] = (
    ("kg_type", None),
    ("kg_country", None),
    ("kg_role", None),
    ("kg_affiliation", None),
    ("kg_metonym", False),
    ("kg_extent", None),
)


def register_extensions() -> None:
    """Register the ``Span._.kg_*`` attributes unless already registered.

    >>> register_extensions(); register_extensions()
    >>> from spacy.tokens import Span
    >>> Span.has_extension("kg_type")
    True
    """
    from spacy.tokens import Span

    for name, default in SPAN_ATTRIBUTES:
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


def doc_text(doc: Doc) -> str:
    """The document's text, computed once.

    spaCy rebuilds ``doc.text`` from the tokens on every access, which costs time
    in proportion to the article; stages that slice the text per mention would
    otherwise be quadratic in its length.
    """
    text = doc.user_data.get("kg_text")
    if text is None:
        # ``doc.text`` makes a Token object per token; one array read does not
        from spacy.attrs import ORTH, SPACY

        strings = doc.vocab.strings
        rows = doc.to_array([ORTH, SPACY]).tolist() if len(doc) else []
        text = "".join([strings[orth] + " " if space else strings[orth] for orth, space in rows])
        doc.user_data["kg_text"] = text
    return text
