"""The endpoint is sealed: no connections, no files, no updates, no runaway queries."""

from __future__ import annotations

import threading
from pathlib import Path
import time
from urllib.parse import urlencode

import pytest

from tests.server.conftest import SCRIPT_PERSON, Reply, Server, alive, children, serve


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
    "template",
    [
        "PREFIX : <http://127.0.0.1:{port}/>\nSELECT * WHERE {{ SERVICE:x {{ ?s ?p ?o }} }}",
        "PREFIX e: <http://127.0.0.1:{port}/>\nSELECT * WHERE {{ SERVICEe:x {{ ?s ?p ?o }} }}",
        "BASE <http://127.0.0.1:{port}/>\nSELECT * WHERE {{ SERVICE<sparql>{{ ?s ?p ?o }} }}",
        "SELECT * FROM<http://127.0.0.1:{port}/g> WHERE {{ ?s ?p ?o }}",
    ],
)
def test_spellings_a_regex_misses_never_contact_the_network(
    server: Server, listener: tuple[int, list[bytes]], template: str
) -> None:
    port, seen = listener
    reply = server.query(template.format(port=port))
    assert reply.status in (400, 403)
    time.sleep(0.2)
    assert seen == []


def test_query_workers_cannot_open_sockets(server: Server) -> None:
    workers = [pid for pid in children(server.process.pid) if _cmdline(pid).find("multiprocessing") >= 0]
    workers = [pid for pid in workers if "resource_tracker" not in _cmdline(pid)]
    assert workers
    for pid in workers:
        status = Path(f"/proc/{pid}/status").read_text()
        assert "Seccomp:\t2" in status, f"worker {pid} runs without the network filter"


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


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
