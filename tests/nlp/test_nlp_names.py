"""Names found by their head word, nested demonyms, peoples, titled persons, one kind per name."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.tokens import Span

from kg.convert import doc_to_mentions
from kg.gazetteer import Lexicon
from kg.model import Article, Mention
from kg.nlp.extensions import register_extensions
from kg.nlp.gazetteer import FACTORY, NESTED


def _mentions(nlp: Any, text: str) -> dict[str, Mention]:
    return {m.text: m for m in doc_to_mentions(nlp(text), article=Article(id="t", text=text))}


@pytest.mark.parametrize(("text", "name"), [
    ("The unit was led by Karim Haddad,[2] a former officer.", "Karim Haddad"),
    ("They were trained by Samir Aoun.[14] Later they left.", "Samir Aoun"),
    ("Nabil Saadeh(Arabic: a transliteration) spoke.", "Nabil Saadeh"),
])
def test_reference_marks_and_glued_brackets_are_split_off(kg_nlp: Any, text: str,
                                                          name: str) -> None:
    found = _mentions(kg_nlp, text)
    assert found[name].type == "Person"
    assert not [t for t in found if t != name and name in t]


@pytest.mark.parametrize(("text", "name", "type_"), [
    ("Volunteers joined the Army of the Southern Hills in March.",
     "Army of the Southern Hills", "MilitaryForce"),
    ("Hackers of the Syrian Cyber Army defaced a website.", "Syrian Cyber Army",
     "MilitaryForce"),
    ("Villagers fled toward the Zarin Mountains after the raid.", "Zarin Mountains",
     "Location"),
    ("Shelling hit villages in Dohuk province on Monday.", "Dohuk province", "Region"),
    ("Engineers inspected the Haditha Dam after the floods.", "Haditha Dam", "Location"),
])
def test_names_ending_in_a_head_word(kg_nlp: Any, text: str, name: str, type_: str) -> None:
    found = _mentions(kg_nlp, text)
    assert found[name].type == type_
    # the generic or demonym inside a name is part of it, not a mention of its own
    assert not {"Army", "army", "Syrian"} & set(found)


@pytest.mark.parametrize(("text", "actor", "demonym", "iso3"), [
    ("Jordanian troops crossed the border at dawn.", "Jordanian troops", "Jordanian", "JOR"),
    ("Iraqi security forces retook the bridge.", "Iraqi security forces", "Iraqi", "IRQ"),
])
def test_demonym_of_an_unnamed_actor_is_a_mention_too(kg_nlp: Any, text: str, actor: str,
                                                       demonym: str, iso3: str) -> None:
    found = _mentions(kg_nlp, text)
    assert found[actor].country == iso3
    assert (found[demonym].type, found[demonym].lexicon_id) == ("Nationality", f"country:{iso3}")
    assert found[demonym].start == found[actor].start


@pytest.mark.parametrize(("text", "surface", "group"), [
    ("Kurdish families left the camp.", "Kurdish", "group:kurds"),
    ("The Kurds rejected the plan.", "Kurds", "group:kurds"),
    ("Yazidi survivors returned home.", "Yazidi", "group:yazidis"),
    ("Sunni tribes joined the talks.", "Sunni", "group:sunni-muslims"),
])
def test_peoples_are_nationality_mentions_of_a_group(kg_nlp: Any, text: str, surface: str,
                                                     group: str) -> None:
    found = _mentions(kg_nlp, text)
    assert (found[surface].type, found[surface].lexicon_id) == ("Nationality", group)


def test_title_and_affiliation_widen_a_person_mention(kg_nlp: Any) -> None:
    found = _mentions(kg_nlp, "Turkish Foreign Minister Ahmet Demirci met reporters.")
    whole = found["Turkish Foreign Minister Ahmet Demirci"]
    assert (whole.type, whole.role, whole.country) == ("Person", "Foreign Minister", "TUR")
    assert whole.affiliation == (found["Turkish"].start, found["Turkish"].end)
    assert found["Ahmet Demirci"].role == "Foreign Minister"


@pytest.fixture(scope="module")
def blank(gazetteer_lexicon: Lexicon) -> Any:
    register_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe(FACTORY).load(gazetteer_lexicon)
    return nlp


def _run(nlp: Any, text: str, ents: list[tuple[int, str, str]]) -> list[tuple[str, str]]:
    """Tag (offset, surface, label) as a model would; return (text, kg_type) of doc.ents."""
    doc = nlp.make_doc(text)
    doc.ents = [doc.char_span(i, i + len(s), label=label) for i, s, label in ents]
    doc = nlp.get_pipe(FACTORY)(doc)
    return [(e.text, e._.kg_type) for e in doc.ents if e._.kg_type]


@pytest.mark.parametrize(("text", "surface", "label", "type_"), [
    ("The Tawhid Supporters Brigades claimed it.", "Tawhid Supporters Brigades", "PERSON",
     "ArmedGroup"),
    ("Marines landed at dawn.", "Marines", "NORP", "MilitaryForce"),
    ("The Kandar Barrage was closed.", "Kandar Barrage", "PERSON", "Location"),
])
def test_head_word_corrects_the_model_type(blank: Any, text: str, surface: str, label: str,
                                           type_: str) -> None:
    assert (surface, type_) in _run(blank, text, [(text.index(surface), surface, label)])


def test_one_name_keeps_one_kind_in_a_text(blank: Any) -> None:
    text = "Omar Haddad led the raid on the town of Qashir. Haddad then left Qashir."
    second = text.index("Haddad then")
    ents = [(0, "Omar Haddad", "PERSON"), (text.index("Qashir"), "Qashir", "PERSON"),
            (second, "Haddad", "ORG"), (text.rindex("Qashir"), "Qashir", "PERSON")]
    assert _run(blank, text, ents) == [("Omar Haddad", "Person"), ("Qashir", "Location"),
                                       ("Haddad", "Person"), ("Qashir", "Location")]


def test_nested_demonyms_go_to_their_own_span_group(blank: Any) -> None:
    doc = blank("Syrian army units advanced.")
    assert [(s.text, s._.kg_type) for s in doc.spans[NESTED]] == [("Syrian", "Nationality")]
    assert isinstance(doc.spans[NESTED][0], Span)
