"""Latency of the entity pages of ``kg serve``: every entity's page, fetched over HTTP.

Starts ``kg serve`` on a store, lists the entities (every resource with an
``rdfs:label`` that is no article), fetches a few pages to warm the workers,
then each entity's page once, one request at a time, as a browser asks for it
(``Accept: text/html``), and reports the median, 95th and 99th percentile and
the slowest pages. With ``--triples N`` the store is first copied and its
article graphs replicated under new IRIs until it holds N statements (as
``bench/queries.py`` does), so the same entities are mentioned N/size times
as often; the copy is made in a temporary folder and deleted afterwards.

``--heaviest N`` adds the pages of the N most mentioned entities (the
slowest to read) to those fetched.

Usage::

    python bench/entity_pages.py --store kg-store
    python bench/entity_pages.py --store kg-store --triples 1000000 --limit 800 --heaviest 30
"""

from __future__ import annotations

import argparse
import json
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import command

_HEAVIEST = """
SELECT ?e (COUNT(?m) AS ?n) WHERE { ?m ckg:mentionOf ?e } GROUP BY ?e ORDER BY DESC(?n) LIMIT %d
"""

_ENTITIES = """
SELECT DISTINCT ?e WHERE {
  ?e rdfs:label ?l .
  FILTER(STRSTARTS(STR(?e), "https://w3id.org/conflict-kg/id/") && !STRSTARTS(STR(?e), "https://w3id.org/conflict-kg/id/article/"))
}
"""


def replicated(source: Path, folder: Path, triples: int) -> Path:
    """A copy of ``source`` whose article graphs are replicated until it holds ``triples`` statements."""
    import pyoxigraph as ox
    from queries import article_quads, replicate

    from kg.store import Store

    with Store.open(source, read_only=True) as store:
        quads = article_quads(store)
    path = folder / "big"
    with Store.open(path) as store:
        store._writable().bulk_extend(ox.parse(quads, format=ox.RdfFormat.N_QUADS))
        copies = replicate(store, quads, target=triples)
        print(f"store: {store.count_triples()} statements ({copies} replicas of {source})", flush=True)
    return path


def fetch(url: str, *, accept: str = "text/html") -> tuple[int, float, bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as e:
        body, status = e.read(), e.code
    return status, time.perf_counter() - started, body


def entities(base: str) -> list[str]:
    url = base + "/sparql?" + urllib.parse.urlencode({"query": _ENTITIES})
    status, _, body = fetch(url, accept="application/sparql-results+json")
    if status != 200:
        raise SystemExit(f"listing the entities failed ({status}): {body[:200]!r}")
    return sorted(row["e"]["value"] for row in json.loads(body)["results"]["bindings"])


def serve(store: Path, port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(port), "--max-rows", "1000000"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if fetch(f"http://127.0.0.1:{port}/sparql", accept="text/turtle")[0] == 200:
                return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("kg serve did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, required=True, help="the store (read, not changed)")
    parser.add_argument("--triples", type=int, help="replicate a copy of the store up to this many statements")
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument("--limit", type=int, help="fetch only this many pages (every n-th entity)")
    parser.add_argument("--heaviest", type=int, default=0, help="also fetch the pages of the N most mentioned entities")
    args = parser.parse_args()
    print(f"# {command()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="kg-bench-pages-") as tmp:
        store = replicated(args.store, Path(tmp), args.triples) if args.triples else args.store
        process = serve(store, args.port)
        try:
            base = f"http://127.0.0.1:{args.port}"
            iris = entities(base)
            if args.limit and args.limit < len(iris):
                iris = iris[:: max(1, len(iris) // args.limit)][: args.limit]
            if args.heaviest:
                url = base + "/sparql?" + urllib.parse.urlencode({"query": _HEAVIEST % args.heaviest})
                rows = json.loads(fetch(url, accept="application/sparql-results+json")[2])["results"]["bindings"]
                iris = list(dict.fromkeys([row["e"]["value"] for row in rows] + iris))
            for iri in iris[:5]:  # start the workers' caches and parsers
                fetch(base + "/entity/" + iri.split("/id/", 1)[1])
            times: list[tuple[float, str, int]] = []
            for iri in iris:
                status, seconds, _ = fetch(base + "/entity/" + iri.split("/id/", 1)[1])
                times.append((seconds, iri, status))
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=30)
    values = sorted(t for t, _, _ in times)
    failed = [(iri, status) for _, iri, status in times if status != 200]

    def percentile(p: float) -> float:
        return values[min(len(values) - 1, int(p * len(values)))]

    print(f"{len(values)} entity pages: median {statistics.median(values) * 1000:.0f} ms, "
          f"p95 {percentile(0.95) * 1000:.0f} ms, p99 {percentile(0.99) * 1000:.0f} ms, "
          f"max {values[-1] * 1000:.0f} ms; over 0.5 s: {sum(v > 0.5 for v in values)}; not 200: {len(failed)}")
    for seconds, iri, status in sorted(times, reverse=True)[:5]:
        print(f"  {seconds * 1000:6.0f} ms  {status}  {iri}")
    for iri, status in failed[:5]:
        print(f"  failed {status}: {iri}")


if __name__ == "__main__":
    main()
