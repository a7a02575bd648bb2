"""Centrality, communities, brokers and mediators of the actor network.

Every function takes the actor network of :func:`kg.analytics.actor_network`
(one edge per event) and returns plain values in a fixed order, so results
are the same on every run:

* degrees count events (an actor that attacked twice has out-degree 2);
* PageRank follows events, so parallel events weigh more;
* betweenness runs on the simple directed graph of dyads (exact up to
  ``exact_max_nodes`` actors, else sampled with a fixed seed, or exact with
  igraph when it is installed);
* communities are Louvain's on the undirected graph weighted by event counts,
  with a fixed seed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx

from kg.analytics.settings import analytics_settings

__all__ = [
    "ActorMetrics",
    "Broker",
    "actor_metrics",
    "betweenness",
    "brokers",
    "communities",
    "degrees",
    "event_counts",
    "pagerank",
]

_DIGITS = 8


def degrees(G: nx.MultiDiGraph) -> dict[str, tuple[int, int]]:
    """``{actor: (in-degree, out-degree)}``, counting events."""
    return {node: (G.in_degree(node), G.out_degree(node)) for node in sorted(G)}


def pagerank(G: nx.MultiDiGraph, *, alpha: float | None = None) -> dict[str, float]:
    """PageRank of each actor, parallel events adding up (values sum to 1).

    ``alpha`` is the damping factor (the ``pagerank_alpha`` setting, 0.85, by default).
    """
    if G.number_of_nodes() == 0:
        return {}
    alpha = analytics_settings().pagerank_alpha if alpha is None else alpha
    ranks = nx.pagerank(G, alpha=alpha, weight=None)
    return {node: round(ranks[node], _DIGITS) for node in sorted(G)}


def betweenness(
    G: nx.Graph, *, exact_max_nodes: int | None = None, sample: int | None = None, seed: int | None = None
) -> dict[str, float]:
    """Normalised betweenness of each actor on the simple graph of dyads.

    Exact when the graph has at most ``exact_max_nodes`` actors or when
    igraph is installed; otherwise estimated from ``sample`` source actors
    drawn with ``seed``. Defaults come from the ``[centrality]`` settings.
    """
    settings = analytics_settings()
    exact_max_nodes = settings.exact_max_nodes if exact_max_nodes is None else exact_max_nodes
    sample = settings.sample if sample is None else sample
    seed = settings.seed if seed is None else seed
    simple = nx.DiGraph(G) if G.is_directed() else nx.Graph(G)
    n = simple.number_of_nodes()
    if n == 0:
        return {}
    if n > exact_max_nodes:
        exact = _igraph_betweenness(simple)
        if exact is not None:
            return exact
        values = nx.betweenness_centrality(simple, k=min(sample, n), seed=seed, normalized=True)
    else:
        values = nx.betweenness_centrality(simple, normalized=True)
    return {node: round(values[node], _DIGITS) for node in sorted(simple)}


def _igraph_betweenness(simple: nx.Graph) -> dict[str, float] | None:
    try:
        import igraph
    except ImportError:
        return None
    nodes = sorted(simple)
    index = {node: i for i, node in enumerate(nodes)}
    graph = igraph.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b in simple.edges()],
                         directed=simple.is_directed())
    raw = graph.betweenness(directed=simple.is_directed())
    n = len(nodes)
    # networkx's normalisation: by the number of ordered (directed) or unordered pairs of others
    scale = float((n - 1) * (n - 2)) if n > 2 else 1.0
    if not simple.is_directed() and n > 2:
        scale /= 2
    return {node: round(value / scale, _DIGITS) for node, value in zip(nodes, raw, strict=True)}


def event_counts(G: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph whose edge ``weight`` is the number of events between the pair."""
    H = nx.Graph()
    H.add_nodes_from(sorted(G))
    for a, b in G.edges():
        if H.has_edge(a, b):
            H[a][b]["weight"] += 1
        else:
            H.add_edge(a, b, weight=1)
    return H


def communities(
    G: nx.MultiDiGraph, *, seed: int | None = None, resolution: float | None = None
) -> list[frozenset[str]]:
    """Louvain communities of actors, largest first (ties by their smallest IRI).

    Runs on :func:`event_counts`: two actors with many events between them,
    of whatever sign, are close. Defaults come from the ``[communities]`` settings.
    """
    settings = analytics_settings()
    H = event_counts(G)
    if H.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(
        H, weight="weight",
        resolution=settings.resolution if resolution is None else resolution,
        seed=settings.community_seed if seed is None else seed,
    )
    return sorted((frozenset(c) for c in found), key=lambda c: (-len(c), min(c)))


