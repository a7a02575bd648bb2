"""Builds on a Dask cluster: ``kg build --cluster local:N`` or ``--cluster tcp://scheduler:8786``.

This process reads the inputs and skips unchanged articles exactly as a local
build does (:func:`kg.pipeline.articles_to_build`), cuts the rest into
partitions and sends each to the cluster, where a worker runs the same
function as every other build path (:func:`kg.pipeline.extract_ntriples`) with
the model loaded once per worker process (``load_components`` is cached per
process, and Dask workers live as long as the cluster). Each partition comes
back as N-Quads text, is written as a shard file ``part-NNNNN.nq`` and loaded
into the store, article by article in one transaction each, so a killed
distributed build resumes like a local one. Shards are loaded in partition
order as they arrive, and at most ``2 * workers`` partitions are in flight, so
memory and temporary disk stay bounded.

Dask is an optional dependency: ``pip install 'dask[distributed]'``.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.config import Config
from kg.errors import ConfigError, ExtractionError
from kg.mapping.layout import ntriples_lines
from kg.model import Article
from kg.pipeline.builder import articles_to_build, migrate_store, write_results
from kg.pipeline.identity import corpus_names, settle_names
from kg.pipeline.report import ArticleStatus, BuildReport, Built
from kg.pipeline.stages import extract_ntriples

if TYPE_CHECKING:
    from kg.store import Store

__all__ = ["build_distributed", "connect", "extract_partition", "read_shard", "write_shard"]

# shards hold many articles; this header line starts each one, so a shard can
# be split back into articles without parsing it
_ARTICLE_LINE = "# kg-article "


def extract_partition(articles: list[Article], config: Config) -> list[Built | ArticleStatus]:
    """What a cluster worker runs for one partition: the local build's own extraction."""
    # the worker processes keep the cores busy: no parsing thread in each
    return list(extract_ntriples(articles, config=config, ahead=False))


def write_shard(path: Path, results: Iterable[Built | ArticleStatus]) -> list[ArticleStatus]:
    """Write the built articles of a partition to an N-Quads shard; return the failed ones.

    Each article's quads follow a comment line naming it, which N-Quads
    parsers (``kg load``, Jena, Oxigraph) skip.
    """
    failed = []
    with path.open("w", encoding="utf-8") as f:
        for result in results:
            if isinstance(result, ArticleStatus):
                failed.append(result)
                continue
            head = {"article": result.article, "iri": result.iri, "triples": result.triples,
                    "entities": list(result.entities)}
            f.write(f"{_ARTICLE_LINE}{json.dumps(head, ensure_ascii=False)}\n")
            # an N-Triples line ends in " .\n": the graph name goes before the dot
            suffix = f" <{result.iri}> .\n"
            f.writelines(line[:-3] + suffix for line in ntriples_lines(result.ntriples))
    return failed


def read_shard(path: Path) -> Iterator[Built]:
    """Read a shard written by :func:`write_shard` back, article by article."""
    head: dict[str, Any] | None = None
    lines: list[str] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith(_ARTICLE_LINE):
                if head is not None:
                    yield _built(head, lines)
                head, lines = json.loads(line[len(_ARTICLE_LINE):]), []
            else:
                lines.append(line)
    if head is not None:
        yield _built(head, lines)


def _built(head: dict[str, Any], lines: list[str]) -> Built:
    cut = len(head["iri"]) + 6  # " <iri> .\n" back to " .\n"
    text = "".join(line[:-cut] + " .\n" for line in lines)
    return Built(head["article"], head["iri"], text, tuple(head["entities"]), int(head["triples"]))


