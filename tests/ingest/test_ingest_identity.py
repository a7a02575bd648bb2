"""Identity: the same content gives the same article id, wherever the file lives."""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest import IngestProblem, clean_text, read_articles
from kg.model import Article

WORDS = ["troops", "shelled", "the", "village", "ministry", "said", "ceasefire", "Baku",
         "accused", "rebels", "talks", "Geneva", "share", "Live", "comments", "(12)", "2021",
         "March", "3,", "GMT", "Putin", "envoy", "—", "Tags:", "Army,"]
line = st.lists(st.sampled_from(WORDS), min_size=0, max_size=14).map(" ".join)
ending = st.sampled_from(["", ".", "?", ":", ","])
lines = st.lists(st.tuples(line, ending).map("".join), min_size=1, max_size=10)
texts = st.one_of(lines.map("\n".join), lines.map("\n\n".join), st.text(max_size=300))


def _read(directory: Path, name: str, content: str) -> list[Article | IngestProblem]:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8", newline="")
    return list(read_articles([path]))


@settings(max_examples=80, deadline=None)
@given(texts)
def test_moving_a_text_file_keeps_its_id(content: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        first = _read(Path(tmp), "a.txt", content)
        moved = _read(Path(tmp), "elsewhere/renamed.md", content)
    assert [type(i) for i in first] == [type(i) for i in moved]
    for a, b in zip(first, moved, strict=True):
        if isinstance(a, Article) and isinstance(b, Article):
            assert a.id == b.id == "sha256:" + hashlib.sha256(a.text.encode()).hexdigest()
            assert a.text == b.text and a.text.strip()


@settings(max_examples=80, deadline=None)
@given(texts)
def test_cleaning_is_idempotent(content: str) -> None:
    once = clean_text(content)
    assert clean_text(once) == once


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=1, max_size=40).filter(str.strip), st.text(min_size=1, max_size=40),
       st.booleans(), st.booleans())
def test_record_id_is_id_then_url_then_hash(text: str, key: str, with_id: bool,
                                            with_url: bool) -> None:
    record = {"text": text}
    if with_id:
        record["id"] = f"id-{key}"
    if with_url:
        record["url"] = f"https://example.org/{key}"
    with tempfile.TemporaryDirectory() as tmp:
        [article] = _read(Path(tmp), "r.jsonl", json.dumps(record) + "\n")
    assert isinstance(article, Article)
    expected = record.get("id") or record.get("url") or f"sha256:{article.content_hash}"
    assert article.id == expected.strip()
