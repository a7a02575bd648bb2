"""What the mapping needs to know about the ontology, read from its files.

The class hierarchy that the mapping materialises comes from
``ontology/conflict.ttl`` itself, so the two cannot drift apart; the tables are
read once per process, on first use.

>>> tables = ontology_tables()
>>> [c.fragment for c in tables.classes_of("GovernmentBody")]
['Actor', 'GovernmentBody', 'Organization']
>>> tables.event_class("ASSAULT").fragment
'Assault'
>>> quad_class("0231")
1
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.errors import ConfigError
from kg.namespace import CKG
from kg.resources import ONTOLOGY_DIR

__all__ = ["OntologyTables", "ontology_tables", "quad_class"]

_NS = str(CKG._NS)


@dataclass(frozen=True)
class OntologyTables:
    """The ``ckg:`` class closure and object properties of the ontology.

    Parameters
    ----------
    superclasses : mapping of str to tuple of URIRef
        For each class (by local name), itself and every ``ckg:`` class it is a
        subclass of, directly or not, sorted.
    object_properties : frozenset of str
        Local names of the ``ckg:`` object properties.
    """

    superclasses: Mapping[str, tuple[URIRef, ...]]
    object_properties: frozenset[str]

    def classes_of(self, name: str) -> tuple[URIRef, ...]:
        """Every ``ckg:`` class an instance of ``name`` belongs to.

        Raises
        ------
        KeyError
            If ``name`` is not a ``ckg:`` class.
        """
        return self.superclasses[name]

    def event_class(self, name: str) -> URIRef:
        """The event class for a PLOVER type (``"ASSAULT"``) or class name (``"Accuse"``).

        Raises
        ------
        KeyError
            If neither ``name`` nor its title-cased form is a subclass of ``ckg:Event``.
        """
        for candidate in (name, name.title()):
            if CKG.Event in self.superclasses.get(candidate, ()):
                return URIRef(_NS + candidate)
        raise KeyError(name)


def _local(term: object) -> str | None:
    text = str(term)
    return text[len(_NS):] if isinstance(term, URIRef) and text.startswith(_NS) else None


@cache
def ontology_tables(path: Path | None = None) -> OntologyTables:
    """Read the class closure and object properties from the ontology file.

    Parameters
    ----------
    path : Path, optional
        The ontology in Turtle; ``ontology/conflict.ttl`` by default.

    Raises
    ------
    ConfigError
        If the file is missing or is not valid Turtle.
    """
    path = path or ONTOLOGY_DIR / "conflict.ttl"
    try:
        graph = Graph().parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as e:
        raise ConfigError(
            f"{path}: cannot read the ontology ({e}); reinstall kg or restore the file"
        ) from e
    parents: dict[str, set[str]] = {}
    for cls in graph.subjects(RDF.type, OWL.Class):
        name = _local(cls)
        if name is None:
            continue
        parents[name] = {p for p in map(_local, graph.objects(cls, RDFS.subClassOf)) if p}
    closure: dict[str, tuple[URIRef, ...]] = {}
    for name in parents:
        seen: set[str] = set()
        todo = [name]
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                todo.extend(parents.get(current, ()))
        closure[name] = tuple(URIRef(_NS + n) for n in sorted(seen))
    properties = frozenset(
        name for name in map(_local, graph.subjects(RDF.type, OWL.ObjectProperty)) if name
    )
    return OntologyTables(superclasses=MappingProxyType(closure), object_properties=properties)


def quad_class(cameo: str) -> int | None:
    """The CAMEO quad class (1-4) of a CAMEO code, from its two-digit root.

    Read from the same CAMEO table the event coder uses, so the two agree.

    >>> quad_class("190"), quad_class("99")
    (4, None)
    """
    from kg.events.cameo import cameo_codes

    root = cameo_codes().get(cameo[:2])
    return root.quad_class if root is not None else None
