"""Stand-off gold and corpus coverage end to end: the real model, the real pipeline, the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kg.config import Config
from kg.evaluate import corpus_coverage, evaluate_events

ROOT = Path(__file__).resolve().parents[2]

# Sentences written for these tests.
NEWS = [
    {"id": "n1", "date": "2021-05-02",
     "text": "Azerbaijan accused Armenia of shelling border villages. Markets opened late."},
    {"id": "n2", "date": "2021-05-03", "text": "The weather stayed dry across the region on Monday."},
]
WIRE = [{"id": "w1", "date": "2021-05-04", "text": "Turkey condemned the raid by Syrian troops."}]
ITEMS = [
    {"id": "T1", "file": "corpus/news/news.jsonl", "record": "n1", "start": 0, "end": 55,
     "events": [{"source": "AZEGOV", "target": "ARM", "plover": "DISAPPROVE", "cameo": "11"}]},
    {"id": "T2", "file": "corpus/news/news.jsonl", "record": "n2", "start": 0, "end": 51,
     "events": [], "noevents": True},
    {"id": "T3", "file": "corpus/wire/wire.jsonl", "record": "w1", "start": 0, "end": 43,
     "events": [{"source": "TURGOV", "target": "SYRMIL", "plover": "DISAPPROVE", "cameo": "11"}]},
]


def _jsonl(path: Path, rows: list[dict[str, Any]], extra: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows) + extra, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("standoff")
    _jsonl(root / "corpus" / "news" / "news.jsonl", NEWS)
    _jsonl(root / "corpus" / "wire" / "wire.jsonl", WIRE)
    _jsonl(root / "gold.jsonl", ITEMS)
    return root


def kg(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=600)


def test_stand_off_gold_is_scored_in_both_views_per_corpus(root: Path) -> None:
    report = evaluate_events(root / "gold.jsonl", config=Config(), root=root)
    assert report.standoff and report.scores.records == 3
    assert [part.part for part in report.parts] == ["all", "news", "wire"]
    assert [view.scheme for view in report.parts[0].views] == ["plover", "cameo-root"]
    rows = report.as_rows()
    assert {(row["part"], row["scheme"], row["level"]) for row in rows if row["type"] == "all"} == {
        (part, scheme, level) for part in ("all", "news", "wire")
        for scheme, levels in (("plover", ("dyad", "type", "full")), ("cameo-root", ("type", "root")))
        for level in levels
    }
    # both accusations are found with their source country
    assert report.parts[0].views[0].score("type").tp == 2
    assert report.parts[0].views[1].score("type").tp == 2
    assert report.parts[0].coverage.with_event == 2 and report.parts[0].coverage.covered == 2


def test_figures_are_aggregate_unless_items_are_asked_for(root: Path) -> None:
    report = evaluate_events(root / "gold.jsonl", config=Config(), root=root)
    shown = json.dumps(report.as_rows() + report.coverage_rows() + report.confusion_rows()) + report.describe()
    assert not any(item["id"] in shown or item["record"] in shown for item in ITEMS)
    assert report.item_rows() == []
    detailed = evaluate_events(root / "gold.jsonl", config=Config(), root=root, keep_items=True)
    assert [row["id"] for row in detailed.item_rows()] == ["T1", "T2", "T3"]
    assert detailed.item_rows()[0]["gold"] == "AZEGOV>ARM:DISAPPROVE"


def test_cli_prints_parts_and_schemes_and_items_only_with_the_flag(root: Path) -> None:
    result = kg("eval", "events", "gold.jsonl", "--format", "json", cwd=root)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {row["part"] for row in rows} == {"all", "news", "wire"}
    assert "T1" not in result.stdout + result.stderr
    assert "coverage (all): kg codes an event with an agent in 2 of 2 records" in result.stderr
    items = kg("eval", "events", "gold.jsonl", "--items", "--format", "csv", cwd=root)
    assert items.returncode == 0 and items.stdout.splitlines()[0] == "id,gold,kg"
    assert "T3,TURGOV>SYRMIL:DISAPPROVE" in items.stdout
    coverage = kg("eval", "events", "gold.jsonl", "--coverage", "--format", "csv", cwd=root)
    assert coverage.stdout.splitlines()[1].startswith("all,3,2,2,1.0,")


def test_cli_names_a_missing_corpus_in_one_line(root: Path, tmp_path: Path) -> None:
    gold = _jsonl(tmp_path / "gold.jsonl", ITEMS)
    result = kg("eval", "events", str(gold), cwd=tmp_path)
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0
    assert "gold.jsonl:1: corpus file" in result.stderr and "not found" in result.stderr
    assert "Traceback" not in result.stderr
    assert kg("eval", "events", str(gold), "--root", str(root), cwd=tmp_path).returncode == 0


def test_corpus_coverage_counts_items_with_an_event_with_an_agent(root: Path, tmp_path: Path) -> None:
    broken = _jsonl(tmp_path / "broken.jsonl", WIRE, extra="{not json\n")
    rows = corpus_coverage([root / "corpus" / "news" / "news.jsonl", broken], config=Config())
    by_part = {Path(row.part).name: row for row in rows}
    assert set(by_part) == {"news.jsonl", "broken.jsonl", "all"}
    news, total = by_part["news.jsonl"], by_part["all"]
    assert (news.items, news.with_agent, news.failed) == (2, 1, 0)
    assert (by_part["broken.jsonl"].items, by_part["broken.jsonl"].failed) == (1, 1)
    assert (total.items, total.with_agent, total.failed) == (3, 2, 1)
    assert total.as_row()["share_with_agent"] == round(2 / 3, 4)
    assert total.with_agent <= total.with_agent_any <= total.items


def test_cli_coverage_of_a_corpus(root: Path) -> None:
    result = kg("eval", "coverage", "corpus/news/news.jsonl", "corpus/wire", "--format", "csv", cwd=root)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("corpus,items,with_event,with_agent,share_with_agent")
    assert lines[-1].startswith("all,3,2,2,0.6667")