def _code_counts(G: nx.MultiDiGraph, prefixes: tuple[str, ...], *, exclude: tuple[str, ...] = ()) -> dict[str, int]:
    """Distinct events per agent whose CAMEO code starts with one of ``prefixes``."""
    events: dict[str, set[str]] = {}
    for agent, _, key, data in G.edges(keys=True, data=True):
        code = str(data.get("cameo") or "")
        if code.startswith(prefixes) and not (exclude and code.startswith(exclude)):
            events.setdefault(agent, set()).add(str(key))
    return {agent: len(found) for agent, found in events.items()}


@dataclass(frozen=True)
class ActorMetrics:
    """The metrics of one actor; ``rank`` is its place by PageRank (1 = highest)."""

    rank: int
    actor: str
    label: str
    type: str | None
    country: str | None
    sector: str | None
    degree_in: int
    degree_out: int
    pagerank: float
    betweenness: float
    community: int | None
    mediations: int


def actor_metrics(
    G: nx.MultiDiGraph,
    *,
    pagerank_values: Mapping[str, float] | None = None,
    betweenness_values: Mapping[str, float] | None = None,
    community_list: list[frozenset[str]] | None = None,
) -> list[ActorMetrics]:
    """One row per actor, ranked by PageRank, then betweenness, events and label.

    Values already computed may be passed in; the others are computed here.
    ``community`` is the actor's index in :func:`communities` (0 = largest).
    """
    ranks = pagerank(G) if pagerank_values is None else pagerank_values
    between = betweenness(G) if betweenness_values is None else betweenness_values
    groups = communities(G) if community_list is None else community_list
    member = {node: i for i, group in enumerate(groups) for node in group}
    mediations = _code_counts(G, analytics_settings().mediation_codes)
    order = sorted(
        G.nodes(data=True),
        key=lambda item: (-ranks.get(item[0], 0.0), -between.get(item[0], 0.0),
                          -G.degree(item[0]), str(item[1].get("label") or ""), item[0]),
    )
    return [
        ActorMetrics(
            rank=i, actor=node, label=str(data.get("label") or node), type=data.get("type"),
            country=data.get("country"), sector=data.get("sector"),
            degree_in=G.in_degree(node), degree_out=G.out_degree(node),
            pagerank=ranks.get(node, 0.0), betweenness=between.get(node, 0.0),
            community=member.get(node), mediations=mediations.get(node, 0),
        )
        for i, (node, data) in enumerate(order, start=1)
    ]


@dataclass(frozen=True)
class Broker:
    """An actor between others: on shortest paths (``betweenness``), or mediating.

    ``kind`` is ``mediator`` (agent of a mediation or negotiation event),
    ``broker`` (positive betweenness, no mediation) or ``broker-mediator`` (both).
    """

    actor: str
    label: str
    kind: str
    betweenness: float
    mediations: int
    consultations: int


def brokers(G: nx.MultiDiGraph, *, betweenness_values: Mapping[str, float] | None = None) -> list[Broker]:
    """Actors with positive betweenness or mediation events, the most between first.

    Mediation events are those whose CAMEO code starts with a ``[mediation]
    codes`` prefix (045 mediate, 046 negotiate) and that have the actor as
    agent; ``consultations`` counts its other consultations (CAMEO 04).
    Ordered by betweenness, then mediations, consultations, label (descending
    counts).
    """
    settings = analytics_settings()
    between = betweenness(G) if betweenness_values is None else betweenness_values
    mediations = _code_counts(G, settings.mediation_codes)
    consults = _code_counts(G, settings.consultation_codes, exclude=settings.mediation_codes)
    rows = []
    for node, data in G.nodes(data=True):
        score, mediated = between.get(node, 0.0), mediations.get(node, 0)
        if score <= 0 and not mediated:
            continue
        kind = "broker-mediator" if score > 0 and mediated else ("mediator" if mediated else "broker")
        rows.append(Broker(
            actor=node, label=str(data.get("label") or node), kind=kind, betweenness=score,
            mediations=mediated, consultations=consults.get(node, 0),
        ))
    return sorted(rows, key=lambda r: (-r.betweenness, -r.mediations, -r.consultations, r.label, r.actor))
