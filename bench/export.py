"""Export speed of N-Quads and Turtle (and the other formats) from a store, with peak memory.

Each format is written to a temporary file by ``kg.export.export`` in a fresh
process (so peak RSS is per format); the figure is statements per second
(``store.count_triples()`` / wall time) and megabytes per second.

Usage::

    python bench/export.py --store kg-store --formats nq,ttl
    python bench/export.py --corpus current_events --limit 1000 --replicas 10
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import command, peak_rss_mb, write_corpus


def child(store_path: Path, format: str) -> None:
    from kg.export import export
    from kg.store import Store

    with Store.open(store_path, read_only=True) as store, tempfile.TemporaryDirectory() as tmp:
        statements = store.count_triples()
        target = Path(tmp) / f"out.{format}"
        started = time.perf_counter()
        with target.open("wb") as out:
            export(store, format=format, out=out)
        seconds = time.perf_counter() - started
        size = target.stat().st_size / 1e6
    print(f"{format:>6}: {seconds:7.1f} s  {statements / seconds:10.0f} statements/s  "
          f"{size / seconds:6.1f} MB/s  ({size:.0f} MB)  peak RSS {peak_rss_mb():.0f} MB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, help="an existing store")
    parser.add_argument("--corpus", default="current_events")
    parser.add_argument("--limit", type=int, default=500, help="articles to build when no --store is given")
    parser.add_argument("--replicas", type=int, default=0, help="renamed copies of the built articles to add")
    parser.add_argument("--formats", default="nq,nt,ttl,trig")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), args.child[1])
        return
    print(f"# {command()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="kg-bench-x-") as tmp:
        store_path = args.store
        if store_path is None:
            from kg.config import Config
            from kg.pipeline import build
            from kg.store import Store
            from queries import article_quads, replicate  # bench/queries.py

            path = Path(tmp) / "articles.jsonl"
            write_corpus(args.corpus, args.limit, path)
            store_path = Path(tmp) / "store"
            with Store.open(store_path) as store:
                build([str(path)], store=store, config=Config())
                if args.replicas:
                    replicate(store, article_quads(store), target=store.count_triples() * (args.replicas + 1))
        from kg.store import Store

        with Store.open(store_path, read_only=True) as store:
            print(f"store: {store.count_triples()} statements in {len(store.graph_iris())} graphs", flush=True)
        for format in args.formats.split(","):
            subprocess.run([sys.executable, __file__, "--child", str(store_path), format], check=True)


if __name__ == "__main__":
    main()
