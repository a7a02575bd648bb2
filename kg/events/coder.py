"""The event coder: who did what to whom, when, and who says so.

:func:`code_events` turns the event candidates of an article (from
:func:`kg.candidates.doc_to_candidates`) into :class:`~kg.model.Event` and
:class:`~kg.model.Claim` objects, with the resolved entities of the article:

* roles: a phrase names the entity of its mention (see
  :mod:`kg.events.arguments`); an event whose agent and target name no entity
  is dropped, since an event about nobody tells an analyst nothing; an actor
  group acts as each of its members; a visit to a city is hosted by its
  country; an event with an agent and no other target takes the first actor
  inside its complements ("criticized the closure of schools in Uganda"), else,
  for an act of force or protest, the country of the place it names ("bombed
  Aleppo"), with a lower confidence;
* type: the CAMEO code the lexicon chose, the PLOVER type of its entry (which
  wins over the type of the code's root: resigning, CAMEO 0831, is RETREAT) and
  mode, and the code's Goldstein weight and quad class
  (:func:`kg.events.cameo_info`); an act only announced or planned is the
  intent of it (CAMEO 03, AGREE) when it is cooperative and a threat of it
  (CAMEO 13) when it is coercive;
* reciprocity: "A and B traded blame" gives A->B and B->A, and so does a
  meeting, call or negotiation with a target ("A met B"; ``symmetric_codes``);
* claims: an event in reported speech is claimed by its speakers, and each
  speaker's statement is a Claim holding the events and the quote;
* time: the date the text attaches to the trigger (``date_source`` "text"),
  else the publication date ("publication");
* conflicts: the conflicts the article names, with "the sides" resolved to
  their parties, and the events that concern them linked to them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from kg.config import Config
from kg.events.arguments import CoderSettings, EntityIndex, coder_settings
from kg.events.cameo import cameo_info, event_class
from kg.events.conflicts import build_conflicts, conflict_for
from kg.events.timex import TimeValue
from kg.ids import minted_iri
from kg.model import (
    ArgumentSpan,
    Article,
    Claim,
    Conflict,
    ConflictCandidate,
    Event,
    EventArgument,
    EventCandidate,
    Extraction,
)

__all__ = ["code_events", "event_date"]


def event_date(candidate: EventCandidate, article: Article) -> tuple[str | None, str]:
    """The event's date and where it comes from (``text`` or ``publication``).

    A week ("last week") is given as its month, or its year when it spans two
    months, since ``ckg:date`` takes XSD dates, year-months and years.

    >>> c = EventCandidate((0, 1), "x", ("x",), "VERB", "010", (0, 1), time_value="1994", time_granularity="year")
    >>> event_date(c, Article(id="a", text="x"))
    ('1994', 'text')
    """
    if candidate.time_value and candidate.time_granularity:
        value = TimeValue(candidate.time_value, candidate.time_granularity)
        if value.granularity == "week":
            first, last = value.first_day, value.last_day
            coarse = "month" if (first.year, first.month) == (last.year, last.month) else "year"
            value = TimeValue.of(first, coarse)
        return value.value, "text"
    published = article.published
    if isinstance(published, datetime):
        return published.date().isoformat(), "publication"
    if isinstance(published, date):
        return published.isoformat(), "publication"
    return None, "publication"


def _unique(arguments: tuple[EventArgument, ...] | list[EventArgument]) -> tuple[EventArgument, ...]:
    seen: dict[str, EventArgument] = {}
    for argument in arguments:
        seen.setdefault(argument.entity, argument)
    return tuple(seen.values())


def _without_grouped_countries(arguments: list[EventArgument], index: EntityIndex) -> tuple[EventArgument, ...]:
    """Drop a country that a member of a group among the arguments already acts for.

    "Lawmakers in X and Y" is a group of X's and Y's lawmakers; when the parser
    also hangs Y on "lawmakers" as a conjunct, Y is no second actor.
    """
    unique = _unique(arguments)
    grouped = {index.country(a.entity) for a in unique
               if (entity := index.entity(a.entity)) is not None and entity.type != "Country"
               and any(g.entity != a.entity and g.start == a.start and g.end == a.end for g in unique)}
    return tuple(a for a in unique if not (
        (entity := index.entity(a.entity)) is not None and entity.type == "Country" and entity.country in grouped))


def _confidence(candidate: EventCandidate, agents: tuple[EventArgument, ...], targets: tuple[EventArgument, ...],
                speakers: tuple[str, ...], index: EntityIndex, settings: CoderSettings, *, indirect: bool = False) -> float:
    w = settings.weights
    score = w["base"]
    score -= w["indirect_target"] if indirect and targets else 0.0
    score -= 0.0 if agents else w["no_agent"]
    score -= 0.0 if targets else w["no_target"]
    score -= w["nominal_trigger"] if candidate.pos == "NOUN" else 0.0
    score -= w["generic_code"] if candidate.generic else 0.0
    score -= w["claimed"] if candidate.cue else 0.0
    score -= w["unnamed_speaker"] if candidate.cue and not speakers else 0.0
    score -= w["negated"] if candidate.negated else 0.0
    score -= w["not_asserted"] if candidate.modality else 0.0
    actors = agents + targets
    score -= w["place_as_actor"] if any(index.is_place(a.entity) for a in actors) else 0.0
    return round(max(w["floor"], min(w["base"], score)), 2)


def _directions(candidate: EventCandidate, agents: tuple[EventArgument, ...], targets: tuple[EventArgument, ...],
                settings: CoderSettings) -> list[tuple[tuple[EventArgument, ...], tuple[EventArgument, ...], str]]:
    """(agents, targets, code) of each event a candidate gives.

    "A and B traded blame" gives A->B and B->A; a meeting with a target is
    mutual ("A met B": B->A too); a visit, with ``host_code`` set, gives the
    host's event as well ("A arrived in B": B hosts A).
    """
    code = candidate.code
    if candidate.reciprocal and len(agents) >= 2 and not targets:
        return [((a,), (b,), code) for a in agents for b in agents if a.entity != b.entity]
    found = [(agents, targets, code)]
    if agents and targets and code.startswith(tuple(settings.symmetric_codes)):
        found += [((t,), agents, code) for t in targets]
    elif agents and targets and settings.host_code and code.startswith(tuple(settings.visit_codes)):
        found += [((t,), agents, settings.host_code) for t in targets]
    return found


def _host_countries(spans: tuple[ArgumentSpan, ...], agents: tuple[EventArgument, ...],
                    index: EntityIndex, *, domestic: bool = False) -> tuple[EventArgument, ...]:
    """The countries of the places named: a visit to a city is a visit to its country
    ("arrived in Amman": Jordan hosts); an attack on a city, an attack on its country.

    ``domestic`` allows the agents' own country ("Sudanese rebels shelled Juba").
    """
    own = {a.entity for a in agents} | (set() if domestic else {index.country(a.entity) for a in agents})
    found = []
    for span in spans:
        for place in index.arguments(span, places=True):
            country = index.country_of_place(place.entity)
            if country is not None and country not in own and (domestic or index.country(country) not in own):
                found.append(EventArgument(country, place.start, place.end, place.text))
    return _unique(found)


def _indirect_target(candidate: EventCandidate, agents: tuple[EventArgument, ...],
                     index: EntityIndex) -> tuple[EventArgument, ...]:
    """The first actor named inside the trigger's complements, other than its agents."""
    own = {a.entity for a in agents}
    countries = {index.country(a.entity) for a in agents} - {None}
    for span in candidate.indirect_targets:
        for argument in (m for a in index.arguments(span) for m in index.members(a)):
            if argument.entity not in own and index.country(argument.entity) not in countries:
                return (argument,)
    return ()


