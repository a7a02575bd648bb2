"""Tabular output for the CLI: a table for people, JSON/CSV/TSV for programs.

A table writes kg's IRIs short (``id:country/arm``) and wraps long values
instead of cutting them; CSV, TSV and tables drop the trailing blank lines of
text values (sentences read with their line end), which would otherwise
break a row in two.

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
            writer.writerow(["" if v is None else _trimmed(plain(v)) for v in row])
    elif fmt == "table":
        _table(variables, rows, out)
    else:
        raise KgError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def _trimmed(value: Any) -> Any:
    """Text without trailing blank lines or spaces (a sentence read with its line end), else the value.

    >>> _trimmed("Shells fell." + chr(10) + chr(10)), _trimmed(3)
    ('Shells fell.', 3)
    """
    return value.rstrip() if isinstance(value, str) else value


def _short(text: str) -> str:
    """An IRI of kg's prefixes written short for a table (``id:country/arm``), other text as it is.

    >>> _short("https://w3id.org/conflict-kg/id/country/arm"), _short("Armenia")
    ('id:country/arm', 'Armenia')
    """
    from kg.store.prefixes import PREFIXES

    for prefix in ("id", "ckg"):
        namespace = PREFIXES[prefix]
        if text.startswith(namespace) and len(text) > len(namespace):
            return f"{prefix}:{text[len(namespace):]}"
    return text


def _table(variables: Sequence[str], rows: Sequence[Sequence[Any]], out: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(*variables, show_lines=False, header_style="bold")
    for column in table.columns:
        column.overflow = "fold"  # wrapped, never cut with an ellipsis
    cells = [["" if v is None else _short(str(_trimmed(plain(v)))) for v in row] for row in rows]
    for row in cells:
        table.add_row(*row)
    # as wide as the longest values need (up to 240 columns): IRIs and names whole on one line
    natural = [max([len(name), *(len(line) for row in cells for line in row[i].splitlines() or [""])])
               for i, name in enumerate(variables)]
    width = max(60, min(240, sum(min(n, 80) for n in natural) + 3 * len(variables) + 1))
    console = Console(file=out, width=width, soft_wrap=False)
    console.print(table)
    console.print(f"{len(rows)} row(s)", style="dim")
