"""What an entity page shows, read from query results.

The page at ``/entity/<path>`` shows the resource ``ID_BASE + path``: its
names, types, country and links, its relations both ways, its events as
agent, target and place, the claims it makes and those made about it, and
one page of the sentences that mention it with their article.

The queries are data files in ``kg/server/queries``. Each is a lookup from
the resource (or from IRIs the page already holds), never a join that a
store of millions of statements would have to evaluate whole: see
:func:`page_plan`. This module turns their SPARQL JSON results into a plain
:class:`EntityView` for the template.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kg.ids import ID_BASE
from kg.resources import package_data
from kg.server.links import Link, entity_path, link
from kg.server.entity_events import EventRow, event_rows, neighbourhood
from kg.store.prefixes import PREFIXES

__all__ = [
    "MENTIONS_PER_PAGE",
    "EntityView",
    "Link",
    "build_view",
    "compact",
    "entity_query",
    "label_targets",
    "lean_query",
    "mention_page",
    "sections",
]

#: Evidence sentences on one page.
MENTIONS_PER_PAGE = 40

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDFS = PREFIXES["rdfs"]
_SKOS = PREFIXES["skos"]
_CKG = PREFIXES["ckg"]
_DCTERMS = PREFIXES["dcterms"]
_NAME_PROPERTIES = (_RDFS + "label", _SKOS + "altLabel", _SKOS + "prefLabel")
_LINK_PROPERTIES = ("http://www.w3.org/2002/07/owl#sameAs", _RDFS + "seeAlso", _CKG + "url")
_PARTY_KEYS = {_CKG + "agent", _CKG + "target", _CKG + "location", _CKG + "claimedBy"}
_SHOWN_PROPERTIES = {_CKG + "countryCode": "country", _CKG + "sector": "sector"}

Row = Mapping[str, Mapping[str, str]]


def compact(iri: str) -> str:
    """``ckg:Person`` for an IRI in one of the kg prefixes, else the IRI itself."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def entity_query(name: str) -> str:
    """The SPARQL text of one query of the page: ``page`` (from the resource) or ``details``."""
    return package_data("server", "queries", f"entity_{name}.rq").read_text(encoding="utf-8")


def lean_query(text: str) -> str:
    """``text`` without its comment and ``PREFIX`` lines (the store declares the prefixes).

    The query guard parses every query it is sent, and these lines took half
    its time on an entity page's queries.

    >>> lean_query(chr(10).join(["# title: x", "PREFIX ckg: <urn:x#>", "SELECT * WHERE { ?s ?p ?o }"]))
    'SELECT * WHERE { ?s ?p ?o }'
    """
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(("#", "PREFIX ")))


# the columns of entity_page.rq and entity_details.rq, renamed by section
_COLUMNS = {
    "fact": {"key": "p", "value": "o"},
    "incoming": {"x": "s", "key": "p"},
    "event": {"x": "event", "role": "role", "key": "key", "value": "value"},
    "mention": {"x": "mention"},
    "sentence": {"x": "mention", "key": "article", "value": "sentence", "name": "name", "start": "start"},
    "label": {"x": "entity", "key": "key", "value": "value"},
}
_SECTIONS = {"fact": "facts", "incoming": "incoming", "event": "events", "mention": "mentions",
             "sentence": "sentences", "label": "labels"}


def sections(rows: Sequence[Row]) -> dict[str, list[Row]]:
    """Split the rows of ``entity_page.rq`` or ``entity_details.rq`` by section, columns renamed.

    >>> sections([{"section": {"value": "mention"}, "x": {"type": "uri", "value": "m1"}}])
    {'mentions': [{'mention': {'type': 'uri', 'value': 'm1'}}]}
    """
    result: dict[str, list[Row]] = {}
    for row in rows:
        section = value(row, "section") or ""
        columns = _COLUMNS.get(section)
        if columns is None:
            continue
        result.setdefault(_SECTIONS[section], []).append(
            {new: row[old] for old, new in columns.items() if old in row}
        )
    return result


