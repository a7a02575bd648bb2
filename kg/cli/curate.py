"""Commands for curators: ``kg audit``."""

from __future__ import annotations

from typing import Annotated

import typer

from kg.cli.app import DEFAULT_STORE, StoreOpt, TableFormat, app, err, open_store, write_rows

__all__: list[str] = []

_COLUMNS = ("kind", "rank", "label", "type", "country", "sector", "mentions", "actor", "detail")


@app.command()
def audit(
    store: StoreOpt = DEFAULT_STORE,
    top: Annotated[int, typer.Option("--top", help="Review the N most-mentioned actors (0: all).")] = 200,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = TableFormat.table,
) -> None:
    """List actors a curator should review: one-word persons, other scripts, markers, the publisher, type conflicts, near-duplicates, national sectors without a country."""
    from kg.audit import AUDIT_CLASSES, audit as run_audit

    with open_store(store, read_only=True) as st:
        rows = run_audit(st, top=top or None)
    write_rows(list(_COLUMNS), [tuple(r.as_dict()[c] for c in _COLUMNS) for r in rows], fmt)
    counts = {kind: sum(r.kind == kind for r in rows) for kind in AUDIT_CLASSES}
    err("; ".join(f"{kind} {n}" for kind, n in counts.items()))
