"""One call for the whole analysis, its tables, and its metrics written back to the store.

``kg analyze`` is :func:`analyze` then :func:`report_table` for each table (or
:func:`report_dict` for JSON), and ``kg analyze --write`` adds
:func:`write_metrics`, after which SPARQL can rank actors::

    SELECT DISTINCT ?label ?pagerank WHERE {
      GRAPH <https://w3id.org/conflict-kg/id/graph/analytics> { ?actor ckg:pagerank ?pagerank }
      ?actor rdfs:label ?label
    } ORDER BY DESC(?pagerank)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any

from rdflib import Graph, Literal, URIRef

from kg.analytics.dyads import (
    Balance,
    DyadMonth,
    DyadSummary,
    Triad,
    dyad_summaries,
    monthly_goldstein,
    structural_balance,
)
from kg.analytics.filters import EventFilter
from kg.analytics.metrics import ActorMetrics, Broker, actor_metrics, betweenness, brokers, communities
from kg.analytics.projections import network_from_rows
from kg.analytics.rows import event_rows
from kg.errors import ConfigError
from kg.ids import minted_iri
from kg.mapping.literals import decimal_literal
from kg.namespace import CKG
from kg.store import Store

__all__ = [
    "ANALYTICS_GRAPH",
    "TABLES",
    "AnalysisReport",
    "Community",
    "analyze",
    "metrics_graph",
    "report_dict",
    "report_table",
    "write_metrics",
]

#: The named graph holding the metrics :func:`write_metrics` stores.
ANALYTICS_GRAPH = minted_iri("graph", "analytics")

#: The tables of a report, as ``kg analyze --table`` names them.
TABLES = ("actors", "dyads", "communities", "balance", "triads", "escalation", "months", "brokers")


@dataclass(frozen=True)
class Community:
    """One Louvain community: its number (0 = largest), size and members (labels and IRIs)."""

    community: int
    size: int
    labels: str
    members: str


@dataclass(frozen=True)
class AnalysisReport:
    """The tables of one analysis of the actor network.

    Attributes
    ----------
    filter : EventFilter
        The events analysed.
    actors : tuple of ActorMetrics
        Actors ranked by PageRank.
    dyads : tuple of DyadSummary
        Directed pairs, most events first.
    communities : tuple of Community
        Louvain communities, largest first.
    balance : Balance
        Balanced and unbalanced triads of the signed graph (with the triads).
    months : tuple of DyadMonth
        Goldstein sum per pair per month.
    escalation : tuple of DyadMonth
        The months of ``months`` where a pair's sum drops sharply.
    brokers : tuple of Broker
        Actors on shortest paths between others, and mediators.
    events, edges : int
        Events and agent-target edges analysed.
    """

    filter: EventFilter
    actors: tuple[ActorMetrics, ...] = ()
    dyads: tuple[DyadSummary, ...] = ()
    communities: tuple[Community, ...] = ()
    balance: Balance = field(default_factory=lambda: Balance(0, 0, 0, 1.0))
    months: tuple[DyadMonth, ...] = ()
    escalation: tuple[DyadMonth, ...] = ()
    brokers: tuple[Broker, ...] = ()
    events: int = 0
    edges: int = 0


def analyze(
    store: Store,
    *,
    since: str | date | None = None,
    until: str | date | None = None,
    types: Iterable[str] | None = None,
    country: str | None = None,
    asserted_only: bool = False,
    include_negated: bool = False,
) -> AnalysisReport:
    """Analyse the actor network of the events the filters keep.

    Takes the filters of :func:`kg.analytics.actor_network` and reads the
    store once for the events and once for the actors.

    Returns
    -------
    AnalysisReport
        Every table, ready for :func:`report_table` or :func:`write_metrics`.

    Raises
    ------
    ConfigError
        For a malformed filter.
    """
    event_filter = EventFilter.build(
        since=since, until=until, types=types, country=country,
        asserted_only=asserted_only, include_negated=include_negated,
    )
    G = network_from_rows(store, event_rows(store, event_filter))
    between = betweenness(G)
    groups = communities(G)
    months = monthly_goldstein(G)
    return AnalysisReport(
        filter=event_filter,
        actors=tuple(actor_metrics(G, betweenness_values=between, community_list=groups)),
        dyads=tuple(dyad_summaries(G)),
        communities=tuple(
            Community(
                community=i, size=len(group),
                labels="; ".join(sorted(str(G.nodes[n].get("label") or n) for n in group)),
                members=" ".join(sorted(group)),
            )
            for i, group in enumerate(groups)
        ),
        balance=structural_balance(G),
        months=tuple(months),
        escalation=tuple(sorted((m for m in months if m.escalation), key=lambda m: (m.change, m.month, m.a, m.b))),
        brokers=tuple(brokers(G, betweenness_values=between)),
        events=len({key for _, _, key in G.edges(keys=True)}),
        edges=G.number_of_edges(),
    )


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def report_table(report: AnalysisReport, table: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """One table of the report as ``(variables, rows)`` for :func:`kg.tables.write_rows`.

    Parameters
    ----------
    report : AnalysisReport
        What :func:`analyze` returned.
    table : str
        One of :data:`TABLES`. ``balance`` is one row of counts; ``triads``
        lists the triads behind it.

    Raises
    ------
    ConfigError
        For an unknown table name.
    """
    items: tuple[Any, ...]
    kind: type
    if table == "balance":
        variables = ["triads", "balanced", "unbalanced", "ratio"]
        b = report.balance
        return variables, [(b.triads, b.balanced, b.unbalanced, b.ratio)]
    tables: dict[str, tuple[type, tuple[Any, ...]]] = {
        "actors": (ActorMetrics, report.actors),
        "dyads": (DyadSummary, report.dyads),
        "communities": (Community, report.communities),
        "triads": (Triad, report.balance.details),
        "escalation": (DyadMonth, report.escalation),
        "months": (DyadMonth, report.months),
        "brokers": (Broker, report.brokers),
    }
    if table not in tables:
        raise ConfigError(f"unknown table {table!r}; use one of {', '.join(TABLES)}")
    kind, items = tables[table]
    variables = [f.name for f in fields(kind)]
    return variables, [tuple(_plain(getattr(item, name)) for name in variables) for item in items]


def report_dict(report: AnalysisReport) -> dict[str, Any]:
    """The whole report as JSON-ready data: the filter, the counts and every table as a list of objects."""
    data: dict[str, Any] = {
        "filter": {k: _plain(v) if not isinstance(v, tuple) else list(v) for k, v in asdict(report.filter).items()},
        "events": report.events,
        "edges": report.edges,
    }
    for table in TABLES:
        variables, rows = report_table(report, table)
        data[table] = [dict(zip(variables, row, strict=True)) for row in rows]
    return data


def metrics_graph(report: AnalysisReport) -> Graph:
    """The metrics of each actor as triples (``ckg:pagerank``, ``ckg:betweenness``,
    ``ckg:community``, ``ckg:degreeIn``, ``ckg:degreeOut``), named :data:`ANALYTICS_GRAPH`."""
    graph = Graph(identifier=URIRef(ANALYTICS_GRAPH))
    graph.bind("ckg", CKG._NS)
    for row in report.actors:
        node = URIRef(row.actor)
        graph.add((node, CKG.pagerank, decimal_literal(row.pagerank)))
        graph.add((node, CKG.betweenness, decimal_literal(row.betweenness)))
        graph.add((node, CKG.degreeIn, Literal(row.degree_in)))
        graph.add((node, CKG.degreeOut, Literal(row.degree_out)))
        if row.community is not None:
            graph.add((node, CKG.community, Literal(row.community)))
    return graph


def write_metrics(store: Store, report: AnalysisReport) -> int:
    """Store the report's actor metrics in the analytics graph, replacing what it held.

    The old graph is dropped and the new one written in one transaction, so a
    query sees either the previous analysis or this one. The graph lies in
    the union of graphs that queries see, so SPARQL can use the metrics.

    Returns
    -------
    int
        Number of triples written.

    Raises
    ------
    StoreError
        If the store is read-only or cannot be written.
    """
    graph = metrics_graph(report)
    # replace_articles writes any named graph: DROP and INSERT as one update
    store.replace_articles([(ANALYTICS_GRAPH, graph)])
    return len(graph)
