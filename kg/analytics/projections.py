"""Projections of the store onto networkx graphs: who acts on whom, and who is named with whom.

Each projection reads the store (:mod:`kg.analytics.rows`) with one SELECT
for the events (or mentions) and one for the attributes of the actors they
involve, then builds the graph in Python. Queries run over the union of the
article graphs, so an actor named by many articles is one node.

* :func:`actor_network`: one edge per event, agent to target (``MultiDiGraph``).
* :func:`dyad_graph`: one weighted, signed edge per pair of actors.
* :func:`actor_event_graph`: actors and events, bipartite.
* :func:`comention_graph`: actors named in the same sentence.

Nodes are actor IRIs with ``label``, ``type`` (most specific ``ckg:`` class),
``country`` and ``sector`` (``;``-joined when articles disagree, else one
value or None). An actor acting on itself makes no edge.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from itertools import combinations

import networkx as nx

from kg.analytics.filters import EventFilter
from kg.analytics.rows import EventRow, actor_attributes, event_rows, sentence_actors
from kg.errors import ConfigError
from kg.store import Store

__all__ = [
    "PROJECTIONS",
    "actor_event_graph",
    "actor_network",
    "comention_graph",
    "dyad_graph",
    "network_from_rows",
    "projection",
]

#: Names of the projections, as ``kg export --projection`` takes them.
PROJECTIONS = ("actors", "dyads", "bipartite", "comention")


def _add_actors(G: nx.Graph, store: Store, actors: Iterable[str], **extra: object) -> None:
    for iri, attributes in sorted(actor_attributes(store, actors).items()):
        G.add_node(iri, **attributes, **extra)


def actor_network(
    store: Store,
    *,
    since: str | date | None = None,
    until: str | date | None = None,
    types: Iterable[str] | None = None,
    country: str | None = None,
    asserted_only: bool = False,
    include_negated: bool = False,
) -> nx.MultiDiGraph:
    """The actor-to-actor network: one edge per event, from each agent to each target.

    Parameters
    ----------
    store : Store
        The store to read.
    since, until : str or date, optional
        Date range (ISO dates of any precision); events whose date overlaps it
        are kept. An event without its own date takes its article's.
    types : iterable of str, optional
        Event types to keep (``ASSAULT``, ``Accuse``; subclasses count).
    country : str, optional
        Keep only edges with an agent or target of this ISO alpha-3 code.
    asserted_only : bool
        Leave out events that someone in the article claims.
    include_negated : bool
        Keep events the text says did not happen (left out by default).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes are actor IRIs (``label``, ``type``, ``country``, ``sector``);
        each edge's key is the event IRI, with attributes ``event``, ``type``,
        ``cameo``, ``goldstein``, ``quad_class``, ``date``, ``date_source``,
        ``article``, ``claimed``, ``claimed_by`` (a tuple of actor IRIs),
        ``negated``, ``modality``, ``confidence`` and ``evidence``.

    Raises
    ------
    ConfigError
        For a malformed filter (see :meth:`EventFilter.build`).
    """
    event_filter = EventFilter.build(
        since=since, until=until, types=types, country=country,
        asserted_only=asserted_only, include_negated=include_negated,
    )
    return network_from_rows(store, event_rows(store, event_filter))


def network_from_rows(store: Store, rows: Iterable[EventRow]) -> nx.MultiDiGraph:
    """The :func:`actor_network` of event rows already read."""
    pairs = [row for row in rows if row.agent and row.target and row.agent != row.target]
    G = nx.MultiDiGraph(projection="actors")
    _add_actors(G, store, (iri for row in pairs for iri in (row.agent, row.target) if iri))
    for row in pairs:
        G.add_edge(row.agent, row.target, key=row.event, **row.edge_attributes())
    return G


def dyad_graph(
    store: Store,
    *,
    since: str | date | None = None,
    until: str | date | None = None,
    types: Iterable[str] | None = None,
    country: str | None = None,
    asserted_only: bool = False,
    include_negated: bool = False,
    directed: bool = True,
) -> nx.DiGraph | nx.Graph:
    """The signed, weighted dyad graph: each pair's events summed into one edge.

    Takes the filters of :func:`actor_network`. With ``directed=False`` the
    two directions of a pair are summed together. Edge attributes are those
    of :func:`kg.analytics.dyads.collapse_dyads` (``weight`` is the Goldstein sum).
    """
    from kg.analytics.dyads import collapse_dyads

    G = actor_network(
        store, since=since, until=until, types=types, country=country,
        asserted_only=asserted_only, include_negated=include_negated,
    )
    return collapse_dyads(G, directed=directed)


def actor_event_graph(
    store: Store,
    *,
    since: str | date | None = None,
    until: str | date | None = None,
    types: Iterable[str] | None = None,
    country: str | None = None,
    asserted_only: bool = False,
    include_negated: bool = False,
) -> nx.Graph:
    """The bipartite graph of actors and the events they take part in.

    Takes the filters of :func:`actor_network`; unlike it, events with an
    agent but no target (statements) are kept. Actor nodes have
    ``bipartite=0``, ``kind="actor"`` and the actor attributes; event nodes
    ``bipartite=1``, ``kind="event"``, ``label`` (type and date) and the
    event's attributes. Each edge has ``role``: ``agent``, ``target`` or both
    (``agent;target``).
    """
    event_filter = EventFilter.build(
        since=since, until=until, types=types, country=country,
        asserted_only=asserted_only, include_negated=include_negated,
    )
    rows = event_rows(store, event_filter)
    roles: dict[tuple[str, str], set[str]] = {}
    events: dict[str, EventRow] = {}
    for row in rows:
        events.setdefault(row.event, row)
        for role, actor in (("agent", row.agent), ("target", row.target)):
            if actor:
                roles.setdefault((actor, row.event), set()).add(role)
    G = nx.Graph(projection="bipartite")
    _add_actors(G, store, (actor for actor, _ in roles), kind="actor", bipartite=0)
    for iri, row in sorted(events.items()):
        attributes = row.edge_attributes()
        G.add_node(iri, kind="event", bipartite=1, label=f"{row.type} {row.date or ''}".strip(), **attributes)
    for (actor, event), found in sorted(roles.items()):
        G.add_edge(actor, event, role=";".join(sorted(found)))
    return G


def comention_graph(store: Store, *, min_count: int = 1) -> nx.Graph:
    """Actors named in the same sentence, weighted by how many sentences name both.

    Parameters
    ----------
    store : Store
        The store to read; sentences come from the mentions' ``ckg:sentenceStart``
        and ``ckg:sentenceEnd`` (mentions without them are skipped).
    min_count : int
        Keep pairs named together in at least this many sentences; actors
        left without a pair are dropped.

    Returns
    -------
    networkx.Graph
        Nodes as in :func:`actor_network`; edges with ``weight`` (sentences).
    """
    if min_count < 1:
        raise ConfigError(f"min_count must be at least 1, not {min_count}")
    counts: Counter[tuple[str, str]] = Counter()
    for actors in sentence_actors(store).values():
        counts.update(combinations(sorted(actors), 2))
    kept = {pair: n for pair, n in counts.items() if n >= min_count}
    G = nx.Graph(projection="comention")
    _add_actors(G, store, (actor for pair in kept for actor in pair))
    for (a, b), n in sorted(kept.items()):
        G.add_edge(a, b, weight=n)
    return G


def projection(
    store: Store,
    name: str,
    *,
    since: str | date | None = None,
    until: str | date | None = None,
    types: Iterable[str] | None = None,
    country: str | None = None,
    asserted_only: bool = False,
    include_negated: bool = False,
    min_count: int = 1,
) -> nx.Graph:
    """One of the :data:`PROJECTIONS` by name (what ``kg export --projection`` draws).

    The co-mention projection ignores the event filters and takes ``min_count``.

    Raises
    ------
    ConfigError
        For an unknown projection name or a malformed filter.
    """
    filters = {
        "since": since, "until": until, "types": types, "country": country,
        "asserted_only": asserted_only, "include_negated": include_negated,
    }
    if name == "actors":
        return actor_network(store, **filters)  # type: ignore[arg-type]
    if name == "dyads":
        return dyad_graph(store, **filters)  # type: ignore[arg-type]
    if name == "bipartite":
        return actor_event_graph(store, **filters)  # type: ignore[arg-type]
    if name == "comention":
        return comention_graph(store, min_count=min_count)
    raise ConfigError(f"unknown projection {name!r}; use one of {', '.join(PROJECTIONS)}")
