"""Incremental, idempotent builds: unchanged articles are skipped, changed ones replaced; the run journal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.config import Config
from kg.ids import article_iri
from kg.pipeline import build
from kg.pipeline.runlog import read_runlog
from kg.store import Store
from tests.scale.conftest import ARTICLES, article_ids, export_bytes, write_articles


@pytest.mark.parametrize("workers", [1, 2])
def test_build_gives_the_clean_export_and_a_rebuild_changes_nothing(
    tmp_path: Path, config: Config, clean_export: bytes, workers: int
) -> None:
    with Store.open(tmp_path / "store") as store:
        first = build([str(ARTICLES)], store=store, config=config, workers=workers)
        after_first = export_bytes(store)
        second = build([str(ARTICLES)], store=store, config=config, workers=workers)
        after_second = export_bytes(store)
    assert first.built == len(article_ids())
    assert after_first == clean_export
    assert (second.built, second.unchanged) == (0, len(article_ids()))
    assert after_second == after_first


def test_changed_article_replaces_its_graph(tmp_path: Path, config: Config) -> None:
    ids = ["scale-001", "scale-002", "scale-003"]
    new_text = "Azerbaijan accused Armenia of firing at its positions in Nakhchivan on Sunday."
    with Store.open(tmp_path / "store") as store:
        build([str(write_articles(tmp_path / "old.jsonl", ids))], store=store, config=config)
        edited = write_articles(tmp_path / "new.jsonl", ids, edit={"scale-002": new_text})
        report = build([str(edited)], store=store, config=config)
        incremental = export_bytes(store)
        graph_now = store.dump_graph(article_iri("scale-002"))
    with Store.open(tmp_path / "fresh") as fresh:
        build([str(edited)], store=fresh, config=config)
        from_scratch = export_bytes(fresh)
    statuses = {a.article: a.status for a in report.articles}
    assert statuses == {"scale-001": "unchanged", "scale-002": "built", "scale-003": "unchanged"}
    assert b"Vladimir Putin met" not in incremental and new_text.encode() in incremental
    assert incremental == from_scratch
    assert new_text.encode() in graph_now


def test_run_journal_records_every_status(tmp_path: Path, config: Config) -> None:
    good = write_articles(tmp_path / "a.jsonl", ["scale-004", "scale-005"])
    bad = tmp_path / "b.jsonl"
    bad.write_text('{"id": "empty-one", "text": ""}\n', encoding="utf-8")
    journal = tmp_path / "run.jsonl"
    with Store.open(tmp_path / "store") as store:
        build([str(good)], store=store, config=config, runlog=journal)
        report = build([str(good), str(bad)], store=store, config=config, runlog=journal)
    lines = [json.loads(line) for line in journal.read_text(encoding="utf-8").splitlines()]
    assert [(line["article"], line["status"]) for line in lines[:2]] == [("scale-004", "built"), ("scale-005", "built")]
    replayed = read_runlog(journal)
    assert [(a.article, a.status) for a in replayed.articles] == [(a.article, a.status) for a in report.articles]
    assert replayed.unchanged == 2 and len(replayed.failed) == 1


def test_journal_tolerates_a_cut_last_line(tmp_path: Path) -> None:
    journal = tmp_path / "run.jsonl"
    journal.write_text('{"article": "a", "status": "built", "reason": "", "triples": 3}\n{"article": "b", "sta',
                       encoding="utf-8")
    assert [a.article for a in read_runlog(journal).articles] == ["a"]
