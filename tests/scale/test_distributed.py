"""The Dask path: a real LocalCluster build gives the same export as a local build; shards round-trip."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.config import Config
from kg.pipeline.distributed import build_distributed, read_shard, write_shard
from kg.errors import ConfigError
from kg.pipeline import ArticleStatus, Built
from kg.store import Store
from tests.scale.conftest import ARTICLES, article_ids, export_bytes

pytest.importorskip("dask.distributed")


def test_local_cluster_build_equals_local_build(tmp_path: Path, config: Config, clean_export: bytes) -> None:
    shards = tmp_path / "shards"
    with Store.open(tmp_path / "store") as store:
        report = build_distributed([str(ARTICLES)], store=store, config=config, cluster="local:2",
                                   partition_size=3, shard_dir=shards)
        exported = export_bytes(store)
    assert report.built == len(article_ids()) and not report.failed
    assert exported == clean_export
    assert len(list(shards.glob("part-*.nq"))) == 4


def test_unchanged_articles_are_not_sent_to_the_cluster(tmp_path: Path, config: Config, clean_export: bytes) -> None:
    source = tmp_path / "clean.nq"
    source.write_bytes(clean_export)
    from kg.store import load_files

    with Store.open(tmp_path / "store") as store:
        load_files(store, [source])
        report = build_distributed([str(ARTICLES)], store=store, config=config, cluster="local:1")
    assert (report.built, report.unchanged) == (0, len(article_ids()))


def test_shards_round_trip(tmp_path: Path) -> None:
    items: list[Built | ArticleStatus] = [
        Built("a\t1", "https://w3id.org/conflict-kg/id/article/a-1", "<http://s> <http://p> \"x\" .\n",
              ("https://w3id.org/conflict-kg/id/country/arm",), 1),
        ArticleStatus("b", "failed", "no text"),
        Built("c", "https://w3id.org/conflict-kg/id/article/c", "<http://s> <http://p> \"# kg-article\" .\n", (), 1),
    ]
    failed = write_shard(tmp_path / "part.nq", items)
    assert failed == [items[1]]
    assert list(read_shard(tmp_path / "part.nq")) == [items[0], items[2]]
    quads = list(ox.parse((tmp_path / "part.nq").read_bytes(), format=ox.RdfFormat.N_QUADS))
    assert [q.graph_name.value for q in quads] == [items[0].iri, items[2].iri]  # type: ignore[union-attr]


@pytest.mark.parametrize("cluster", ["local:0", "local:x", "somewhere"])
def test_bad_cluster_specs_are_config_errors(tmp_path: Path, config: Config, cluster: str) -> None:
    with Store.open() as store, pytest.raises(ConfigError, match="local:N"):
        build_distributed([str(ARTICLES)], store=store, config=config, cluster=cluster)