def _speakers(candidate: EventCandidate, index: EntityIndex) -> tuple[EventArgument, ...]:
    return _unique([a for span in candidate.speakers for a in index.arguments(span)])


def _code(candidate: EventCandidate, index: EntityIndex, conflicts: tuple[Conflict, ...],
          settings: CoderSettings) -> tuple[list[Event], tuple[EventArgument, ...]]:
    article = index.extraction.article
    conflict = conflict_for(conflicts, candidate.sentence)
    parties = conflict.parties if conflict is not None else ()
    agents = _without_grouped_countries(
        [m for span in candidate.agents for a in index.arguments(span, parties) for m in index.members(a)], index)
    targets = _without_grouped_countries(
        [m for span in candidate.targets for a in index.arguments(span, parties)
         for m in index.members(a) if all(m.entity != b.entity for b in agents)], index)
    if agents and not targets and candidate.code.startswith(tuple(settings.visit_codes)):
        targets = _host_countries(candidate.targets, agents, index)
    indirect = bool(agents) and not targets
    if indirect:
        targets = _indirect_target(candidate, agents, index)
    if indirect and not targets and candidate.code.startswith(tuple(settings.place_target_codes)):
        # "rebels shelled Juba", "extended the curfew in Abidjan": the country of the place
        targets = _host_countries(candidate.targets + candidate.indirect_targets + candidate.locations,
                                  agents, index, domestic=True)[:1]
    if not agents and not targets:
        return [], ()
    locations = [a for span in candidate.locations for a in index.arguments(span, places=True) if index.is_location(a.entity)]
    speakers = _speakers(candidate, index)
    claimed_by = tuple(sorted({s.entity for s in speakers}))
    when, source = event_date(candidate, article)
    related = conflict is not None and (
        any(candidate.sentence[0] <= s < candidate.sentence[1] for s, _ in conflict.spans)
        or {index.country(a.entity) for a in agents + targets} & {index.country(p) for p in conflict.parties} - {None}
        or {a.entity for a in agents + targets} & set(conflict.parties)
    )
    events = []
    for n, (who, whom, code) in enumerate(_directions(candidate, agents, targets, settings)):
        info = cameo_info(settings.announced_code(code, candidate.modality))
        # the lexicon's PLOVER type wins, unless the act is only announced (a threat, an intent)
        own = info.code == code and candidate.plover
        events.append(Event(
            iri=minted_iri("event", article.key, f"{candidate.sentence[0]}-{candidate.trigger[0]}-{n}"),
            type=event_class(candidate.plover, code) if own else info.event_class,
            mode=(candidate.mode or None) if own else None,
            cameo=info.code,
            goldstein=info.goldstein,
            trigger=candidate.trigger,
            sentence=candidate.sentence,
            agents=who,
            targets=whom,
            location=locations[0] if locations else None,
            date=when,
            date_source=source,
            claimed_by=claimed_by,
            negated=candidate.negated,
            modality=candidate.modality,
            confidence=_confidence(candidate, who, whom, claimed_by, index, settings, indirect=indirect),
            conflict=conflict.iri if conflict is not None and related else None,
        ))
    return events, speakers


