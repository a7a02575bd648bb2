"""kg.convert: spaCy Docs become Mentions whose offsets point into the article text."""

from __future__ import annotations

from typing import Any

import pytest

from kg.config import Config
from kg.convert import doc_to_mentions
from kg.errors import ExtractionError
from kg.gazetteer import load_lexicon
from kg.model import Article

TEXTS = [
    "On 3 May 2021 Baku and Yerevan traded accusations, and 12 soldiers were hurt.",
    "Kremlin spokesman Dmitry Peskov said the Russian president had spoken to "
    "Armenian Foreign Minister Ara Vardanyan for $5 million worth of aid.",
    "Envoys of the Organization for\u00a0Security and Co-operation in Europe met\n\n"
    "MOSCOW (Reuters) - The Azerbaijani Defense Ministry denied it.",
]


@pytest.fixture(scope="module")
def nlp() -> Any:
    from kg.nlp import load_nlp

    return load_nlp(config=Config(), lexicon=load_lexicon())


@pytest.mark.parametrize("text", TEXTS)
def test_offsets_text_and_sentences_agree(nlp: Any, text: str) -> None:
    article = Article(id="convert-test", text=text)
    mentions = doc_to_mentions(nlp(text), article=article)
    assert mentions
    for m in mentions:
        assert text[m.start:m.end] == m.text
        assert m.sentence[0] <= m.start < m.end <= m.sentence[1]
        if m.affiliation:
            assert m.affiliation in {(o.start, o.end) for o in mentions}
    assert list(mentions) == sorted(mentions, key=lambda m: (m.start, m.end))


@pytest.mark.parametrize("text", TEXTS)
def test_dates_numbers_and_money_are_not_mentions(nlp: Any, text: str) -> None:
    article = Article(id="convert-test", text=text)
    surfaces = {m.text for m in doc_to_mentions(nlp(text), article=article)}
    assert not surfaces & {"3 May 2021", "12", "$5 million"}


def test_mention_fields_come_from_the_components(nlp: Any) -> None:
    text = TEXTS[1]
    mentions = {m.text: m for m in doc_to_mentions(nlp(text), article=Article(id="a", text=text))}
    peskov = mentions["Dmitry Peskov"]
    assert (peskov.type, peskov.role, peskov.lexicon_id) == (
        "Person", "spokesman", "person:dmitry-peskov")
    assert peskov.affiliation == (0, len("Kremlin"))
    nominal = mentions["Russian president"]
    assert (nominal.type, nominal.role, nominal.country) == ("Person", "President", "RUS")


def test_metonym_flag_is_carried(nlp: Any) -> None:
    text = TEXTS[0]
    mentions = {m.text: m for m in doc_to_mentions(nlp(text), article=Article(id="a", text=text))}
    assert mentions["Baku"].metonym and mentions["Yerevan"].metonym


def test_doc_of_other_text_is_refused(nlp: Any) -> None:
    with pytest.raises(ExtractionError, match="other-article"):
        doc_to_mentions(nlp("Baku said."), article=Article(id="other-article", text="Baku"))


def test_nested_and_widened_mentions_keep_exact_offsets(nlp: Any) -> None:
    text = "Jordanian troops guarded the road. Iraqi President Adel Mansour thanked them."
    mentions = doc_to_mentions(nlp(text), article=Article(id="a", text=text))
    spans = {m.text: (m.start, m.end, m.type) for m in mentions}
    for m in mentions:
        assert text[m.start:m.end] == m.text
    assert spans["Jordanian"][2] == "Nationality" and spans["Jordanian troops"][0] == 0
    whole = text.index("Iraqi President")
    assert spans["Iraqi President Adel Mansour"] == (whole, text.index(" thanked"), "Person")
    assert spans["Adel Mansour"][2] == "Person" and spans["Iraqi"][2] == "Nationality"
