"""Turn decoded input (plain text, HTML, JSON records) into articles.

Nothing here touches the file system: :mod:`kg.ingest.sources` reads and
decodes, these functions parse. Each yields :class:`~kg.model.Article` or
:class:`~kg.ingest.problem.IngestProblem` and never raises for bad input.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from kg.ingest.boilerplate import clean_text, headline
from kg.ingest.dates import find_date, parse_date
from kg.ingest.problem import IngestProblem
from kg.model import Article

__all__ = ["from_html", "from_json", "from_jsonl", "from_record", "from_text"]

Item = Article | IngestProblem


def _hashed(article: Article) -> Article:
    # Identity from the content, so moving or renaming the file keeps it.
    return dataclasses.replace(article, id=f"sha256:{article.content_hash}")


def _too_long(origin: str, n: int, max_chars: int) -> IngestProblem:
    return IngestProblem(
        origin,
        f"article has {n:,} characters, over the limit of {max_chars:,} "
        "(max_article_chars); split it into smaller articles or raise the limit",
    )


def from_text(content: str, origin: str, *, max_chars: int) -> Iterator[Item]:
    """Read one plain-text article: boilerplate removed, title and date guessed.

    The id is ``sha256:`` and the hash of the cleaned text. The date comes from
    a header or dateline of the text as read, before timestamp lines are removed.

    >>> [a] = from_text("Truce Talks Resume\\n\\nBAKU, May 2, 2021 - Envoys met today.", "x.txt",
    ...                 max_chars=1000)
    >>> a.title, a.published, a.id[:7]
    ('Truce Talks Resume', datetime.date(2021, 5, 2), 'sha256:')
    """
    if not content.strip():
        yield IngestProblem(origin, "empty file; give it the article text or leave it out")
        return
    if len(content) > max_chars:
        yield _too_long(origin, len(content), max_chars)
        return
    text = clean_text(content)
    if not text:
        yield IngestProblem(
            origin,
            "no article text left after removing boilerplate (only menus, widgets, "
            "teasers, tags or timestamps); check that the file holds the story",
        )
        return
    published = find_date(content) or find_date(text)
    yield _hashed(Article(id="", text=text, title=headline(text), published=published,
                          origin=origin))


def from_html(content: str, origin: str, *, max_chars: int) -> Iterator[Item]:
    """Read one HTML page: its main text via trafilatura, then boilerplate removal.

    Title, date, canonical URL and site name come from the page metadata
    (``og:`` and ``article:`` tags, ``<time>``, ``<title>``) when present.
    The id is the canonical URL when the page gives one, else the content hash.
    """
    try:
        import trafilatura  # heavy import, only when a page is read
    except ImportError as e:
        yield IngestProblem(origin, f"cannot read HTML: trafilatura does not import ({e}); "
                            "install it with its HTML cleaner: pip install trafilatura lxml_html_clean")
        return
    if not content.strip():
        yield IngestProblem(origin, "empty file; give it the page HTML or leave it out")
        return
    if len(content) > 20 * max_chars:
        yield _too_long(origin, len(content), 20 * max_chars)
        return
    try:
        doc = trafilatura.bare_extraction(
            content, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as e:  # trafilatura/lxml raise many types on broken markup
        yield IngestProblem(origin, f"cannot parse the HTML ({e}); check that the file is a web page")
        return
    raw = (getattr(doc, "text", None) or "") if doc is not None else ""
    # trafilatura puts each block element on a line of its own: keep them
    # apart as paragraphs, so that a heading never runs into the next sentence.
    text = clean_text(raw.replace("\n", "\n\n"))
    if not text:
        yield IngestProblem(
            origin, "no article text found in the page (only navigation or boilerplate); "
            "save the article page itself or give its text as a .txt file")
        return
    if len(text) > max_chars:
        yield _too_long(origin, len(text), max_chars)
        return
    published: date | datetime | None = None
    page_date = getattr(doc, "date", None)
    if page_date:
        try:
            published = parse_date(page_date)
        except ValueError:
            published = None
    url = getattr(doc, "url", None) or None
    article = Article(
        id=url or "", text=text, title=getattr(doc, "title", None) or headline(text),
        published=published or find_date(raw), url=url,
        source=getattr(doc, "sitename", None) or None, origin=origin,
    )
    yield article if url else _hashed(article)


def _field(record: dict[str, Any], name: str) -> str | None:
    value = record.get(name)
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = str(value).strip()
    return text or None


def from_record(record: Any, origin: str, *, max_chars: int) -> Iterator[Item]:
    """Read one JSON record ``{id?, title?, date?, url?, source?, text}``.

    The text is kept exactly as given (offsets of gold annotations point into
    it). The id is ``id``, else ``url``, else the content hash; ``date`` may be
    YYYYMMDD, an ISO date or datetime. Other fields are ignored.

    >>> [a] = from_record({"id": 7, "date": "20201202", "text": "Shelling resumed."}, "f:1",
    ...                   max_chars=100)
    >>> a.id, a.published
    ('7', datetime.date(2020, 12, 2))
    """
    if not isinstance(record, dict):
        yield IngestProblem(origin, f"expected a JSON object, found {type(record).__name__}; "
                            "write one article object per line")
        return
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        yield IngestProblem(origin, 'record has no "text" (a non-empty string); add the article text')
        return
    if len(text) > max_chars:
        yield _too_long(origin, len(text), max_chars)
        return
    published: date | datetime | None = None
    raw_date = _field(record, "date")
    if raw_date is not None:
        try:
            published = parse_date(raw_date)
        except ValueError:
            yield IngestProblem(origin, f"date {raw_date!r} not understood (use YYYYMMDD or "
                                "ISO 8601); looked for one in the text instead")
    url = _field(record, "url")
    article = Article(
        id=_field(record, "id") or url or "", text=text, title=_field(record, "title"),
        published=published or find_date(text), url=url, source=_field(record, "source"),
        publisher=_field(record, "publisher"),
        origin=origin,
    )
    yield article if article.id else _hashed(article)


def from_jsonl(lines: Iterable[tuple[int, str | IngestProblem]], origin: str, *,
               max_chars: int) -> Iterator[Item]:
    """Read JSON Lines: one record per non-blank line; a bad line is one problem.

    ``lines`` gives (line number, decoded line or the problem met decoding it).
    """
    for number, line in lines:
        where = f"{origin}:{number}"
        if isinstance(line, IngestProblem):
            yield line
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            yield IngestProblem(where, f"invalid JSON: {e.msg} (column {e.colno}); fix or remove the line")
            continue
        yield from from_record(record, where, max_chars=max_chars)


def from_json(content: str, origin: str, *, max_chars: int) -> Iterator[Item]:
    """Read a JSON document: one record, or a list of records."""
    try:
        data = json.loads(content)
    except json.JSONDecodeError as e:
        yield IngestProblem(origin, f"invalid JSON: {e.msg} (line {e.lineno}, column {e.colno}); "
                            "fix the file (for one record per line name it .jsonl)")
        return
    if isinstance(data, list):
        for i, record in enumerate(data):
            yield from from_record(record, f"{origin}[{i}]", max_chars=max_chars)
    else:
        yield from from_record(data, origin, max_chars=max_chars)
