"""What an entity page shows, read from query results.

The page at ``/entity/<path>`` shows the resource ``ID_BASE + path``: its
names, types, codes and links, its relations both ways, its events on a
timeline and the sentences that mention it with their article. The queries
are data files in ``kg/server/queries``; this module turns their SPARQL JSON
results into a plain :class:`EntityView` for the template, and into the
nodes and edges of the neighbourhood graph.

>>> entity_path("https://w3id.org/conflict-kg/id/person/mara-olin")
'/entity/person/mara-olin'
>>> entity_path("https://example.org/x") is None
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kg.ids import ID_BASE
from kg.resources import package_data
from kg.store.prefixes import PREFIXES

__all__ = ["ENTITY_QUERIES", "EntityView", "build_view", "compact", "entity_path", "entity_query"]

#: The queries behind an entity page, by the section they fill.
ENTITY_QUERIES = ("facts", "incoming", "events", "mentions")

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDFS = PREFIXES["rdfs"]
_SKOS = PREFIXES["skos"]
_CKG = PREFIXES["ckg"]
_NAME_PROPERTIES = (_RDFS + "label", _SKOS + "altLabel", _SKOS + "prefLabel")
_LINK_PROPERTIES = ("http://www.w3.org/2002/07/owl#sameAs", _RDFS + "seeAlso", _CKG + "url")

Row = Mapping[str, Mapping[str, str]]
# Columns of the events and mentions queries; unbound ones are absent from a JSON row.
_EVENT_FIELDS = (
    "event", "role", "type", "code", "date", "trigger", "evidence", "article", "title",
    "agent", "agentLabel", "target", "targetLabel",
)
_MENTION_FIELDS = ("article", "title", "published", "sentence", "first", "names")


def entity_path(iri: str) -> str | None:
    """The page path of a resource of this graph, or None for an outside IRI."""
    if iri.startswith(ID_BASE) and len(iri) > len(ID_BASE):
        return "/entity/" + iri[len(ID_BASE):]
    return None


def compact(iri: str) -> str:
    """``ckg:Person`` for an IRI in one of the kg prefixes, else the IRI itself."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def entity_query(section: str) -> str:
    """The SPARQL text of one section's query (``facts``, ``incoming``, ...)."""
    return package_data("server", "queries", f"entity_{section}.rq").read_text(encoding="utf-8")


def _value(row: Row, name: str) -> str | None:
    cell = row.get(name)
    return None if cell is None else cell.get("value")


@dataclass(frozen=True)
class Link:
    """A resource shown as a link: its label, IRI and page path (None outside the graph)."""

    label: str
    iri: str
    path: str | None


def _link(iri: str, label: str | None) -> Link:
    return Link(label or compact(iri), iri, entity_path(iri))


@dataclass(frozen=True)
class EntityView:
    """Everything the entity template needs, as plain values."""

    iri: str
    label: str
    names: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    properties: tuple[tuple[str, str], ...] = ()
    links: tuple[str, ...] = ()
    outgoing: tuple[tuple[str, Link], ...] = ()
    incoming: tuple[tuple[str, Link], ...] = ()
    events: tuple[dict[str, Any], ...] = ()
    mentions: tuple[dict[str, Any], ...] = ()
    article_text: str | None = None
    graph: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    @property
    def found(self) -> bool:
        """True when the graph holds anything about the resource."""
        return bool(self.types or self.names or self.properties or self.outgoing or self.incoming or self.mentions)


def _graph(iri: str, label: str, neighbours: Sequence[tuple[str, str, Link, bool]]) -> dict[str, list[dict[str, str]]]:
    nodes = {iri: {"id": iri, "label": label, "path": entity_path(iri) or "", "focus": "yes"}}
    edges = []
    for index, (relation, _, link, outward) in enumerate(neighbours):
        nodes.setdefault(link.iri, {"id": link.iri, "label": link.label, "path": link.path or "", "focus": ""})
        source, target = (iri, link.iri) if outward else (link.iri, iri)
        edges.append({"id": f"e{index}", "source": source, "target": target, "label": relation})
    return {"nodes": list(nodes.values()), "edges": edges}


def build_view(iri: str, results: Mapping[str, Sequence[Row]]) -> EntityView:
    """Assemble the page of ``iri`` from the SPARQL JSON bindings of :data:`ENTITY_QUERIES`."""
    names: list[str] = []
    types: list[str] = []
    properties: list[tuple[str, str]] = []
    links: list[str] = []
    outgoing: list[tuple[str, Link]] = []
    article_text = None
    for row in results.get("facts", ()):
        predicate, obj = _value(row, "p") or "", _value(row, "o") or ""
        kind = row.get("o", {}).get("type")
        if predicate == _RDF_TYPE:
            types.append(compact(obj))
        elif predicate in _NAME_PROPERTIES:
            names.append(obj)
        elif predicate == _CKG + "articleText":
            article_text = obj
        elif predicate in _LINK_PROPERTIES and kind == "uri":
            links.append(obj)
        elif kind == "uri":
            outgoing.append((compact(predicate), _link(obj, _value(row, "oLabel"))))
        else:
            properties.append((compact(predicate), obj))
    incoming = [
        (compact(_value(row, "p") or ""), _link(_value(row, "s") or "", _value(row, "sLabel")))
        for row in results.get("incoming", ())
    ]
    label = next((n for n in names), None) or compact(iri)
    events = []
    for row in results.get("events", ()):
        event: dict[str, Any] = {name: _value(row, name) for name in _EVENT_FIELDS}
        kind = event.get("type")
        event["type"] = compact(kind) if kind else "event"
        event["role"] = compact(event["role"] or "")
        event["path"] = entity_path(event.get("event") or "")
        event["article_path"] = entity_path(event.get("article") or "")
        events.append(event)
    mentions = []
    for row in results.get("mentions", ()):
        mention: dict[str, Any] = {name: _value(row, name) for name in _MENTION_FIELDS}
        mention["article_path"] = entity_path(mention.get("article") or "")
        mentions.append(mention)
    neighbours = [(rel, "out", link, True) for rel, link in outgoing]
    neighbours += [(rel, "in", link, False) for rel, link in incoming]
    for event in events:
        for side in ("agent", "target"):
            other = event.get(side)
            if other and other != iri:
                role = "with" if side == "agent" else "on"
                neighbours.append((f"{event['type']} ({role})", side, _link(other, event.get(side + "Label")), side == "target"))
    return EntityView(
        iri=iri,
        label=label,
        names=tuple(dict.fromkeys(names)),
        types=tuple(dict.fromkeys(types)),
        properties=tuple(properties),
        links=tuple(links),
        outgoing=tuple(outgoing),
        incoming=tuple(incoming),
        events=tuple(events),
        mentions=tuple(mentions),
        article_text=article_text,
        graph=_graph(iri, label, neighbours),
    )
