"""Reading the store for the projections: events as agent-target rows, actors' attributes, co-mentions.

One SELECT each. The store's default graph is the union of the article
graphs, where a triple found in several articles comes back once per
article, so every query groups or uses ``DISTINCT``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kg.analytics.filters import EventFilter, Period
from kg.namespace import CKG
from kg.store import SelectResult, Store

__all__ = ["EventRow", "actor_attributes", "article_info", "event_rows", "most_specific", "sentence_actors"]

_NS = str(CKG._NS)

_EVENTS = """
SELECT ?event ?agent ?target
       (SAMPLE(?cameo_) AS ?cameo) (SAMPLE(?goldstein_) AS ?goldstein) (SAMPLE(?quad_) AS ?quad)
       (SAMPLE(STR(?date_)) AS ?date) (SAMPLE(?dateSource_) AS ?dateSource)
       (SAMPLE(STR(?published_)) AS ?published) (SAMPLE(?article_) AS ?article)
       (SAMPLE(?negated_) AS ?negated) (SAMPLE(?modality_) AS ?modality)
       (SAMPLE(?confidence_) AS ?confidence) (SAMPLE(?evidence_) AS ?evidence)
       (GROUP_CONCAT(DISTINCT STR(?class); separator=" ") AS ?classes)
       (GROUP_CONCAT(DISTINCT STR(?claimer); separator=" ") AS ?claimers)
WHERE {
  ?event a ckg:Event ; a ?class ; ckg:cameoCode ?cameo_ ; ckg:goldstein ?goldstein_ .
  FILTER(STRSTARTS(STR(?class), STR(ckg:)))
  OPTIONAL { ?event ckg:agent ?agent }
  OPTIONAL { ?event ckg:target ?target }
  OPTIONAL { ?event ckg:quadClass ?quad_ }
  OPTIONAL { ?event ckg:date ?date_ }
  OPTIONAL { ?event ckg:dateSource ?dateSource_ }
  OPTIONAL { ?event ckg:inArticle ?article_ OPTIONAL { ?article_ ckg:published ?published_ } }
  OPTIONAL { ?event ckg:negated ?negated_ }
  OPTIONAL { ?event ckg:modality ?modality_ }
  OPTIONAL { ?event ckg:confidence ?confidence_ }
  OPTIONAL { ?event ckg:evidence ?evidence_ }
  OPTIONAL { ?event ckg:claimedBy ?claimer }
  FILTER(BOUND(?agent) || BOUND(?target))
  %(filters)s
}
GROUP BY ?event ?agent ?target
ORDER BY ?event ?agent ?target
"""

# One row per distinct value, not OPTIONAL joins: the union repeats an actor's
# triples once per article naming it, and joining labels, classes, countries
# and sectors would multiply those repeats together.
_ACTORS = """
SELECT DISTINCT ?actor ?key ?value WHERE {
  VALUES ?actor { %(actors)s }
  { ?actor rdfs:label ?value BIND("label" AS ?key) }
  UNION { ?actor a ?value BIND("class" AS ?key) FILTER(STRSTARTS(STR(?value), STR(ckg:))) }
  UNION { ?actor ckg:countryCode ?value BIND("country" AS ?key) }
  UNION { ?actor ckg:sector ?value BIND("sector" AS ?key) }
}
"""

# UNION branches, not VALUES ?key: oxigraph scans every title of the store for the latter
_ARTICLES = """
SELECT DISTINCT ?article ?key ?value WHERE {
  VALUES ?article { %(articles)s }
  { ?article dcterms:title ?value BIND("title" AS ?key) }
  UNION { ?article ckg:url ?value BIND("url" AS ?key) }
  UNION { ?article ckg:published ?value BIND("published" AS ?key) }
}
"""

_MENTIONS = """
SELECT DISTINCT ?article ?start ?end ?actor WHERE {
  ?mention a ckg:Mention ; ckg:mentionOf ?actor ; ckg:inArticle ?article ;
           ckg:sentenceStart ?start ; ckg:sentenceEnd ?end .
  FILTER EXISTS { ?actor a ckg:Actor }
}
"""


@dataclass(frozen=True)
class EventRow:
    """One agent-target pair of one event, as the store holds it.

    ``agent`` or ``target`` is None when the event has none; ``date`` is the
    event's own date (ISO text of its precision), else its article's
    publication date, with ``date_source`` saying which.
    """

    event: str
    agent: str | None
    target: str | None
    type: str
    cameo: str
    goldstein: float
    quad_class: int | None
    date: str | None
    date_source: str | None
    article: str | None
    claimed_by: tuple[str, ...]
    negated: bool
    modality: str | None
    confidence: float | None
    evidence: str | None

    @property
    def period(self) -> Period | None:
        """The days the event's date covers."""
        return Period.parse(self.date)

    @property
    def claimed(self) -> bool:
        """True when someone in the article, not the article itself, says it happened."""
        return bool(self.claimed_by)

    def edge_attributes(self) -> dict[str, object]:
        """The attributes of this event's edge in :func:`actor_network`."""
        return {
            "event": self.event, "type": self.type, "cameo": self.cameo,
            "goldstein": self.goldstein, "quad_class": self.quad_class, "date": self.date,
            "date_source": self.date_source, "article": self.article, "claimed": self.claimed,
            "claimed_by": self.claimed_by, "negated": self.negated,
            "modality": self.modality, "confidence": self.confidence, "evidence": self.evidence,
        }


def _rows(result: object) -> SelectResult:
    assert isinstance(result, SelectResult)
    return result


