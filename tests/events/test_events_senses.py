"""Semantic classes and the conditions of trigger entries (no language model)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from kg.errors import LexiconError
from kg.events.senses import Complements, Head, SemanticClasses, load_classes, parse_condition, read_classes
from kg.events.triggers import TriggerLexicon
from kg.resources import package_data

CLASSES = load_classes()


def heads(*pairs: tuple[str, str]) -> tuple[Head, ...]:
    """Heads given as (lemma, preposition), classified by lemma."""
    return tuple(Head(lemma, prep, CLASSES.of(lemma)) for lemma, prep in pairs)


@pytest.mark.parametrize(
    ("lemma", "modifiers", "label", "kg_type", "member", "other"),
    [
        ("prisoner", (), "", "", "captives", "forces"),
        ("hostage", (), "", "", "people", "places"),
        ("soldier", (), "", "", "forces", "noncombatants"),
        ("villager", (), "", "", "noncombatants", "forces"),
        ("Tanaka", (), "PERSON", "", "named_persons", "organisations"),
        ("Azerbaijani", (), "NORP", "", "people", "places"),
        ("ministry", (), "", "GovernmentBody", "organisations", "people"),
        ("brigade", (), "", "MilitaryForce", "forces", "verbal"),
        ("Aleppo", (), "GPE", "City", "places", "people"),
        ("bridge", (), "", "", "facilities", "weapons"),
        ("howitzer", (), "", "", "heavy_weapons", "aircraft"),
        ("drone", (), "", "", "aircraft", "heavy_weapons"),
        ("tanker", (), "", "", "ships", "weapons"),
        ("flour", (), "", "", "humanitarian_goods", "money"),
        ("loan", (), "", "", "money", "goods"),
        ("$", (), "MONEY", "", "money", "people"),
        ("treaty", (), "", "", "agreements", "places"),
        ("proposal", (), "", "", "verbal", "facilities"),
        ("handling", (), "", "", "conduct", "people"),
        ("poverty", (), "", "", "social_ills", "verbal"),
        ("custody", (), "", "", "legal_matters", "people"),
        ("nomination", (), "", "", "competitions", "places"),
        ("crime", ("war",), "", "", "war_crimes", "places"),
        ("right", ("human",), "", "", "rights_abuses", "people"),
        ("earthquake", (), "", "", "disasters", "aggression"),
        ("chicken", (), "", "", "animals", "people"),
        ("gunman", (), "", "", "irregulars", "officials"),
        ("ambassador", (), "", "", "diplomats", "combatants"),
        ("allegation", (), "", "", "claims", "proposals"),
        ("dozen", (), "", "", "partitives", "people"),
    ],
)
def test_classify(lemma: str, modifiers: tuple[str, ...], label: str, kg_type: str, member: str, other: str) -> None:
    found = CLASSES.classify(lemma, modifiers=modifiers, label=label, kg_type=kg_type)
    assert member in found
    assert other not in found


def test_a_class_includes_the_members_of_the_classes_it_names() -> None:
    assert "people" in CLASSES.of("prisoner") and "actors" in CLASSES.of("prisoner")
    assert "weapons" in CLASSES.of("mortar") and "verbal" in CLASSES.of("treaty")


@pytest.mark.parametrize(
    ("name", "words", "expected"),
    [
        ("truce", {"to", "cease", "fire", "now"}, True),  # a member phrase, all its words
        ("truce", {"to", "cease", "now"}, False),
        ("talks", {"resume", "talk"}, True),
        ("release", {"call", "free", "activist"}, True),
        ("release", {"call", "activist"}, False),
    ],
)
def test_a_topic_is_found_among_the_words(name: str, words: set[str], expected: bool) -> None:
    assert CLASSES.among(name, frozenset(words)) is expected


def test_members_among_names_the_words_of_the_members_found() -> None:
    assert CLASSES.members_among("truce", frozenset({"to", "cease", "fire", "town"})) == {"cease", "fire"}


@pytest.mark.parametrize(
    ("condition", "complements", "holds"),
    [
        ("", Complements(frozenset()), True),
        ("release", Complements(frozenset({"release"})), True),
        ("~truce", Complements(frozenset({"a", "ceasefire"})), True),
        ("@captives", Complements(frozenset({"prisoner"}), heads(("prisoner", ""))), True),
        # a prepositional object is no direct object
        ("@captives", Complements(frozenset({"prisoner"}), heads(("prisoner", "with"))), False),
        ("against:@social_ills", Complements(frozenset(), heads(("poverty", "against"))), True),
        ("against:@social_ills", Complements(frozenset(), heads(("poverty", "for"))), False),
        ("subj:@disasters", Complements(frozenset(), (), heads(("storm", ""))), True),
        ("subj:@disasters", Complements(frozenset(), heads(("storm", ""))), False),
        ("as:amod", Complements(frozenset(), role="amod"), True),
        ("as:amod", Complements(frozenset(), role="ROOT"), False),
        ("@verbal+over|@people", Complements(frozenset({"plan"}), heads(("plan", ""))), False),
        ("@verbal+over|@people", Complements(frozenset({"plan", "over"}), heads(("plan", ""))), True),
    ],
)
def test_condition_holds(condition: str, complements: Complements, holds: bool) -> None:
    assert parse_condition(condition, where="test", classes=CLASSES).holds(complements) is holds


def test_matched_words_name_the_topic_members_found() -> None:
    condition = parse_condition("~release|talks", where="test", classes=CLASSES)
    assert condition.matched_words(Complements(frozenset({"to", "free", "journalist"}))) == {"free"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("@nosuchclass", "unknown semantic class 'nosuchclass'"),
        ("on:~truce", "takes no preposition"),
        ("on:", "malformed condition"),
        ("a++b", "empty word"),
    ],
)
def test_malformed_conditions_are_refused(text: str, message: str) -> None:
    with pytest.raises(LexiconError, match=re.escape(message)):
        parse_condition(text, where="file.tsv:3", classes=CLASSES)


def test_every_class_has_members() -> None:
    table = tomllib.loads(package_data("events", "data", "classes.toml").read_text(encoding="utf-8"))
    for name, spec in table.items():
        assert any(spec.get(k) for k in ("nouns", "labels", "types", "includes")), name
        assert all(noun == noun.lower() for noun in spec.get("nouns", [])), name


def test_every_class_is_used_by_an_entry_or_the_parse_reader(lexicon: TriggerLexicon) -> None:
    named = set(re.findall(r"[@~]([a-z_]+)", " ".join(t.requires.text for t in lexicon.entries)))
    table = tomllib.loads(package_data("events", "data", "classes.toml").read_text(encoding="utf-8"))
    included = {inner for spec in table.values() for inner in spec.get("includes", [])}
    assert set(table) - named - included <= {"partitives"}  # read by kg.candidates.senses


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[a]\nincludes = ['b']\n", "includes unknown class 'b'"),
        ("[a]\nincludes = ['b']\n[b]\nincludes = ['a']\n", "in a circle"),
        ("[Bad-Name]\nnouns = ['x']\n", "lower case letters"),
        ("[a]\nnouns = 'x'\n", "must be a list of strings"),
        ("[a\n", "cannot read"),
    ],
)
def test_class_file_errors_name_the_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "classes.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=message) as excinfo:
        read_classes(path)
    assert str(path) in str(excinfo.value)


def test_a_custom_class_file(tmp_path: Path) -> None:
    path = tmp_path / "classes.toml"
    path.write_text("[boats]\nnouns = ['Dinghy', 'raft']\n[things]\nincludes = ['boats']\nlabels = ['PRODUCT']\n",
                    encoding="utf-8")
    classes = read_classes(path)
    assert isinstance(classes, SemanticClasses)
    assert classes.of("dinghy") == {"boats", "things"}
    assert classes.classify("x", label="PRODUCT") == {"things"}
