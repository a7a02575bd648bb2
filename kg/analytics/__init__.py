"""Actor-network analytics: projections of the store onto networkx, metrics, and graph files.

Every function returns networkx graphs or plain rows (dataclasses), so the
same calls serve the CLI and a notebook:

>>> from kg.store import Store
>>> with Store.open() as store:
...     G = actor_network(store, since="2020-09", asserted_only=True)
...     report = analyze(store)
>>> G.number_of_nodes(), report.events
(0, 0)

* Projections: :func:`actor_network` (one edge per event), :func:`dyad_graph`
  (signed, weighted), :func:`actor_event_graph` (bipartite),
  :func:`comention_graph`, or any of them by name with :func:`projection`.
* Metrics: :func:`degrees`, :func:`pagerank`, :func:`betweenness`,
  :func:`communities`, :func:`actor_metrics`, :func:`brokers`,
  :func:`dyad_summaries`, :func:`structural_balance`,
  :func:`monthly_goldstein`, :func:`escalations`.
* The whole analysis: :func:`analyze`, its tables with :func:`report_table`,
  and :func:`write_metrics` into the analytics graph.
* Files: :func:`write_graph` (GraphML, GEXF, node-link JSON, CSV) and
  :func:`export_graph`.
"""

from __future__ import annotations

from kg.analytics.dyads import (
    Balance,
    DyadMonth,
    DyadSummary,
    Triad,
    collapse_dyads,
    dyad_summaries,
    escalations,
    monthly_goldstein,
    signed_graph,
    structural_balance,
)
from kg.analytics.filters import EventFilter, Period
from kg.analytics.formats import GRAPH_FORMATS, export_graph, sanitize_graph, write_graph
from kg.analytics.metrics import (
    ActorMetrics,
    Broker,
    actor_metrics,
    betweenness,
    brokers,
    communities,
    degrees,
    event_counts,
    pagerank,
)
from kg.analytics.projections import (
    PROJECTIONS,
    actor_event_graph,
    actor_network,
    comention_graph,
    dyad_graph,
    network_from_rows,
    projection,
)
from kg.analytics.report import (
    ANALYTICS_GRAPH,
    TABLES,
    AnalysisReport,
    Community,
    analyze,
    metrics_graph,
    report_dict,
    report_table,
    write_metrics,
)
from kg.analytics.rows import EventRow, actor_attributes, article_info, event_rows, sentence_actors
from kg.analytics.settings import AnalyticsSettings, analytics_settings

__all__ = [
    "ANALYTICS_GRAPH",
    "ActorMetrics",
    "AnalysisReport",
    "AnalyticsSettings",
    "Balance",
    "Broker",
    "Community",
    "DyadMonth",
    "DyadSummary",
    "EventFilter",
    "EventRow",
    "GRAPH_FORMATS",
    "PROJECTIONS",
    "Period",
    "TABLES",
    "Triad",
    "actor_attributes",
    "actor_event_graph",
    "actor_metrics",
    "actor_network",
    "analytics_settings",
    "analyze",
    "article_info",
    "betweenness",
    "brokers",
    "collapse_dyads",
    "comention_graph",
    "communities",
    "degrees",
    "dyad_graph",
    "dyad_summaries",
    "escalations",
    "event_counts",
    "event_rows",
    "export_graph",
    "metrics_graph",
    "monthly_goldstein",
    "network_from_rows",
    "pagerank",
    "projection",
    "report_dict",
    "report_table",
    "sanitize_graph",
    "sentence_actors",
    "signed_graph",
    "structural_balance",
    "write_graph",
    "write_metrics",
]
