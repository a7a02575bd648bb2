"""Resources shown as links: the page path of a resource of this graph.

>>> entity_path("https://w3id.org/conflict-kg/id/person/mara-olin")
'/entity/person/mara-olin'
>>> entity_path("https://example.org/x") is None
True
>>> link("https://w3id.org/conflict-kg/id/country/arm", {}).label
'arm'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kg.ids import ID_BASE

__all__ = ["Link", "entity_path", "link"]


def entity_path(iri: str) -> str | None:
    """The page path of a resource of this graph, or None for an outside IRI."""
    if iri.startswith(ID_BASE) and len(iri) > len(ID_BASE):
        return "/entity/" + iri[len(ID_BASE):]
    return None


@dataclass(frozen=True)
class Link:
    """A resource shown as a link: its label, IRI and page path (None outside the graph)."""

    label: str
    iri: str
    path: str | None


def link(iri: str, labels: Mapping[str, str]) -> Link:
    """The link to ``iri``, labelled from ``labels`` or by the last segment of the IRI."""
    return Link(labels.get(iri) or iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1], iri, entity_path(iri))
