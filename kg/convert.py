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
from kg.nlp.extensions import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["doc_to_mentions"]

# span groups of kg.nlp: title-only persons; demonyms nested in longer mentions
_GROUPS = ("kg_nominals", "kg_nested")


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
        One per entity span, per title-only person mention ("the Russian
        president"), per demonym inside a longer mention ("*Iraqi* army") and per
        person's name with its title ("Iraqi President Fuad Masum", besides
        "Fuad Masum"), sorted by ``(start, end)``; ``article.text[m.start:m.end] ==
        m.text`` holds for each.

    Raises
    ------
    ExtractionError
        When ``doc`` is not the article's text.
    """
    if doc_text(doc) != article.parsed_text:
        raise ExtractionError(f"article {article.id!r}: the Doc holds other text than the "
                              "article; pass nlp(article.text)")
    spans = [e for e in doc.ents if e._.kg_type]
    for group in _GROUPS:
        if doc.spans.get(group) is not None:
            spans += list(doc.spans[group])
    found = [_mention(span) for span in spans]
    # a person's whole name phrase ("Iraqi President Fuad Masum") is a mention too
    found += [_mention(span, extent=span._.kg_extent) for span in spans if span._.kg_extent]
    # the model may run a name across a blanked passage: no mention reaches into one
    mentions = {(m.start, m.end): m for m in found
                if not any(a < m.end and m.start < b for a, b in article.skipped)}
    return tuple(mentions[key] for key in sorted(mentions))


def _mention(span: Span, *, extent: tuple[int, int] | None = None) -> Mention:
    sentence = span.sent
    start, end = extent or (span.start_char, span.end_char)
    ext = span._  # each ``span._`` makes a new object
    affiliation = ext.kg_affiliation
    return Mention(
        start=start,
        end=end,
        text=doc_text(span.doc)[start:end],
        type=ext.kg_type,
        sentence=(sentence.start_char, sentence.end_char),
        lexicon_id=span.kb_id_ or None,
        metonym=bool(ext.kg_metonym),
        role=ext.kg_role,
        affiliation=tuple(affiliation) if affiliation else None,
        country=ext.kg_country,
    )
