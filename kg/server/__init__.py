"""``kg serve``: a read-only SPARQL 1.1 endpoint and a web page over a store.

>>> from kg.server import run_server
>>> run_server.__name__
'run_server'

The endpoint is at ``/sparql`` (SPARQL 1.1 Protocol: GET, form POST and
direct POST, content negotiation, service description); the page at ``/``;
entity pages at ``/entity/<path>`` for ``https://w3id.org/conflict-kg/id/<path>``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from kg.errors import ConfigError

__all__ = ["run_server"]


def run_server(
    store_path: Path | str,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    timeout: float = 30.0,
    max_rows: int = 10_000,
    cors: Sequence[str] = (),
    token: str | None = None,
    workers: int | None = None,
    max_body: int = 1_000_000,
) -> None:
    """Serve the store at ``store_path`` until interrupted (Ctrl-C stops it cleanly).

    Parameters
    ----------
    store_path : Path or str
        A store directory written by ``kg build``; it is opened read-only.
    host : str
        Interface to bind; the loopback interface unless told otherwise.
    port : int
        TCP port.
    timeout : float
        Seconds a query may run before its worker process is killed (503).
    max_rows : int
        Most rows (or triples) a result carries; a capped result says so in
        the ``X-KG-Truncated`` header and the JSON ``truncated`` member.
    cors : sequence of str
        Origins allowed to call the endpoint from a browser; none by default.
    token : str, optional
        When given, every data request needs ``Authorization: Bearer TOKEN``.
    workers : int, optional
        Query worker processes (queries running at once); default 2 to 4 by CPUs.
    max_body : int
        Largest request body accepted, in bytes (413 beyond).

    Raises
    ------
    StoreError
        When there is no readable store at ``store_path``.
    ConfigError
        For a non-positive timeout, row cap, worker count or body size.
    """
    import uvicorn

    from kg.server.app import ServerSettings, create_app
    from kg.store import Store

    if timeout <= 0 or max_rows <= 0 or max_body <= 0 or (workers is not None and workers <= 0):
        raise ConfigError("--timeout, --max-rows, --workers and the body limit must be positive")
    for origin in cors:
        if origin != "*" and not origin.startswith(("http://", "https://")):
            raise ConfigError(f"--cors {origin!r} is not an origin; give it as https://host[:port]")
    path = Path(store_path)
    Store.open(path, read_only=True).close()  # fails early, with a message, on a bad directory
    size = workers or max(2, min(4, os.cpu_count() or 2))
    settings = ServerSettings(
        store_path=path,
        timeout=timeout,
        max_rows=max_rows,
        max_body=max_body,
        workers=size,
        cors=tuple(cors),
        token=token,
    )
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning", lifespan="on")
