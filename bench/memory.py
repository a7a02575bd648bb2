"""Peak memory of a build at growing corpus sizes: it should stay flat.

Each size runs in a fresh process (``--child``) that builds the first N
articles of the corpus into a new on-disk store with one process, printing the
resident memory (``VmRSS`` from ``/proc``) and the size of spaCy's string store
every ``--every`` articles, then its peak RSS (``getrusage``; with
``--workers N``, also the largest peak of its extraction processes). Memory zones
free the vocabulary each text adds, so the string store should stop growing
once the model's own strings and the lexicons are in.

Usage::

    python bench/memory.py --corpus current_events --sizes 1000,10000
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


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return peak_rss_mb()


def child(corpus: str, size: int, every: int, workers: int) -> None:
    from kg.config import Config
    from kg.pipeline import build, load_components
    from kg.store import Store

    config = Config()
    with tempfile.TemporaryDirectory(prefix="kg-mem-") as tmp:
        path = Path(tmp) / "articles.jsonl"
        write_corpus(corpus, size, path)
        nlp = load_components(config).nlp
        seen = 0

        def on_article(status: object) -> None:
            nonlocal seen
            seen += 1
            if seen % every == 0:
                print(f"  after {seen:6d} articles: RSS {_rss_mb():7.0f} MB, "
                      f"spaCy strings {len(nlp.vocab.strings):8d}", flush=True)

        started = time.perf_counter()
        with Store.open(Path(tmp) / "store") as store:
            report = build([str(path)], store=store, config=config, on_article=on_article, workers=workers)
        seconds = time.perf_counter() - started
    workers_rss = f", peak RSS of a worker {peak_rss_mb(children=True):.0f} MB" if workers > 1 else ""
    print(f"SIZE {size}: built {report.built}, failed {len(report.failed)}, {report.triples} triples, "
          f"{seconds:.0f} s, peak RSS {peak_rss_mb():.0f} MB{workers_rss}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default="current_events")
    parser.add_argument("--sizes", default="1000,10000", help="comma list of article counts")
    parser.add_argument("--every", type=int, default=500, help="print memory every N articles")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.corpus, args.child, args.every, args.workers)
        return
    print(f"# {command()}", flush=True)
    for size in (int(s) for s in args.sizes.split(",")):
        subprocess.run([sys.executable, __file__, "--corpus", args.corpus, "--child", str(size),
                        "--every", str(args.every), "--workers", str(args.workers)], check=True)


if __name__ == "__main__":
    main()
