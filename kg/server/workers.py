"""Queries run in worker processes that can be killed at the deadline.

pyoxigraph has no query timeout and holds no GIL-free cancel hook, so a
thread cannot stop a runaway query; a process can be killed. Each worker
opens the store read-only (RocksDB allows several read-only openers of one
directory) and answers one job at a time over a pipe. On a deadline the
worker is killed and replaced, and the caller gets :class:`QueryTimeout`.

Workers are started with ``spawn`` (not ``fork``) because the server process
runs threads and an event loop that a forked child must not inherit.
"""

from __future__ import annotations

import asyncio
import multiprocessing as mp
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

__all__ = ["Job", "JobResult", "QueryPool", "QueryTimeout", "WorkerFailed"]


class QueryTimeout(Exception):
    """The query did not finish before the deadline; its worker was killed."""


class WorkerFailed(Exception):
    """The worker process died while running a query (it is replaced)."""


@dataclass(frozen=True)
class Job:
    """One query for a worker."""

    query: str
    media_type: str
    max_rows: int
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    base_iri: str | None = None


@dataclass(frozen=True)
class JobResult:
    """A worker's answer: the serialised body, or an error kind and message.

    ``error`` is ``"syntax"`` (400), ``"refused"`` (403) or ``"failed"`` (500).
    """

    body: bytes = b""
    truncated: bool = False
    count: int = 0
    error: str | None = None
    message: str = ""


def _run_job(store: Any, job: Job) -> JobResult:
    import pyoxigraph as ox

    from kg.errors import QueryError, QuerySyntaxError
    from kg.server.formats import write_boolean, write_graph, write_select
    from kg.store.guard import check_query
    from kg.store.prefixes import PREFIXES

    def is_local_graph(iri: str) -> bool:
        try:
            return bool(store.contains_named_graph(ox.NamedNode(iri)))
        except ValueError:
            return False

    try:
        has_from = check_query(job.query, is_local_graph=is_local_graph, base_iri=job.base_iri)
    except QuerySyntaxError as e:
        return JobResult(error="syntax", message=str(e))
    except QueryError as e:
        return JobResult(error="refused", message=str(e))
    options: dict[str, Any] = {"prefixes": dict(PREFIXES), "base_iri": job.base_iri}
    if job.default_graphs is not None or job.named_graphs is not None:
        # a protocol dataset replaces the query's FROM clauses (SPARQL 1.1 Protocol 2.1.4)
        options["default_graph"] = [ox.NamedNode(iri) for iri in job.default_graphs or ()]
        options["named_graphs"] = [ox.NamedNode(iri) for iri in job.named_graphs or ()]
    else:
        options["use_default_graph_as_union"] = not has_from
    try:
        result = store.query(job.query, **options)
        if isinstance(result, ox.QueryBoolean):
            return JobResult(body=write_boolean(bool(result), job.media_type), count=1)
        rows: list[Any] = []
        truncated = False
        for item in result:
            if len(rows) == job.max_rows:
                truncated = True
                break
            rows.append(item if isinstance(result, ox.QueryTriples) else tuple(item))
        if isinstance(result, ox.QuerySolutions):
            variables = tuple(variable.value for variable in result.variables)
            body = write_select(variables, rows, job.media_type, truncated=truncated)
        else:
            body = write_graph(rows, job.media_type, prefixes=dict(PREFIXES))
        return JobResult(body=body, truncated=truncated, count=len(rows))
    except SyntaxError as e:
        return JobResult(error="syntax", message=f"SPARQL syntax error: {e}")
    except (ValueError, TypeError) as e:
        return JobResult(error="syntax", message=f"cannot run the query: {e}")
    except OSError as e:
        return JobResult(error="failed", message=f"reading the store failed: {e}")


def worker_main(store_path: str, conn: Connection) -> None:
    """Serve jobs from ``conn`` until it closes (runs in the worker process)."""
    # Ctrl-C reaches the whole process group; the server decides when workers stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import pyoxigraph as ox

    from kg.store.sandbox import deny_network

    # the second wall: whatever a query asks, this process opens no network socket
    sealed = deny_network()
    store = ox.Store.read_only(store_path)
    conn.send(("ready", sealed))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(_run_job(store, job))
        except (BrokenPipeError, OSError):
            return


class _Worker:
    def __init__(self, context: Any, store_path: str) -> None:
        self.sealed = False
        self.conn, child = context.Pipe()
        self.process = context.Process(target=worker_main, args=(store_path, child), daemon=True)
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            raise WorkerFailed("a query worker did not start: check that the store directory is readable")
        message = self.conn.recv()
        if not (isinstance(message, tuple) and message[0] == "ready"):
            raise WorkerFailed("a query worker did not start: check that the store directory is readable")
        self.sealed = bool(message[1])

    def call(self, job: Job, timeout: float) -> JobResult:
        self.conn.send(job)
        if not self.conn.poll(timeout):
            raise QueryTimeout
        try:
            result: JobResult = self.conn.recv()
        except (EOFError, OSError) as e:
            raise WorkerFailed("the query worker died while running the query") from e
        return result

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class QueryPool:
    """A fixed number of worker processes over one read-only store.

    Parameters
    ----------
    store_path : Path
        The store directory.
    size : int
        Number of worker processes (queries that can run at once).
    """

    def __init__(self, store_path: Path, *, size: int) -> None:
        self.store_path = str(store_path)
        self.size = size
        self._context = mp.get_context("spawn")
        self._threads = ThreadPoolExecutor(max_workers=size, thread_name_prefix="kg-query")
        self._idle: asyncio.Queue[_Worker] | None = None
        self._workers: set[_Worker] = set()
        self._lock = threading.Lock()

    def _spawn(self) -> _Worker:
        worker = _Worker(self._context, self.store_path)
        with self._lock:
            self._workers.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        with self._lock:
            self._workers.discard(worker)
        worker.stop()

    async def start(self) -> None:
        """Start the workers and wait until each has opened the store."""
        self._idle = asyncio.Queue()
        workers = [self._spawn() for _ in range(self.size)]
        for worker in workers:
            await asyncio.get_running_loop().run_in_executor(self._threads, worker.wait_ready, 60.0)
            self._idle.put_nowait(worker)

    async def run(self, job: Job, *, timeout: float) -> JobResult:
        """Run ``job`` on an idle worker; the deadline covers the wait for one.

        Raises
        ------
        QueryTimeout
            When no worker became free, or the query did not finish, in time.
        WorkerFailed
            When the worker process died.
        """
        if self._idle is None:
            raise RuntimeError("QueryPool.start() was not awaited")
        started = time.monotonic()
        try:
            worker = await asyncio.wait_for(self._idle.get(), timeout)
        except asyncio.TimeoutError as e:
            raise QueryTimeout from e
        remaining = max(0.0, timeout - (time.monotonic() - started))
        loop = asyncio.get_running_loop()
        try:
            result = await loop.run_in_executor(self._threads, worker.call, job, remaining)
        except (QueryTimeout, WorkerFailed):
            # the work must really stop: kill the process, start a fresh one
            self._retire(worker)
            replacement = self._spawn()
            await loop.run_in_executor(None, replacement.wait_ready, 60.0)
            self._idle.put_nowait(replacement)
            raise
        self._idle.put_nowait(worker)
        return result

    def close(self) -> None:
        """Kill every worker (used on shutdown)."""
        with self._lock:
            workers = list(self._workers)
            self._workers.clear()
        for worker in workers:
            worker.stop()
        self._threads.shutdown(wait=False, cancel_futures=True)
