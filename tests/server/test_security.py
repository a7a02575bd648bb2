"""The endpoint is sealed: no connections, no files, no updates, no runaway queries."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest

from tests.server.conftest import SCRIPT_PERSON, Reply, Server, alive, children, serve


@pytest.fixture
def listener() -> Iterator[tuple[int, list[bytes]]]:
    """A TCP port of the test's own that records every connection made to it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.settimeout(0.2)
    seen: list[bytes] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = sock.accept()
            except OSError:
                continue
            with connection:
                connection.settimeout(1)
                try:
                    seen.append(connection.recv(4096) or b"(connected)")
                except OSError:
                    seen.append(b"(connected)")

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield sock.getsockname()[1], seen
    stop.set()
    thread.join()
    sock.close()


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        "select * where {{ service silent <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ \\u0053ERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
        "PREFIX r: <http://127.0.0.1:{port}/> SELECT * WHERE {{ ?x ?y ?z SERVICE r:q {{ ?s ?p ?o }} }}",
    ],
)
def test_service_never_contacts_the_network(server: Server, listener: tuple[int, list[bytes]], template: str) -> None:
    port, seen = listener
    reply = server.query(template.format(port=port))
    assert reply.status == 403
    assert "SERVICE" in reply.json()["error"]["message"]
    assert seen == []


@pytest.mark.parametrize(
    "query, params",
    [
        ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", {}),
        ("SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }", {}),
        ("SELECT * WHERE { ?s ?p ?o }", {"default-graph-uri": "file:///etc/passwd"}),
        ("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", {"named-graph-uri": "FILE:///etc/passwd"}),
    ],
)
def test_file_iris_read_nothing(server: Server, query: str, params: dict[str, str]) -> None:
    reply = server.query(query, **params)
    assert reply.status == 403
    assert b"root:" not in reply.body
    assert "file" in reply.json()["error"]["message"].lower()


def test_from_an_outside_iri_is_refused(server: Server, listener: tuple[int, list[bytes]]) -> None:
    port, seen = listener
    reply = server.query(f"SELECT * FROM <http://127.0.0.1:{port}/data.ttl> WHERE {{ ?s ?p ?o }}")
    assert reply.status == 403
    assert seen == []


UPDATE = 'INSERT DATA { GRAPH <https://w3id.org/conflict-kg/id/graph/x> { <urn:a> <urn:b> "planted" } }'


@pytest.mark.parametrize(
    "method, path, body, content_type",
    [
        ("POST", "/sparql", UPDATE, "application/sparql-update"),
        ("POST", "/sparql", urlencode({"update": UPDATE}), "application/x-www-form-urlencoded"),
        ("GET", "/sparql?" + urlencode({"update": UPDATE}), None, None),
        ("GET", "/sparql?" + urlencode({"query": UPDATE}), None, None),
        ("POST", "/sparql", UPDATE, "application/sparql-query"),
        ("POST", "/sparql", "DROP ALL", "application/sparql-query"),
        ("POST", "/sparql", urlencode({"query": "CLEAR DEFAULT"}), "application/x-www-form-urlencoded"),
    ],
)
def test_updates_refused(server: Server, method: str, path: str, body: str | None, content_type: str | None) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    reply = server.request(method, path, body=body, headers=headers)
    assert reply.status == 403
    assert reply.json()["error"]["status"] == 403
    planted = server.query('ASK { ?s ?p "planted" }')
    assert planted.json()["boolean"] is False
    still_there = server.query("ASK { ?s a ckg:Article }")
    assert still_there.json()["boolean"] is True


CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ckg:filler ?x . ?b ckg:filler ?y . ?c ckg:filler ?z }"


def test_runaway_query_is_stopped_and_others_answered(server: Server) -> None:
    replies: list[Reply] = []
    slow = threading.Thread(target=lambda: replies.append(server.query(CROSS_JOIN)))
    slow.start()
    try:
        quick = server.query("SELECT ?a WHERE { ?a a ckg:Article } LIMIT 3")
        page = server.request("GET", "/")
        # the quick query and the page are answered while the cross join still runs
        assert slow.is_alive()
        assert quick.status == 200 and len(quick.json()["results"]["bindings"]) == 3
        assert page.status == 200
    finally:
        slow.join()
    assert replies[0].status == 503
    assert "did not finish" in replies[0].json()["error"]["message"]
    after = server.query("ASK { ?s ?p ?o }")
    assert after.status == 200 and after.json()["boolean"] is True


def test_worker_of_a_stopped_query_is_killed(server: Server) -> None:
    before = set(children(server.process.pid))
    assert server.query(CROSS_JOIN).status == 503
    after = set(children(server.process.pid))
    killed = before - after
    assert killed, "the worker that ran the stopped query is still there"
    assert not any(alive(pid) for pid in killed)
    assert len(after) >= len(before)  # replaced


def test_script_in_article_text_is_shown_as_text(server: Server) -> None:
    path = "/entity/" + SCRIPT_PERSON.split("/id/", 1)[1]
    reply = server.request("GET", path)
    assert reply.status == 200
    html = reply.body.decode()
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "<script>window" not in html
    assert "&lt;b&gt;board&lt;/b&gt;" in html


def test_ctrl_c_stops_server_and_workers(store_dir: object) -> None:
    with serve(store_dir, timeout=5) as running:  # type: ignore[arg-type]
        workers = children(running.process.pid)
        assert workers
        running.process.send_signal(2)
        assert running.process.wait(timeout=30) == 0
    # multiprocessing's resource tracker (also a child) leaves on its own once
    # its parent is gone; give it a moment before looking
    deadline = time.monotonic() + 15
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(pid) for pid in workers)
