"""The ``kg`` command line: one thin function per command.

Data goes to stdout, progress and messages to stderr, so commands pipe. A
:class:`~kg.errors.KgError` becomes one line on stderr and exit status 1.
"""

from __future__ import annotations

import os
import sys

import typer

# the order of registration is the order of `kg --help`: make the graph, explore it, curate, measure
from kg.cli import graph as _graph  # noqa: F401  (registers the commands)
from kg.cli import explore as _explore  # noqa: F401  # isort: skip
from kg.cli import curate as _curate  # noqa: F401  # isort: skip
from kg.cli import measure as _measure  # noqa: F401  # isort: skip
from kg.cli.app import app, err
from kg.errors import KgError

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``kg`` console script."""
    try:
        # Without standalone mode click returns typer.Exit's code instead of exiting.
        code = app(standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except BrokenPipeError:
        # the reader went away (`kg query ... | head`): not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except KgError as e:
        err(f"kg: error: {e}")
        sys.exit(1)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except typer.Abort:
        err("kg: aborted")
        sys.exit(130)
    except Exception as e:
        # Usage errors (click's, as vendored by Typer) arrive here without standalone mode.
        show, exit_code = getattr(e, "show", None), getattr(e, "exit_code", None)
        if callable(show) and isinstance(exit_code, int):
            show()
            sys.exit(exit_code)
        raise

