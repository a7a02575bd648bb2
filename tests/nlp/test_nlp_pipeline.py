"""The full pipeline (real model + kg components) on sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from kg.nlp.attributes import NOMINALS


def _ents(nlp: Any, text: str) -> dict[str, Any]:
    return {e.text: e for e in nlp(text).ents if e._.kg_type}


def test_pipeline_keeps_the_components_events_need(kg_nlp: Any) -> None:
    names = kg_nlp.pipe_names
    # the model's attribute ruler and lemmatizer run as kg_morphology
    for name in ("tagger", "parser", "kg_morphology", "ner"):
        assert name in names
    assert names[-2:] == ["kg_gazetteer", "kg_attributes"]


@pytest.mark.parametrize(("text", "place", "acts"), [
    ("Baku and Yerevan traded accusations on Sunday.", "Baku", True),
    ("Baku and Yerevan traded accusations on Sunday.", "Yerevan", True),
    ("Officials gathered in Yerevan for the summit.", "Yerevan", False),
    ("Baku is the largest city on the Caspian coast.", "Baku", False),
    ("The Kremlin said the talks had been useful.", "Kremlin", True),
    ("Russia's decision to send envoys surprised observers.", "Russia", True),
    ("The proposal was rejected by Moscow last week.", "Moscow", True),
    ("MOSCOW (Reuters) - Officials met again on Monday.", "MOSCOW", False),
])
def test_metonymy_marks_acting_places_only(kg_nlp: Any, text: str, place: str,
                                           acts: bool) -> None:
    ent = _ents(kg_nlp, text)[place]
    assert ent._.kg_type in {"City", "Country", "GovernmentBody"}
    assert ent._.kg_metonym is acts


@pytest.mark.parametrize(("text", "person", "role", "affiliation", "country"), [
    ("Kremlin spokesman Dmitry Peskov declined to comment.", "Dmitry Peskov", "spokesman",
     "Kremlin", "RUS"),
    ("Dmitry Peskov, the Kremlin spokesman, declined to comment.", "Dmitry Peskov",
     "spokesman", "Kremlin", "RUS"),
    ("French President Emmanuel Macron met the delegation.", "Emmanuel Macron", "President",
     "French", "FRA"),
    ("Armenian Foreign Minister Ara Vardanyan left Geneva.", "Ara Vardanyan",
     "Foreign Minister", "Armenian", "ARM"),
    ("President Putin urged restraint.", "President Putin", "President", None, "RUS"),
])
def test_roles_and_affiliations_of_people(kg_nlp: Any, text: str, person: str, role: str,
                                          affiliation: str | None, country: str) -> None:
    ent = _ents(kg_nlp, text)[person]
    assert ent._.kg_type == "Person"
    assert ent._.kg_role == role
    assert ent._.kg_country == country
    found = ent._.kg_affiliation
    assert (text[found[0]:found[1]] if found else None) == affiliation


@pytest.mark.parametrize(("text", "surface", "type_", "country"), [
    ("Government forces clashed with rebels near the border.", "Government forces",
     "MilitaryForce", None),
    ("Government forces clashed with rebels near the border.", "rebels", "ArmedGroup", None),
    ("Syrian troops entered the town at dawn.", "Syrian troops", "MilitaryForce", "SYR"),
    ("The Azerbaijani Defense Ministry denied the claim.", "Azerbaijani Defense Ministry",
     "GovernmentBody", "AZE"),
    ("The Ministry of Defence of Armenia issued a statement.",
     "Ministry of Defence of Armenia", "GovernmentBody", "ARM"),
    ("The Security Council will meet on Friday.", "Security Council",
     "InternationalOrganization", None),
    ("Police dispersed the protesters with tear gas.", "protesters", "Organization", None),
    ("The Azerbaijani side denied the report.", "Azerbaijani", "Nationality", "AZE"),
])
def test_generic_actors_and_bodies(kg_nlp: Any, text: str, surface: str, type_: str,
                                   country: str | None) -> None:
    ent = _ents(kg_nlp, text)[surface]
    assert (ent._.kg_type, ent._.kg_country) == (type_, country)


def test_modifier_use_of_a_generic_word_is_not_an_actor(kg_nlp: Any) -> None:
    assert "military" not in _ents(kg_nlp, "The military operation lasted three days.")


def test_title_only_person_becomes_a_nominal_mention(kg_nlp: Any) -> None:
    doc = kg_nlp("The Russian president spoke to reporters on Friday.")
    nominals = [(s.text, s._.kg_role, s._.kg_country) for s in doc.spans[NOMINALS]]
    assert nominals == [("Russian president", "President", "RUS")]


def test_title_before_a_name_is_not_a_nominal_mention(kg_nlp: Any) -> None:
    doc = kg_nlp("Russian President Vladimir Putin spoke to reporters.")
    assert list(doc.spans[NOMINALS]) == []
