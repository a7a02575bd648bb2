"""Commands to explore the graph: ``kg analyze``, ``kg viz``, ``kg timeline``, ``kg map``, ``kg serve``."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from kg.cli.app import (
    DEFAULT_STORE,
    StoreOpt,
    TableFormat,
    app,
    err,
    open_store,
    write_rows,
)
from kg.errors import KgError

__all__: list[str] = []

SinceOpt = Annotated[str | None, typer.Option("--since", help="Keep events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Keep events on or before this date.")]
TypeOpt = Annotated[list[str] | None, typer.Option("--type", help="Event type (PLOVER or class name, e.g. Fight); repeatable.")]
CountryOpt = Annotated[str | None, typer.Option("--country", help="Keep events with an actor of this ISO3 country.")]
AssertedOpt = Annotated[bool, typer.Option("--asserted-only", help="Leave out events that are only one side's claim.")]


def filters(since: str | None, until: str | None, types: list[str] | None, country: str | None, asserted_only: bool) -> dict[str, Any]:
    """The shared event filters as keyword arguments of the analytics functions."""
    return {"since": since, "until": until, "types": tuple(types) if types else None, "country": country, "asserted_only": asserted_only}


@app.command()
def analyze(
    store: StoreOpt = DEFAULT_STORE,
    since: SinceOpt = None,
    until: UntilOpt = None,
    type_: TypeOpt = None,
    country: CountryOpt = None,
    asserted_only: AssertedOpt = False,
    table: Annotated[str, typer.Option("--table", "-t", help="Which table: actors, dyads, communities, balance, triads, escalation, months, brokers.")] = "actors",
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format (json prints every table).")] = TableFormat.table,
    write: Annotated[bool, typer.Option("--write", help="Store the metrics in the analytics graph for SPARQL.")] = False,
) -> None:
    """Rank actors (degree, PageRank, betweenness, communities), dyads, balance and escalation."""
    from kg.analytics import analyze as run_analyze
    from kg.analytics import report_dict, report_table, write_metrics

    with open_store(store, read_only=not write) as st:
        report = run_analyze(st, **filters(since, until, type_, country, asserted_only))
        if write:
            count = write_metrics(st, report)
            err(f"wrote {count} metric triples to the analytics graph")
    if fmt is TableFormat.json:
        sys.stdout.write(json.dumps(report_dict(report), indent=1, ensure_ascii=False, default=str) + "\n")
        return
    variables, rows = report_table(report, table)
    write_rows(variables, rows, fmt)


class PictureFormat(str, Enum):
    html = "html"
    png = "png"
    svg = "svg"


@app.command()
def viz(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write: .html (interactive), .png or .svg.")],
    store: StoreOpt = DEFAULT_STORE,
    query: Annotated[str | None, typer.Option("--query", "-q", help="SPARQL CONSTRUCT/SELECT (text, .rq file or library name) choosing what to draw.")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE for a library query parameter; repeatable.")] = None,
    fmt: Annotated[PictureFormat | None, typer.Option("--format", "-f", help="html, png or svg (default: from the file name).")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    type_: TypeOpt = None,
    country: CountryOpt = None,
    asserted_only: AssertedOpt = False,
    color_by: Annotated[str, typer.Option("--color-by", help="Colour nodes by type or country.")] = "type",
    title: Annotated[str | None, typer.Option("--title", help="Title of the picture (default: what it shows).")] = None,
) -> None:
    """Draw the actor network: an offline interactive page, or a PNG/SVG picture with a legend."""
    from kg.analytics import actor_network, article_info
    from kg.cli.graph import split_param
    from kg.viz import network_title, render_html, render_static, subgraph_from_query

    kind = (fmt.value if fmt else output.suffix.lstrip(".").lower()) or "html"
    if kind not in {f.value for f in PictureFormat}:
        raise KgError(f"{output}: cannot tell the picture format; use --format html|png|svg")
    params = dict(split_param(p) for p in (param or []))
    title = title or network_title(query, params=params, since=since, until=until, types=type_, country=country)
    with open_store(store, read_only=True) as st:
        G = actor_network(st, **filters(since, until, type_, country, asserted_only))
        if query is not None:
            G = subgraph_from_query(st, query, G=G, params=params)
        articles = article_info(st, {article for *_, article in G.edges(data="article") if article}) if kind == "html" else {}
    if kind == "html":
        output.write_text(render_html(G, title=title, color_by=color_by, articles=articles), encoding="utf-8")
    else:
        render_static(G, output, fmt=kind, title=title, color_by=color_by)
    err(f"wrote {output} ({G.number_of_nodes()} actors, {G.number_of_edges()} events)")


@app.command()
def timeline(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write: .png, .svg or .html.")],
    store: StoreOpt = DEFAULT_STORE,
    dyad: Annotated[str | None, typer.Option("--dyad", help="Two actors, by label or IRI, comma-separated: A,B.")] = None,
    title: Annotated[str, typer.Option("--title", help="Title of the picture.")] = "Events over time",
    all_dates: Annotated[bool, typer.Option("--all-dates", help="Stretch the axis to every date, outliers included.")] = False,
) -> None:
    """Events over time per dyad: cooperation above the axis, conflict below, by CAMEO quad class."""
    from kg.analytics import actor_network, article_info
    from kg.viz import render_timeline

    pair = None
    if dyad is not None:
        parts = [p.strip() for p in dyad.split(",")]
        if len(parts) != 2 or not all(parts):
            raise KgError(f"--dyad {dyad!r}: give two actors separated by a comma, e.g. Armenia,Azerbaijan")
        pair = (parts[0], parts[1])
    with open_store(store, read_only=True) as st:
        G = actor_network(st)
        articles = article_info(st, {article for *_, article in G.edges(data="article") if article})
    render_timeline(G, out=output, dyad=pair, title=title, keep_all=all_dates, articles=articles)
    err(f"wrote {output}")


@app.command(name="map")
def map_(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write: .html (a page) or .geojson.")],
    store: StoreOpt = DEFAULT_STORE,
    title: Annotated[str, typer.Option("--title", help="Title of the page.")] = "Events by place",
) -> None:
    """Events at their places on a world map: an offline page with a date slider and evidence on click."""
    from kg.analytics import article_info
    from kg.viz import event_places, geojson, render_map

    kind = output.suffix.lstrip(".").lower()
    if kind not in ("html", "geojson", "json"):
        raise KgError(f"{output}: write the map as .html or .geojson")
    with open_store(store, read_only=True) as st:
        events = event_places(st)
        articles = article_info(st, {event.article for event in events if event.article})
    if kind == "html":
        output.write_text(render_map(events, title=title, articles=articles), encoding="utf-8")
    else:
        output.write_text(json.dumps(geojson(events, articles=articles), ensure_ascii=False, indent=1), encoding="utf-8")
    placed = sum(1 for event in events if event.lat is not None)
    err(f"wrote {output} ({placed} of {len(events)} events with a place have coordinates)")


@app.command()
def serve(
    store: StoreOpt = DEFAULT_STORE,
    host: Annotated[str, typer.Option("--host", help="Address to bind; 127.0.0.1 keeps it on this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds a query may run before it is stopped (503).")] = 30.0,
    max_rows: Annotated[int, typer.Option("--max-rows", help="Most rows (or triples) a result returns; a cut is reported.")] = 10_000,
    cors: Annotated[list[str] | None, typer.Option("--cors", help="Origin allowed to call the endpoint from a browser; repeatable.")] = None,
    token: Annotated[str | None, typer.Option("--token", help="Bearer token required for reading.", envvar="KG_TOKEN")] = None,
    workers: Annotated[int | None, typer.Option("--workers", help="Query processes (default: CPU count).")] = None,
) -> None:
    """Serve the store: a read-only SPARQL 1.1 endpoint at /sparql and a web page at /."""
    from kg.server import run_server

    if not store.exists():
        raise KgError(f"no store at {store}: build one first with `kg build INPUT --store {store}`")
    err(f"serving {store} at http://{host}:{port}/ (Ctrl-C stops)")
    run_server(store, host=host, port=port, timeout=timeout, max_rows=max_rows, cors=tuple(cors or ()), token=token, workers=workers)