def value(row: Row, name: str) -> str | None:
    """The value of one column of a SPARQL JSON row, None when unbound."""
    cell = row.get(name)
    return None if cell is None else cell.get("value")


def mention_page(mentions: Sequence[Row], page: int) -> tuple[list[str], int]:
    """The mention IRIs of one page of evidence (sorted, newest article ids first), and the page count.

    Mention IRIs start with their article's, so sorting them groups a
    sentence's mentions and an article's sentences together.
    """
    iris = sorted({value(row, "mention") or "" for row in mentions} - {""}, reverse=True)
    pages = max(1, -(-len(iris) // MENTIONS_PER_PAGE))
    page = min(max(page, 1), pages)
    return iris[(page - 1) * MENTIONS_PER_PAGE: page * MENTIONS_PER_PAGE], pages


def label_targets(results: Mapping[str, Sequence[Row]]) -> list[str]:
    """The IRIs whose labels the page needs from ``entity_details.rq``: the actors and places it names."""
    wanted: set[str] = set()
    for row in results.get("facts", ()):
        if row.get("o", {}).get("type") == "uri" and value(row, "p") != _RDF_TYPE:
            wanted.add(value(row, "o") or "")
    wanted.update(value(row, "s") or "" for row in results.get("incoming", ()))
    for row in results.get("events", ()):
        if value(row, "key") in _PARTY_KEYS:
            wanted.add(value(row, "value") or "")
    # the resource's own label is among its facts; its events' articles come with the events
    wanted.discard("")
    return sorted(wanted)


def _labels(rows: Sequence[Row]) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """``{iri: label or title}`` and ``{iri: {key: value}}`` from the ``entity_labels`` rows."""
    found: dict[str, dict[str, str]] = {}
    for row in rows:
        iri, key, text = value(row, "entity") or "", compact(value(row, "key") or ""), value(row, "value") or ""
        kept = found.setdefault(iri, {})
        # several graphs may disagree: keep the smallest, so the page is the same each time
        if key not in kept or text < kept[key]:
            kept[key] = text
    labels = {iri: values.get("rdfs:label") or values.get("dcterms:title") or "" for iri, values in found.items()}
    return {iri: label for iri, label in labels.items() if label}, found


@dataclass(frozen=True)
class Sentence:
    """One evidence sentence: the names used in it and its article."""

    text: str
    names: tuple[str, ...]
    article: Link
    published: str


@dataclass(frozen=True)
class EntityView:
    """Everything the entity template needs, as plain values."""

    iri: str
    label: str
    names: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    properties: tuple[tuple[str, str], ...] = ()
    country: Link | None = None
    links: tuple[str, ...] = ()
    outgoing: tuple[tuple[str, Link], ...] = ()
    incoming: tuple[tuple[str, Link], ...] = ()
    events: tuple[EventRow, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    mention_count: int = 0
    page: int = 1
    pages: int = 1
    article_text: str | None = None
    graph: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def found(self) -> bool:
        """True when the graph holds anything about the resource."""
        return bool(self.types or self.names or self.properties or self.outgoing or self.incoming
                    or self.mention_count or self.events)

    def events_as(self, role: str) -> list[EventRow]:
        """Events where the resource has ``role`` (``agent``, ``target``, ``location``), claims left out."""
        return [event for event in self.events if role in event.roles and not event.claimed]

    @property
    def claims_by(self) -> list[EventRow]:
        """Events the resource says happened (it is their claimant)."""
        return [event for event in self.events if "claimedBy" in event.roles]

    @property
    def claims_about(self) -> list[EventRow]:
        """Events someone else claims, with the resource as agent or target."""
        return [event for event in self.events if event.claimed and "claimedBy" not in event.roles
                and {"agent", "target"} & set(event.roles)]


def build_view(iri: str, results: Mapping[str, Sequence[Row]], *, page: int = 1) -> EntityView:
    """Assemble the page of ``iri`` from the SPARQL JSON bindings of the page's queries.

    ``results`` holds the :func:`sections` of ``entity_page.rq`` (facts,
    incoming, events, mentions) and of ``entity_details.rq`` (the sentences
    of one page of mentions, see :func:`mention_page`, and the labels of the
    IRIs of :func:`label_targets`).
    """
    labels, described = _labels(results.get("labels", ()))
    names: list[str] = []
    types: list[str] = []
    properties: list[tuple[str, str]] = []
    links: list[str] = []
    outgoing: list[tuple[str, Link]] = []
    article_text = None
    country = None
    for row in results.get("facts", ()):
        predicate, obj = value(row, "p") or "", value(row, "o") or ""
        kind = row.get("o", {}).get("type")
        if predicate == _RDF_TYPE:
            types.append(compact(obj).removeprefix("ckg:"))
        elif predicate in _NAME_PROPERTIES:
            names.append(obj)
        elif predicate == _CKG + "articleText":
            article_text = obj
        elif predicate in _LINK_PROPERTIES and kind in ("uri", "literal"):
            links.append(obj)
        elif kind == "uri":
            outgoing.append((_words(predicate), link(obj, labels)))
        else:
            properties.append((_SHOWN_PROPERTIES.get(predicate, compact(predicate)), obj))
            if predicate == _CKG + "countryCode" and country is None and obj.lower() not in iri.lower():
                code_iri = f"{ID_BASE}country/{obj.lower()}"
                country = Link(obj, code_iri, entity_path(code_iri))
    incoming = [
        (_words(value(row, "p") or ""), link(value(row, "s") or "", labels))
        for row in results.get("incoming", ())
    ]
    own = described.get(iri, {})
    titles = [text for key, text in properties if key == "dcterms:title"]
    label = own.get("rdfs:label") or min(names, default="") or min(titles, default="") or compact(iri)
    events = event_rows(iri, results.get("events", ()), labels)
    mentions = results.get("mentions", ())
    _, pages = mention_page(mentions, page)
    sentences = _sentences(results.get("sentences", ()), labels, described)
    return EntityView(
        iri=iri,
        label=label,
        names=tuple(sorted(set(names) - {label}, key=str.casefold)),
        types=tuple(sorted(set(types), key=lambda t: (t in ("Actor", "Location"), t))),
        properties=tuple(sorted(set(properties))),
        country=country,
        links=tuple(sorted(set(links))),
        outgoing=tuple(outgoing),
        incoming=tuple(incoming),
        events=tuple(events),
        sentences=tuple(sentences),
        mention_count=len(mentions),
        page=min(max(page, 1), pages),
        pages=pages,
        article_text=article_text,
        graph=neighbourhood(iri, label, events, outgoing, incoming),
    )


def _sentences(
    rows: Sequence[Row], labels: Mapping[str, str], described: Mapping[str, Mapping[str, str]]
) -> list[Sentence]:
    grouped: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        article, text = value(row, "article") or "", " ".join((value(row, "sentence") or "").split())
        entry = grouped.setdefault((article, text), {"names": set(), "start": 1 << 60})
        entry["names"].add(value(row, "name") or "")
        entry["start"] = min(entry["start"], int(value(row, "start") or 0))
    result = []
    for (article, text), entry in grouped.items():
        published = (described.get(article, {}).get("ckg:published") or "")[:10]
        result.append((published, article, entry["start"], Sentence(
            text=text, names=tuple(sorted(entry["names"] - {""})),
            article=link(article, labels), published=published,
        )))
    # newest article first, then in reading order
    result.sort(key=lambda item: (_negate(item[0]), item[1], item[2]))
    return [sentence for *_, sentence in result]


def _words(iri: str) -> str:
    """``affiliated with`` for ``ckg:affiliatedWith``; other IRIs compacted.

    >>> _words("https://w3id.org/conflict-kg/ontology#affiliatedWith")
    'affiliated with'
    """
    name = compact(iri)
    if not name.startswith("ckg:"):
        return name
    return "".join(" " + c.lower() if c.isupper() else c for c in name[4:]).strip()


def _negate(day: str) -> str:
    """A key that sorts ISO dates newest first (undated last)."""
    if not day:
        return "~"
    return "".join(chr(ord("9") - ord(c) + ord("0")) if c.isdigit() else c for c in day)
