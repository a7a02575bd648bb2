"""Bad inputs: each is one problem naming the input, and the rest of the batch is read."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.errors import IngestError
from kg.ingest import IngestProblem, iter_ok, read_articles
from kg.model import Article

GOOD_BEFORE = "The ministry said on Monday that the talks would resume in Vienna next week."
GOOD_AFTER = "Rebel commanders said they had withdrawn from the ridge to allow aid convoys in."


def _write(name: str, data: bytes) -> Callable[[Path], str]:
    def make(tmp: Path) -> str:
        path = tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return str(path)
    return make


def _missing(tmp: Path) -> str:
    return str(tmp / "nowhere" / "missing.txt")


def _no_match(tmp: Path) -> str:
    return str(tmp / "none-*.txt")


def _empty_dir(tmp: Path) -> str:
    (tmp / "emptydir").mkdir()
    (tmp / "emptydir" / "notes.csv").write_text("a,b\n", encoding="utf-8")
    return str(tmp / "emptydir")


@pytest.mark.parametrize(
    ("make", "hint"),
    [
        (_missing, "no such file"),
        (_no_match, "matched no files"),
        (_empty_dir, "no article files"),
        (_write("empty.txt", b""), "empty"),
        (_write("blank.txt", b"  \n\n\t\n"), "empty"),
        (_write("furniture.txt", b"Listen Live\nShare\nPrint\n12 comments\n"), "boilerplate"),
        (_write("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "binary"),
        (_write("latin1.txt", "Caf\u00e9 talks failed, the mediator said.".encode("cp1252")),
         "iconv"),
        (_write("big.txt", ("Troops moved north. " * 300).encode()), "split"),
        (_write("empty.jsonl", b"\n\n"), "no articles"),
        (_write("bad.json", b'{"text": "unterminated'), "invalid JSON"),
        (_write("nav.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>"),
         "no article text"),
        (_write("binary.jsonl", b'{"text": "a"}\n\x00\x01\x02'), "binary"),
        (_write("mystery.bin", b"\xff\xfe\xfa\x00garbage"), "binary"),
    ],
)
def test_bad_input_is_one_problem_and_batch_goes_on(
        tmp_path: Path, make: Callable[[Path], str], hint: str) -> None:
    (tmp_path / "before.txt").write_text(GOOD_BEFORE, encoding="utf-8")
    (tmp_path / "after.txt").write_text(GOOD_AFTER, encoding="utf-8")
    bad = make(tmp_path)
    items = list(read_articles([tmp_path / "before.txt", bad, tmp_path / "after.txt"],
                               max_chars=5000))
    problems = [i for i in items if isinstance(i, IngestProblem)]
    assert [i.text for i in items if isinstance(i, Article)] == [GOOD_BEFORE, GOOD_AFTER]
    assert len(problems) == 1, problems
    [problem] = problems
    assert problem.source == bad
    assert hint in problem.message
    assert "\n" not in str(problem)


@pytest.mark.parametrize(
    ("line", "hint"),
    [
        ("{not json", "invalid JSON"),
        ('{"id": "x"}', '"text"'),
        ('{"text": "   "}', '"text"'),
        ('{"text": 42}', '"text"'),
        ('"just a string"', "JSON object"),
    ],
)
def test_bad_json_line_names_file_and_line(tmp_path: Path, line: str, hint: str) -> None:
    path = tmp_path / "batch.jsonl"
    good = [json.dumps({"id": f"g{n}", "text": f"{GOOD_BEFORE} ({n})"}) for n in range(2)]
    path.write_text("\n".join([good[0], line, good[1]]) + "\n", encoding="utf-8")
    items = list(read_articles([path]))
    assert [i.id for i in items if isinstance(i, Article)] == ["g0", "g1"]
    [problem] = [i for i in items if isinstance(i, IngestProblem)]
    assert problem.source == f"{path}:2"
    assert hint in problem.message


def test_non_utf8_json_line_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b'{"id": "a", "text": "Talks began."}\n'
                     + '{"id": "b", "text": "Caf\u00e9 closed."}\n'.encode("cp1252")
                     + b'{"id": "c", "text": "Talks ended."}\n')
    items = list(read_articles([path]))
    assert [i.id for i in items if isinstance(i, Article)] == ["a", "c"]
    [problem] = [i for i in items if isinstance(i, IngestProblem)]
    assert problem.source == f"{path}:2" and "UTF-8" in problem.message


def test_oversized_record_names_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps({"id": "long", "text": "x " * 100}) + "\n", encoding="utf-8")
    [problem] = list(read_articles([path], max_chars=50))
    assert isinstance(problem, IngestProblem)
    assert "limit of 50" in problem.message and "split" in problem.message


def test_non_utf8_stdin_is_a_problem() -> None:
    import io
    [problem] = list(read_articles(["-"], stdin=io.BytesIO("Caf\u00e9".encode("cp1252"))))
    assert isinstance(problem, IngestProblem) and problem.source == "<stdin>"


def test_duplicates_are_reported_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD_BEFORE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"Share\n\n{GOOD_BEFORE}\n", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"id": "same", "text": GOOD_AFTER}) + "\n"
        + json.dumps({"id": "same", "text": GOOD_AFTER + " Again."}) + "\n", encoding="utf-8")
    items = list(read_articles([tmp_path]))
    assert len([i for i in items if isinstance(i, Article)]) == 2
    problems = [i for i in items if isinstance(i, IngestProblem)]
    assert [p.source for p in problems] == [str(tmp_path / "b.txt"), f"{tmp_path / 'c.jsonl'}:2"]
    assert str(tmp_path / "a.txt") in problems[0].message
    assert "'same'" in problems[1].message
    assert len(list(read_articles([tmp_path], dedup=False))) == 4


def test_iter_ok_raises_at_the_first_problem(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD_BEFORE, encoding="utf-8")
    read = iter_ok([tmp_path / "a.txt", tmp_path / "missing.txt"])
    assert next(read).text == GOOD_BEFORE
    with pytest.raises(IngestError) as info:
        next(read)
    assert info.value.source == str(tmp_path / "missing.txt")
    assert "missing.txt" in str(info.value)