def _claims(article: Article, coded: list[tuple[EventCandidate, list[Event], tuple[EventArgument, ...]]]) -> tuple[Claim, ...]:
    grouped: dict[tuple[tuple[int, int], str], tuple[EventCandidate, list[str]]] = {}
    for candidate, events, speakers in coded:
        if candidate.cue is None:
            continue
        for argument in speakers:
            _, iris = grouped.setdefault((candidate.cue, argument.entity), (candidate, []))
            iris += [e.iri for e in events]
    claims = []
    for (cue, speaker), (candidate, iris) in sorted(grouped.items()):
        quote = article.text[candidate.quote[0]:candidate.quote[1]] if candidate.quote else None
        speaker_key = speaker.rsplit("/", 1)[-1]
        claims.append(Claim(
            iri=minted_iri("claim", article.key, f"{candidate.sentence[0]}-{cue[0]}-{speaker_key}"),
            speaker=speaker,
            events=tuple(sorted(set(iris))),
            sentence=candidate.sentence,
            cue=cue,
            quote=quote,
        ))
    return tuple(claims)


def code_events(extraction: Extraction, candidates: tuple[EventCandidate, ...], *, config: Config,
                conflicts: tuple[ConflictCandidate, ...] = ()) -> Extraction:
    """Code the events, claims and conflicts of one article.

    Parameters
    ----------
    extraction : Extraction
        The article with its resolved mentions and entities (:func:`kg.resolve.resolve`).
    candidates : tuple of EventCandidate
        From :func:`kg.candidates.doc_to_candidates` on the same article.
    config : Config
        The build configuration.
    conflicts : tuple of ConflictCandidate
        From :func:`kg.candidates.doc_to_conflicts`; needed to resolve "the sides".

    Returns
    -------
    Extraction
        ``extraction`` with ``events``, ``claims`` and ``conflicts`` filled, each
        sorted by IRI.
    """
    del config  # no option changes coding yet; the signature is the stage's
    settings = coder_settings()
    index = EntityIndex(extraction, settings)
    found_conflicts = build_conflicts(conflicts, index)
    coded = []
    for candidate in candidates:
        events, speakers = _code(candidate, index, found_conflicts, settings)
        if events:
            coded.append((candidate, events, speakers))
    events = sorted((e for _, evs, _ in coded for e in evs), key=lambda e: e.iri)
    claims = _claims(extraction.article, coded)
    return replace(extraction, events=tuple(events), claims=claims, conflicts=found_conflicts)