@contextmanager
def connect(cluster: str) -> Iterator[Any]:
    """A Dask client for ``local:N`` (a new LocalCluster of N processes) or a scheduler address.

    Raises
    ------
    ConfigError
        When Dask is not installed or the cluster spec is malformed.
    """
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as e:
        raise ConfigError(
            "--cluster needs Dask: install it with `pip install 'dask[distributed]'` (the kg[cluster] extra)"
        ) from e
    with ExitStack() as stack:
        if cluster.startswith("local:"):
            count = cluster[len("local:"):]
            if not count.isdigit() or int(count) < 1:
                raise ConfigError(f"bad cluster {cluster!r}: write local:N with N the number of worker processes")
            local = stack.enter_context(
                LocalCluster(n_workers=int(count), threads_per_worker=1, processes=True, dashboard_address=None)
            )
            client = stack.enter_context(Client(local))
        elif "://" in cluster:
            try:
                client = stack.enter_context(Client(cluster, timeout="30s"))
            except OSError as e:
                raise ConfigError(f"cannot reach the Dask scheduler at {cluster}: {e}; check the address") from e
        else:
            raise ConfigError(f"bad cluster {cluster!r}: use local:N or a scheduler address such as tcp://host:8786")
        yield client


def build_distributed(
    inputs: Iterable[str],
    *,
    store: Store,
    config: Config,
    cluster: str = "local:2",
    on_article: Callable[[ArticleStatus], None] | None = None,
    stdin: Any = None,
    partition_size: int | None = None,
    shard_dir: Path | str | None = None,
) -> BuildReport:
    """Build like :func:`kg.pipeline.build`, extracting on a Dask cluster.

    Parameters
    ----------
    inputs : iterable of str
        Files, directories, globs or ``-``.
    store : Store
        An open store (only this process writes it).
    config : Config
    cluster : str
        ``local:N`` starts a LocalCluster of N single-threaded worker
        processes; ``tcp://host:8786`` uses a running scheduler, whose workers
        must have kg and the model installed.
    on_article : callable, optional
        Called with each article's status (progress).
    partition_size : int, optional
        Articles per partition (one task); ``4 * config.batch_size`` by default.
    shard_dir : Path or str, optional
        Keep the N-Quads shards here (to load elsewhere with ``kg load``);
        by default they go to a temporary directory removed at the end.

    Returns
    -------
    BuildReport
    """
    started = time.perf_counter()
    report = BuildReport()
    migrate_store(store, report)
    entities: set[str] = set()

    def record(status: ArticleStatus) -> None:
        report.articles.append(status)
        if on_article is not None:
            on_article(status)

    size = partition_size or 4 * config.batch_size
    with ExitStack() as stack:
        client = stack.enter_context(connect(cluster))
        if shard_dir is None:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kg-shards-")))
        else:
            folder = Path(shard_dir)
            folder.mkdir(parents=True, exist_ok=True)
        in_flight = 2 * max(1, len(client.scheduler_info().get("workers", {})))
        config = replace(config, names=corpus_names(store).people)
        todo = articles_to_build(inputs, store=store, config=config, record=record, stdin=stdin,
                                 skipped=lambda article: report.skipped.update({article.id: article.skipped}))
        for number, results in enumerate(_partitions(client, todo, config=config, size=size, in_flight=in_flight)):
            shard = folder / f"part-{number:05d}.nq"
            failed = write_shard(shard, results)
            write_results(read_shard(shard), store=store, record=record, entities=entities)
            for status in failed:
                record(status)
            if shard_dir is None:
                shard.unlink()
        # short names are settled here, in this process: a handful of articles at most
        report.settled = settle_names(store, config=config)
    report.entities = len(entities)
    report.triples = store.count_triples()
    report.seconds = time.perf_counter() - started
    return report


def _partitions(
    client: Any, articles: Iterable[Article], *, config: Config, size: int, in_flight: int
) -> Iterator[list[Built | ArticleStatus]]:
    """Partition results in submission order, with at most ``in_flight`` partitions pending."""
    pending: deque[Any] = deque()
    iterator = iter(articles)
    [config_future] = client.scatter([config], broadcast=True)
    try:
        while chunk := list(islice(iterator, size)):
            pending.append(client.submit(extract_partition, chunk, config_future, pure=False))
            while len(pending) >= in_flight:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except (OSError, TimeoutError) as e:
        raise ExtractionError(
            f"the Dask cluster failed: {e}; the articles written so far are kept, run the build again to go on"
        ) from e
