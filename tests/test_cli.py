"""The command line, run as a user runs it: a real process, the real model, a real store."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_helpers import kg
from tests.conftest import EXAMPLES, ROOT


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "store"
    result = kg("build", str(EXAMPLES), "--store", str(path))
    assert result.returncode == 0, result.stderr
    assert re.search(r"built [1-9]\d*, .*failed 0 articles", result.stderr), result.stderr
    return path


def test_build_reports_summary_on_stderr_and_nothing_on_stdout(store: Path) -> None:
    assert store.is_dir()


def test_rebuild_is_idempotent(store: Path) -> None:
    before = kg("info", "--store", str(store)).stdout
    result = kg("build", str(EXAMPLES), "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert "built 0," in result.stderr and "unchanged" in result.stderr
    assert kg("info", "--store", str(store)).stdout == before


def test_export_is_deterministic(store: Path) -> None:
    for fmt in ("nq", "ttl"):
        first = subprocess.run([sys.executable, "-m", "kg", "export", "--store", str(store), "--format", fmt], capture_output=True, timeout=600)
        second = subprocess.run([sys.executable, "-m", "kg", "export", "--store", str(store), "--format", fmt], capture_output=True, timeout=600)
        assert first.returncode == 0, first.stderr
        assert first.stdout and first.stdout == second.stdout


def test_query_library_by_name_as_json(store: Path) -> None:
    result = kg("query", "actors_by_mentions", "--store", str(store), "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    labels = {next(iter(r.values())) for r in rows} | {v for r in rows for v in r.values() if isinstance(v, str)}
    assert "Kyrgyzstan" in labels and "Tajikistan" in labels


def test_query_list_shows_library() -> None:
    result = kg("query", "--list", "--format", "csv")
    assert result.returncode == 0, result.stderr
    names = [line.split(",")[0] for line in result.stdout.splitlines()[1:]]
    assert len(names) >= 8 and "actors_by_mentions" in names


@pytest.mark.parametrize("fmt", ["csv", "tsv", "table"])
def test_query_formats(store: Path, fmt: str) -> None:
    result = kg("query", "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/conflict-kg/ontology#Article> }", "--store", str(store), "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert "5" in result.stdout


def test_syntax_error_is_one_line_without_traceback(store: Path) -> None:
    result = kg("query", "SELEC ?x WHERE { ?x ?y ?z }", "--store", str(store))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("kg: error:")


def test_unknown_library_query_names_the_list_command(store: Path) -> None:
    result = kg("query", "no_such_query", "--store", str(store))
    assert result.returncode == 1 and "kg query --list" in result.stderr


def test_validate_store_conforms(store: Path) -> None:
    result = kg("validate", "--store", str(store))
    assert result.returncode == 0, result.stdout + result.stderr


def test_validate_file_with_violation_exits_nonzero(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix ckg: <https://w3id.org/conflict-kg/ontology#> .\n"
        "<https://w3id.org/conflict-kg/id/country/xx> a ckg:Country, ckg:Actor, ckg:Location ; ckg:countryCode \"xx\" .\n",
        encoding="utf-8",
    )
    result = kg("validate", str(bad))
    assert result.returncode == 1


def test_info_counts(store: Path) -> None:
    result = kg("info", "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert "triples" in result.stdout and "spacy" in result.stdout


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    result = kg("query", "actors_by_mentions", "--store", str(tmp_path / "nowhere"))
    assert result.returncode == 1 and "kg build" in result.stderr and "Traceback" not in result.stderr


def test_extract_mentions_jsonl_keeps_article_ids() -> None:
    result = kg("extract", str(EXAMPLES / "articles.jsonl"), "--what", "mentions")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records
    assert {"article", "start", "end", "text", "type", "entity", "iri", "country"} <= set(records[0])
    ids = {json.loads(line)["id"] for line in (EXAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()}
    assert {r["article"] for r in records} <= ids


def test_extract_entities_from_stdin() -> None:
    text = "Kyrgyzstan accused Tajikistan of shelling border villages, the Kyrgyz Defence Ministry said.\n"
    result = kg("extract", "-", "--what", "entities", stdin=text)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    by_label = {r["label"]: r for r in records}
    assert by_label["Kyrgyzstan"]["country"] == "KGZ" and by_label["Kyrgyzstan"]["type"] == "Country"
    assert {"iri", "label", "aliases", "type", "country", "sector", "links"} <= set(records[0])


def test_build_goes_on_past_bad_input(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Armenia and Azerbaijan agreed to hold talks in Moscow on Friday.\n", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02binary\x00")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = kg("build", str(good), str(binary), str(empty), "--store", str(tmp_path / "s"))
    assert result.returncode == 0, result.stderr
    assert "built 1," in result.stderr and "failed 2" in result.stderr
    assert "blob.txt" in result.stderr and "empty.txt" in result.stderr
    assert "Traceback" not in result.stderr


def test_readme_documents_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    from kg.cli import app

    import typer.main

    group = typer.main.get_command(app)
    commands = list(group.commands)  # type: ignore[attr-defined]
    assert commands
    for name in commands:
        assert f"kg {name}" in readme, f"README does not document `kg {name}`"


def test_analyze_ranks_actors_and_writes_metrics(store: Path) -> None:
    result = kg("analyze", "--store", str(store), "--table", "actors", "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    labels = [row["label"] for row in report["tables"]["actors"]] if "tables" in report else [row["label"] for row in report["actors"]]
    assert "Kyrgyzstan" in labels or "Tajikistan" in labels
    written = kg("analyze", "--store", str(store), "--write", "--format", "csv")
    assert written.returncode == 0 and "analytics graph" in written.stderr
    ranked = kg("query", "SELECT DISTINCT ?a ?p WHERE { ?a ckg:pagerank ?p } ORDER BY DESC(?p)", "--store", str(store), "--format", "csv")
    assert ranked.returncode == 0, ranked.stderr
    assert len(ranked.stdout.splitlines()) > 2


@pytest.mark.parametrize("fmt,marker", [("graphml", b"<graphml"), ("gexf", b"<gexf"), ("json", b'"nodes"'), ("csv", b"source,")])
def test_export_network_formats(store: Path, fmt: str, marker: bytes) -> None:
    result = subprocess.run([sys.executable, "-m", "kg", "export", "--store", str(store), "--format", fmt, "--projection", "dyads"], capture_output=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert marker in result.stdout


def test_serve_answers_sparql_and_stops_on_ctrl_c(store: Path) -> None:
    import signal
    import socket
    import time
    import urllib.parse
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(port), "--workers", "1"], stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s a <https://w3id.org/conflict-kg/ontology#Article> }"})
        request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
        for _ in range(120):
            try:
                with urllib.request.urlopen(request, timeout=5) as response:
                    body = json.loads(response.read())
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise AssertionError("kg serve did not answer")
        assert body["boolean"] is True
    finally:
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=30)
    assert code == 0, proc.stderr.read() if proc.stderr else ""


@pytest.mark.parametrize("name,magic", [("net.html", b"<!DOCTYPE html"), ("net.png", b"\x89PNG"), ("net.svg", b"<svg")])
def test_viz_writes_pictures(store: Path, tmp_path: Path, name: str, magic: bytes) -> None:
    out = tmp_path / name
    result = kg("viz", "--store", str(store), "-o", str(out))
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert magic in data[:400] and len(data) > 1000


def test_viz_with_a_library_query_and_timeline(store: Path, tmp_path: Path) -> None:
    page = tmp_path / "accusations.html"
    result = kg("viz", "--store", str(store), "--query", "who_accuses_whom", "-o", str(page))
    assert result.returncode == 0, result.stderr
    chart = tmp_path / "timeline.svg"
    result = kg("timeline", "--store", str(store), "--dyad", "Kyrgyzstan,Tajikistan", "-o", str(chart))
    assert result.returncode == 0, result.stderr
    assert "conflict" in chart.read_text(encoding="utf-8")


def test_timeline_rejects_a_bad_dyad(store: Path, tmp_path: Path) -> None:
    result = kg("timeline", "--store", str(store), "--dyad", "Kyrgyzstan", "-o", str(tmp_path / "t.png"))
    assert result.returncode == 1 and "--dyad" in result.stderr and "Traceback" not in result.stderr


def test_extract_events_of_the_seed(seed_path: Path) -> None:
    result = kg("extract", str(seed_path), "--what", "events")
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    keys = {"article", "sentence", "start", "end", "trigger", "type", "cameo", "agent", "target",
            "location", "date", "claimed_by", "negated", "confidence"}
    assert events and all(keys <= set(e) for e in events)
    appeals = [e for e in events if e["cameo"].startswith("025") and e["agent"] and e["agent"]["label"] == "Vladimir Putin"]
    assert appeals
    assert {t["country"] for e in appeals for t in e["targets"]} >= {"ARM", "AZE"}
    claims = [e for e in events if e["claimed_by"] and e["type"] == "Fight"]
    assert any(c["claimed_by"][0]["country"] == "AZE" for c in claims)
    years = {e["date"] for e in events if e["date_source"] == "text"}
    assert {"1988", "1991", "1994"} <= years
    assert not any("Burning Embers" in e["sentence"] or "Listen Live" in e["sentence"] for e in events)


def test_workers_remove_and_load(tmp_path: Path) -> None:
    built = tmp_path / "built"
    result = kg("build", str(EXAMPLES), "--store", str(built), "--workers", "2", "--runlog", str(tmp_path / "run.jsonl"))
    assert result.returncode == 0, result.stderr
    journal = [json.loads(line) for line in (tmp_path / "run.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {entry["status"] for entry in journal} == {"built"}
    nq = tmp_path / "all.nq"
    assert kg("export", "--store", str(built), "--format", "nq", "-o", str(nq)).returncode == 0
    loaded = tmp_path / "loaded"
    result = kg("load", str(nq), "--store", str(loaded))
    assert result.returncode == 0, result.stderr
    assert kg("info", "--store", str(loaded)).stdout == kg("info", "--store", str(built)).stdout
    article = journal[0]["article"]
    result = kg("remove", article, "--store", str(loaded))
    assert result.returncode == 0 and "removed 1 article" in result.stderr, result.stderr
    left = kg("query", "SELECT (COUNT(*) AS ?n) WHERE { ?a a ckg:Article }", "--store", str(loaded), "--format", "csv")
    assert left.stdout.splitlines()[1] == str(len(journal) - 1)
    again = kg("remove", article, "--store", str(loaded))
    assert again.returncode == 1 and "not in the store" in again.stderr
