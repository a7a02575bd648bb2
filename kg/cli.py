"""The ``kg`` command line: one thin function per command.

Data goes to stdout, progress and messages to stderr, so commands pipe. A
:class:`~kg.errors.KgError` becomes one line on stderr and exit status 1.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from kg.config import Config
from kg.errors import KgError

__all__ = ["app", "main"]

app = typer.Typer(
    name="kg",
    help="Conflict knowledge graphs from news: build, query, export, validate.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Measure accuracy against gold data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

DEFAULT_STORE = Path("kg-store")

# Shared options, defined once.
StoreOpt = Annotated[
    Path,
    typer.Option("--store", "-s", help="Store directory (created on first build).", envvar="KG_STORE"),
]
MemoryOpt = Annotated[bool, typer.Option("--memory", help="Use an in-memory store (nothing is kept).")]
ActorsOpt = Annotated[
    Optional[list[Path]],
    typer.Option("--actors", help="Custom actor dictionary (TSV or JSON); repeatable."),
]
BatchOpt = Annotated[int, typer.Option("--batch-size", help="Texts per language-model batch.")]


class TableFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    tsv = "tsv"


class RdfFormat(str, Enum):
    ttl = "ttl"
    nt = "nt"
    nq = "nq"
    trig = "trig"
    jsonld = "jsonld"


class What(str, Enum):
    mentions = "mentions"
    entities = "entities"
    events = "events"


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _config(actors: list[Path] | None = None, batch_size: int | None = None) -> Config:
    kwargs: dict[str, Any] = {}
    if actors:
        kwargs["actors"] = tuple(actors)
    if batch_size:
        kwargs["batch_size"] = batch_size
    return Config(**kwargs)


def _open_store(path: Path, *, memory: bool = False, read_only: bool = False) -> Any:
    from kg.store import Store

    if memory:
        return Store.open(None)
    if read_only and not path.exists():
        raise KgError(f"no store at {path}: build one first with `kg build INPUT --store {path}`")
    return Store.open(path, read_only=read_only)


def _write_rows(variables: list[str], rows: list[tuple[Any, ...]], fmt: TableFormat) -> None:
    from kg.tables import write_rows

    write_rows(variables, rows, fmt=fmt.value, out=sys.stdout)


@app.command()
def build(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, globs, or - for stdin.")],
    store: StoreOpt = DEFAULT_STORE,
    memory: MemoryOpt = False,
    actors: ActorsOpt = None,
    batch_size: BatchOpt = 32,
    report: Annotated[Optional[Path], typer.Option("--report", help="Write the per-article report as JSON.")] = None,
) -> None:
    """Read articles, extract actors and places, and write the graph to the store."""
    from kg.pipeline import build as run_build
    from kg.progress import article_progress

    config = _config(actors, batch_size)
    with _open_store(store, memory=memory) as st, article_progress() as on_article:
        result = run_build(inputs, store=st, config=config, on_article=on_article, stdin=sys.stdin)
    if report is not None:
        report.write_text(json.dumps(result.as_dict(), indent=2, default=str), encoding="utf-8")
    where = "memory" if memory else str(store)
    _err(
        f"built {result.built}, unchanged {result.unchanged}, failed {len(result.failed)} "
        f"articles; {result.entities} entities; {result.triples} triples in {where} "
        f"({result.seconds:.1f} s)"
    )
    for failure in result.failed:
        _err(f"  failed: {failure.article}: {failure.reason}")
    if result.failed and not (result.built or result.unchanged):
        raise typer.Exit(1)


@app.command()
def query(
    query: Annotated[Optional[str], typer.Argument(help="SPARQL text, a .rq file or a library query name.")] = None,
    store: StoreOpt = DEFAULT_STORE,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = TableFormat.table,
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="NAME=VALUE for a library query parameter; repeatable.")] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the query library.")] = False,
) -> None:
    """Run a SPARQL query (text, file or library name) on the store."""
    from kg.queries import bind_params, list_queries, resolve_query

    if list_:
        _write_rows(
            ["name", "title", "params"],
            [(q.name, q.title, ", ".join(p.name for p in q.params)) for q in list_queries()],
            fmt,
        )
        return
    if query is None:
        raise KgError("give a query (SPARQL text, a .rq file or a library name); `kg query --list` lists the library")
    params = dict(_split_param(p) for p in (param or []))
    text = bind_params(resolve_query(query), params)
    with _open_store(store, read_only=True) as st:
        result = st.query(text)
    _print_result(result, fmt)


def _split_param(item: str) -> tuple[str, str]:
    name, sep, value = item.partition("=")
    if not sep or not name:
        raise KgError(f"--param {item!r}: write it as NAME=VALUE")
    return name.strip(), value


def _print_result(result: Any, fmt: TableFormat) -> None:
    if isinstance(result, bool):
        typer.echo("true" if result else "false")
    elif hasattr(result, "variables"):
        _write_rows(list(result.variables), list(result.rows), fmt)
    else:  # CONSTRUCT / DESCRIBE: triples as N-Triples
        sys.stdout.write(result.serialize(format="nt") if hasattr(result, "serialize") else str(result))


@app.command()
def export(
    store: StoreOpt = DEFAULT_STORE,
    fmt: Annotated[RdfFormat, typer.Option("--format", "-f", help="RDF format.")] = RdfFormat.ttl,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write (default stdout).")] = None,
) -> None:
    """Export the whole graph as Turtle, N-Triples, N-Quads, TriG or JSON-LD."""
    from kg.export import export as run_export

    with _open_store(store, read_only=True) as st:
        if output is None:
            run_export(st, format=fmt.value, out=sys.stdout.buffer)
        else:
            with output.open("wb") as out:
                run_export(st, format=fmt.value, out=out)
            _err(f"wrote {output}")


@app.command()
def validate(
    file: Annotated[Optional[Path], typer.Argument(help="An RDF file to validate instead of the store.")] = None,
    store: StoreOpt = DEFAULT_STORE,
) -> None:
    """Validate the graph against the ontology's SHACL shapes; exit 1 on violations."""
    from kg.validate import validate_file, validate_store

    if file is not None:
        report = validate_file(file)
    else:
        with _open_store(store, read_only=True) as st:
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
    from kg.jsonl import extraction_records
    from kg.pipeline import ArticleStatus, extract as run_extract
    from kg.ingest import IngestProblem, read_articles

    if fmt != "jsonl":
        raise KgError(f"--format {fmt!r}: kg extract writes jsonl")
    config = _config(actors, batch_size)
    failures = 0

    def articles() -> Any:
        nonlocal failures
        for item in read_articles(inputs, max_chars=config.max_article_chars, stdin=sys.stdin):
            if isinstance(item, IngestProblem):
                failures += 1
                _err(f"failed: {item.source}: {item.message}")
            else:
                yield item

    for result in run_extract(articles(), config=config):
        if isinstance(result, ArticleStatus):
            failures += 1
            _err(f"failed: {result.article}: {result.reason}")
            continue
        for record in extraction_records(result, what=what.value):
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    if failures:
        _err(f"{failures} article(s) failed")


