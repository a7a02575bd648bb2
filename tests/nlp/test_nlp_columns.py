"""Token columns and the cached text hold what the Token objects say."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from kg.nlp.columns import token_columns
from kg.nlp.extensions import doc_text

_TEXTS = [
    "",
    "Kyiv",
    "The Syrian army shelled  Aleppo, (it) said.\nIt said so!",
    "MOSCOW (Sputnik) -\u00a0Russia's Defense Ministry said on Saturday ",
]


@pytest.mark.parametrize("text", _TEXTS)
def test_columns_match_the_tokens(text: str) -> None:
    nlp = spacy.blank("en")
    doc = nlp(text)
    columns = token_columns(doc)
    assert columns.text == [t.text for t in doc]
    assert columns.lower == [t.lower_ for t in doc]
    assert columns.idx == [t.idx for t in doc]
    assert columns.is_space == [t.is_space for t in doc]
    assert columns.is_punct == [t.is_punct for t in doc]
    assert columns.space_after == [bool(t.whitespace_) for t in doc]
    for start in range(len(doc)):
        for end in range(start, len(doc) + 1):
            assert columns.span_text(doc_text(doc), start, end) == doc[start:end].text


def test_columns_read_the_part_of_speech() -> None:
    doc = Doc(spacy.blank("en").vocab, words=["Troops", "left"], pos=["NOUN", "VERB"])
    assert token_columns(doc).pos == ["NOUN", "VERB"]


@pytest.mark.parametrize("text", _TEXTS)
def test_doc_text_is_the_text(text: str) -> None:
    doc = spacy.blank("en")(text)
    assert doc_text(doc) == doc.text == text
