"""The events of an entity page: rows from the key-value answer, and the neighbourhood graph.

``entity_events.rq`` answers one row per (event, role of the resource,
attribute, value); :func:`event_rows` folds them into one :class:`EventRow`
per event, newest first. :func:`neighbourhood` draws the resource among the
actors it acts with, one edge per counterpart and direction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kg.analytics.rows import most_specific
from kg.server.links import Link, entity_path, link
from kg.store.prefixes import PREFIXES
from kg.viz.prepare import load_style
from kg.viz.quads import QUADS, quad_of

__all__ = ["MAX_EVENTS", "EventRow", "event_rows", "neighbourhood"]

#: Events listed per page (newest first); the page says how many more there are.
MAX_EVENTS = 300
#: Counterparts drawn in the neighbourhood graph (those with most events), and relations beside them.
MAX_NEIGHBOURS = 40
MAX_RELATIONS = 12

_CKG = PREFIXES["ckg"]
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_KEYS = {_CKG + name: name for name in (
    "cameoCode", "quadClass", "goldstein", "date", "evidence", "inArticle",
    "agent", "target", "location", "claimedBy", "negated", "trigger",
)}


@dataclass(frozen=True)
class EventRow:
    """One event of the page, with the roles the page's resource has in it."""

    iri: str
    roles: tuple[str, ...]
    type: str
    code: str
    quad: int | None
    goldstein: str
    date: str
    evidence: str
    article: Link | None
    agents: tuple[Link, ...]
    targets: tuple[Link, ...]
    place: Link | None
    claimants: tuple[Link, ...]
    negated: bool

    @property
    def claimed(self) -> bool:
        """True when the article attributes the event to a speaker rather than reporting it."""
        return bool(self.claimants)

    @property
    def quad_name(self) -> str:
        """``verbal cooperation`` ... ``material conflict``, or ``unknown``."""
        return QUADS[self.quad].name if self.quad is not None and self.quad in QUADS else "unknown"

    @property
    def quad_key(self) -> str:
        """CSS class of the quad colour."""
        return QUADS[self.quad].key if self.quad is not None and self.quad in QUADS else "unknown"

    @property
    def path(self) -> str | None:
        """The event's own page."""
        return entity_path(self.iri)


def event_rows(iri: str, rows: Sequence[Mapping[str, Mapping[str, str]]], labels: Mapping[str, str]) -> list[EventRow]:
    """One :class:`EventRow` per event of the key-value rows, newest first, at most :data:`MAX_EVENTS`."""
    events: dict[str, dict[str, Any]] = {}
    for row in rows:
        event = row.get("event", {}).get("value")
        if not event:
            continue
        entry = events.setdefault(event, {"roles": set(), "classes": set(), "values": defaultdict(set)})
        role = row.get("role", {}).get("value", "")
        entry["roles"].add(role[len(_CKG):] if role.startswith(_CKG) else role)
        key, found = row.get("key", {}).get("value", ""), row.get("value", {}).get("value", "")
        if key == _RDF_TYPE:
            entry["classes"].add(found)
        elif key in _KEYS:
            entry["values"][_KEYS[key]].add(found)
    result = []
    for event, entry in events.items():
        values = entry["values"]

        def first(name: str) -> str:
            return min(values.get(name) or {""})

        def parties(name: str) -> tuple[Link, ...]:
            return tuple(sorted((link(p, labels) for p in values.get(name, ())), key=lambda p: p.label))

        article = first("inArticle")
        place = first("location")
        kind = most_specific(entry["classes"]) or "Event"
        code = first("cameoCode")
        result.append(EventRow(
            iri=event, roles=tuple(sorted(entry["roles"])), type=kind, code=code,
            quad=quad_of(first("quadClass") or None, code), goldstein=first("goldstein"),
            date=first("date")[:10], evidence=" ".join(first("evidence").split()),
            article=link(article, labels) if article else None,
            agents=parties("agent"), targets=parties("target"),
            place=link(place, labels) if place else None,
            claimants=parties("claimedBy"), negated=first("negated") in ("true", "1"),
        ))
    result.sort(key=lambda e: (e.date or "0000", e.iri), reverse=True)
    return result[:MAX_EVENTS]


def neighbourhood(
    iri: str, label: str, events: Sequence[EventRow], outgoing: Sequence[tuple[str, Any]],
    incoming: Sequence[tuple[str, Any]],
) -> dict[str, list[dict[str, Any]]]:
    """Nodes and edges of the resource's neighbourhood: counterparts in events, and relations.

    One edge per counterpart and direction, labelled with its event count
    and coloured by the side (cooperation or conflict) most of its events take.
    """
    style = load_style()
    colors = style["edge_colors"]
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    names: dict[str, str] = {}
    for event in events:
        if event.claimed and "claimedBy" in event.roles:
            continue
        side = 0 if event.quad in (1, 2) else 1 if event.quad in (3, 4) else 2
        if "agent" in event.roles:
            for party in event.targets:
                if party.iri != iri:
                    names[party.iri] = party.label
                    counts[(iri, party.iri)][side] += 1
        if "target" in event.roles:
            for party in event.agents:
                if party.iri != iri:
                    names[party.iri] = party.label
                    counts[(party.iri, iri)][side] += 1
    busiest = sorted(counts.items(), key=lambda kv: (-sum(kv[1]), kv[0]))[:MAX_NEIGHBOURS]
    nodes = {iri: {"id": iri, "label": label, "path": entity_path(iri) or "", "focus": "yes"}}
    edges = []
    for index, ((source, target), (coop, conflict, other)) in enumerate(busiest):
        for node in (source, target):
            nodes.setdefault(node, {"id": node, "label": names.get(node, node), "path": entity_path(node) or "", "focus": ""})
        colour = colors["cooperation" if coop > conflict else "conflict" if conflict > coop else "neutral"]
        total = coop + conflict + other
        edges.append({"id": f"e{index}", "source": source, "target": target, "color": colour,
                      "label": f"{total} event{'s' if total != 1 else ''}"})
    # a few relations only: the table beside the graph lists them all
    for relation, link in [*outgoing, *incoming][:MAX_RELATIONS]:
        nodes.setdefault(link.iri, {"id": link.iri, "label": link.label, "path": link.path or "", "focus": ""})
        outward = (relation, link) in outgoing
        source, target = (iri, link.iri) if outward else (link.iri, iri)
        # relations unlabelled: the table beside the graph names them
        edges.append({"id": f"r{len(edges)}", "source": source, "target": target, "color": "#c4c4c4", "label": ""})
    return {"nodes": list(nodes.values()), "edges": edges}
