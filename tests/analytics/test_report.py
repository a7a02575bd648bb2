"""The whole analysis, its tables, and the metrics written to the analytics graph."""

from __future__ import annotations

import io
import json

import pytest

from kg.analytics import ANALYTICS_GRAPH, TABLES, analyze, report_dict, report_table, write_metrics
from kg.errors import ConfigError, StoreError
from kg.store import SelectResult, Store
from kg.tables import write_rows
from tests.analytics.world import A, B, H

RANKING = """
SELECT DISTINCT ?label ?pagerank WHERE {
  GRAPH <https://w3id.org/conflict-kg/id/graph/analytics> { ?actor ckg:pagerank ?pagerank }
  ?actor rdfs:label ?label
} ORDER BY DESC(?pagerank)
"""


def _select(store: Store, sparql: str) -> SelectResult:
    result = store.query(sparql)
    assert isinstance(result, SelectResult)
    return result


def test_analyze_counts_and_tables(store: Store) -> None:
    report = analyze(store)
    assert (report.events, report.edges) == (10, 11)  # the mediation has two targets
    assert [a.label for a in report.actors] == ["Avaria", "Borland", "Delta Brigade", "Harbour Council", "Eskor"]
    assert len(report.dyads) == 7
    assert [(c.community, c.size, c.labels) for c in report.communities] == [
        (0, 3, "Avaria; Borland; Delta Brigade"), (1, 2, "Eskor; Harbour Council"),
    ]
    assert (report.balance.balanced, report.balance.unbalanced) == (1, 1)
    assert [(m.a, m.b, m.month) for m in report.escalation] == [(A, B, "2020-09")]
    assert len(report.months) == 9
    assert [b.actor for b in report.brokers] == [H, B, A]


@pytest.mark.parametrize(
    ("filters", "labels", "events"),
    [
        ({"types": ["FIGHT"]}, ["Avaria", "Borland"], 2),
        ({"types": ["FIGHT"], "asserted_only": True}, ["Borland", "Avaria"], 1),
        ({"since": "2020-11"}, ["Avaria", "Delta Brigade"], 1),
        ({"country": "ESK"}, ["Harbour Council", "Eskor"], 2),
    ],
)
def test_analyze_filters(store: Store, filters: dict[str, object], labels: list[str], events: int) -> None:
    report = analyze(store, **filters)  # type: ignore[arg-type]
    assert [a.label for a in report.actors] == labels
    assert report.events == events


@pytest.mark.parametrize("table", TABLES)
def test_every_table_has_rows_aligned_with_variables(store: Store, table: str) -> None:
    variables, rows = report_table(analyze(store), table)
    assert rows and all(len(row) == len(variables) for row in rows)
    out = io.StringIO()
    write_rows(variables, rows, fmt="csv", out=out)
    assert out.getvalue().splitlines()[0] == ",".join(variables)


def test_actor_table_columns(store: Store) -> None:
    variables, rows = report_table(analyze(store), "actors")
    first = dict(zip(variables, rows[0], strict=True))
    assert first["label"] == "Avaria" and first["rank"] == 1 and first["community"] == 0
    assert (first["degree_in"], first["degree_out"]) == (4, 3)


def test_balance_table_is_one_row(store: Store) -> None:
    assert report_table(analyze(store), "balance") == (["triads", "balanced", "unbalanced", "ratio"], [(2, 1, 1, 0.5)])


def test_unknown_table(store: Store) -> None:
    with pytest.raises(ConfigError, match="unknown table"):
        report_table(analyze(store), "gossip")


def test_report_dict_is_json(store: Store) -> None:
    data = json.loads(json.dumps(report_dict(analyze(store, since="2020-01-01"))))
    assert data["filter"]["since"] == "2020-01-01"
    assert data["events"] == 9  # the 2019 consultations fall outside
    assert set(TABLES) <= set(data)
    assert data["actors"][0]["label"] == "Avaria"


def test_write_metrics_ranks_actors_by_pagerank_in_sparql(store: Store) -> None:
    written = write_metrics(store, analyze(store))
    # five actors x (pagerank, betweenness, degreeIn, degreeOut, community)
    assert written == 25
    result = _select(store, RANKING)
    assert [row[0] for row in result.rows] == ["Avaria", "Borland", "Delta Brigade", "Harbour Council", "Eskor"]
    assert result.rows[-1][1] == pytest.approx(0.03)


def test_analytics_graph_holds_every_metric(store: Store) -> None:
    write_metrics(store, analyze(store))
    result = _select(store, f"""
        SELECT ?b ?c ?in ?out WHERE {{ GRAPH <{ANALYTICS_GRAPH}> {{
          <{H}> ckg:betweenness ?b ; ckg:community ?c ; ckg:degreeIn ?in ; ckg:degreeOut ?out }} }}""")
    assert result.rows == ((0.25, 1, 2, 2),)


def test_write_metrics_replaces_the_previous_analysis(store: Store) -> None:
    write_metrics(store, analyze(store))
    write_metrics(store, analyze(store, types=["FIGHT"]))
    result = _select(store, RANKING)
    # only the fighting pair is left, each with one value
    assert sorted(str(row[0]) for row in result.rows) == ["Avaria", "Borland"]


def test_analytics_graph_is_not_an_article_and_leaves_projections_alone(store: Store) -> None:
    before = analyze(store)
    articles = store.article_iris()
    write_metrics(store, before)
    assert ANALYTICS_GRAPH in store.graph_iris()
    assert store.article_iris() == articles
    assert analyze(store) == before


def test_write_metrics_refuses_a_read_only_store(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "store"
    with Store.open(path) as writable:
        writable.replace_articles([])
    with Store.open(path, read_only=True) as read_only, pytest.raises(StoreError, match="read-only"):
        write_metrics(read_only, analyze(read_only))
