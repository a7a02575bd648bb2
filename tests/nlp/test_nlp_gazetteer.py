"""kg_gazetteer on hand-made Docs: lexicon matches win over wrong model labels."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.tokens import Span

from kg.errors import ExtractionError
from kg.gazetteer import Lexicon
from kg.nlp.extensions import register_extensions
from kg.nlp.gazetteer import FACTORY, Gazetteer


@pytest.fixture(scope="module")
def blank(gazetteer_lexicon: Lexicon) -> Any:
    register_extensions()
    nlp = spacy.blank("en")
    component = nlp.add_pipe(FACTORY)
    assert isinstance(component, Gazetteer)
    component.load(gazetteer_lexicon)
    return nlp


def _run(nlp: Any, text: str, model_ents: list[tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """Tag ``model_ents`` (text, label) as a model would, run the gazetteer, return results."""
    doc = nlp.make_doc(text)
    spans = []
    for surface, label in model_ents:
        start = text.index(surface)
        span = doc.char_span(start, start + len(surface), label=label)
        assert span is not None
        spans.append(span)
    doc.ents = spans
    doc = nlp.get_pipe(FACTORY)(doc)
    return {e.text: (e.label_, e._.kg_type) for e in doc.ents if e._.kg_type}


@pytest.mark.parametrize(("text", "wrong", "surface", "expected"), [
    ("Talks in Yerevan ended.", [("Yerevan", "PERSON")], "Yerevan", ("GPE", "City")),
    ("The Azerbaijani side disagreed.", [("Azerbaijani", "PERSON")], "Azerbaijani",
     ("NORP", "Nationality")),
    ("Sputnik reported the news.", [("Sputnik", "PERSON")], "Sputnik", ("ORG", "Media")),
    ("Armenia protested.", [("Armenia", "ORG")], "Armenia", ("GPE", "Country")),
])
def test_lexicon_overrides_wrong_model_label(blank: Any, text: str, wrong: list[tuple[str, str]],
                                             surface: str, expected: tuple[str, str]) -> None:
    assert _run(blank, text, wrong)[surface] == expected


def test_longer_model_name_holding_a_lexicon_name_is_kept(blank: Any) -> None:
    found = _run(blank, "The Syrian Computer Society opened.", [("Syrian Computer Society",
                                                                  "ORG")])
    assert found == {"Syrian Computer Society": ("ORG", "Organization")}


@pytest.mark.parametrize(("text", "fragment"), [
    ("Burning Hopes: Villagers Await Quiet Along Frontier Lines\nThe talks went on.",
     "Villagers Await Quiet"),
    ("Markets\nopened Steady Traders said.", "Markets\nopened"),
])
def test_headline_fragments_and_line_crossing_spans_are_dropped(blank: Any, text: str,
                                                               fragment: str) -> None:
    assert fragment not in _run(blank, text, [(fragment, "ORG")])


def test_all_caps_person_is_a_dateline_not_a_person(blank: Any) -> None:
    assert _run(blank, "GROZNY (Reuters) - Fighting resumed.", [("GROZNY", "PERSON")]) == {
        "Reuters": ("ORG", "Media")}


def test_model_entities_without_lexicon_entry_keep_a_type(blank: Any) -> None:
    found = _run(blank, "Karim Haddad joined the Southern Defence Brigade in Qaraqosh.",
                 [("Karim Haddad", "PERSON"), ("the Southern Defence Brigade", "ORG"),
                  ("Qaraqosh", "GPE")])
    assert found == {"Karim Haddad": ("PERSON", "Person"),
                     "Southern Defence Brigade": ("ORG", "MilitaryForce"),
                     "Qaraqosh": ("GPE", "Location")}


def test_no_break_spaces_do_not_hide_names(blank: Any) -> None:
    found = _run(blank, "Envoys of the Organization for\u00a0Security and Co-operation in Europe "
                        "met.", [])
    assert found == {"Organization for\u00a0Security and Co-operation in Europe": (
        "ORG", "InternationalOrganization")}


def test_dates_stay_in_doc_ents_but_get_no_type(blank: Any) -> None:
    doc = blank.make_doc("On Saturday Baku protested.")
    doc.ents = [Span(doc, 1, 2, label="DATE")]
    doc = blank.get_pipe(FACTORY)(doc)
    assert [(e.text, e.label_, e._.kg_type) for e in doc.ents] == [
        ("Saturday", "DATE", None), ("Baku", "GPE", "City")]


def test_component_without_lexicon_refuses_to_run() -> None:
    nlp = spacy.blank("en")
    with pytest.raises(ExtractionError, match="load_nlp"):
        Gazetteer(nlp)(nlp.make_doc("Baku"))


def test_pretokenised_hyphens_still_find_the_lexicon_entry() -> None:
    """Corpora distributed as tokens ("Kim Jong - un") must not break the gazetteer."""
    from kg.config import Config
    from kg.model import Article
    from kg.pipeline import extract

    (extraction,) = extract([Article(id="t", text="North Korean leader Kim Jong - un spoke on Monday .")], config=Config())
    assert not isinstance(extraction, type(None))
    assert any(e.type == "Person" and "Kim" in e.label for e in extraction.entities)
