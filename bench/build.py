"""Build throughput: kg build against the bare spaCy pipeline, worker scaling, Dask against --workers.

In one run, on the same texts (the articles as kg's ingest reads them):

- ``bare``: ``spacy.load(model)`` and ``nlp.pipe(texts, batch_size=B)``, consuming the docs;
- ``build``: ``kg.pipeline.build`` with one process into a fresh on-disk store
  (the model and lexicons loaded afresh before the clock starts, as ``bare``'s
  model is, so nothing the components keep from an earlier round's texts helps);
  its model runs in a thread of its own, overlapping with extraction and
  writes, so the CPU time of both (all threads of this process) is printed too;
  ``bare`` and ``build`` alternate for ``--rounds`` rounds and the best time of
  each counts, since load from other processes only ever slows a run down;
- ``workers:N``: the same build with N extraction processes (wall time includes
  spawning them and loading the model in each);
- ``cluster:N``: ``kg.pipeline.distributed.build_distributed`` on a new Dask LocalCluster
  of N processes (wall time includes starting the cluster).

The ratio ``build / bare`` of articles per second is the figure the issue asks
for (the model is the floor: goal >= 0.8).

Usage::

    python bench/build.py --corpus current_events --limit 1000
    python bench/build.py --corpus wikinews --modes bare,build,workers:2,cluster:2
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import command, peak_rss_mb, write_corpus


def _texts(path: Path) -> list[str]:
    from kg.ingest import read_articles
    from kg.model import Article

    return [a.text for a in read_articles([str(path)]) if isinstance(a, Article)]


def bare(texts: list[str], *, model: str, batch_size: int) -> tuple[float, float]:
    import spacy

    nlp = spacy.load(model)
    for _ in nlp.pipe(texts[:batch_size], batch_size=batch_size):
        pass  # warm up, as the build's components are
    started, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - started, time.process_time() - cpu


def kg_build(path: Path, *, batch_size: int, workers: int = 1,
             cluster: str | None = None) -> tuple[float, float, int]:
    from kg.config import Config
    from kg.pipeline import build, load_components
    from kg.store import Store

    config = Config(batch_size=batch_size)
    if workers == 1 and cluster is None:
        # a new pipeline each run, as ``bare`` loads a new model each run: what
        # the components keep from the texts of an earlier round must not count
        load_components.cache_clear()
        load_components(config)
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp, Store.open(Path(tmp) / "store") as store:
        started, cpu = time.perf_counter(), time.process_time()
        if cluster is not None:
            from kg.pipeline.distributed import build_distributed

            report = build_distributed([str(path)], store=store, config=config, cluster=cluster)
        else:
            report = build([str(path)], store=store, config=config, workers=workers)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return seconds, cpu, report.built


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default="current_events", help="current_events or wikinews")
    parser.add_argument("--limit", type=int, default=1000, help="first N articles of the corpus")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=2, help="runs of each mode, interleaved; the best counts")
    parser.add_argument("--modes", default="bare,build", help="comma list of bare, build, workers:N, cluster:N")
    args = parser.parse_args()

    from kg.config import Config

    with tempfile.TemporaryDirectory(prefix="kg-bench-in-") as tmp:
        path = Path(tmp) / "articles.jsonl"
        write_corpus(args.corpus, args.limit, path)
        texts = _texts(path)
        n = len(texts)
        chars = sum(len(t) for t in texts)
        print(f"# {command()}")
        print(f"corpus {args.corpus}: {n} articles, {chars / max(n, 1):.0f} characters on average")
        modes = args.modes.split(",")
        best: dict[str, float] = {}
        best_cpu: dict[str, float] = {}
        for round_ in range(args.rounds):
            for mode in modes:
                if mode == "bare":
                    (seconds, cpu), built = bare(texts, model=Config().model, batch_size=args.batch_size), n
                elif mode == "build":
                    seconds, cpu, built = kg_build(path, batch_size=args.batch_size)
                elif mode.startswith("workers:"):
                    seconds, cpu, built = kg_build(path, batch_size=args.batch_size, workers=int(mode.split(":")[1]))
                elif mode.startswith("cluster:"):
                    seconds, cpu, built = kg_build(path, batch_size=args.batch_size,
                                                   cluster="local:" + mode.split(":")[1])
                else:
                    raise SystemExit(f"unknown mode {mode!r}")
                best[mode] = min(best.get(mode, seconds), seconds)
                best_cpu[mode] = min(best_cpu.get(mode, cpu), cpu)
                # CPU time of this process, all its threads (not of worker processes)
                print(f"round {round_ + 1} {mode:>12}: {seconds:8.2f} s  {built / seconds:7.1f} articles/s  "
                      f"({built} articles; CPU of this process {cpu:.2f} s)", flush=True)
        # the best of the rounds: on a shared machine, other load only ever slows a run down
        rates = {mode: n / seconds for mode, seconds in best.items()}
        for mode, rate in rates.items():
            print(f"BEST {mode:>12}: {best[mode]:8.2f} s  {rate:7.1f} articles/s")
        if "bare" in rates and "build" in rates:
            print(f"RATIO build / bare spaCy = {rates['build'] / rates['bare']:.2f}  (goal >= 0.8)")
            # the build parses in a thread of its own while the main thread extracts and
            # writes; per CPU second it does the model's work plus kg's
            print(f"CPU ratio bare / build = {best_cpu['bare'] / best_cpu['build']:.2f}  "
                  "(the model's share of the build's CPU time)")
        for mode in modes:
            if mode.startswith(("workers:", "cluster:")) and "build" in rates:
                print(f"SPEEDUP {mode} / build = {rates[mode] / rates['build']:.2f}")
        if "workers:2" in rates and "cluster:2" in rates:
            print(f"RATIO cluster:2 / workers:2 = {rates['cluster:2'] / rates['workers:2']:.2f}")
        print(f"peak RSS of this process {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
