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
from kg.events.cameo import plover_of_class
from kg.model import Entity, Event, EventArgument, Extraction

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


def _actor(argument: EventArgument | None, by_iri: dict[str, Entity]) -> dict[str, Any] | None:
    if argument is None:
        return None
    entity = by_iri.get(argument.entity)
    return {
        "label": entity.label if entity else argument.text,
        "iri": argument.entity,
        "country": entity.country if entity else None,
        "sector": entity.sector if entity else None,
        "type": entity.type if entity else None,
        "text": argument.text,
        "start": argument.start,
        "end": argument.end,
    }


def _event_record(event: Event, extraction: Extraction, by_iri: dict[str, Entity]) -> dict[str, Any]:
    text = extraction.article.text
    start, end = event.sentence
    return {
        "article": extraction.article.id,
        "event": event.iri,
        "sentence": text[start:end],
        "start": start,
        "end": end,
        "trigger": text[event.trigger[0] : event.trigger[1]],
        "trigger_start": event.trigger[0],
        "trigger_end": event.trigger[1],
        "type": event.type,
        "plover": plover_of_class(event.type),
        "mode": event.mode,
        "cameo": event.cameo,
        "goldstein": event.goldstein,
        # one agent and one target as the record format has them; all of them below
        "agent": _actor(event.agents[0] if event.agents else None, by_iri),
        "target": _actor(event.targets[0] if event.targets else None, by_iri),
        "agents": [_actor(a, by_iri) for a in event.agents],
        "targets": [_actor(t, by_iri) for t in event.targets],
        "location": _actor(event.location, by_iri),
        "date": event.date,
        "date_source": event.date_source,
        "claimed_by": [_claimant(iri, by_iri) for iri in event.claimed_by],
        "negated": event.negated,
        "modality": event.modality,
        "confidence": event.confidence,
        "conflict": event.conflict,
    }


def _claimant(iri: str, by_iri: dict[str, Entity]) -> dict[str, Any]:
    entity = by_iri.get(iri)
    return {
        "label": entity.label if entity else None,
        "iri": iri,
        "country": entity.country if entity else None,
        "sector": entity.sector if entity else None,
        "type": entity.type if entity else None,
    }


def extraction_records(extraction: Extraction, *, what: str) -> Iterator[dict[str, Any]]:
    """Yield one plain dict per mention, entity or event of an extraction.

    Parameters
    ----------
    extraction : Extraction
    what : {"mentions", "entities", "events"}
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
    elif what == "events":
        for event in extraction.events:
            yield _event_record(event, extraction, by_iri)
    else:
        raise KgError(f"--what {what!r}: choose mentions, entities or events")
