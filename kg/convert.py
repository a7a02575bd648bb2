"""Turn an annotated spaCy ``Doc`` into :class:`kg.model.Mention` objects.

This is where spaCy objects stop: the stages after it see only the data model.
The ``Doc`` must come from a pipeline built by :func:`kg.nlp.load_nlp`, whose
components put the ontology class, lexicon id, role, affiliation, country and
metonymy of each entity on ``doc.ents`` (see :mod:`kg.nlp.extensions`).

Dates, numbers, money and the like are not mentions: only entities with an
ontology class (``span._.kg_type``) are converted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.errors import ExtractionError
from kg.model import Article, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["doc_to_mentions"]

_NOMINALS = "kg_nominals"


def doc_to_mentions(doc: Doc, *, article: Article) -> tuple[Mention, ...]:
    """The mentions in ``doc``, which is ``nlp(article.text)``, sorted by offset.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        The article's text run through :func:`kg.nlp.load_nlp`'s pipeline.
    article : Article
        The article; mention offsets point into ``article.text``.

    Returns
    -------
    tuple of Mention
        One per entity span and per title-only person mention ("the Russian
        president"), sorted by ``(start, end)``; ``article.text[m.start:m.end] ==
        m.text`` holds for each.

    Raises
    ------
    ExtractionError
        When ``doc`` is not the article's text.
    """
    if doc.text != article.text:
        raise ExtractionError(f"article {article.id!r}: the Doc holds other text than the "
                              "article; pass nlp(article.text)")
    spans = [e for e in doc.ents if e._.kg_type]
    if doc.spans.get(_NOMINALS) is not None:
        spans += list(doc.spans[_NOMINALS])
    mentions = {(m.start, m.end): m for m in (_mention(span) for span in spans)}
    return tuple(mentions[key] for key in sorted(mentions))


def _mention(span: Span) -> Mention:
    sentence = span.sent
    return Mention(
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        type=span._.kg_type,
        sentence=(sentence.start_char, sentence.end_char),
        lexicon_id=span.kb_id_ or None,
        metonym=bool(span._.kg_metonym),
        role=span._.kg_role,
        affiliation=tuple(span._.kg_affiliation) if span._.kg_affiliation else None,
        country=span._.kg_country,
    )
