"""The entity graph: each description once, the union of the articles' records, kept so by every write."""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import StoreError
from kg.export import export
from kg.ids import ENTITY_GRAPH
from kg.mapping.layout import merge_descriptions
from kg.store import Store, load_files, migrate_layout, remove_articles, write_article_graphs, write_new_article_graphs
from kg.store.entities import records

ID = "https://w3id.org/conflict-kg/id/"
CKG = "https://w3id.org/conflict-kg/ontology#"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
ALT = "<http://www.w3.org/2004/02/skos/core#altLabel>"
ARM = f"<{ID}country/arm>"
PM = f"<{ID}person/nikol-pashinyan>"


def article(key: str, *aliases: str, person: bool = True) -> tuple[str, str]:
    """An article naming Armenia (with ``aliases``) and, if ``person``, its prime minister."""
    iri = f"{ID}article/{key}"
    lines = [
        f"<{iri}> {TYPE} <{CKG}Article> .",
        f'<{iri}> <{CKG}contentHash> "{key}" .',
        f"<{ID}mention/{key}/0-7> {TYPE} <{CKG}Mention> .",
        f"<{ID}mention/{key}/0-7> <{CKG}inArticle> <{iri}> .",
        f"<{ID}mention/{key}/0-7> <{CKG}mentionOf> {ARM} .",
        f"{ARM} {TYPE} <{CKG}Country> .",
        f'{ARM} {LABEL} "Armenia" .',
        *(f'{ARM} {ALT} "{alias}" .' for alias in aliases),
    ]
    if person:
        lines += [f"{PM} {TYPE} <{CKG}Person> .", f'{PM} {LABEL} "Nikol Pashinyan" .',
                  f"{PM} <{CKG}affiliatedWith> {ARM} ."]
    return iri, "\n".join(lines) + "\n"


def entity_statements(store: Store) -> set[str]:
    return {f"{t} ." for t in ox.parse(store.dump_graph(ENTITY_GRAPH), format=ox.RdfFormat.N_TRIPLES)}


def union_of_records(store: Store) -> set[str]:
    """What the entity graph must hold: the articles' records merged."""
    found: set[ox.Triple] = set()
    for iri in store.article_iris():
        found |= records(store._store, ox.NamedNode(iri))
    return {f"{t} ." for t in merge_descriptions(found)}


def nquads(store: Store) -> bytes:
    out = io.BytesIO()
    export(store, format="nq", out=out)
    return out.getvalue()


def aliases(store: Store) -> list[str]:
    result = store.query(f"SELECT ?a WHERE {{ {ARM} skos:altLabel ?a }} ORDER BY ?a")
    return [str(row[0]) for row in result.rows]  # type: ignore[union-attr]


def test_an_entity_named_by_many_articles_is_described_once() -> None:
    with Store.open() as store:
        write_new_article_graphs(store, [article("a", "Hayastan"), article("b"), article("c", "Armenian republic")])
        result = store.query("SELECT ?label WHERE { ?c a ckg:Country ; rdfs:label ?label }")
        assert result.rows == (("Armenia",),)  # type: ignore[union-attr]
        counted = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?x rdfs:label ?l }")
        assert counted.rows == ((2,),)  # type: ignore[union-attr]
        assert aliases(store) == ["Armenian republic", "Hayastan"]
        graphs = store.query(f"SELECT ?g WHERE {{ GRAPH ?g {{ {ARM} a ckg:Country }} }}")
        assert graphs.rows == ((ENTITY_GRAPH,),)  # type: ignore[union-attr]
        assert entity_statements(store) == union_of_records(store)


def test_articles_record_what_they_say_and_the_records_make_the_entity_graph() -> None:
    with Store.open() as store:
        write_article_graphs(store, [article("a", "Hayastan"), article("b", person=False)])
        described = store.query("SELECT ?a ?e WHERE { ?a ckg:describes ?e } ORDER BY ?a ?e")
        assert [(str(a)[-1], str(e)) for a, e in described.rows] == [  # type: ignore[union-attr]
            ("a", ARM[1:-1]), ("a", PM[1:-1]), ("b", ARM[1:-1])]
        assert entity_statements(store) == union_of_records(store)


@pytest.mark.parametrize("how", ["remove", "rebuild"])
def test_an_alias_only_one_article_gave_leaves_with_it(how: str) -> None:
    with Store.open() as store:
        write_article_graphs(store, [article("a", "Hayastan", "Armenian republic"), article("b", "Hayastan", person=False)])
        if how == "remove":
            remove_articles(store, [f"{ID}article/a"])
        else:
            write_article_graphs(store, [article("a", person=False)])
        assert aliases(store) == ["Hayastan"]  # b still says it
        assert entity_statements(store) == union_of_records(store)
        # only a described the prime minister: he is gone, and nothing points to him
        assert not store.query(f"ASK {{ {{ {PM} ?p ?o }} UNION {{ ?s ?p {PM} }} }}")


def test_removal_and_rebuild_give_the_bytes_of_a_store_built_without(tmp_path: Path) -> None:
    with Store.open(tmp_path / "full") as full, Store.open(tmp_path / "kept") as kept:
        write_article_graphs(full, [article("a", "Hayastan"), article("b", "Armenian republic"), article("c")])
        remove_articles(full, [f"{ID}article/b"])
        write_article_graphs(full, [article("c", "Hayastan", person=False)])
        write_article_graphs(kept, [article("c", "Hayastan", person=False), article("a", "Hayastan")])
        assert nquads(full) == nquads(kept)


