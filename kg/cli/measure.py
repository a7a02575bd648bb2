"""Commands that measure and prepare: ``kg eval ...`` and ``kg actors ...``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from kg.cli.app import (
    ActorsOpt,
    TableFormat,
    app,
    err,
    eval_app,
    make_config,
    write_rows,
)
from kg.errors import KgError

__all__: list[str] = []

actors_app = typer.Typer(help="Custom actor dictionaries.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")


def _dict_rows(rows: list[dict[str, Any]], fmt: TableFormat) -> None:
    variables = list(rows[0]) if rows else []
    write_rows(variables, [tuple(r.values()) for r in rows], fmt)


@eval_app.command("entities")
def eval_entities(
    gold: Annotated[Path, typer.Argument(help="Gold JSON Lines (re3d format: text + entities).")],
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = TableFormat.table,
    baseline: Annotated[bool, typer.Option("--baseline/--no-baseline", help="Also score the spaCy model alone.")] = True,
    actors: ActorsOpt = None,
) -> None:
    """Precision, recall and F1 of entity mentions against gold spans."""
    from kg.evaluate import evaluate_entities

    report = evaluate_entities(gold, config=make_config(actors), baseline=baseline)
    err(report.describe())
    _dict_rows(report.as_rows(), fmt)


@eval_app.command("events")
def eval_events(
    gold: Annotated[Path, typer.Argument(help="Gold JSON Lines (PLOVER, PETRARCH or stand-off annotations).")],
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = TableFormat.table,
    actors: ActorsOpt = None,
    confusion: Annotated[bool, typer.Option("--confusion", help="Print the confusion table of types instead.")] = False,
    coverage: Annotated[bool, typer.Option(
        "--coverage", help="Print the coverage instead: records with a gold event where kg codes one with an agent.",
    )] = False,
    items: Annotated[bool, typer.Option(
        "--items", help="Print each record's gold events and kg's instead (never on a blind sample).",
    )] = False,
    limit: Annotated[int | None, typer.Option("--limit", help="Score only the first N records.")] = None,
    root: Annotated[Path | None, typer.Option(
        "--root", help="Directory the corpus paths of stand-off gold are relative to (default: here).",
    )] = None,
) -> None:
    """Precision, recall and F1 of coded events: dyad, type, CAMEO root and full code levels."""
    from kg.evaluate import evaluate_events

    report = evaluate_events(gold, config=make_config(actors), actors=tuple(actors or ()), limit=limit,
                             root=root, keep_items=items)
    err(report.describe())
    if items:
        rows = report.item_rows()
    elif confusion:
        rows = report.confusion_rows()
    elif coverage:
        rows = report.coverage_rows()
    else:
        rows = report.as_rows()
    _dict_rows(rows, fmt)


@eval_app.command("coverage")
def eval_coverage(
    corpus: Annotated[list[Path], typer.Argument(help="Corpus files or directories (as kg build reads them).")],
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = TableFormat.table,
    actors: ActorsOpt = None,
) -> None:
    """Share of corpus items in which kg codes an event with an agent (no gold needed)."""
    from kg.evaluate import corpus_coverage
    from kg.progress import article_progress

    with article_progress() as progress:
        rows = corpus_coverage(corpus, config=make_config(actors), progress=progress)
    _dict_rows([row.as_row() for row in rows], fmt)


@actors_app.command("convert")
def actors_convert(
    kind: Annotated[str, typer.Argument(help="Dictionary kind: petrarch.")],
    source: Annotated[Path, typer.Argument(help="The dictionary to convert (PETRARCH actors/agents as JSON).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="TSV file to write.")] = Path("actors.tsv"),
) -> None:
    """Convert another coder's actor dictionary to kg's actor TSV (for --actors)."""
    from kg.actors import convert_petrarch, write_actor_tsv

    if kind != "petrarch":
        raise KgError(f"unknown dictionary kind {kind!r}; kg converts: petrarch")
    count = write_actor_tsv(convert_petrarch(source), output)
    err(f"wrote {count} actors to {output}; use it with --actors {output}")