@eval_app.command("entities")
def eval_entities(
    gold: Annotated[Path, typer.Argument(help="Gold JSON Lines (re3d format: text + entities).")],
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = TableFormat.table,
    baseline: Annotated[bool, typer.Option("--baseline/--no-baseline", help="Also score the spaCy model alone.")] = True,
    actors: ActorsOpt = None,
) -> None:
    """Precision, recall and F1 of entity mentions against gold spans."""
    from kg.evaluate import evaluate_entities

    report = evaluate_entities(gold, config=_config(actors), baseline=baseline)
    _err(report.describe())
    rows = report.as_rows()
    variables = list(rows[0]) if rows else []
    _write_rows(variables, [tuple(r.values()) for r in rows], fmt)


@app.command()
def info(store: StoreOpt = DEFAULT_STORE) -> None:
    """Counts in the store and versions of the components."""
    from kg.info import store_info

    with _open_store(store, read_only=True) as st:
        rows = store_info(st)
    _write_rows(["item", "value"], rows, TableFormat.table)


def main() -> None:
    """Entry point of the ``kg`` console script."""
    try:
        # Without standalone mode click returns typer.Exit's code instead of exiting.
        code = app(standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except KgError as e:
        _err(f"kg: error: {e}")
        sys.exit(1)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except typer.Abort:
        _err("kg: aborted")
        sys.exit(130)
    except Exception as e:
        # Usage errors (click's, as vendored by Typer) arrive here without standalone mode.
        show, exit_code = getattr(e, "show", None), getattr(e, "exit_code", None)
        if callable(show) and isinstance(exit_code, int):
            show()
            sys.exit(exit_code)
        raise