def test_write_order_does_not_change_the_bytes() -> None:
    items = [article("a", "Hayastan"), article("b", "Armenian republic", person=False), article("c")]
    with Store.open() as forward, Store.open() as backward, Store.open() as one_by_one:
        write_new_article_graphs(forward, items)
        write_new_article_graphs(backward, list(reversed(items)))
        for item in items[1:] + items[:1]:
            write_article_graphs(one_by_one, [item])
        assert nquads(forward) == nquads(backward) == nquads(one_by_one)


def labelled(key: str, label: str) -> tuple[str, str]:
    iri, text = article(key, person=False)
    return iri, text.replace('"Armenia"', f'"{label}"')


def names(store: Store) -> list[tuple[str, str]]:
    result = store.query(f"SELECT ?p ?n WHERE {{ {ARM} ?p ?n FILTER(isLiteral(?n)) }}")
    return sorted((str(p).rsplit("#")[1], str(n)) for p, n in result.rows)  # type: ignore[union-attr]


@pytest.mark.parametrize("order", [("a", "b", "c"), ("c", "b", "a"), ("b", "c", "a")])
def test_labels_articles_disagree_on_become_one_label_and_aliases(order: tuple[str, ...]) -> None:
    given = {"a": "armenia", "b": "Armenia", "c": "ARMENIA"}
    with Store.open() as store:
        for key in order:  # one at a time: each write merges with what is there
            write_article_graphs(store, [labelled(key, given[key])])
        assert names(store) == [("altLabel", "Armenia"), ("altLabel", "armenia"), ("label", "ARMENIA")]
        assert entity_statements(store) == union_of_records(store)
        remove_articles(store, [f"{ID}article/c"])  # the label's only article goes: the next one takes over
        assert names(store) == [("altLabel", "armenia"), ("label", "Armenia")]
        write_article_graphs(store, [labelled("b", "armenia")])  # b rebuilt with the other form
        assert names(store) == [("label", "armenia")]
        assert entity_statements(store) == union_of_records(store)


def test_the_entity_graph_cannot_be_written_directly() -> None:
    with Store.open() as store:
        report = store.replace_articles([(ENTITY_GRAPH, f'{ARM} {LABEL} "Armenia" .')], strict=False)
        assert report.failed and "derived" in report.failed[0][1]


# -- a store of an earlier kg: every article graph held its entities --------


def old_store(path: Path) -> None:
    """A store as kg wrote it before the entity graph: the article statements all in its graph."""
    inner = ox.Store(str(path))
    for iri, text in (article("a", "Hayastan"), article("b")):
        inner.load(input=text, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(iri))
    inner.flush()
    del inner


def test_an_old_store_is_refused_with_what_to_run(tmp_path: Path) -> None:
    old_store(tmp_path / "old")
    with pytest.raises(StoreError, match=r"run `kg build --store .*old`"):
        Store.open(tmp_path / "old", read_only=True)
    with Store.open(tmp_path / "old") as store, pytest.raises(StoreError, match="earlier kg"):
        store.query("ASK { ?s ?p ?o }")


def test_an_old_store_is_migrated_to_the_bytes_of_a_new_one(tmp_path: Path) -> None:
    old_store(tmp_path / "old")
    with Store.open(tmp_path / "old") as store:
        assert migrate_layout(store) == 2
        assert not store.outdated
        assert aliases(store) == ["Hayastan"]
        migrated = nquads(store)
    with Store.open(tmp_path / "old", read_only=True) as store:
        assert nquads(store) == migrated
    with Store.open() as fresh:
        write_article_graphs(fresh, [article("a", "Hayastan"), article("b")])
        assert nquads(fresh) == migrated


def test_a_killed_migration_is_taken_up_again(tmp_path: Path) -> None:
    old_store(tmp_path / "old")
    with Store.open(tmp_path / "old") as store:
        migrate_layout(store)
        expected = nquads(store)
    old_store(tmp_path / "half")
    inner = ox.Store(str(tmp_path / "half"))
    # what a kill after the first article leaves: the marker, one article rewritten
    inner.add_graph(ox.NamedNode(ID + "graph/migrating"))
    with Store.open() as scratch:
        write_article_graphs(scratch, [article("a", "Hayastan")])
        first = scratch._store.dump(format=ox.RdfFormat.N_QUADS)
    inner.update(f"DROP GRAPH <{ID}article/a>")
    inner.load(input=first, format=ox.RdfFormat.N_QUADS)
    inner.flush()
    del inner
    with Store.open(tmp_path / "half") as store:
        assert store.outdated
        assert migrate_layout(store) == 1  # only the article left to do
        assert nquads(store) == expected


def test_loading_articles_of_an_earlier_kg_arranges_them(tmp_path: Path) -> None:
    path = tmp_path / "old.nq"
    path.write_text("".join(
        line[:-2] + f"<{iri}> .\n" for iri, text in (article("a", "Hayastan"), article("b"))
        for line in text.splitlines(keepends=True)), encoding="utf-8")
    with Store.open() as loaded, Store.open() as built:
        load_files(loaded, [path])
        write_article_graphs(built, [article("a", "Hayastan"), article("b")])
        assert nquads(loaded) == nquads(built)
        # loading an export of a store gives the store back
        out = tmp_path / "export.nq"
        out.write_bytes(nquads(built))
        with Store.open() as again:
            load_files(again, [out])
            assert nquads(again) == nquads(built)
