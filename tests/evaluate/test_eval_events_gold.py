"""Reading gold event files: the shared PLOVER and PETRARCH sets, and errors naming file:line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kg.errors import EvalError
from kg.evaluate import GoldEvent, read_gold_events

GOLD = Path(__file__).resolve().parents[2] / ".." / "shared" / "gold"
PLOVER = GOLD / "plover_dev" / "plover_dev.jsonl"
PETRARCH = GOLD / "petrarch_unit" / "petrarch_validation.jsonl"

# Made-up records in both formats.
PLOVER_RECORD: dict[str, Any] = {
    "id": "p-1", "date": "2000-01-01", "text": "Turkey condemned the raid by Syrian troops.",
    "expected_events": [{"source": "TUR", "target": "SYRMIL", "code": "DISAPPROVE"}],
    "code_scheme": "PLOVER 0.5b1 event types",
}
PETRARCH_RECORD: dict[str, Any] = {
    "id": "t-1", "uid": "t-1", "date": "19950102", "text": "Arnor praised Gondor.",
    "expected_events": [{"source": "ARN", "target": "GON", "code": "051", "in_cameo": True}],
    "noevents": False, "expected_error": None, "active": True,
    "code_scheme": "PETR validation dictionary",
}


def _write(tmp_path: Path, *records: dict[str, Any] | str) -> Path:
    path = tmp_path / "gold.jsonl"
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _need(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(f"{path} is not here")
    return path


def test_reads_a_plover_record(tmp_path: Path) -> None:
    (record,) = read_gold_events(_write(tmp_path, PLOVER_RECORD))
    assert (record.id, record.scheme, record.date) == ("p-1", "plover", date(2000, 1, 1))
    assert record.events == (GoldEvent("TUR", "SYRMIL", "DISAPPROVE"),)
    assert record.origin.endswith("gold.jsonl:1")


def test_reads_a_petrarch_record_with_a_compact_date(tmp_path: Path) -> None:
    (record,) = read_gold_events(_write(tmp_path, PETRARCH_RECORD))
    assert (record.scheme, record.date) == ("petrarch", date(1995, 1, 2))


@pytest.mark.parametrize(
    ("changes", "kept_by_default"),
    [({"active": False}, False), ({"expected_error": "storydiscard", "expected_events": []}, False),
     ({"noevents": True, "expected_events": []}, True)],
)
def test_inactive_and_error_records_are_left_out_by_default(
    tmp_path: Path, changes: dict[str, Any], kept_by_default: bool
) -> None:
    path = _write(tmp_path, PETRARCH_RECORD, {**PETRARCH_RECORD, "id": "t-2", "uid": "t-2", **changes})
    assert len(read_gold_events(path)) == (2 if kept_by_default else 1)
    assert len(read_gold_events(path, include_inactive=True, include_errors=True)) == 2


def test_the_uid_keeps_records_with_a_repeated_id_apart(tmp_path: Path) -> None:
    path = _write(tmp_path, PETRARCH_RECORD, {**PETRARCH_RECORD, "uid": "t-1#2"})
    assert [r.id for r in read_gold_events(path)] == ["t-1", "t-1#2"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not valid JSON"),
        (json.dumps([1, 2]), "must be a JSON object"),
        (json.dumps({k: v for k, v in PLOVER_RECORD.items() if k != "text"}), "missing field 'text'"),
        (json.dumps({**PLOVER_RECORD, "expected_events": "AGREE"}), "'expected_events' must be list"),
        (json.dumps({**PLOVER_RECORD, "expected_events": ["TUR"]}), "must be a JSON object with source"),
        (json.dumps({**PLOVER_RECORD, "expected_events": [{"source": "TUR"}]}), "missing field 'code'"),
        (json.dumps({**PLOVER_RECORD, "expected_events": [{"source": "TUR", "code": "BLAME"}]}),
         "not a PLOVER event type"),
        (json.dumps({**PLOVER_RECORD, "noevents": True}), "says noevents but lists"),
        (json.dumps({**PLOVER_RECORD, "noevents": "no"}), "'noevents' must be bool"),
        (json.dumps({**PLOVER_RECORD, "date": "someday"}), "cannot read the date"),
        (json.dumps({**PLOVER_RECORD, "code_scheme": "IDEA"}), "unknown code_scheme"),
        (json.dumps({**PLOVER_RECORD, "code_scheme": None,
                     "expected_events": [{"source": "A", "target": "B", "code": "x1"}]}),
         "cannot tell the code scheme"),
    ],
)
def test_malformed_lines_name_the_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = _write(tmp_path, PLOVER_RECORD | {"id": "first"}, line)
    with pytest.raises(EvalError, match=message) as raised:
        read_gold_events(path)
    assert f"{path}:2" in str(raised.value)


def test_repeated_ids_are_refused(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match=r"gold.jsonl:2: record id 'p-1' repeats .*gold.jsonl:1"):
        read_gold_events(_write(tmp_path, PLOVER_RECORD, PLOVER_RECORD))


def test_a_file_mixing_schemes_is_refused(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match=r"gold.jsonl:2: code scheme 'petrarch' differs"):
        read_gold_events(_write(tmp_path, PLOVER_RECORD, PETRARCH_RECORD))


@pytest.mark.parametrize(
    ("setup", "message"),
    [("missing", "gold file not found"), ("empty", "no records"), ("latin1", "not UTF-8")],
)
def test_unreadable_files(tmp_path: Path, setup: str, message: str) -> None:
    path = tmp_path / "gold.jsonl"
    if setup == "empty":
        path.write_text("\n\n", encoding="utf-8")
    elif setup == "latin1":
        path.write_bytes("{\"text\": \"Bogot\xe1\"}".encode("latin-1"))
    with pytest.raises(EvalError, match=message):
        read_gold_events(path)


def test_reads_the_shared_plover_records() -> None:
    records = read_gold_events(_need(PLOVER))
    assert len(records) == 161
    assert {r.scheme for r in records} == {"plover"}
    assert sum(len(r.events) for r in records) == 181
    japan = next(r for r in records if r.id == "PLOVER-GSR01-AGREE-0002")
    assert japan.events == (GoldEvent("IGO", "JAP", "AGREE"),)


def test_reads_the_shared_petrarch_records() -> None:
    path = _need(PETRARCH)
    records = read_gold_events(path)
    everything = read_gold_events(path, include_inactive=True, include_errors=True)
    assert len(everything) == 284
    # 5 inactive records and 7 testing PETRARCH's input handling are left out
    assert len(records) == 272
    assert {r.scheme for r in records} == {"petrarch"}
    assert sum(r.noevents for r in records) > 0
