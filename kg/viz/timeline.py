"""Events over time per pair of actors: cooperation above the axis, conflict below, by quad class.

Each panel is one pair of actors (either direction). A bar counts the
events of a day, a week or a month (whichever keeps the bars readable over
the span drawn), stacked by CAMEO quad class: verbal and material
cooperation above the axis, verbal and material conflict below. The class,
not the sign of the Goldstein score, decides the side. The axis spans the
bulk of the events (see :func:`kg.viz.timeline_data.axis_range`); outlying
dates are counted, and drawn with ``keep_all``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kg.errors import ConfigError
from kg.store import Store
from kg.viz.prepare import load_style
from kg.viz.quads import QUADS, quad_legend
from kg.viz.static import picture_format, save_figure
from kg.viz.timeline_data import Dyad, axis_range, bucket_size, buckets, dyads, event_rows, only_dyad

__all__ = ["Dyad", "dyads", "event_rows", "render_timeline"]

FORMATS = ("png", "svg", "html")


def render_timeline(
    source: Store | Any,
    *,
    out: Path | str,
    dyad: tuple[str, str] | None = None,
    fmt: str | None = None,
    title: str = "Events over time",
    max_dyads: int | None = None,
    keep_all: bool = False,
    articles: Mapping[str, Mapping[str, str]] | None = None,
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
        page with a picker of the pairs, a date-range brush and bars that
        list their events on hover and click.
    title : str
        Title of the picture.
    max_dyads : int, optional
        How many of the busiest pairs to draw (default ``timeline_max_dyads``
        of ``style.toml``, or ``timeline_page_dyads`` in the page's picker).
    keep_all : bool
        Stretch the axis to every date, outliers included.
    articles : mapping, optional
        ``{article IRI: {"title", "url"}}``: the page names each event's article.

    Returns
    -------
    Path
        ``out``.

    Raises
    ------
    ConfigError
        When no dated event is found (for the dyad).
    """
    path = Path(out)
    chosen = picture_format(path, fmt, FORMATS)
    if isinstance(source, Store) or (hasattr(source, "edges") and hasattr(source, "nodes")):
        rows = event_rows(source, dyad=dyad)
    else:
        rows = only_dyad([dict(row) for row in source], dyad)
    style = load_style()
    limits = style["limits"]
    default = limits["timeline_page_dyads"] if chosen == "html" else limits["timeline_max_dyads"]
    panels = [panel for panel in dyads(rows, limit=int(default if max_dyads is None else max_dyads))
              if any(row["quad"] for row in panel.events)]
    if not panels:
        which = f" between {dyad[0]} and {dyad[1]}" if dyad else ""
        raise ConfigError(
            f"no dated events{which} to draw; "
            "check the actor names (kg query entity_names) or build the store with events"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    if chosen == "html":
        from kg.viz.timeline_page import timeline_page

        page = timeline_page(panels, title=title, style=style, articles=articles, keep_all=keep_all)
        path.write_text(page, encoding="utf-8")
        return path
    return _draw(panels, path, chosen, title=title, style=style, keep_all=keep_all)


def _events(count: int) -> str:
    return f"{count} event" if count == 1 else f"{count} events"


def _draw(panels: list[Dyad], path: Path, fmt: str, *, title: str, style: Mapping[str, Any], keep_all: bool) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    days = [str(row["day"]) for panel in panels for row in panel.events]
    first, last = axis_range(days, keep_all=keep_all)
    outside = sum(1 for day in days if not first <= day <= last)
    size = bucket_size(first, last)
    lo, hi = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    hi += dt.timedelta(days={"day": 1, "week": 7, "month": 31}[size])  # the last bar's whole width
    if (hi - lo).days < 60:
        # a short span would otherwise be drawn in hours; show at least two months
        middle = lo + (hi - lo) / 2
        lo, hi = middle - dt.timedelta(days=31), middle + dt.timedelta(days=31)
    legend = quad_legend(style)
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "kg", "font.size": 9}):
        figure, axes_list = plt.subplots(
            len(panels), 1, figsize=(11, 1.0 + 2.2 * len(panels)), sharex=True, squeeze=False
        )
        try:
            for axes, panel in zip((row[0] for row in axes_list), panels):
                shown = [row for row in panel.events if first <= row["day"] <= last]
                bars = buckets(shown, size)
                starts = [dt.date.fromisoformat(b.start) for b in bars]
                widths = [(dt.date.fromisoformat(b.end) - dt.date.fromisoformat(b.start)).days * 0.85 + 0.85 for b in bars]
                base_up = [0] * len(bars)
                base_down = [0] * len(bars)
                for quad in QUADS.values():
                    name, color = legend[quad.number - 1]
                    counts = [b.counts[quad.number - 1] for b in bars]
                    if quad.side == "cooperation":
                        axes.bar(starts, counts, width=widths, bottom=base_up, color=color, label=name, align="edge")
                        base_up = [a + b for a, b in zip(base_up, counts)]
                    else:
                        axes.bar(starts, [-c for c in counts], width=widths, bottom=base_down, color=color, label=name, align="edge")
                        base_down = [a - b for a, b in zip(base_down, counts)]
                axes.axhline(0, color="#333333", linewidth=0.8)
                # symmetric, so that above and below the axis read as cooperation and conflict
                reach = max([*base_up, *(-v for v in base_down), 1]) * 1.15
                axes.set_ylim(-reach, reach)
                axes.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{abs(v):g}"))
                axes.set_axisbelow(True)
                axes.set_title(f"{panel.name} ({_events(len(panel.events))})", loc="left", fontsize=10)
                axes.set_ylabel(f"events per {size}")
                axes.grid(axis="y", color="#eeeeee")
                axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(axes.xaxis.get_major_locator()))
            axes_list[0][0].set_xlim(lo, hi)
            handles, names = axes_list[0][0].get_legend_handles_labels()
            figure.legend(handles, names, loc="upper right", ncols=4, frameon=False, fontsize=8)
            figure.suptitle(title, fontsize=13, x=0.01, ha="left")
            note = "cooperation above the axis, conflict below (CAMEO quad classes)"
            if outside:
                note += f"; {_events(outside)} with outlying dates left out (--all-dates draws them)"
            figure.text(0.01, 0.005, note, fontsize=8, color="#555555")
            return save_figure(figure, path, fmt)
        finally:
            plt.close(figure)
