"""A surname alone is the person another article names in full: order-free, undone by removal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.config import Config
from kg.pipeline import build
from kg.pipeline.identity import settle_names
from kg.resolve import CorpusNames
from kg.store import Store, remove_articles

FULL = {"id": "full", "date": "2020-04-08",
        "text": "Senator Grace Mwangi of Kenya ended her campaign on Wednesday."}
SHORT = {"id": "short", "date": "2020-04-09",
         "text": "Mwangi told supporters in Nairobi that the fight would go on."}
OTHER = {"id": "other", "date": "2020-04-10",
         "text": "Rain fell on Nairobi. Officials said the roads would reopen."}


def _entity_of(store: Store, article_id: str, text: str) -> str:
    rows = store.query(
        "SELECT ?label WHERE { ?m ckg:text ?t ; ckg:mentionOf ?p ; ckg:inArticle ?a . "
        "?a dcterms:identifier ?id . ?p rdfs:label ?label }",
        bindings={"id": article_id, "t": text}).rows
    return str(rows[0][0])


def _built(tmp_path: Path, name: str, records: list[dict[str, str]]) -> Store:
    path = tmp_path / f"{name}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    store = Store.open(tmp_path / name)
    report = build([str(path)], store=store, config=Config())
    assert not report.failed
    return store


@pytest.mark.parametrize("order", [[FULL, SHORT, OTHER], [SHORT, OTHER, FULL]])
def test_a_surname_alone_is_the_corpus_person_whatever_the_order(
        tmp_path: Path, order: list[dict[str, str]]) -> None:
    with _built(tmp_path, "store", order) as store:
        assert _entity_of(store, "short", "Mwangi") == "Grace Mwangi"


def test_articles_built_one_by_one_settle(tmp_path: Path) -> None:
    with _built(tmp_path, "first", [SHORT]) as store:
        assert _entity_of(store, "short", "Mwangi") == "Mwangi"
    path = tmp_path / "full.jsonl"
    path.write_text(json.dumps(FULL) + "\n", encoding="utf-8")
    with Store.open(tmp_path / "first") as store:
        report = build([str(path)], store=store, config=Config())
        assert report.settled == 1
        assert _entity_of(store, "short", "Mwangi") == "Grace Mwangi"


def test_removing_the_full_name_undoes_the_merge(tmp_path: Path) -> None:
    with _built(tmp_path, "store", [FULL, SHORT]) as store:
        remove_articles(store, ["full"])
        assert settle_names(store, config=Config()) == 1
        assert _entity_of(store, "short", "Mwangi") == "Mwangi"


def test_two_people_with_the_surname_merge_nothing() -> None:
    names = CorpusNames.of([("Grace Mwangi", "KEN"), ("Tom Mwangi", "KEN")])
    assert names.full_name("Mwangi", None) is None
    assert names.full_name("Grace", None) == ("Grace Mwangi", "KEN")
