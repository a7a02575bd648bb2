"""A real ``kg serve`` on 127.0.0.1, in a subprocess, over a store built for the tests.

The store holds the made-up world of tests/queries, the three small graphs
of the W3C protocol tests (named by their ``rdfs:label``, as the manifest
asks), a filler graph of a few thousand triples (so that a cross join runs
for minutes) and an article whose text carries a ``<script>`` element.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from kg.store import Store
from tests.conftest import ROOT, SHARED
from tests.store.conftest import world_graphs

ID = "https://w3id.org/conflict-kg/id/"
CKG = "https://w3id.org/conflict-kg/ontology#"
W3C = SHARED / "w3c" / "sparql11-protocol"
W3C_GRAPHS = {f"http://kasei.us/2009/09/sparql/data/data{n}.rdf": W3C / f"data{n}.nt" for n in (1, 2, 3)}
SCRIPT_ARTICLE = ID + "article/script-test"
SCRIPT_PERSON = ID + "person/tova-rell"
SCRIPT_EVENT = ID + "event/script-test/1"
# Written for these tests: a sentence whose text holds markup that must stay text.
SCRIPT_TEXT = 'Tova Rell wrote <script>window.__pwned = 1</script> on the council board. Nothing else happened.'
FILLER_SIZE = 3000


def _literal(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def script_article() -> str:
    """N-Triples of an article whose text contains a <script> element, with one mention."""
    start = SCRIPT_TEXT.index("Tova Rell")
    end = start + len("Tova Rell")
    sentence_end = SCRIPT_TEXT.index("board.") + len("board.")
    mention = f"{ID}mention/script-test/{start}-{end}"
    xsd = "http://www.w3.org/2001/XMLSchema#"
    lines = [
        f"<{SCRIPT_ARTICLE}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{CKG}Article> .",
        f"<{SCRIPT_ARTICLE}> <http://purl.org/dc/terms/title> {_literal('Council <b>board</b> notes')} .",
        f"<{SCRIPT_ARTICLE}> <{CKG}articleText> {_literal(SCRIPT_TEXT)} .",
        f'<{SCRIPT_ARTICLE}> <{CKG}published> "2024-01-05"^^<{xsd}date> .',
        f"<{SCRIPT_PERSON}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{CKG}Person> .",
        f"<{SCRIPT_PERSON}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{CKG}Actor> .",
        f'<{SCRIPT_PERSON}> <http://www.w3.org/2000/01/rdf-schema#label> "Tova Rell" .',
        f"<{mention}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{CKG}Mention> .",
        f"<{mention}> <{CKG}mentionOf> <{SCRIPT_PERSON}> .",
        f"<{mention}> <{CKG}inArticle> <{SCRIPT_ARTICLE}> .",
        f"<{mention}> <{CKG}text> \"Tova Rell\" .",
        f'<{mention}> <{CKG}charStart> "{start}"^^<{xsd}integer> .',
        f'<{mention}> <{CKG}charEnd> "{end}"^^<{xsd}integer> .',
        f'<{mention}> <{CKG}sentenceStart> "0"^^<{xsd}integer> .',
        f'<{mention}> <{CKG}sentenceEnd> "{sentence_end}"^^<{xsd}integer> .',
        # an event with an agent and no target: the page must cope with unbound columns
        f"<{SCRIPT_EVENT}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{CKG}Event> .",
        f"<{SCRIPT_EVENT}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{CKG}Statement> .",
        f"<{SCRIPT_EVENT}> <{CKG}agent> <{SCRIPT_PERSON}> .",
        f'<{SCRIPT_EVENT}> <{CKG}cameoCode> "010" .',
        f'<{SCRIPT_EVENT}> <{CKG}date> "2024-01-04"^^<{xsd}date> .',
        f"<{SCRIPT_EVENT}> <{CKG}evidence> {_literal(SCRIPT_TEXT[:sentence_end])} .",
        f"<{SCRIPT_EVENT}> <{CKG}inArticle> <{SCRIPT_ARTICLE}> .",
    ]
    return "\n".join(lines) + "\n"


def filler() -> str:
    """A few thousand unrelated triples: enough for a three-way cross join to run for minutes."""
    return "".join(f"<{ID}filler/{i}> <{CKG}filler> \"{i}\" .\n" for i in range(FILLER_SIZE))


def build_store(directory: Path) -> Path:
    """Write the test store into ``directory``."""
    with Store.open(directory) as store:
        store.replace_articles(world_graphs().items())
        store.replace_articles([(SCRIPT_ARTICLE, script_article()), (ID + "graph/filler", filler())])
        if W3C.is_dir():
            store.replace_articles((iri, path.read_text(encoding="utf-8")) for iri, path in W3C_GRAPHS.items())
    return directory


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip()

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Server:
    """A running ``kg serve``: where it listens and its process."""

    host: str
    port: int
    process: subprocess.Popen[bytes]
    default_headers: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def request(
        self, method: str, path: str, *, body: bytes | str | None = None, headers: dict[str, str] | None = None,
        timeout: float = 60,
    ) -> Reply:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            data = body.encode("utf-8") if isinstance(body, str) else body
            connection.request(method, path, body=data, headers={**self.default_headers, **(headers or {})})
            response = connection.getresponse()
            return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
        finally:
            connection.close()

    def query(self, sparql: str, *, accept: str | None = None, **params: str) -> Reply:
        headers = {"Accept": accept} if accept else {}
        return self.request("GET", "/sparql?" + urlencode({"query": sparql, **params}), headers=headers)


@contextmanager
def serve(store: Path, **options: Any) -> Iterator[Server]:
    """Run ``kg.server.run_server`` in a subprocess; stop it with SIGINT (as Ctrl-C) afterwards."""
    port = free_port()
    arguments = {"port": port, "workers": 2, **options}
    code = (
        "import sys, json; from kg.server import run_server; "
        f"run_server({str(store)!r}, **json.loads(sys.argv[1]))"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code, json.dumps(arguments)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    server = Server("127.0.0.1", port, process)
    headers = {"Authorization": f"Bearer {options['token']}"} if options.get("token") else {}
    deadline = time.monotonic() + 90
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"kg serve exited: {process.stderr.read().decode() if process.stderr else ''}")
        try:
            if server.request("GET", "/sparql", headers=headers, timeout=5).status in (200, 401):
                break
        except OSError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("kg serve did not start within 90 s")
        time.sleep(0.2)
    try:
        yield server
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def children(pid: int) -> list[int]:
    """Process ids of the direct children of ``pid`` (Linux /proc)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.extend(int(x) for x in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat")
    return status.exists() and status.read_text().split()[2] != "Z"


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("served") / "store")


@pytest.fixture(scope="session")
def server(store_dir: Path) -> Iterator[Server]:
    """The server most tests share: 2 s deadline, 100-row cap, 20 kB request limit."""
    with serve(store_dir, timeout=2, max_rows=100, max_body=20_000) as running:
        yield running
