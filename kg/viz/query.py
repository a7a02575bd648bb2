"""Choose the part of the actor network to draw with a SPARQL query.

A CONSTRUCT keeps the actors (and events) its triples name; a SELECT keeps the
actors (and events) bound anywhere in its rows. When the query names events,
only those events' edges are kept; otherwise every edge between the actors
kept is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rdflib import URIRef

from kg.errors import QueryError
from kg.queries import bind_params, resolve_query
from kg.store import GraphResult, SelectResult, Store

__all__ = ["network_title", "restrict", "subgraph_from_query"]


def restrict(G: Any, iris: Iterable[str]) -> Any:
    """The part of ``G`` that a set of IRIs (actors, events) picks out.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        Actor network, one edge per event with an ``event`` attribute.
    iris : iterable of str
        IRIs found in a query's answer; those that are not actors or events
        of ``G`` are ignored.

    Returns
    -------
    networkx.MultiDiGraph
        A new graph. With events among ``iris``: those events' edges, their
        endpoints and the other actors named. Otherwise: the actors named and
        every edge among them.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", event="e1")
    0
    >>> G.add_edge("b", "c", event="e2")
    0
    >>> sorted(restrict(G, ["a", "b"]).edges())
    [('a', 'b')]
    >>> sorted(restrict(G, ["e2"]).nodes())
    ['b', 'c']
    """
    wanted = set(iris)
    actors = {node for node in G.nodes if str(node) in wanted}
    events = [
        (source, target, key)
        for source, target, key, event in G.edges(keys=True, data="event")
        if event is not None and str(event) in wanted
    ]
    if events:
        chosen = G.edge_subgraph(events).copy()
        chosen.add_nodes_from((node, G.nodes[node]) for node in actors)
        return chosen
    return G.subgraph(actors).copy()


def subgraph_from_query(
    store: Store,
    query: str,
    *,
    G: Any = None,
    params: Mapping[str, str] | None = None,
) -> Any:
    """The actor network restricted to what a SPARQL query returns.

    Parameters
    ----------
    store : kg.store.Store
        The store to query (and to project, when ``G`` is not given).
    query : str
        A CONSTRUCT or SELECT: SPARQL text, the path of a ``.rq`` file, or the
        name of a library query (see :func:`kg.queries.resolve_query`).
    G : networkx.MultiDiGraph, optional
        The actor network to cut from; by default
        ``kg.analytics.actor_network(store)``.
    params : mapping, optional
        Values for the query's declared parameters (``{"country": "ARM"}``).

    Returns
    -------
    networkx.MultiDiGraph
        See :func:`restrict`.

    Raises
    ------
    QueryError
        For an unknown query, a syntax error, or an ASK query (which names nothing).
    """
    text = resolve_query(query)
    if params:
        text = bind_params(text, params)
    result = store.query(text)
    if isinstance(result, GraphResult):
        iris = {str(term) for triple in result.triples for term in (triple[0], triple[2]) if isinstance(term, URIRef)}
    elif isinstance(result, SelectResult):
        # IRIs come back as str; a string literal equal to an actor's IRI is harmless
        iris = {value for row in result.rows for value in row if isinstance(value, str)}
    else:
        raise QueryError("an ASK query names no actors to draw; give a SELECT or CONSTRUCT query")
    if G is None:
        from kg.analytics import actor_network

        G = actor_network(store)
    return restrict(G, iris)


def network_title(
    query: str | None,
    *,
    params: Mapping[str, str] | None = None,
    since: str | None = None,
    until: str | None = None,
    types: Iterable[str] | None = None,
    country: str | None = None,
) -> str:
    """A title that says what a network picture shows: the query's own title and the filters.

    >>> network_title("who_accuses_whom", params={"actor": "Armenia"})
    'Who accuses whom (actor Armenia)'
    >>> network_title(None, since="2020-09", types=["Fight"])
    'Actor network, events from 2020-09, type Fight'
    """
    from kg.queries import get_query

    if query is None:
        title = "Actor network"
    else:
        try:
            title = get_query(query).title or query
        except QueryError:
            title = "Actor network chosen by a query"
    if params:
        title += " (" + ", ".join(f"{name} {value}" for name, value in sorted(params.items())) + ")"
    parts = []
    if since or until:
        parts.append("events " + (f"from {since}" if since else "") + (" " if since and until else "") + (f"to {until}" if until else ""))
    if types:
        parts.append("type " + ", ".join(types))
    if country:
        parts.append(f"country {country.upper()}")
    return ", ".join([title, *parts])
