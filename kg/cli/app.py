"""The Typer application and what its commands share: options, formats, helpers."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from kg.config import Config
from kg.errors import KgError

__all__ = [
    "DEFAULT_STORE",
    "GRAPH_FORMATS",
    "ActorsOpt",
    "BatchOpt",
    "MemoryOpt",
    "Projection",
    "RdfFormat",
    "StoreOpt",
    "TableFormat",
    "What",
    "app",
    "err",
    "eval_app",
    "make_config",
    "open_store",
    "rdf_format",
    "write_rows",
]

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
    list[Path] | None,
    typer.Option("--actors", help="Custom actor dictionary (TSV or JSON); repeatable."),
]
BatchOpt = Annotated[int, typer.Option("--batch-size", help="Texts per language-model batch.")]


class TableFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    tsv = "tsv"


class RdfFormat(str, Enum):
    """RDF formats, and the graph formats of a network projection."""

    ttl = "ttl"
    nt = "nt"
    nq = "nq"
    trig = "trig"
    jsonld = "jsonld"
    graphml = "graphml"
    gexf = "gexf"
    json = "json"
    csv = "csv"
    geojson = "geojson"


GRAPH_FORMATS = ("graphml", "gexf", "json", "csv")
_FORMAT_NAMES = {"turtle": "ttl", "ntriples": "nt", "n-triples": "nt", "nquads": "nq", "n-quads": "nq",
                 "json-ld": "jsonld", "geo": "geojson"}


def rdf_format(value: str | RdfFormat) -> RdfFormat:
    """``--format`` of ``kg export``: a format name or a common alias (``turtle`` is ``ttl``)."""
    if isinstance(value, RdfFormat):
        return value
    name = _FORMAT_NAMES.get(value.strip().lower(), value.strip().lower())
    try:
        return RdfFormat(name)
    except ValueError:
        names = ", ".join(f.value for f in RdfFormat)
        raise typer.BadParameter(f"{value!r} is not a format kg writes; use one of {names} (or turtle)") from None


class Projection(str, Enum):
    """Network projections of the graph (see kg.analytics)."""

    actors = "actors"
    dyads = "dyads"
    bipartite = "bipartite"
    comention = "comention"


class What(str, Enum):
    mentions = "mentions"
    entities = "entities"
    events = "events"


def err(message: str) -> None:
    typer.echo(message, err=True)


def make_config(actors: list[Path] | None = None, batch_size: int | None = None) -> Config:
    kwargs: dict[str, Any] = {}
    if actors:
        kwargs["actors"] = tuple(actors)
    if batch_size:
        kwargs["batch_size"] = batch_size
    return Config(**kwargs)


def open_store(path: Path, *, memory: bool = False, read_only: bool = False) -> Any:
    from kg.store import Store

    if memory:
        return Store.open(None)
    if read_only and not path.exists():
        raise KgError(f"no store at {path}: build one first with `kg build INPUT --store {path}`")
    return Store.open(path, read_only=read_only)


def write_rows(variables: list[str], rows: list[tuple[Any, ...]], fmt: TableFormat) -> None:
    from kg.tables import write_rows

    write_rows(variables, rows, fmt=fmt.value, out=sys.stdout)


