"""The shipped examples read cleanly, in every format they come in."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import IngestProblem, read_articles
from kg.model import Article

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def items() -> list[Article | IngestProblem]:
    return list(read_articles([EXAMPLES]))


def test_examples_read_without_problems(items: list[Article | IngestProblem]) -> None:
    assert [i for i in items if isinstance(i, IngestProblem)] == []
    assert 3 <= len(items) <= 8


@pytest.mark.parametrize("suffix", [".jsonl", ".txt", ".html"])
def test_each_format_is_represented(items: list[Article | IngestProblem], suffix: str) -> None:
    assert any(Path(i.origin.split(":")[0]).suffix == suffix for i in items if isinstance(i, Article))


def test_examples_have_dates_and_clean_text(items: list[Article | IngestProblem]) -> None:
    for article in items:
        assert isinstance(article, Article)
        assert article.published is not None, article.origin
        for widget in ("Share", "Watch Live", "Copy link", "(37)", "comments", "Accept", "©"):
            assert widget not in article.text, (article.origin, widget)
