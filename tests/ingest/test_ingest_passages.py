"""Markers and passages not in English are skipped; the publisher is read from the metadata."""

from __future__ import annotations

import io
import json

import pytest

from kg.ingest import read_articles
from kg.ingest.passages import is_foreign, skipped_passages
from kg.ingest.publisher import publisher_name, site_name
from kg.model import Article


@pytest.mark.parametrize("passage", [
    "Мы не отступим, заявил командир батальона.",
    "हम अपने गाँव वापस नहीं जाएंगे।",
    "لن نتراجع عن مواقعنا في المدينة",
])
def test_other_scripts_are_foreign(passage: str) -> None:
    assert is_foreign(passage)


@pytest.mark.parametrize("passage", [
    "Los soldados llegaron a la ciudad por la mañana y cerraron el puerto.",
    "Nous ne quitterons pas la ville tant que les combats continuent.",
    "Die Regierung hat die Grenze geschlossen und die Armee ist in Bereitschaft.",
])
def test_latin_script_passages_in_other_languages_are_foreign(passage: str) -> None:
    assert is_foreign(passage)


@pytest.mark.parametrize("passage", [
    "A Russian drone strikes a ten-storey apartment building in Fastiv, killing three.",
    "Researchers et al studied salts common on Mars, al-Hassan said.",
    "Kenya's army shelled el-Fasher, La Paz and Le Havre overnight.",
    "Armenia Azerbaijan Ceasefire Talks Resume In Moscow",
])
def test_english_is_not_foreign(passage: str) -> None:
    assert not is_foreign(passage)


@pytest.mark.parametrize(("text", "skipped"), [
    ("((WN)) What happened? ((Jane Roe)) The army came.", ["((WN))", "((Jane Roe))"]),
    ('He said "we stay." ((es))Spanish language: \u200dNos quedamos en la ciudad y no vamos a salir.',
     ["((es))Spanish language: \u200d", "Nos quedamos en la ciudad y no vamos a salir."]),
    ("Talks began.\n\nСвою позицию мы не изменим.\n\nTalks ended.", ["Свою позицию мы не изменим."]),
])
def test_markers_and_foreign_passages_are_skipped(text: str, skipped: list[str]) -> None:
    assert [text[a:b] for a, b in skipped_passages(text)] == skipped


def test_english_article_skips_nothing() -> None:
    assert skipped_passages("Rebels shelled the town. The government said it would respond.") == ()


def test_parsed_text_blanks_skipped_ranges_and_keeps_offsets() -> None:
    article = Article(id="a", text="((WN)) Hi.\nТекст.", skipped=((0, 6), (11, 17)))
    assert article.parsed_text == "       Hi.\n      "
    assert len(article.parsed_text) == len(article.text)


def test_read_articles_fills_publisher_and_skipped() -> None:
    record = {"id": "x", "url": "https://en.example-wiki.org/wiki/A", "source": "Example Wiki (via a dump)",
              "text": "((EW)) Why? Troops left."}
    [article] = read_articles(["-"], stdin=io.StringIO(json.dumps(record)))
    assert isinstance(article, Article)
    assert article.publisher == "Example Wiki"
    assert article.skipped == ((0, 6),)


@pytest.mark.parametrize(("source", "url", "name"), [
    ("Lakeside Courier", None, "Lakeside Courier"),
    ("English Wikinews (via a data set)", "https://en.wikinews.org/wiki/X", "English Wikinews"),
    (None, "https://www.bbc.co.uk/news/1", "bbc"),
    (None, None, None),
])
def test_publisher_name(source: str | None, url: str | None, name: str | None) -> None:
    assert publisher_name(source, url) == name


def test_site_name_of_a_bare_host_is_none() -> None:
    assert site_name("http://localhost/x") is None


@pytest.mark.parametrize(("passage", "foreign"), [
    ("जैसे कि advocacy करना, networking करना, यह करते हैं।", True),
    ("Мы работаем с NGO и с UN каждый день в Харькове.", True),
    ("Vladimir Putin (Владимир Путин) met the delegation in Sochi on Monday.", False),
])
def test_code_mixed_passages(passage: str, foreign: bool) -> None:
    assert is_foreign(passage) is foreign
