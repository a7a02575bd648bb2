"""Tabular output for the CLI: a table for people, JSON/CSV/TSV for programs.

>>> import io
>>> out = io.StringIO()
>>> write_rows(["name", "n"], [("Armenia", 3)], fmt="csv", out=out)
>>> out.getvalue().splitlines()
['name,n', 'Armenia,3']
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, TextIO

from kg.errors import KgError

__all__ = ["FORMATS", "plain", "write_rows"]

FORMATS = ("table", "json", "csv", "tsv")


def plain(value: Any) -> Any:
    """A JSON-friendly form of a query value (dates as ISO strings, None kept)."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def write_rows(variables: Sequence[str], rows: Sequence[Sequence[Any]], *, fmt: str, out: TextIO) -> None:
    """Write rows in one of :data:`FORMATS`.

    ``json`` writes a list of objects (one per row, keyed by variable).
    """
    if fmt == "json":
        out.write(json.dumps([dict(zip(variables, map(plain, row))) for row in rows], ensure_ascii=False, indent=1))
        out.write("\n")
    elif fmt in ("csv", "tsv"):
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(variables)
        for row in rows:
            writer.writerow(["" if v is None else plain(v) for v in row])
    elif fmt == "table":
        _table(variables, rows, out)
    else:
        raise KgError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def _table(variables: Sequence[str], rows: Sequence[Sequence[Any]], out: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(*variables, show_lines=False, header_style="bold")
    for row in rows:
        table.add_row(*("" if v is None else str(plain(v)) for v in row))
    console = Console(file=out, width=max(100, min(200, 24 * len(variables))), soft_wrap=False)
    console.print(table)
    console.print(f"{len(rows)} row(s)", style="dim")
