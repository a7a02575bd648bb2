"""What a timeline draws: events per pair of actors, counted by period and CAMEO quad class.

Each :class:`Dyad` is one pair of actors (either direction) with its events.
:func:`buckets` counts them per period (a day, a week or a month, whichever
keeps the bars readable over the span shown) and quad class: cooperation
(verbal, material) above the axis, conflict below. :func:`axis_range` finds
the span the bulk of the events covers, so that one stray date (a
historical reference, a parse error) does not squeeze a year of events into
a few pixels; the events outside are counted, and drawn when asked.

>>> rows = [
...     {"agent": "a", "target": "b", "agent_label": "A", "target_label": "B", "date": "2020-10-01", "cameo": "190"},
...     {"agent": "b", "target": "a", "agent_label": "B", "target_label": "A", "date": "2020-10-01", "cameo": "036"},
... ]
>>> [(d.labels, len(d.events)) for d in dyads(rows)]
[(('A', 'B'), 2)]
>>> [(b.start, b.counts) for b in buckets(dyads(rows)[0].events, "day")]
[('2020-10-01', (1, 0, 0, 1))]
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kg.store import Store
from kg.viz.prepare import date_period, node_label
from kg.viz.quads import quad_of

__all__ = ["Bucket", "Dyad", "axis_range", "bucket_size", "buckets", "dyads", "event_rows", "only_dyad"]

#: Bucket sizes, and the most buckets a span may take before the next size is used.
SIZES = (("day", 1), ("week", 7), ("month", 31))
MAX_BUCKETS = 120


@dataclass(frozen=True)
class Dyad:
    """The dated events of one pair of actors, sorted by day (each row has ``day`` and ``quad``)."""

    actors: tuple[str, str]
    labels: tuple[str, str]
    events: list[Mapping[str, Any]] = field(default_factory=list)

    @property
    def name(self) -> str:
        """``Armenia – Azerbaijan``."""
        return f"{self.labels[0]} \u2013 {self.labels[1]}"


@dataclass(frozen=True)
class Bucket:
    """Events of one period: ``counts`` by quad class 1-4, and the events themselves."""

    start: str
    end: str
    counts: tuple[int, int, int, int]
    events: tuple[Mapping[str, Any], ...]


def event_rows(source: Store | Any, *, dyad: tuple[str, str] | None = None) -> list[dict[str, Any]]:
    """Events with an agent and a target as plain rows (for a notebook or the timeline).

    Parameters
    ----------
    source : Store or networkx.MultiDiGraph
        The store (projected with :func:`kg.analytics.actor_network`) or an
        actor network.
    dyad : (str, str), optional
        Keep only events between these two actors (IRI or label, any case,
        either direction).

    Returns
    -------
    list of dict
        The edge attributes of the actor network (``event``, ``type``,
        ``cameo``, ``quad_class``, ``goldstein``, ``date``, ``evidence``,
        ``article``, ...) with ``agent``, ``agent_label``, ``target`` and
        ``target_label``.
    """
    if isinstance(source, Store):
        from kg.analytics import actor_network

        source = actor_network(source)
    rows = [
        {**attrs, "agent": agent, "target": target,
         "agent_label": node_label(source, agent), "target_label": node_label(source, target)}
        for agent, target, attrs in source.edges(data=True)
    ]
    return only_dyad(rows, dyad)


def only_dyad(rows: list[dict[str, Any]], dyad: tuple[str, str] | None) -> list[dict[str, Any]]:
    """The rows between the two actors of ``dyad`` (IRI or label, any case, either direction)."""
    if dyad is None:
        return rows
    wanted = [name.strip().lower() for name in dyad]

    def names(row: Mapping[str, Any], role: str) -> set[str]:
        return {str(row[role]).lower(), str(row.get(f"{role}_label") or "").lower()}

    return [
        row for row in rows
        if (wanted[0] in names(row, "agent") and wanted[1] in names(row, "target"))
        or (wanted[1] in names(row, "agent") and wanted[0] in names(row, "target"))
    ]


def _label(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def dyads(rows: Iterable[Mapping[str, Any]], *, limit: int | None = None) -> list[Dyad]:
    """Group dated event rows by unordered pair of actors, busiest pair first.

    Rows without a readable date are left out; each kept row gains ``day``
    (the first day its date stands for) and ``quad`` (its quad class, from
    ``quad_class`` or its CAMEO code; None when neither tells).
    """
    grouped: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    names: dict[str, str] = {}
    for row in rows:
        period = date_period(row.get("date"))
        if period is None:
            continue
        agent, target = str(row["agent"]), str(row["target"])
        names.setdefault(agent, str(row.get("agent_label") or _label(agent)))
        names.setdefault(target, str(row.get("target_label") or _label(target)))
        key = (agent, target) if names[agent].lower() <= names[target].lower() else (target, agent)
        grouped[key].append({**row, "day": period[0], "quad": quad_of(row.get("quad_class"), row.get("cameo"))})
    ordered = sorted(grouped.items(), key=lambda kv: (-len(kv[1]), names[kv[0][0]], names[kv[0][1]]))
    result = []
    for (first, second), events in ordered[:limit]:
        events.sort(key=lambda row: (row["day"], str(row.get("event") or "")))
        result.append(Dyad((first, second), (names[first], names[second]), events))
    return result


def axis_range(days: Sequence[str], *, keep_all: bool = False) -> tuple[str, str]:
    """The first and last day the axis shows: the span of the bulk of ``days``.

    The axis runs from the 5th to the 95th percentile of the days, widened by
    half that span (at least 31 days) on each side, and then to the first and
    last day that fall inside; with ``keep_all``, or with fewer than 20 days,
    from the first day to the last.

    >>> days = ["1994-05-01"] + [f"2020-10-{d:02d}" for d in range(1, 29)]
    >>> axis_range(days)
    ('2020-10-01', '2020-10-28')
    >>> axis_range(days, keep_all=True)
    ('1994-05-01', '2020-10-28')
    """
    ordered = sorted(days)
    if not ordered:
        raise ValueError("no days to draw")
    if keep_all or len(ordered) < 20:
        return ordered[0], ordered[-1]
    low = dt.date.fromisoformat(ordered[len(ordered) * 5 // 100])
    high = dt.date.fromisoformat(ordered[min(len(ordered) - 1, len(ordered) * 95 // 100)])
    margin = max(dt.timedelta(days=31), (high - low) / 2)
    inside = [day for day in ordered if (low - margin).isoformat() <= day <= (high + margin).isoformat()]
    return inside[0], inside[-1]


def bucket_size(first: str, last: str) -> str:
    """``day``, ``week`` or ``month``: the smallest that draws the span in at most :data:`MAX_BUCKETS` bars.

    >>> bucket_size("2020-10-01", "2020-11-15"), bucket_size("2020-01-01", "2020-12-31"), bucket_size("2015-01-01", "2020-12-31")
    ('day', 'week', 'month')
    """
    span = (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days + 1
    return next((name for name, days in SIZES if span / days <= MAX_BUCKETS), "month")


def _start(day: str, size: str) -> tuple[str, str]:
    date = dt.date.fromisoformat(day)
    if size == "day":
        return day, day
    if size == "week":
        monday = date - dt.timedelta(days=date.weekday())
        return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
    first = date.replace(day=1)
    following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first.isoformat(), (following - dt.timedelta(days=1)).isoformat()


def buckets(events: Iterable[Mapping[str, Any]], size: str) -> list[Bucket]:
    """Events counted per period of ``size`` and quad class, in date order (events without a class are left out)."""
    grouped: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for row in events:
        if row.get("quad") in (1, 2, 3, 4):
            grouped[_start(str(row["day"]), size)].append(row)
    result = []
    for (start, end), rows in sorted(grouped.items()):
        counts = [0, 0, 0, 0]
        for row in rows:
            counts[int(row["quad"]) - 1] += 1
        result.append(Bucket(start, end, (counts[0], counts[1], counts[2], counts[3]), tuple(rows)))
    return result
