"""Load test: `kg serve` against `oxigraph serve-read-only` on the same store and queries.

N concurrent clients (threads, one keep-alive connection each) run the query
library (every ``queries/*.rq`` with its default parameters) round-robin for
M seconds against each server in turn, on 127.0.0.1 only, bounded by
``--max-requests`` per server. Reports throughput, p50/p99 latency and
errors (non-200 answers; there must be none) and the ratio kg / oxigraph.

Usage::

    python bench/load_server.py --store DIR [--clients 8] [--seconds 20]
    python bench/load_server.py --build ../shared/corpus/seed  # builds a store first

Needs the ``oxigraph`` package (its CLI) besides kg's own dependencies.
"""

from __future__ import annotations

import argparse
import http.client
import json
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.queries import bind_params, list_queries  # noqa: E402
from kg.store.prefixes import PREFIXES  # noqa: E402


@dataclass(frozen=True)
class Outcome:
    name: str
    requests: int
    errors: int
    seconds: float
    latencies: tuple[float, ...]

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def library_queries(values: dict[str, str]) -> list[str]:
    """Every library query with its defaults (and ``values`` for required parameters) bound.

    Prefixes are declared in the text, since oxigraph has no predeclared ones.
    """
    declarations = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())
    out = []
    for query in list_queries():
        declared = {param.name for param in query.params}
        text = bind_params(query, {k: v for k, v in values.items() if k in declared})
        body = "\n".join(line for line in text.splitlines() if not line.lstrip().upper().startswith("PREFIX"))
        out.append(declarations + body)
    return out


def wait_ready(port: int, path: str, deadline: float = 90) -> None:
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", path + "?query=ASK%7B%7D")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server on port {port} did not start")


def run_clients(name: str, port: int, path: str, queries: list[str], *, clients: int, seconds: float, max_requests: int) -> Outcome:
    latencies: list[float] = []
    errors = [0]
    count = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(offset: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        i = offset
        while time.monotonic() < stop_at:
            with lock:
                if count[0] >= max_requests:
                    return
                count[0] += 1
            query = queries[i % len(queries)]
            i += 1
            started = time.perf_counter()
            try:
                connection.request(
                    "POST", path, body=query.encode(),
                    headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
                )
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                ok = False
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if not ok:
                    errors[0] += 1
        connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Outcome(name, len(latencies), errors[0], time.monotonic() - started, tuple(latencies))


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="store directory written by kg build")
    parser.add_argument("--build", type=Path, help="build a temporary store from these inputs first")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--workers", type=int, default=None, help="kg serve worker processes")
    parser.add_argument(
        "--param", action="append", default=[], metavar="NAME=VALUE",
        help="value for required library parameters (default: country=ARM, event=id:event/none/1)",
    )
    args = parser.parse_args()
    oxigraph = shutil.which("oxigraph")
    if oxigraph is None:
        parser.error("the oxigraph CLI is missing: pip install oxigraph")
    scratch = None
    store = args.store
    if store is None:
        if args.build is None:
            parser.error("give --store DIR or --build INPUTS")
        from kg.api import build

        scratch = tempfile.TemporaryDirectory(prefix="kg-bench-")
        store = Path(scratch.name) / "store"
        build(args.build, store=store)
    values = {"country": "ARM", "event": "id:event/none/1"}
    values.update(dict(item.split("=", 1) for item in args.param))
    queries = library_queries(values)
    print(f"command: python {shlex.join(sys.argv)}")
    print(f"store: {store}; {len(queries)} library queries; {args.clients} clients; {args.seconds:g} s per server")

    outcomes = []
    kg_port = free_port()
    options = {"port": kg_port, "host": "127.0.0.1", "workers": args.workers, "timeout": 60}
    code = f"import json,sys; from kg.server import run_server; run_server({str(store)!r}, **json.loads(sys.argv[1]))"
    kg = subprocess.Popen([sys.executable, "-c", code, json.dumps(options)], cwd=ROOT)
    try:
        wait_ready(kg_port, "/sparql")
        outcomes.append(run_clients("kg serve", kg_port, "/sparql", queries, clients=args.clients,
                                    seconds=args.seconds, max_requests=args.max_requests))
    finally:
        stop(kg)
    ox_port = free_port()
    ox = subprocess.Popen(
        [oxigraph, "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{ox_port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        wait_ready(ox_port, "/query")
        outcomes.append(run_clients("oxigraph serve-read-only", ox_port, "/query", queries, clients=args.clients,
                                    seconds=args.seconds, max_requests=args.max_requests))
    finally:
        stop(ox)
        if scratch is not None:
            scratch.cleanup()

    print(f"{'server':<26}{'requests':>10}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}")
    for outcome in outcomes:
        print(f"{outcome.name:<26}{outcome.requests:>10}{outcome.throughput:>10.1f}"
              f"{outcome.percentile(0.5):>10.1f}{outcome.percentile(0.99):>10.1f}{outcome.errors:>8}")
    kg_result, ox_result = outcomes
    ratio = kg_result.throughput / ox_result.throughput if ox_result.throughput else float("nan")
    print(f"throughput ratio kg/oxigraph: {ratio:.2f}; "
          f"p50 ratio: {kg_result.percentile(0.5) / ox_result.percentile(0.5):.2f}; "
          f"p99 ratio: {kg_result.percentile(0.99) / ox_result.percentile(0.99):.2f}")
    return 1 if any(outcome.errors for outcome in outcomes) else 0


if __name__ == "__main__":
    raise SystemExit(main())
