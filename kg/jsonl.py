"""Plain records of an extraction, for ``kg extract --format jsonl``.

>>> from kg.model import Article, Entity, Extraction, Mention
>>> a = Article(id="a1", text="Armenia")
>>> e = Entity(iri="https://w3id.org/conflict-kg/id/country/arm", label="Armenia", type="Country", country="ARM")
>>> m = Mention(0, 7, "Armenia", "Country", entity=e.iri)
>>> next(extraction_records(Extraction(a, (m,), (e,)), what="mentions"))["country"]
'ARM'
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kg.errors import KgError
from kg.model import Entity, Extraction

__all__ = ["extraction_records"]


def _entity_record(entity: Entity) -> dict[str, Any]:
    return {
        "iri": entity.iri,
        "label": entity.label,
        "aliases": list(entity.aliases),
        "type": entity.type,
        "country": entity.country,
        "sector": entity.sector,
        "links": list(entity.links),
    }


def extraction_records(extraction: Extraction, *, what: str) -> Iterator[dict[str, Any]]:
    """Yield one plain dict per mention or entity of an extraction.

    Parameters
    ----------
    extraction : Extraction
    what : {"mentions", "entities"}
    """
    article = extraction.article.id
    by_iri = {e.iri: e for e in extraction.entities}
    if what == "mentions":
        for m in extraction.mentions:
            entity = by_iri.get(m.entity or "")
            yield {
                "article": article,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "type": entity.type if entity else m.type,
                "entity": entity.label if entity else None,
                "iri": m.entity,
                "country": entity.country if entity else m.country,
            }
    elif what == "entities":
        for entity in extraction.entities:
            yield {"article": article, **_entity_record(entity)}
    else:
        raise KgError(f"--what {what!r}: choose mentions or entities")
