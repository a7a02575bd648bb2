"""Events over time per dyad: cooperation above the axis, conflict below.

Each panel is one pair of actors (either direction). A bar stands at a day and
its height is the sum of the Goldstein scores of that day's events of one
sign, so a day with both shows a bar above and a bar below the axis.

>>> rows = [
...     {"agent": "a", "target": "b", "agent_label": "A", "target_label": "B", "date": "2020-10-01", "goldstein": -5.0},
...     {"agent": "b", "target": "a", "agent_label": "B", "target_label": "A", "date": "2020-10-01", "goldstein": 3.0},
... ]
>>> [(d.labels, d.days) for d in dyads(rows)]
[(('A', 'B'), [('2020-10-01', 3.0, -5.0)])]
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import ConfigError
from kg.store import Store
from kg.viz.prepare import date_period, load_style, node_label
from kg.viz.static import save_figure, picture_format

__all__ = ["Dyad", "dyads", "event_rows", "render_timeline"]

FORMATS = ("png", "svg", "html")


@dataclass(frozen=True)
class Dyad:
    """The events of one pair of actors, by day.

    ``days`` holds ``(ISO day, cooperation sum, conflict sum)`` sorted by day;
    ``events`` the rows themselves, sorted by day.
    """

    actors: tuple[str, str]
    labels: tuple[str, str]
    days: list[tuple[str, float, float]] = field(default_factory=list)
    events: list[Mapping[str, Any]] = field(default_factory=list)


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
        ``cameo``, ``goldstein``, ``date``, ``evidence``, ``article``, ...)
        with ``agent``, ``agent_label``, ``target`` and ``target_label``.
    """
    if isinstance(source, Store):
        from kg.analytics import actor_network

        source = actor_network(source)
    return _only_dyad(_graph_rows(source), dyad)


def node_label_of(iri: str) -> str:
    """The last segment of an IRI, to name an actor without a label."""
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _graph_rows(G: Any) -> list[dict[str, Any]]:
    return [
        {**attrs, "agent": source, "target": target,
         "agent_label": node_label(G, source), "target_label": node_label(G, target)}
        for source, target, attrs in G.edges(data=True)
    ]


def _only_dyad(rows: list[dict[str, Any]], dyad: tuple[str, str] | None) -> list[dict[str, Any]]:
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


def dyads(rows: Iterable[Mapping[str, Any]], *, limit: int | None = None) -> list[Dyad]:
    """Group dated event rows by unordered pair of actors, busiest pair first.

    Rows without a readable date or a Goldstein score are left out.
    """
    grouped: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    names: dict[str, str] = {}
    for row in rows:
        period = date_period(row.get("date"))
        if period is None or row.get("goldstein") is None:
            continue
        agent, target = str(row["agent"]), str(row["target"])
        names.setdefault(agent, str(row.get("agent_label") or node_label_of(agent)))
        names.setdefault(target, str(row.get("target_label") or node_label_of(target)))
        key = (agent, target) if names[agent].lower() <= names[target].lower() else (target, agent)
        grouped[key].append({**row, "day": period[0]})
    ordered = sorted(grouped.items(), key=lambda kv: (-len(kv[1]), names[kv[0][0]], names[kv[0][1]]))
    result = []
    for (first, second), events in ordered[:limit]:
        events.sort(key=lambda row: (row["day"], str(row.get("event") or "")))
        sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
        for row in events:
            score = float(row["goldstein"])
            sums[row["day"]][0 if score > 0 else 1] += score
        days = [(day, round(up, 2), round(down, 2)) for day, (up, down) in sorted(sums.items())]
        result.append(Dyad((first, second), (names[first], names[second]), days, events))
    return result


