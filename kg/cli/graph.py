"""Commands on the graph: build, query, export, validate, extract, info."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from kg.cli.app import (
    DEFAULT_STORE,
    GRAPH_FORMATS,
    ActorsOpt,
    BatchOpt,
    MemoryOpt,
    Projection,
    RdfFormat,
    StoreOpt,
    TableFormat,
    What,
    app,
    err,
    make_config,
    open_store,
    rdf_format,
    write_rows,
)
from kg.errors import KgError

__all__: list[str] = []


@app.command()
def build(
    inputs: Annotated[list[str] | None, typer.Argument(help="Files, directories, globs, or - for stdin (none: only rearrange a store of an earlier kg).")] = None,
    store: StoreOpt = DEFAULT_STORE,
    memory: MemoryOpt = False,
    actors: ActorsOpt = None,
    batch_size: BatchOpt = 32,
    report: Annotated[Path | None, typer.Option("--report", help="Write the per-article report as JSON.")] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", help="Extraction processes (the model is loaded once in each).")] = 1,
    cluster: Annotated[str | None, typer.Option("--cluster", help="Extract on Dask: local:N (a local cluster) or tcp://HOST:8786.")] = None,
    runlog: Annotated[Path | None, typer.Option("--runlog", help="Append each article's status to this JSON Lines journal as it happens.")] = None,
) -> None:
    """Read articles, extract actors, events and claims, and write the graph to the store."""
    from kg.pipeline import build as run_build
    from kg.progress import article_progress, count_articles

    config = make_config(actors, batch_size)
    if workers < 1:
        raise KgError(f"--workers {workers}: give 1 or more")
    inputs = inputs or []
    with open_store(store, memory=memory) as st, article_progress(total=count_articles(inputs)) as on_article:
        if cluster is not None:
            from kg.pipeline.distributed import build_distributed

            result = build_distributed(inputs, store=st, config=config, cluster=cluster, on_article=on_article, stdin=sys.stdin)
        else:
            result = run_build(inputs, store=st, config=config, on_article=on_article, stdin=sys.stdin, workers=workers, runlog=runlog)
        stored = st.count("entities")
    if report is not None:
        report.write_text(json.dumps(result.as_dict(), indent=2, default=str), encoding="utf-8")
    where = "memory" if memory else str(store)
    if result.migrated:
        err(f"rearranged {result.migrated} article graphs of an earlier kg: entity descriptions are in the entity graph now")
    err(
        f"built {result.built}, unchanged {result.unchanged}, failed {len(result.failed)} "
        f"articles; {result.entities} entities in the articles built, {stored} in the store; "
        f"{result.triples} triples in {where} ({result.seconds:.1f} s)"
    )
    if result.settled:
        err(f"  {result.settled} article(s) extracted again to resolve short names of people "
            "against the people the corpus names in full")
    if result.skipped:
        passages = sum(len(ranges) for ranges in result.skipped.values())
        err(f"  skipped {passages} markers and passages not in English in {len(result.skipped)} "
            "articles (listed under skipped_passages in --report)")
    for failure in result.failed:
        err(f"  failed: {failure.article}: {failure.reason}")
    if result.failed and not (result.built or result.unchanged):
        raise typer.Exit(1)


@app.command()
def remove(
    articles: Annotated[list[str], typer.Argument(help="Article ids (as given in the input) or article IRIs.")],
    store: StoreOpt = DEFAULT_STORE,
) -> None:
    """Delete articles from the store, and the entities no other article mentions."""
    from kg.pipeline.identity import settle_names
    from kg.store import remove_articles

    with open_store(store, read_only=False) as st:
        result = remove_articles(st, articles)
        # a surname elsewhere may have stood for a person only these articles named in full
        settled = settle_names(st, config=make_config()) if result.removed else 0
    err(f"removed {len(result.removed)} article(s); {result.orphans} entities no other article mentions went with them")
    if settled:
        err(f"  {settled} article(s) extracted again: their short names of people now resolve otherwise")
    for missing in result.missing:
        err(f"  not in the store: {missing}")
    if result.missing and not result.removed:
        raise typer.Exit(1)


@app.command()
def load(
    files: Annotated[list[Path], typer.Argument(help="N-Quads, N-Triples, Turtle or TriG files (e.g. shards of a cluster build).")],
    store: StoreOpt = DEFAULT_STORE,
) -> None:
    """Bulk-load RDF files into the store (each named graph replaces the one stored under its name)."""
    from kg.store import load_files

    with open_store(store) as st:
        result = load_files(st, files)
    err(f"loaded {len(result.files)} file(s); {result.replaced_graphs} graphs replaced; {result.triples} triples in {store}")


@app.command()
def query(
    query: Annotated[str | None, typer.Argument(help="SPARQL text, a .rq file or a library query name.")] = None,
    store: StoreOpt = DEFAULT_STORE,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = TableFormat.table,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE for a library query parameter; repeatable.")] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the query library.")] = False,
) -> None:
    """Run a SPARQL query (text, file or library name) on the store."""
    from kg.queries import bind_params, list_queries, resolve_library, resolve_names

    if list_:
        write_rows(
            ["name", "description", "params"],
            [(q.name, f"{q.title}: {q.description}" if q.description else q.title, ", ".join(p.name for p in q.params))
             for q in list_queries()],
            fmt,
        )
        return
    if query is None:
        raise KgError("give a query (SPARQL text, a .rq file or a library name); `kg query --list` lists the library")
    params = dict(split_param(p) for p in (param or []))
    library = resolve_library(query)
    from kg.store.sandbox import deny_network

    with open_store(store, read_only=True) as st:
        # an actor given by name (-p actor=Armenia) is looked up among labels and aliases
        text = bind_params(library, resolve_names(st, library, params))
        # the second wall behind the query guard: this process opens no network socket from here on
        deny_network()
        result = st.query(text)
    _print_result(result, fmt)


def split_param(item: str) -> tuple[str, str]:
    name, sep, value = item.partition("=")
    if not sep or not name:
        raise KgError(f"--param {item!r}: write it as NAME=VALUE")
    return name.strip(), value


def _print_result(result: Any, fmt: TableFormat) -> None:
    if isinstance(result, bool):
        typer.echo("true" if result else "false")
    elif hasattr(result, "variables"):
        write_rows(list(result.variables), list(result.rows), fmt)
    else:  # CONSTRUCT / DESCRIBE: triples as N-Triples
        sys.stdout.write(result.serialize(format="nt") if hasattr(result, "serialize") else str(result))


@app.command()
def export(
    store: StoreOpt = DEFAULT_STORE,
    fmt: Annotated[RdfFormat, typer.Option("--format", "-f", help="RDF format (ttl or turtle, nt, nq, trig, jsonld), a graph format for a projection (graphml, gexf, json, csv), or geojson.", parser=rdf_format, metavar="FORMAT")] = RdfFormat.ttl,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default stdout).")] = None,
    projection: Annotated[Projection, typer.Option("--projection", help="With graphml|gexf|json|csv: which network to write.")] = Projection.actors,
) -> None:
    """Export the graph as Turtle, N-Triples, N-Quads, TriG or JSON-LD, a network as GraphML, GEXF, JSON or CSV, or events as GeoJSON."""
    from kg.export import export as run_export

    with open_store(store, read_only=True) as st:
        if fmt.value == "geojson":
            _export_geojson(st, output)
            return
        if fmt.value in GRAPH_FORMATS:
            from kg.analytics import export_graph

            export_graph(st, projection=projection.value, fmt=fmt.value, out=output if output is not None else sys.stdout)
            if output is not None:
                err(f"wrote {output}")
            return
        if output is None:
            run_export(st, format=fmt.value, out=sys.stdout.buffer)
        else:
            with output.open("wb") as out:
                run_export(st, format=fmt.value, out=out)
            err(f"wrote {output}")


def _export_geojson(store: Any, output: Path | None) -> None:
    from kg.analytics import article_info
    from kg.viz import event_places, geojson

    events = event_places(store)
    collection = geojson(events, articles=article_info(store, {e.article for e in events if e.article}))
    text = json.dumps(collection, ensure_ascii=False, indent=1) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        err(f"wrote {output} ({len(collection['features'])} events with coordinates)")


@app.command()
def validate(
    file: Annotated[Path | None, typer.Argument(help="An RDF file to validate instead of the store.")] = None,
    store: StoreOpt = DEFAULT_STORE,
) -> None:
    """Validate the graph against the ontology's SHACL shapes; exit 1 on violations."""
    from kg.validate import validate_file, validate_store

    if file is not None:
        report = validate_file(file)
    else:
        with open_store(store, read_only=True) as st:
            report = validate_store(st)
    typer.echo(report.text())
    if not report.conforms:
        raise typer.Exit(1)


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, globs, or - for stdin.")],
    what: Annotated[What, typer.Option("--what", help="What to print, one JSON object per line.")] = What.mentions,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output format (jsonl).")] = "jsonl",
    actors: ActorsOpt = None,
    batch_size: BatchOpt = 32,
) -> None:
    """Extract without a store and print JSON Lines."""
    from kg.ingest import IngestProblem, read_articles
    from kg.jsonl import extraction_records
    from kg.pipeline import ArticleStatus
    from kg.pipeline import extract as run_extract

    if fmt != "jsonl":
        raise KgError(f"--format {fmt!r}: kg extract writes jsonl")
    config = make_config(actors, batch_size)
    failures = 0

    def articles() -> Any:
        nonlocal failures
        for item in read_articles(inputs, max_chars=config.max_article_chars, stdin=sys.stdin):
            if isinstance(item, IngestProblem):
                failures += 1
                err(f"failed: {item.source}: {item.message}")
            else:
                yield item

    for result in run_extract(articles(), config=config):
        if isinstance(result, ArticleStatus):
            failures += 1
            err(f"failed: {result.article}: {result.reason}")
            continue
        for record in extraction_records(result, what=what.value):
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    if failures:
        err(f"{failures} article(s) failed")


@app.command()
def info(store: StoreOpt = DEFAULT_STORE) -> None:
    """Counts in the store and versions of the components."""
    from kg.info import store_info

    with open_store(store, read_only=True) as st:
        rows = store_info(st)
    write_rows(["item", "value"], rows, TableFormat.table)


