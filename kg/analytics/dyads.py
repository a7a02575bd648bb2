"""Dyads: pairs of actors, what passed between them, its balance and its escalation.

All functions take the actor network of :func:`kg.analytics.actor_network`
(one edge per event) and return graphs or plain rows in a fixed order.

* :func:`collapse_dyads` sums each pair's events into one signed, weighted edge.
* :func:`dyad_summaries` gives one row per directed pair.
* :func:`structural_balance` counts balanced and unbalanced signed triads.
* :func:`monthly_goldstein` and :func:`escalations` follow each pair month by
  month and mark the months where its Goldstein sum drops sharply.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import networkx as nx

from kg.analytics.filters import Period
from kg.analytics.settings import analytics_settings

__all__ = [
    "Balance",
    "DyadMonth",
    "DyadSummary",
    "Triad",
    "collapse_dyads",
    "dyad_summaries",
    "escalations",
    "monthly_goldstein",
    "signed_graph",
    "structural_balance",
]

_DIGITS = 6


def _label(G: nx.Graph, node: str) -> str:
    return str(G.nodes[node].get("label") or node)


def _period_key(text: str | None) -> tuple[date, date, str]:
    period = Period.parse(text)
    if period is None:
        return (date.max, date.max, text or "")
    return (period.start, period.end, text or "")


@dataclass(frozen=True)
class DyadSummary:
    """What one actor did to another, summed over events.

    ``cooperation`` and ``conflict`` count events of CAMEO quad classes 1-2
    and 3-4; ``positive`` and ``negative`` count events of positive and
    negative Goldstein score; ``first`` and ``last`` are event dates (ISO text
    of their own precision).
    """

    source: str
    target: str
    source_label: str
    target_label: str
    events: int
    goldstein_sum: float
    goldstein_mean: float
    positive: int
    negative: int
    cooperation: int
    conflict: int
    first: str | None
    last: str | None


def _summaries(G: nx.MultiDiGraph, *, directed: bool) -> dict[tuple[str, str], DyadSummary]:
    groups: dict[tuple[str, str], list[dict[str, object]]] = {}
    for agent, target, data in G.edges(data=True):
        pair = (agent, target) if directed else tuple(sorted((agent, target)))
        groups.setdefault(pair, []).append(data)  # type: ignore[arg-type]
    summaries = {}
    for (a, b), events in groups.items():
        scores = [float(e["goldstein"]) for e in events]  # type: ignore[arg-type]
        dates = sorted((str(e["date"]) for e in events if e.get("date")), key=_period_key)
        quads = [e.get("quad_class") for e in events]
        total = round(sum(scores), _DIGITS)
        summaries[(a, b)] = DyadSummary(
            source=a, target=b, source_label=_label(G, a), target_label=_label(G, b),
            events=len(events), goldstein_sum=total,
            goldstein_mean=round(sum(scores) / len(scores), _DIGITS),
            positive=sum(s > 0 for s in scores), negative=sum(s < 0 for s in scores),
            cooperation=sum(q in (1, 2) for q in quads), conflict=sum(q in (3, 4) for q in quads),
            first=dates[0] if dates else None, last=dates[-1] if dates else None,
        )
    return summaries


def dyad_summaries(G: nx.MultiDiGraph, *, directed: bool = True) -> list[DyadSummary]:
    """One row per pair of actors, most events first.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The actor network.
    directed : bool
        Keep ``A -> B`` and ``B -> A`` apart; with False, each unordered pair
        is one row with ``source < target`` by IRI.

    Returns
    -------
    list of DyadSummary
        Ordered by events (descending), then labels and IRIs.
    """
    rows = _summaries(G, directed=directed).values()
    return sorted(rows, key=lambda r: (-r.events, r.source_label, r.target_label, r.source, r.target))


def collapse_dyads(G: nx.MultiDiGraph, *, directed: bool = True) -> nx.DiGraph | nx.Graph:
    """The signed, weighted dyad graph of an actor network.

    Each edge carries the fields of :class:`DyadSummary` (``events``,
    ``goldstein_sum``, ``goldstein_mean``, ``positive``, ``negative``,
    ``cooperation``, ``conflict``, ``first``, ``last``), plus ``weight`` (the
    Goldstein sum) and ``sign`` (+1, -1 or 0 by the sum's sign).
    """
    H: nx.DiGraph | nx.Graph = nx.DiGraph(projection="dyads") if directed else nx.Graph(projection="dyads")
    H.add_nodes_from(sorted(G.nodes(data=True)))
    for (a, b), row in sorted(_summaries(G, directed=directed).items()):
        sign = (row.goldstein_sum > 0) - (row.goldstein_sum < 0)
        H.add_edge(
            a, b, weight=row.goldstein_sum, sign=sign, events=row.events,
            goldstein_sum=row.goldstein_sum, goldstein_mean=row.goldstein_mean,
            positive=row.positive, negative=row.negative, cooperation=row.cooperation,
            conflict=row.conflict, first=row.first, last=row.last,
        )
    return H


def signed_graph(G: nx.MultiDiGraph) -> nx.Graph:
    """The undirected signed graph: an edge of ``sign`` +1 or -1 per pair whose Goldstein sum is not 0."""
    H = collapse_dyads(G, directed=False)
    H.remove_edges_from([(a, b) for a, b, s in H.edges(data="sign") if s == 0])
    return H


@dataclass(frozen=True)
class Triad:
    """Three actors all linked in the signed graph, with the signs of their three pairs."""

    a: str
    b: str
    c: str
    labels: str
    signs: str
    balanced: bool


@dataclass(frozen=True)
class Balance:
    """Structural balance of the signed graph.

    A triad is balanced when the product of its signs is positive ("the enemy
    of my enemy is my friend", or three friends), unbalanced otherwise.
    ``ratio`` is balanced / triads (1.0 for a graph without triads).
    """

    triads: int
    balanced: int
    unbalanced: int
    ratio: float
    details: tuple[Triad, ...] = ()


def structural_balance(G: nx.MultiDiGraph) -> Balance:
    """Count the balanced and unbalanced triads of the actor network's signed graph.

    Returns
    -------
    Balance
        The counts, and every triad in ``details`` (unbalanced first, then by IRIs).
    """
    S = signed_graph(G)
    triads = []
    for a, b in S.edges():
        a, b = sorted((a, b))
        for c in sorted(set(S[a]) & set(S[b])):
            if c > b:  # each triangle once, from its two smallest nodes
                signs = (S[a][b]["sign"], S[a][c]["sign"], S[b][c]["sign"])
                triads.append(Triad(
                    a=a, b=b, c=c,
                    labels=f"{_label(S, a)} / {_label(S, b)} / {_label(S, c)}",
                    signs="".join("+" if s > 0 else "-" for s in signs),
                    balanced=signs[0] * signs[1] * signs[2] > 0,
                ))
    triads.sort(key=lambda t: (t.balanced, t.a, t.b, t.c))
    balanced = sum(t.balanced for t in triads)
    return Balance(
        triads=len(triads), balanced=balanced, unbalanced=len(triads) - balanced,
        ratio=round(balanced / len(triads), _DIGITS) if triads else 1.0, details=tuple(triads),
    )


@dataclass(frozen=True)
class DyadMonth:
    """One pair of actors (either direction) in one month.

    ``change`` is the Goldstein sum minus the previous calendar month's (0 when
    the pair had no events then), None in the pair's first month;
    ``escalation`` is True when the change is at or below ``-drop``.
    """

    a: str
    b: str
    a_label: str
    b_label: str
    month: str
    events: int
    goldstein_sum: float
    goldstein_mean: float
    change: float | None
    escalation: bool


def _previous_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    return f"{year - 1:04d}-12" if number == 1 else f"{year:04d}-{number - 1:02d}"


def monthly_goldstein(G: nx.MultiDiGraph, *, drop: float | None = None) -> list[DyadMonth]:
    """Goldstein sum per unordered pair of actors per month, with the sharp drops marked.

    Events dated only to the year cannot be placed in a month and are left out.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The actor network.
    drop : float, optional
        How far the sum must fall below the previous calendar month's for an
        escalation; the ``[escalation] drop`` setting (10, one military
        attack's weight) by default.

    Returns
    -------
    list of DyadMonth
        Ordered by pair (labels, then IRIs), then month.
    """
    threshold = analytics_settings().escalation_drop if drop is None else drop
    cells: dict[tuple[str, str], dict[str, list[float]]] = {}
    for agent, target, data in G.edges(data=True):
        period = Period.parse(data.get("date"))
        month = period.month if period else None
        if month is None:
            continue
        a, b = sorted((agent, target))
        cells.setdefault((a, b), {}).setdefault(month, []).append(float(data["goldstein"]))
    rows = []
    for (a, b), months in cells.items():
        first = min(months)
        for month, scores in sorted(months.items()):
            total = round(sum(scores), _DIGITS)
            change = None
            if month != first:
                before = months.get(_previous_month(month), [])
                change = round(total - sum(before), _DIGITS)
            rows.append(DyadMonth(
                a=a, b=b, a_label=_label(G, a), b_label=_label(G, b), month=month,
                events=len(scores), goldstein_sum=total,
                goldstein_mean=round(sum(scores) / len(scores), _DIGITS), change=change,
                escalation=change is not None and change <= -threshold,
            ))
    rows.sort(key=lambda r: (r.a_label, r.b_label, r.a, r.b, r.month))
    return rows


def escalations(G: nx.MultiDiGraph, *, drop: float | None = None) -> list[DyadMonth]:
    """The months of :func:`monthly_goldstein` that escalate, the steepest drop first."""
    rows: Iterable[DyadMonth] = monthly_goldstein(G, drop=drop)
    found = [r for r in rows if r.escalation]
    return sorted(found, key=lambda r: (r.change, r.month, r.a, r.b))
