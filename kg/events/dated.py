"""People whose office the date of their events decides.

Resolution gives a person of the leaders dictionary the office that holds on the
article's publication date (:meth:`kg.gazetteer.LexEntry.on`). An article often
reports what a person did years before: "In 2003, Tony Blair sent troops to Iraq"
in a 2020 article is an act of Britain's government, not of a former prime
minister. When every event a person takes part in has a date of its own in the
text, and the dictionary gives the person one sector and role on all those dates,
the person's sector and role in the article are those; otherwise (no dated event,
events on both sides of a change of office, or events dated by publication only)
the publication date holds. One article has one entity per person, so a person who
acts on both sides of a change of office keeps the publication date's office. A
change of country (an office of an international organisation) is left to the
publication date, as the person's affiliation follows it.
"""

from __future__ import annotations

from dataclasses import replace

from kg.gazetteer import LexEntry, Lexicon
from kg.gazetteer_periods import parse_day
from kg.model import Entity, Extraction

__all__ = ["date_people"]


def date_people(extraction: Extraction, *, lexicon: Lexicon) -> Extraction:
    """``extraction`` with its people re-dated to the dates of their events (see module doc).

    Parameters
    ----------
    extraction : Extraction
        One article's extraction, with its coded events.
    lexicon : Lexicon
        The gazetteer the article was resolved with.
    """
    dates: dict[str, set[str]] = {}
    undated: set[str] = set()
    for event in extraction.events:
        for argument in (*event.agents, *event.targets):
            if event.date_source == "text" and event.date:
                dates.setdefault(argument.entity, set()).add(event.date)
            else:
                undated.add(argument.entity)
    if not dates:
        return extraction
    entries = {m.entity: m.lexicon_id for m in extraction.mentions if m.entity and m.lexicon_id}
    changed = {}
    for entity in extraction.entities:
        lexicon_id = entries.get(entity.iri)
        if entity.type != "Person" or entity.iri in undated or entity.iri not in dates or not lexicon_id:
            continue
        entry = lexicon.entries.get(lexicon_id)
        if entry is not None and entry.periods:
            dated = _dated(entity, entry, dates[entity.iri], extraction)
            if dated is not None:
                changed[entity.iri] = dated
    if not changed:
        return extraction
    return replace(extraction, entities=tuple(changed.get(e.iri, e) for e in extraction.entities))


def _dated(entity: Entity, entry: LexEntry, days: set[str], extraction: Extraction) -> Entity | None:
    try:
        states = {(e.country, e.sector, e.role) for e in (entry.on(parse_day(day)) for day in days)}
    except ValueError:
        return None  # a date kg cannot place on a day
    if len(states) != 1:
        return None
    country, sector, role = states.pop()
    published = entry.on(extraction.article.published).role
    if country != entity.country or (sector, role) == (entity.sector, published):
        return None
    roles = {r for r in entity.roles if r != published} | ({role} if role else set())
    return replace(entity, sector=sector, roles=tuple(sorted(roles)))
