"""``kg_morphology`` gives the model's own attribute-ruler and lemmatizer annotations."""

from __future__ import annotations

from typing import Any

import pytest
import spacy

from kg.config import Config
from kg.nlp.morphology import FACTORY, replace_morphology

# sentences written for these tests; they reach the ruler's multi-token rules
# ("there is", "gon na", "let 's", "ai n't"), its dependency-based rules
# (pronoun case, auxiliaries), whitespace tokens and unusual lemmas
SENTENCES = [
    "There is no ceasefire yet, and there were clashes near the border overnight.",
    "Let's be clear: we're gonna hold the line, said the commander.",
    "They ain't leaving, and it isn't over; I told you and you told it to me.",
    "The ministry had said that it would not negotiate unless the shelling stopped.",
    "Troops were seen   moving north.\n\nResidents fled as drones struck fuel depots.",
    "Y'all should've known: the talks, which began Monday, have stalled again.",
    "Israeli and Ukrainian officials discuss the prisoner exchange in Istanbul.",
    "Does the government have a plan? Did they do what they'd promised?",
    "",
]

ATTRIBUTES = ("tag_", "pos_", "morph", "lemma_", "dep_", "head")


@pytest.fixture(scope="module")
def model() -> Any:
    """The model with its own attribute ruler and lemmatizer."""
    return spacy.load(Config().model)


@pytest.fixture(scope="module")
def replaced() -> Any:
    nlp = spacy.load(Config().model)
    assert replace_morphology(nlp)
    return nlp


def _annotations(doc: Any) -> list[tuple[Any, ...]]:
    return [(t.text, *(str(getattr(t, a)) if a != "head" else t.head.i for a in ATTRIBUTES)) for t in doc]


def test_component_takes_the_place_of_ruler_and_lemmatizer(replaced: Any, kg_nlp: Any) -> None:
    for nlp in (replaced, kg_nlp):
        assert FACTORY in nlp.pipe_names
        assert "attribute_ruler" not in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names
        assert nlp.pipe_names.index(FACTORY) < nlp.pipe_names.index("ner")


@pytest.mark.parametrize("text", SENTENCES)
def test_annotations_are_the_models_own(model: Any, replaced: Any, text: str) -> None:
    assert _annotations(replaced(text)) == _annotations(model(text))


def test_annotations_do_not_depend_on_what_came_before(model: Any, replaced: Any) -> None:
    """Values kept from earlier texts (and across memory zones) are still right."""
    texts = SENTENCES * 2
    with replaced.memory_zone():
        first = [_annotations(doc) for doc in replaced.pipe(texts[: len(SENTENCES)])]
    with replaced.memory_zone():
        again = [_annotations(doc) for doc in replaced.pipe(texts[len(SENTENCES):])]
    expected = [_annotations(doc) for doc in model.pipe(SENTENCES)]
    assert first == expected and again == expected


def test_shared_corpus_sample_matches(model: Any, replaced: Any, shared: Any) -> None:
    import json

    path = shared / "corpus" / "wikinews_2019_2020" / "wikinews_2019_2020.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} is missing")
    with path.open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line, _ in zip(f, range(8))]
    for ours, theirs in zip(replaced.pipe(texts), model.pipe(texts), strict=True):
        assert _annotations(ours) == _annotations(theirs)


def test_pipeline_is_left_alone_when_a_rule_is_beyond_the_component() -> None:
    nlp = spacy.load(Config().model)
    # an operator ("one or more") is not evaluated here, so the model's ruler must stay
    nlp.get_pipe("attribute_ruler").add([[{"LOWER": "very"}, {"POS": "ADJ", "OP": "+"}]], {"LEMMA": "x"})
    names = list(nlp.pipe_names)
    assert replace_morphology(nlp) is False
    assert nlp.pipe_names == names


def test_the_memory_of_word_forms_is_bounded(model: Any, replaced: Any, monkeypatch: Any) -> None:
    """Past the bound the remembered forms are dropped, and the annotations stay the model's."""
    import kg.nlp.morphology as morphology

    component = replaced.get_pipe(morphology.FACTORY)
    monkeypatch.setattr(morphology, "_MAX_REMEMBERED", 5)
    for text in SENTENCES:
        doc = replaced(text)
        assert _annotations(doc) == _annotations(model(text))
        # cleared before a text once past the bound; one text adds at most two entries a token
        assert len(component._lemmas) + len(component._lower_keys) <= 5 + 2 * len(doc)
