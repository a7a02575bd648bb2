"""Every input kind: plain text, HTML, JSON Lines, JSON, unknown extensions and stdin."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import date, datetime
from pathlib import Path

import pytest

from kg.ingest import IngestProblem, read_articles
from kg.model import Article

STORY = ("Government troops retook the bridge on Sunday after two days of fighting, "
         "a military spokesman said.")
PAGE = (
    "<!DOCTYPE html><html><head><title>Bridge retaken</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
    "<script>var hidden = 'script text';</script>"
    f"<article><p>{STORY}</p><p>Aid groups said that hundreds of families had fled to the "
    "nearby hills and needed shelter before the winter.</p></article>"
    "<footer>Copyright 2022 Valley Post. All rights reserved.</footer></body></html>"
)


def _articles(items: list[Article | IngestProblem]) -> list[Article]:
    assert not [i for i in items if isinstance(i, IngestProblem)], items
    return [i for i in items if isinstance(i, Article)]


@pytest.mark.parametrize("suffix", [".txt", ".text", ".md"])
def test_plain_text_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"story{suffix}"
    path.write_text(f"Bridge Retaken\n\nBAKU, May 2, 2021 - {STORY}\nShare\n", encoding="utf-8")
    [article] = _articles(list(read_articles([path])))
    assert article.text == f"Bridge Retaken\n\nBAKU, May 2, 2021 - {STORY}"
    assert article.title == "Bridge Retaken"
    assert article.published == date(2021, 5, 2)
    assert article.id == "sha256:" + hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    assert article.origin == str(path)
    assert article.url is None and article.source is None


def test_html_page_from_fixture(fixtures: Path) -> None:
    [article] = _articles(list(read_articles([fixtures / "page.html"])))
    assert article.id == article.url == "https://courier.example.net/politics/budget-approved"
    assert article.title == "Parliament approves budget after long night"
    assert article.source == "The Lakeside Courier"
    assert article.published == date(2022, 11, 18)
    assert "opposition accused the government" in article.text
    assert "review the vote." in article.text
    for unwanted in ("tracking", "do-not-keep", "Home", "Sport", "Commenter42", "Copyright",
                     "Privacy policy", "<"):
        assert unwanted not in article.text
    # Block elements become paragraphs, so that the heading stays out of the first sentence.
    assert article.text.startswith("Parliament approves budget after long night\n\nLawmakers")


def test_html_page_without_metadata_gets_a_content_id(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(PAGE, encoding="utf-8")
    [article] = _articles(list(read_articles([path])))
    assert article.id == f"sha256:{article.content_hash}"
    assert article.url is None
    assert STORY in article.text
    assert "script text" not in article.text and "Copyright" not in article.text


def test_json_lines_fixture(fixtures: Path) -> None:
    path = fixtures / "records.jsonl"
    items = list(read_articles([path]))
    articles = [i for i in items if isinstance(i, Article)]
    problems = [i for i in items if isinstance(i, IngestProblem)]
    assert [a.origin for a in articles] == [f"{path}:{n}" for n in (1, 2, 7, 8)]
    first, second, third, fourth = articles
    assert (first.id, first.title, first.source, first.published) == (
        "fx-1", "Talks open", "Fixture Wire", date(2023, 1, 2))
    assert second.id == second.url == "https://fixture.example/2"
    assert third.id == f"sha256:{third.content_hash}"
    assert third.published == datetime.fromisoformat("2023-01-05T08:00:00+02:00")
    assert fourth.published == date(2023, 1, 9)  # bad date field: found in the dateline
    assert [p.source for p in problems] == [f"{path}:{n}" for n in (3, 5, 6, 8)]
    assert "invalid JSON" in problems[0].message
    assert '"text"' in problems[1].message
    assert "date 'next Tuesday-ish'" in problems[3].message


def test_json_lines_text_is_kept_verbatim(tmp_path: Path) -> None:
    text = "Share\n\n  Listen Live  \nRebels, Army, Town\nTroops shelled the town."
    path = tmp_path / "a.ndjson"
    path.write_text(json.dumps({"id": "x", "text": text}) + "\n", encoding="utf-8")
    [article] = _articles(list(read_articles([path])))
    assert article.text == text  # gold offsets of corpora point into the text as given


@pytest.mark.parametrize(
    ("payload", "ids"),
    [
        ({"id": "one", "text": STORY}, ["one"]),
        ([{"id": "one", "text": STORY}, {"id": "two", "text": STORY + " Again."}], ["one", "two"]),
    ],
)
def test_json_file_object_or_list(tmp_path: Path, payload: object, ids: list[str]) -> None:
    path = tmp_path / "articles.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    assert [a.id for a in _articles(list(read_articles([path])))] == ids


JSONL = "\n".join(json.dumps({"id": f"s{i}", "text": f"{STORY} ({i})"}) for i in range(3)) + "\n"


@pytest.mark.parametrize(
    ("content", "expected_ids", "kind"),
    [
        (io.StringIO(JSONL), ["s0", "s1", "s2"], "jsonl"),
        (io.BytesIO(JSONL.encode()), ["s0", "s1", "s2"], "jsonl"),
        (io.StringIO(json.dumps([{"id": "j", "text": STORY}])), ["j"], "json"),
        (io.BytesIO(PAGE.encode()), None, "html"),
        (io.StringIO(f"Listen Live\n\n{STORY}\n"), None, "text"),
        (io.BytesIO(f"\ufeff{STORY}".encode()), None, "text"),
    ],
)
def test_stdin_is_sniffed(content: io.IOBase, expected_ids: list[str] | None, kind: str) -> None:
    articles = _articles(list(read_articles(["-"], stdin=content)))  # type: ignore[arg-type]
    if expected_ids is not None:
        assert [a.id for a in articles] == expected_ids
        assert articles[0].origin.startswith("<stdin>:" if kind == "jsonl" else "<stdin>")
    else:
        [article] = articles
        assert article.origin == "<stdin>"
        assert STORY in article.text and "<" not in article.text and "Listen" not in article.text
        assert not article.text.startswith("\ufeff")


@pytest.mark.parametrize(
    ("content", "text_has"),
    [
        (STORY, STORY),
        (PAGE, STORY),
        (json.dumps({"id": "log-1", "text": "Talks opened in Vienna."}), "Talks opened in Vienna."),
    ],
)
def test_unknown_extension_named_explicitly_is_sniffed(tmp_path: Path, content: str,
                                                       text_has: str) -> None:
    path = tmp_path / "dump.log"
    path.write_text(content, encoding="utf-8")
    [article] = _articles(list(read_articles([path])))
    assert text_has in article.text and "<p>" not in article.text


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("utf-8"),
        lambda s: "\ufeff".encode("utf-8") + s.encode("utf-8"),
        lambda s: s.encode("utf-16"),
        lambda s: s.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "crlf"],
)
def test_text_encodings_and_line_ends(tmp_path: Path, encode) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "story.txt"
    path.write_bytes(encode(f"Bridge Retaken\n\n{STORY}\n"))
    [article] = _articles(list(read_articles([path])))
    assert article.text == f"Bridge Retaken\n\n{STORY}"
