"""Latency of every library query (queries/*.rq) on a store of a million triples or more, beside rdflib.

The store: a build of the first ``--limit`` articles of a corpus (or an
existing ``--store``), whose article graphs are then replicated with renamed
IRIs until it holds ``--triples`` statements. Replica K renames the article,
mention, event and claim IRIs (``id/article/rK-...``), so each replica is a new
set of articles with their own events; entities (countries, people, ...) keep
their IRIs, so the replicas mention the same actors, as a larger corpus of the
same news would. The replicas are bulk-loaded.

Each query runs with its default parameters (required ones get a value), once
to warm up, then ``--repeat`` times on pyoxigraph through ``Store.query``
(median reported) in a child process with a timeout, and on rdflib's
in-memory SPARQL engine over the same quads (a ``Dataset`` with the union as
default graph), once, with a timeout.

Usage::

    python bench/queries.py --corpus current_events --limit 2000 --triples 1000000
    python bench/queries.py --store kg-store --triples 1000000 --rdflib-timeout 300
"""

from __future__ import annotations

import argparse
import re
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import command, peak_rss_mb, write_corpus

_RENAMED = re.compile(rb"<https://w3id\.org/conflict-kg/id/(article|mention|event|claim)/")
_REQUIRED = {"iri": "id:country/rus", "code": "RUS", "date": "2020-01-01", "integer": "10",
             "decimal": "0", "boolean": "false", "string": "Russia"}


class Timeout(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise Timeout


def article_quads(store: Any) -> bytes:
    import io

    from kg.export import export

    out = io.BytesIO()
    export(store, format="nq", out=out)
    return out.getvalue()


def replicate(store: Any, quads: bytes, *, target: int) -> int:
    """Bulk-load renamed copies of ``quads`` until the store holds ``target`` statements."""
    import pyoxigraph as ox

    inner = store._writable()
    copy = 0
    while len(inner) < target:
        copy += 1
        renamed = _RENAMED.sub(rb"\g<0>" + f"r{copy}-".encode(), quads)
        inner.bulk_extend(ox.parse(renamed, format=ox.RdfFormat.N_QUADS))
    return copy


def bound_queries() -> list[tuple[str, str]]:
    from kg.queries import bind_params, list_queries

    queries = []
    for query in list_queries():
        values = {p.name: _REQUIRED.get(p.type, "Russia") for p in query.params if p.required}
        queries.append((query.name, bind_params(query, values)))
    return queries


def child(store_path: Path, name: str, repeat: int) -> None:
    """Run one library query on the store, once to warm up and ``repeat`` times; print JSON."""
    import json

    from kg.store import Store

    text = dict(bound_queries())[name]
    with Store.open(store_path, read_only=True) as store:
        result = store.query(text)
        rows = len(result.rows) if hasattr(result, "rows") else int(bool(result))
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            store.query(text)
            times.append(time.perf_counter() - started)
    print(json.dumps({"rows": rows, "ms": statistics.median(times) * 1000}))


def oxigraph_ms(store_path: Path, name: str, *, repeat: int, timeout: int) -> tuple[int, float | None]:
    """Rows and median milliseconds of a query, from a child process (None on timeout)."""
    import json
    import subprocess

    try:
        done = subprocess.run([sys.executable, __file__, "--child", str(store_path), name, "--repeat", str(repeat)],
                              capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return -1, None
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    return int(answer["rows"]), float(answer["ms"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, help="an existing store to start from (read, not changed)")
    parser.add_argument("--corpus", default="current_events")
    parser.add_argument("--limit", type=int, default=1000, help="articles to build when no --store is given")
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rdflib-timeout", type=int, default=120, help="seconds per query on rdflib")
    parser.add_argument("--oxigraph-timeout", type=int, default=300, help="seconds per query (all runs) on pyoxigraph")
    parser.add_argument("--no-rdflib", action="store_true")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), args.child[1], args.repeat)
        return

    from kg.config import Config
    from kg.pipeline import build
    from kg.store import PREFIXES, Store

    print(f"# {command()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="kg-bench-q-") as tmp:
        if args.store:
            with Store.open(args.store, read_only=True) as source:
                quads = article_quads(source)
        else:
            path = Path(tmp) / "articles.jsonl"
            write_corpus(args.corpus, args.limit, path)
            with Store.open(Path(tmp) / "seed") as seed:
                report = build([str(path)], store=seed, config=Config())
                print(f"built {report.built} articles of {args.corpus}: {report.triples} triples", flush=True)
                quads = article_quads(seed)
        big = Path(tmp) / "big"
        with Store.open(big) as store:
            started = time.perf_counter()
            copies = replicate(store, quads, target=args.triples)
            print(f"store: {store.count_triples()} quads in {len(store.graph_iris())} graphs "
                  f"({copies} replicas, loaded in {time.perf_counter() - started:.0f} s)", flush=True)
            everything = store._store.dump(format=__import__("pyoxigraph").RdfFormat.N_QUADS)
        dataset = None
        if not args.no_rdflib:
            import rdflib

            started = time.perf_counter()
            dataset = rdflib.Dataset(default_union=True)
            dataset.parse(data=everything, format="nquads")
            print(f"rdflib Dataset loaded in {time.perf_counter() - started:.0f} s", flush=True)
        del everything
        signal.signal(signal.SIGALRM, _alarm)
        print(f"{'query':32} {'rows':>6} {'oxigraph ms':>12} {'rdflib ms':>12} {'rdflib/oxigraph':>16}")
        ratios = []
        for name, text in bound_queries():
            rows, ox_time = oxigraph_ms(big, name, repeat=args.repeat, timeout=args.oxigraph_timeout)
            ox_text = f"{ox_time:12.1f}" if ox_time is not None else f"{'>' + str(args.oxigraph_timeout * 1000):>12}"
            rd = ratio = "-"
            if dataset is not None:
                signal.alarm(args.rdflib_timeout)
                try:
                    started = time.perf_counter()
                    list(dataset.query(text, initNs=dict(PREFIXES)))
                    rd_ms = (time.perf_counter() - started) * 1000
                    rd = f"{rd_ms:.0f}"
                    if ox_time is not None:
                        ratio = f"{rd_ms / ox_time:.0f}x"
                        ratios.append(rd_ms / ox_time)
                except Timeout:
                    rd = f">{args.rdflib_timeout * 1000}"
                    if ox_time is not None:
                        ratio = f">{args.rdflib_timeout * 1000 / ox_time:.0f}x"
                        ratios.append(args.rdflib_timeout * 1000 / ox_time)
                finally:
                    signal.alarm(0)
            print(f"{name:32} {rows:6d} {ox_text} {rd:>12} {ratio:>16}", flush=True)
        if ratios:
            print(f"MEDIAN rdflib/oxigraph = {statistics.median(ratios):.0f}x "
                  "(over queries finishing on oxigraph; an rdflib timeout counts as the timeout, so it is a lower bound)")
    print(f"peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
