"""Reading gold entity files: good files, and one-line errors for bad ones."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kg.errors import EvalError
from kg.evaluate import GoldSpan, read_gold_entities

RE3D = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "re3d_dev" / "re3d_dev.jsonl"

TEXT = "Ankara and Moscow signed a ceasefire."
GOOD: dict[str, Any] = {
    "id": "doc-1",
    "title": "Made-up example",
    "text": TEXT,
    "entities": [
        {"id": "e1", "start": 0, "end": 6, "type": "Location", "text": "Ankara", "confidence": 1},
        {"id": "e2", "start": 0, "end": 6, "type": "Organisation", "text": "Ankara", "confidence": 0.25},
        {"start": 11, "end": 17, "type": "Location"},
    ],
}
FIRST = {**GOOD, "id": "doc-0"}


def _write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_reads_documents_and_spans(tmp_path: Path) -> None:
    second = {"id": "doc-2", "text": "Nothing here.", "entities": []}
    path = _write(tmp_path, json.dumps(GOOD), "", json.dumps(second))
    docs = read_gold_entities(path)
    assert [doc.id for doc in docs] == ["doc-1", "doc-2"]
    assert docs[0].title == "Made-up example"
    assert docs[0].spans == (
        GoldSpan(0, 6, "Location", "Ankara", 1.0),
        GoldSpan(0, 6, "Organisation", "Ankara", 0.25),
        GoldSpan(11, 17, "Location", "Moscow", 1.0),
    )
    assert docs[1].origin == f"{path}:3"


def _with_entity(**changes: object) -> str:
    entity = {**GOOD["entities"][0], **changes}
    return json.dumps({**GOOD, "entities": [entity]})


def _without(key: str) -> str:
    return json.dumps({k: v for k, v in GOOD.items() if k != key})


def _entity_without(key: str) -> str:
    entity = {k: v for k, v in GOOD["entities"][0].items() if k != key}
    return json.dumps({**GOOD, "entities": [entity]})


@pytest.mark.parametrize(
    ("second_line", "expected"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        (_without("text"), "missing field 'text'"),
        (_without("id"), "missing field 'id'"),
        (_without("entities"), "missing field 'entities'"),
        (_entity_without("start"), "missing field 'start'"),
        (_entity_without("type"), "missing field 'type'"),
        (_with_entity(start="0"), "field 'start' must be int"),
        (_with_entity(end=True), "field 'end' must be int"),
        (_with_entity(end=99), "outside the text"),
        (_with_entity(start=6, end=6), "outside the text"),
        (_with_entity(text="Moscow"), "differs from text[0:6]"),
        (_with_entity(confidence="high"), "'confidence' must be a number"),
        (json.dumps({**GOOD, "entities": ["Ankara"]}), "entity must be a JSON object"),
        (json.dumps(FIRST), "repeats"),
    ],
)
def test_bad_line_names_file_and_line(tmp_path: Path, second_line: str, expected: str) -> None:
    path = _write(tmp_path, json.dumps(FIRST), second_line)
    with pytest.raises(EvalError) as info:
        read_gold_entities(path)
    message = str(info.value)
    assert message.startswith(f"{path}:2:")
    assert expected in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("content", "expected"),
    [(None, "not found"), (b"", "no documents"), (b"\n\n", "no documents"), (b"\xff\xfe{", "not UTF-8")],
)
def test_bad_file_names_the_file(tmp_path: Path, content: bytes | None, expected: str) -> None:
    path = tmp_path / "gold.jsonl"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(EvalError, match=expected) as info:
        read_gold_entities(path)
    assert str(path) in str(info.value)


def test_reads_the_re3d_development_split() -> None:
    if not RE3D.exists():
        pytest.skip("../shared/corpus/re3d_dev is not available")
    records = [json.loads(line) for line in RE3D.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = read_gold_entities(RE3D)
    assert [doc.id for doc in docs] == [record["id"] for record in records]
    assert [len(doc.spans) for doc in docs] == [len(record["entities"]) for record in records]
    assert all(doc.text[s.start : s.end] == s.text for doc in docs for s in doc.spans)