def most_specific(class_iris: Iterable[str]) -> str | None:
    """The local name of the class whose superclasses cover all the others."""
    from kg.mapping.terms import ontology_tables

    names = {iri[len(_NS):] for iri in class_iris if iri.startswith(_NS)}
    if not names:
        return None
    tables = ontology_tables()

    def closure(name: str) -> set[str]:
        try:
            return {c.fragment for c in tables.classes_of(name)}
        except KeyError:
            return {name}

    # several unrelated classes (articles disagree): the deepest, then by name
    return min(names, key=lambda n: (not names <= closure(n), -len(closure(n)), n))


def _filter_clauses(event_filter: EventFilter) -> str:
    clauses = []
    if not event_filter.include_negated:
        clauses.append("FILTER(!BOUND(?negated_) || ?negated_ = false)")
    if event_filter.asserted_only:
        clauses.append("FILTER NOT EXISTS { ?event ckg:claimedBy ?anyone }")
    if event_filter.types:
        # class names come from the ontology's own table (EventFilter.build)
        wanted = " ".join(f"ckg:{name}" for name in event_filter.types)
        clauses.append(f"FILTER EXISTS {{ VALUES ?wanted {{ {wanted} }} ?event a ?wanted }}")
    if event_filter.country:
        # the code is three capital letters (EventFilter.build), safe to inline;
        # BOUND guards keep an unbound role from matching any actor
        code = f'"{event_filter.country}"'
        clauses.append(
            f"FILTER((BOUND(?agent) && EXISTS {{ ?agent ckg:countryCode {code} }})"
            f" || (BOUND(?target) && EXISTS {{ ?target ckg:countryCode {code} }}))"
        )
    return "\n  ".join(clauses)


def event_rows(store: Store, event_filter: EventFilter | None = None) -> list[EventRow]:
    """The agent-target pairs of the events the filter keeps, ordered by event IRI.

    Parameters
    ----------
    store : Store
        The store to read.
    event_filter : EventFilter, optional
        Which events to keep; by default all but negated ones.
    """
    event_filter = event_filter or EventFilter()
    result = _rows(store.query(_EVENTS % {"filters": _filter_clauses(event_filter)}))
    rows = []
    types: dict[str, str] = {}  # events share few class combinations
    for r in result.as_dicts():
        classes = str(r["classes"] or "")
        if classes not in types:
            types[classes] = most_specific(classes.split()) or "Event"
        own_date = r["date"] or None
        row = EventRow(
            event=str(r["event"]),
            agent=None if r["agent"] is None else str(r["agent"]),
            target=None if r["target"] is None else str(r["target"]),
            type=types[classes],
            cameo=str(r["cameo"]),
            goldstein=float(r["goldstein"]),  # type: ignore[arg-type]
            quad_class=None if r["quad"] is None else int(r["quad"]),  # type: ignore[arg-type]
            date=str(own_date) if own_date else (str(r["published"])[:10] if r["published"] else None),
            date_source=(None if r["dateSource"] is None else str(r["dateSource"])) if own_date
            else ("publication" if r["published"] else None),
            article=None if r["article"] is None else str(r["article"]),
            claimed_by=tuple(sorted(str(r["claimers"] or "").split())),
            negated=bool(r["negated"]),
            modality=None if r["modality"] is None else str(r["modality"]),
            confidence=None if r["confidence"] is None else float(r["confidence"]),  # type: ignore[arg-type]
            evidence=None if r["evidence"] is None else str(r["evidence"]),
        )
        if event_filter.keeps(row.period):
            rows.append(row)
    return rows


def actor_attributes(store: Store, actors: Iterable[str]) -> dict[str, dict[str, object]]:
    """``{actor IRI: {label, type, country, sector}}`` for the given actors, in one query.

    An actor without a label is labelled by the last segment of its IRI.
    """
    iris = sorted(set(actors))
    if not iris:
        return {}
    # IRIs read back from the store cannot hold '>' or spaces: safe to inline
    result = _rows(store.query(_ACTORS % {"actors": " ".join(f"<{iri}>" for iri in iris)}))
    values: dict[str, dict[str, set[str]]] = {iri: {} for iri in iris}
    for actor, key, value in result.rows:
        values.setdefault(str(actor), {}).setdefault(str(key), set()).add(str(value))
    attributes: dict[str, dict[str, object]] = {}
    for iri, found in values.items():
        labels = sorted(found.get("label", ()))
        attributes[iri] = {
            "label": labels[0] if labels else iri.rstrip("/").rsplit("/", 1)[-1],
            "type": most_specific(found.get("class", ())),
            "country": ";".join(sorted(found.get("country", ()))) or None,
            "sector": ";".join(sorted(found.get("sector", ()))) or None,
        }
    return attributes


def sentence_actors(store: Store) -> dict[tuple[str, int, int], set[str]]:
    """``{(article, sentence start, sentence end): actors mentioned}`` over every mention with sentence offsets."""
    sentences: dict[tuple[str, int, int], set[str]] = {}
    for article, start, end, actor in _rows(store.query(_MENTIONS)).rows:
        sentences.setdefault((str(article), int(start), int(end)), set()).add(str(actor))  # type: ignore[arg-type]
    return sentences


def article_info(store: Store, articles: Iterable[str]) -> dict[str, dict[str, str]]:
    """``{article IRI: {"title", "url", "published"}}`` (those the store holds) for the given articles."""
    iris = sorted(set(articles))
    if not iris:
        return {}
    # IRIs read back from the store cannot hold '>' or spaces: safe to inline
    result = _rows(store.query(_ARTICLES % {"articles": " ".join(f"<{iri}>" for iri in iris)}))
    found: dict[str, dict[str, str]] = {}
    for article, key, value in result.rows:
        kept = found.setdefault(str(article), {})
        text = str(value)
        if key not in kept or text < kept[str(key)]:
            kept[str(key)] = text
    return found