def render_timeline(
    source: Store | Any,
    *,
    out: Path | str,
    dyad: tuple[str, str] | None = None,
    fmt: str | None = None,
    title: str = "Events over time",
    max_dyads: int | None = None,
) -> Path:
    """Draw events over time per dyad to a PNG, SVG or offline HTML file.

    Parameters
    ----------
    source : Store, networkx.MultiDiGraph or iterable of dict
        Where the events come from: the store, an actor network (one edge
        per event), or rows as :func:`event_rows` gives them.
    out : Path or str
        File to write.
    dyad : (str, str), optional
        The two actors (IRI or label, either direction); default: the busiest
        pairs.
    fmt : {"png", "svg", "html"}, optional
        Default: the suffix of ``out``, else PNG. HTML is one self-contained
        page with an inline SVG whose bars list their events on hover.
    title : str
        Title of the picture.
    max_dyads : int, optional
        How many of the busiest pairs to draw (default ``timeline_max_dyads``
        of ``style.toml``).

    Returns
    -------
    Path
        ``out``.

    Raises
    ------
    ConfigError
        When no dated event with a Goldstein score is found (for the dyad).
    """
    path = Path(out)
    chosen = picture_format(path, fmt, FORMATS)
    if isinstance(source, Store) or (hasattr(source, "edges") and hasattr(source, "nodes")):
        rows = event_rows(source, dyad=dyad)
    else:
        rows = _only_dyad([dict(row) for row in source], dyad)
    style = load_style()
    limit = int(style["limits"]["timeline_max_dyads"] if max_dyads is None else max_dyads)
    panels = dyads(rows, limit=limit)
    if not panels:
        which = f" between {dyad[0]} and {dyad[1]}" if dyad else ""
        raise ConfigError(
            f"no dated events with a Goldstein score{which} to draw; "
            "check the actor names (kg query entity_names) or build the store with events"
        )
    if chosen == "html":
        from kg.viz.timeline_svg import timeline_page

        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(timeline_page(panels, title=title, style=style), encoding="utf-8")
        return path
    return _draw(panels, path, chosen, title=title, style=style)


def _events(count: int) -> str:
    return f"{count} event" if count == 1 else f"{count} events"


def _bar_width(panels: list[Dyad]) -> float:
    days = [dt.date.fromisoformat(day) for panel in panels for day, _, _ in panel.days]
    span = (max(days) - min(days)).days if days else 0
    return max(1.0, span / 120)


def _draw(panels: list[Dyad], path: Path, fmt: str, *, title: str, style: Mapping[str, Any]) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    colors, labels = style["edge_colors"], style["edge_labels"]
    width = _bar_width(panels)
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "kg", "font.size": 9}):
        figure, axes_list = plt.subplots(
            len(panels), 1, figsize=(11, 1.0 + 2.2 * len(panels)), sharex=True, squeeze=False
        )
        try:
            for axes, panel in zip((row[0] for row in axes_list), panels):
                days = [dt.date.fromisoformat(day) for day, _, _ in panel.days]
                axes.bar(days, [up for _, up, _ in panel.days], width=width, color=colors["cooperation"],
                         label=labels["cooperation"])
                axes.bar(days, [down for _, _, down in panel.days], width=width, color=colors["conflict"],
                         label=labels["conflict"])
                axes.axhline(0, color="#333333", linewidth=0.8)
                # symmetric, so that above and below the axis read as cooperation and conflict
                reach = max([abs(v) for _, up, down in panel.days for v in (up, down)] + [1.0]) * 1.15
                axes.set_ylim(-reach, reach)
                axes.set_axisbelow(True)
                axes.set_title(f"{panel.labels[0]} \u2013 {panel.labels[1]} ({_events(len(panel.events))})",
                               loc="left", fontsize=10)
                axes.set_ylabel("Goldstein")
                axes.grid(axis="y", color="#eeeeee")
                axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(axes.xaxis.get_major_locator()))
            every = [dt.date.fromisoformat(day) for panel in panels for day, _, _ in panel.days]
            if every and (max(every) - min(every)).days < 60:
                # a short span would otherwise be drawn in hours; show at least two months
                middle = min(every) + (max(every) - min(every)) / 2
                axes_list[0][0].set_xlim(middle - dt.timedelta(days=31), middle + dt.timedelta(days=31))
            first = axes_list[0][0]
            first.legend(loc="upper right", frameon=False, fontsize=8)
            figure.suptitle(title, fontsize=13)
            return save_figure(figure, path, fmt)
        finally:
            plt.close(figure)
