"""Stand-off gold events: reading, fetching the text by offsets, and the two views."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kg.errors import EvalError
from kg.evaluate import (
    GoldEvent,
    cameo_view,
    is_standoff,
    plover_view,
    read_standoff_events,
)
from kg.evaluate.event_standoff import parts_of

# A made-up corpus of two files, as the corpora in ../shared are laid out.
NEWS = [
    {"id": "n1", "date": "2024-03-02", "text": "Ruritanian troops shelled a border town. Talks were called off."},
    {"id": "n2", "date": "2024-03-03", "text": "Nothing happened in the capital on Sunday."},
]
WIRE = [{"id": "w1", "date": "2024-04-01", "text": "Ruritania and Borduria signed a water treaty."}]


def _event(source: str, target: str, plover: str | None, cameo: str, **more: Any) -> dict[str, Any]:
    return {"source": source, "target": target, "plover": plover, "cameo": cameo, **more}


ITEMS = [
    {"id": "S1", "file": "corpus/news/news.jsonl", "record": "n1", "start": 0, "end": 40,
     "events": [_event("RURMIL", "BORCVL", "FIGHT", "19", mode="heavy-weapons"),
                # the same event at country level: counted once
                _event("RUR", "BOR", "FIGHT", "19")]},
    {"id": "S2", "file": "corpus/news/news.jsonl", "record": "n2", "start": 0, "end": 42,
     "events": [], "noevents": True},
    {"id": "S3", "file": "corpus/wire/wire.jsonl", "record": "w1", "start": 0, "end": 45,
     "events": [_event("RUR", "BOR", "SUPPORT", "05", joint=True), _event("BOR", "RUR", "SUPPORT", "05", joint=True),
                _event("RURGOV", "", None, "01")]},
]


def _jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def root(tmp_path: Path) -> Path:
    _jsonl(tmp_path / "corpus" / "news" / "news.jsonl", NEWS)
    _jsonl(tmp_path / "corpus" / "wire" / "wire.jsonl", WIRE)
    return tmp_path


def _gold(root: Path, items: list[dict[str, Any]]) -> Path:
    return _jsonl(root / "gold" / "sample.jsonl", items)


def test_the_text_is_fetched_by_record_id_and_offsets(root: Path) -> None:
    items = read_standoff_events(_gold(root, ITEMS), root=root)
    assert [item.text for item in items] == [NEWS[0]["text"][:40], NEWS[1]["text"], WIRE[0]["text"]]
    assert items[0].text == "Ruritanian troops shelled a border town."
    assert str(items[0].date) == "2024-03-02"
    assert items[0].events[0].mode == "heavy-weapons"
    assert items[0].origin.endswith("sample.jsonl:1")


def test_paths_are_relative_to_the_working_directory_by_default(root: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    gold = _gold(root, ITEMS)
    monkeypatch.chdir(root)
    assert len(read_standoff_events(gold)) == 3


def test_the_parts_are_the_corpus_folders(root: Path) -> None:
    items = read_standoff_events(_gold(root, ITEMS), root=root)
    assert parts_of(items) == {"news": ("S1", "S2"), "wire": ("S3",)}


def test_stand_off_files_are_told_from_files_with_text(root: Path) -> None:
    assert is_standoff(_gold(root, ITEMS))
    plover = _jsonl(root / "plover.jsonl", [{"id": "p", "text": "x", "expected_events": []}])
    assert not is_standoff(plover)


def test_plover_view_codes_joint_acts_without_target_and_leaves_out_statements(root: Path) -> None:
    records = {r.id: r for r in plover_view(read_standoff_events(_gold(root, ITEMS), root=root))}
    assert records["S1"].events == (GoldEvent("RURMIL", "BORCVL", "FIGHT"),)
    assert records["S3"].events == (GoldEvent("RUR", "", "SUPPORT"), GoldEvent("BOR", "", "SUPPORT"))
    assert records["S2"].noevents and not records["S2"].events
    assert {r.scheme for r in records.values()} == {"plover"}


def test_cameo_view_keeps_the_partner_as_target_and_the_statements(root: Path) -> None:
    records = {r.id: r for r in cameo_view(read_standoff_events(_gold(root, ITEMS), root=root))}
    assert records["S3"].events == (GoldEvent("RUR", "BOR", "05"), GoldEvent("BOR", "RUR", "05"),
                                    GoldEvent("RURGOV", "", "01"))
    assert records["S1"].events == (GoldEvent("RURMIL", "BORCVL", "19"),)
    assert {r.scheme for r in records.values()} == {"cameo-root"}


def test_a_missing_corpus_file_is_one_clear_error(tmp_path: Path) -> None:
    gold = _gold(tmp_path, ITEMS[:1])
    with pytest.raises(EvalError, match=r"sample\.jsonl:1: corpus file .*news\.jsonl not found") as info:
        read_standoff_events(gold, root=tmp_path)
    assert "\n" not in str(info.value) and "--root" in str(info.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"record": "n9"}, "record 'n9' is not in"),
        ({"start": 30, "end": 400}, "offsets 30-400 fall outside"),
        ({"start": 10, "end": 10}, "offsets 10-10 fall outside"),
        ({"events": [_event("RUR", "BOR", "FIGHT", "190")]}, "CAMEO root, two digits"),
        ({"events": [_event("RUR", "BOR", "BATTLE", "19")]}, "not a PLOVER event type"),
        ({"events": [_event("", "BOR", "FIGHT", "19")]}, "has no source"),
        ({"events": [_event("RUR", "BOR", "FIGHT", "19")], "noevents": True}, "says noevents but lists"),
        ({"start": "0"}, "'start' must be int"),
    ],
)
def test_bad_items_name_the_gold_line(root: Path, change: dict[str, Any], message: str) -> None:
    gold = _gold(root, [ITEMS[1], {**ITEMS[0], **change}])
    with pytest.raises(EvalError, match=message) as info:
        read_standoff_events(gold, root=root)
    assert "sample.jsonl:2" in str(info.value)


def test_item_ids_must_be_unique(root: Path) -> None:
    with pytest.raises(EvalError, match="item id 'S1' repeats"):
        read_standoff_events(_gold(root, [ITEMS[0], ITEMS[0]]), root=root)
