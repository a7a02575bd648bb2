"""Parsing ahead in a thread: same Docs, zones closed only after their Docs were read, errors raised."""

from __future__ import annotations

import threading
import time
import uuid
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.stream import TokenizerWarmup, parse_ahead

SENTENCES = [
    "Russian President Vladimir Putin urged Armenia and Azerbaijan to cease fire.",
    "Baku accused Yerevan of shelling villages on Saturday.",
    "The OSCE Minsk Group said it would mediate between the sides.",
    "Protesters gathered in the capital, the police said.",
]


def _annotations(doc: Any) -> list[tuple[str, str, str, str, int, str]]:
    return [(t.text, t.lemma_, t.pos_, t.dep_, t.head.i, t.ent_type_) for t in doc]


def _parser_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "kg-parse-ahead"]


def test_docs_are_those_of_the_model_in_input_order(kg_nlp: Any) -> None:
    texts = SENTENCES * 3
    expected = [_annotations(doc) for doc in kg_nlp.pipe(texts)]
    got = [(_annotations(doc), n) for doc, n in
           parse_ahead(((t, n) for n, t in enumerate(texts)), kg_nlp, batch_size=2, zone_size=4)]
    assert [n for _, n in got] == list(range(len(texts)))
    assert [a for a, _ in got] == expected


def test_a_zone_stays_open_until_its_docs_were_read() -> None:
    # words never seen before: their strings live in the zone and are freed when it closes
    nlp = spacy.blank("en")
    texts = [" ".join(uuid.uuid4().hex for _ in range(5)) for _ in range(12)]
    read = []
    for doc, text in parse_ahead(((t, t) for t in texts), nlp, batch_size=1, zone_size=2, ahead=8):
        time.sleep(0.02)  # the parser is free to run ahead meanwhile
        read.append((" ".join(t.text for t in doc), text))
    assert all(words == text for words, text in read)
    assert len(read) == len(texts)
    assert texts[0] not in nlp.vocab.strings  # the zones did close


def test_frequent_words_are_tokenized_outside_the_zone_and_rare_ones_inside() -> None:
    # spaCy's tokenizer caches nothing inside a zone; words warmed up outside it are kept
    nlp = spacy.blank("en")
    frequent, rare = uuid.uuid4().hex, uuid.uuid4().hex
    texts = [f"{frequent} said the envoy", f"the envoy met {frequent}", f"{rare} left"]
    docs = [doc.text for doc, _ in parse_ahead(((t, None) for t in texts), nlp, batch_size=2, zone_size=8)]
    assert docs == texts
    assert frequent in nlp.vocab.strings
    assert rare not in nlp.vocab.strings


def test_the_warmup_keeps_at_most_its_budget_of_strings() -> None:
    nlp = spacy.blank("en")
    words = [uuid.uuid4().hex for _ in range(3)]
    warm = TokenizerWarmup(nlp, budget=2)
    assert warm([" ".join(words)] * 2) == 2
    assert warm([" ".join(words)] * 2) == 0
    assert warm.kept == 2
    assert sum(w in nlp.vocab.strings for w in words) == 2


def test_the_warmup_does_nothing_inside_a_zone() -> None:
    nlp = spacy.blank("en")
    word = uuid.uuid4().hex
    with nlp.memory_zone():
        assert TokenizerWarmup(nlp)([word, word]) == 0
    assert word not in nlp.vocab.strings


@Language.component("kg_test_fails_on_boom")
def _fails_on_boom(doc: Doc) -> Doc:
    if "boom" in doc.text:
        raise RuntimeError("the model broke on boom")
    return doc


def test_an_error_in_the_parser_is_raised_in_the_callers_thread() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_test_fails_on_boom")
    stream = parse_ahead([("calm", 1), ("boom", 2)], nlp, batch_size=1)
    assert next(stream)[1] == 1
    with pytest.raises(RuntimeError, match="the model broke on boom"):
        next(stream)
    assert not _parser_threads()


def test_an_error_reading_the_input_is_raised_in_the_callers_thread() -> None:
    def items() -> Any:
        yield "calm", 1
        raise OSError("articles.jsonl: unreadable")

    with pytest.raises(OSError, match="unreadable"):
        list(parse_ahead(items(), spacy.blank("en"), batch_size=1))


def test_a_caller_that_stops_early_stops_the_parser() -> None:
    nlp = spacy.blank("en")
    stream = parse_ahead(((f"text {n}", n) for n in range(10_000)), nlp, batch_size=4)
    assert next(stream)[1] == 0
    stream.close()
    assert not _parser_threads()
