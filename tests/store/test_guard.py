"""The query guard decides on the parsed query: no spelling of SERVICE or FROM gets out.

Every query here aims at a real TCP listener of the test's own; the listener
must see no connection. The spellings are the ones a textual guard misses:
keyword case, escapes, comments and no whitespace between tokens, prefixed
names (the empty prefix included), ``BASE``-relative IRIs, and the clause
hidden in sub-queries, ``OPTIONAL``, ``UNION`` and ``EXISTS``.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import QueryError, QuerySyntaxError
from kg.store import Store
from kg.store.guard import MAX_QUERY_DEPTH, check_query, query_shape

SEPARATORS = ["", " ", "\t", "\n", "\r\n", " # SERVICE? no\n", "#x\n"]


def _escaped(word: str, draw: st.DrawFn) -> str:
    out = []
    for char in word:
        char = draw(st.sampled_from([char.lower(), char.upper()]))
        how = draw(st.sampled_from(["plain", "plain", "plain", "u", "U"]))
        out.append(char if how == "plain" else f"\\u{ord(char):04X}" if how == "u" else f"\\U{ord(char):08X}")
    return "".join(out)


@st.composite
def service_queries(draw: st.DrawFn, port: int) -> str:
    sep = lambda: draw(st.sampled_from(SEPARATORS))  # noqa: E731
    keyword = _escaped("SERVICE", draw)
    silent = draw(st.sampled_from(["", " SILENT", " silent", " \\u0053ILENT"]))
    target = draw(st.sampled_from(["absolute", "empty-prefix", "prefix", "base-relative", "escaped-iri"]))
    prologue = ""
    if target == "absolute":
        ref = f"<http://127.0.0.1:{port}/sparql>"
    elif target == "empty-prefix":
        prologue = f"PREFIX : <http://127.0.0.1:{port}/>\n"
        ref = ":x"
    elif target == "prefix":
        prologue = f"PREFIX e: <http://127.0.0.1:{port}/>\n"
        ref = "e:x"
    elif target == "base-relative":
        prologue = f"BASE <http://127.0.0.1:{port}/>\n"
        ref = "<sparql>"
    else:
        ref = "<http://127.0.0.1:" + "".join(f"\\u{ord(c):04X}" for c in str(port)) + "/>"
    service = f"{keyword}{silent}{sep()}{ref}{sep()}{{ ?s ?p ?o }}"
    where = draw(
        st.sampled_from(
            [
                "{{ {s} }}",
                "{{ ?a ?b ?c .{s} }}",
                "{{ OPTIONAL {{ {s} }} }}",
                "{{ {{ ?a ?b ?c }} UNION {{ {s} }} }}",
                "{{ FILTER EXISTS {{ {s} }} }}",
                "{{ FILTER NOT EXISTS {{ {s} }} }}",
                "{{ {{ SELECT * WHERE {{ {s} }} }} }}",
                "{{ MINUS {{ {s} }} }}",
                "{{ GRAPH ?g {{ {s} }} }}",
            ]
        )
    ).format(s=service)
    form = draw(st.sampled_from(["SELECT *", "select ?s", "ASK", "CONSTRUCT { ?s ?p ?o }", "DESCRIBE ?s"]))
    return f"{prologue}{form}{sep()}WHERE{sep()}{where}" if form != "ASK" else f"{prologue}ASK{sep()}{where}"


@st.composite
def from_queries(draw: st.DrawFn, port: int) -> str:
    sep = lambda: draw(st.sampled_from(SEPARATORS))  # noqa: E731
    keyword = _escaped("FROM", draw) + draw(st.sampled_from(["", " NAMED", " named", "\nNaMeD"]))
    target = draw(st.sampled_from(["file", "file-prefix", "file-base", "outside", "outside-empty-prefix", "urn"]))
    prologue = ""
    if target == "file":
        ref = "<file:///etc/passwd>"
    elif target == "file-prefix":
        prologue = "PREFIX f: <file:///etc/>\n"
        ref = "f:passwd"
    elif target == "file-base":
        prologue = "BASE <file:///etc/>\n"
        ref = "<passwd>"
    elif target == "outside":
        ref = f"<http://127.0.0.1:{port}/data.ttl>"
    elif target == "outside-empty-prefix":
        prologue = f"PREFIX : <http://127.0.0.1:{port}/>\n"
        ref = ":data.ttl"
    else:
        ref = "<urn:x:graph>"
    # the separator after the keyword may be empty only before an IRI: "FROMf:x" is a name
    after = sep() if ref.startswith("<") else draw(st.sampled_from([s for s in SEPARATORS if s]))
    return f"{prologue}SELECT *{sep()}{keyword}{after}{ref}{sep()}WHERE {{ ?s ?p ?o }}"


@pytest.fixture
def store() -> Store:
    store = Store.open()
    store.replace_articles([("https://w3id.org/conflict-kg/id/article/a", "<urn:a> <urn:b> <urn:c> .\n")])
    return store


def _refused(store: Store, query: str, seen: list[bytes]) -> None:
    with pytest.raises(QueryError):
        store.query(query)
    time.sleep(0.01)
    assert seen == [], f"{query!r} reached the listener"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_service_spelling_reaches_a_listener(store: Store, listener: tuple[int, list[bytes]], data: st.DataObject) -> None:
    port, seen = listener
    _refused(store, data.draw(service_queries(port)), seen)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_from_spelling_names_an_outside_graph(store: Store, listener: tuple[int, list[bytes]], data: st.DataObject) -> None:
    port, seen = listener
    _refused(store, data.draw(from_queries(port)), seen)


PROBES = [
    "PREFIX : <http://127.0.0.1:{port}/>\nSELECT * WHERE {{ SERVICE:x {{ ?s ?p ?o }} }}",
    "PREFIX e: <http://127.0.0.1:{port}/>\nSELECT * WHERE {{ SERVICE e:x {{ ?s ?p ?o }} }}",
    "BASE <http://127.0.0.1:{port}/>\nSELECT * WHERE {{ SERVICE <q> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ BIND(1 AS ?x) FILTER EXISTS {{ SERVICE <http://127.0.0.1:{port}/> {{ ?a ?b ?c }} }} }}",
]


@pytest.mark.parametrize("template", PROBES)
def test_the_probes_do_reach_a_bare_store(listener: tuple[int, list[bytes]], template: str) -> None:
    """The probes are real: the store alone, without the guard, connects to the listener."""
    port, seen = listener
    try:
        list(ox.Store().query(template.format(port=port)))
    except OSError:
        pass  # the listener answers no SPARQL
    deadline = time.monotonic() + 3
    while not seen and time.monotonic() < deadline:
        time.sleep(0.05)
    assert seen, "the bare store did not connect: the probe tests nothing"


@pytest.mark.parametrize("template", PROBES)
def test_the_probes_are_refused(store: Store, listener: tuple[int, list[bytes]], template: str) -> None:
    port, seen = listener
    with pytest.raises(QueryError, match="SERVICE is not allowed"):
        store.query(template.format(port=port))
    assert seen == []


def test_from_without_space_is_seen() -> None:
    assert query_shape("SELECT * FROM<file:///etc/passwd>{ ?s ?p ?o }").dataset == ("file:///etc/passwd",)
    with pytest.raises(QueryError, match="cannot read files"):
        check_query("SELECT * FROM<file:///etc/passwd>{ ?s ?p ?o }", is_local_graph=lambda iri: True)


@pytest.mark.parametrize(
    "query",
    [
        'SELECT ?service WHERE { BIND("SERVICE <http://x/>" AS ?service) }',
        "PREFIX service: <http://example.org/service/>\nSELECT * WHERE { ?s service:from ?o }",
        "SELECT * WHERE { ?s <http://example.org/SERVICE> ?o } # SERVICE <http://x/> { }",
        "SELECT ?from WHERE { ?from ?service ?named }",
    ],
)
def test_the_words_elsewhere_are_fine(query: str) -> None:
    shape = query_shape(query)
    assert not shape.has_service
    assert shape.dataset == ()


def test_a_graph_of_the_store_may_be_named(store: Store) -> None:
    result = store.query("SELECT ?o FROM <https://w3id.org/conflict-kg/id/article/a> WHERE { ?s ?p ?o }")
    assert not isinstance(result, bool) and hasattr(result, "rows")
    assert result.rows == (("urn:c",),)
    with pytest.raises(QueryError, match="only graphs of this store"):
        store.query("SELECT ?o FROM <https://w3id.org/conflict-kg/id/article/absent> WHERE { ?s ?p ?o }")


@pytest.mark.parametrize("depth", [MAX_QUERY_DEPTH + 1, 20_000])
def test_deep_nesting_is_refused_before_parsing(store: Store, depth: int) -> None:
    query = "SELECT * WHERE " + "{" * depth + " ?s ?p ?o " + "}" * depth
    with pytest.raises(QuerySyntaxError, match="levels deep"):
        store.query(query)


def test_nesting_within_the_limit_parses(store: Store) -> None:
    depth = MAX_QUERY_DEPTH - 1
    query = "SELECT * WHERE " + "{" * depth + " ?s ?p ?o " + "}" * depth
    result = store.query(query)
    assert not isinstance(result, bool) and hasattr(result, "rows")


def test_updates_are_refused_as_updates(store: Store) -> None:
    with pytest.raises(QueryError, match="updates are not allowed"):
        store.query("DELETE WHERE { ?s ?p ?o }")
    assert store.count_triples() == 1


def test_kg_query_with_deep_nesting_gives_one_line(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store") as store:
        store.replace_articles([("https://w3id.org/conflict-kg/id/article/a", "<urn:a> <urn:b> <urn:c> .\n")])
    query = "SELECT * WHERE " + "{" * 50_000 + "}" * 50_000
    done = subprocess.run(
        [sys.executable, "-m", "kg", "query", query, "--store", str(tmp_path / "store")],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode not in (0, -11, 139)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and ("levels deep" in lines[0] or "characters long" in lines[0]), done.stderr


def test_a_sealed_process_cannot_connect(listener: tuple[int, list[bytes]]) -> None:
    """The second wall: after deny_network, even the bare store cannot reach the listener."""
    port, seen = listener
    script = textwrap.dedent(
        f"""
        import pyoxigraph as ox
        from kg.store.sandbox import deny_network
        assert deny_network()
        try:
            list(ox.Store().query("SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}"))
        except OSError as e:
            print("refused:", e)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "refused" in done.stdout
    time.sleep(0.2)
    assert seen == []
