"""Resolution rules on sentences written for these tests, and determinism."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.convert import doc_to_mentions
from kg.ids import entity_iri
from kg.gazetteer import Lexicon, load_lexicon
from kg.model import Article, Extraction, Mention
from kg.resolve import resolve


def _extract(nlp: Any, lexicon: Lexicon, text: str, article_id: str = "t") -> Extraction:
    article = Article(id=article_id, text=text)
    return resolve(article, doc_to_mentions(nlp(text), article=article), lexicon=lexicon)


def _by_text(extraction: Extraction) -> dict[str, str]:
    return {m.text: m.entity or "" for m in extraction.mentions}


def _types(extraction: Extraction) -> dict[str, str]:
    return {e.iri: e.type for e in extraction.entities}


def test_acting_capital_is_the_government_a_located_one_the_city(
        kg_nlp: Any, gazetteer_lexicon: Lexicon) -> None:
    acting = _extract(kg_nlp, gazetteer_lexicon, "Yerevan accused its neighbour of shelling.")
    placed = _extract(kg_nlp, gazetteer_lexicon, "Thousands marched in Yerevan on Sunday.")
    assert _by_text(acting)["Yerevan"] == entity_iri("org", "Government of Armenia")
    city = _by_text(placed)["Yerevan"]
    assert _types(placed)[city] == "City"
    assert city == entity_iri("place", "Yerevan ARM")


def test_kremlin_and_acting_moscow_share_russias_government(
        kg_nlp: Any, gazetteer_lexicon: Lexicon) -> None:
    found = _by_text(_extract(kg_nlp, gazetteer_lexicon,
                              "The Kremlin said on Monday that Moscow rejected the offer."))
    assert found["Kremlin"] == found["Moscow"] == entity_iri("org", "Government of Russia")


def test_apposition_gives_role_and_affiliation(kg_nlp: Any, gazetteer_lexicon: Lexicon) -> None:
    ex = _extract(kg_nlp, gazetteer_lexicon,
                  "Lena Ostrova, a spokeswoman for the Armenian Defense Ministry, denied it. "
                  "Ostrova later spoke again.")
    person = _by_text(ex)["Lena Ostrova"]
    assert _by_text(ex)["Ostrova"] == person
    entity = next(e for e in ex.entities if e.iri == person)
    assert entity.roles == ("spokeswoman",) and entity.aliases == ("Ostrova",)
    ministry = entity_iri("org", "Ministry of Defence Armenia")
    assert (person, "affiliatedWith", ministry) in {
        (r.subject, r.predicate, r.object) for r in ex.relations}


def test_title_only_mention_joins_the_person_with_that_role(
        kg_nlp: Any, gazetteer_lexicon: Lexicon) -> None:
    ex = _extract(kg_nlp, gazetteer_lexicon,
                  "Georgian President Nino Beridze flew home. The Georgian president said "
                  "little.")
    found = _by_text(ex)
    # the person mention spans the whole name phrase; the demonym is a mention too
    assert found["Georgian president"] == found["Georgian President Nino Beridze"]
    assert found["Georgian President Nino Beridze"] == entity_iri("person", "Nino Beridze")
    assert found["Georgian"] == entity_iri("country", "geo")


def test_title_only_mention_without_a_match_is_left_out(
        kg_nlp: Any, gazetteer_lexicon: Lexicon) -> None:
    ex = _extract(kg_nlp, gazetteer_lexicon, "The Georgian president said little.")
    assert "Georgian president" not in _by_text(ex)


def test_generic_actors_with_a_country_are_shared_without_one_per_article(
        kg_nlp: Any, gazetteer_lexicon: Lexicon) -> None:
    text = "Syrian troops and rebels fought near the border."
    one = _by_text(_extract(kg_nlp, gazetteer_lexicon, text, "article-one"))
    two = _by_text(_extract(kg_nlp, gazetteer_lexicon, text, "article-two"))
    assert one["Syrian troops"] == two["Syrian troops"] == entity_iri(
        "org", "armed forces Syria")
    assert one["rebels"] != two["rebels"]


def test_security_council_is_part_of_the_un(kg_nlp: Any, gazetteer_lexicon: Lexicon) -> None:
    ex = _extract(kg_nlp, gazetteer_lexicon, "The Security Council condemned the attack.")
    council = _by_text(ex)["Security Council"]
    un = entity_iri("org", "United Nations")
    assert (council, "partOf", un) in {(r.subject, r.predicate, r.object) for r in ex.relations}
    assert un in _types(ex)


def test_well_known_person_gets_one_iri_across_articles(
        kg_nlp: Any, gazetteer_lexicon: Lexicon) -> None:
    one = _by_text(_extract(kg_nlp, gazetteer_lexicon, "Putin spoke on Friday.", "a"))
    two = _by_text(_extract(kg_nlp, gazetteer_lexicon, "Vladimir Putin spoke twice.", "b"))
    assert one["Putin"] == two["Vladimir Putin"] == entity_iri("person", "Vladimir Putin")


def test_acronym_joins_its_long_form(kg_nlp: Any, gazetteer_lexicon: Lexicon) -> None:
    ex = _extract(kg_nlp, gazetteer_lexicon,
                  "The Northern Relief Coalition (NRC) sent convoys. The NRC said more would "
                  "follow.")
    found = _by_text(ex)
    assert found["NRC"] == found["Northern Relief Coalition"]


@cache
def _lexicon() -> Lexicon:
    """The lexicon for the hypothesis test, which cannot take fixtures."""
    return load_lexicon()


MENTIONS = (
    Mention(0, 4, "Baku", "City", (0, 40), "city:587084", metonym=True),
    Mention(9, 16, "Yerevan", "City", (0, 40), "city:616052"),
    Mention(20, 25, "Putin", "Person", (0, 40), "person:vladimir-putin"),
    Mention(26, 31, "Keller", "Person", (0, 40)),
    Mention(32, 43, "Anna Keller", "Person", (41, 80)),
    Mention(44, 50, "rebels", "ArmedGroup", (41, 80), "generic:rebels"),
)


@settings(max_examples=25, deadline=None)
@given(st.permutations(MENTIONS))
def test_resolution_does_not_depend_on_mention_order(order: list[Mention]) -> None:
    lexicon = _lexicon()
    article = Article(id="order", text="x" * 80)
    assert resolve(article, tuple(order), lexicon=lexicon) == resolve(
        article, MENTIONS, lexicon=lexicon)




def test_surname_joins_the_full_name_of_the_article(gazetteer_lexicon: Lexicon) -> None:
    ex = resolve(Article(id="order", text="x" * 80), MENTIONS, lexicon=gazetteer_lexicon)
    found = _by_text(ex)
    assert found["Keller"] == found["Anna Keller"] == entity_iri("person", "Anna Keller")
    assert found["Baku"] == entity_iri("org", "Government of Azerbaijan")
    assert found["Yerevan"] == entity_iri("place", "Yerevan ARM")


@pytest.mark.parametrize(("text", "surface", "label"), [
    ("Kurdish villagers fled the shelling.", "Kurdish", "Kurds"),
    ("The Kurds condemned the attack.", "Kurds", "Kurds"),
    ("Soviet advisers left in 1989.", "Soviet", "Soviet Union"),
])
def test_peoples_resolve_to_one_group_actor(kg_nlp: Any, gazetteer_lexicon: Lexicon, text: str,
                                            surface: str, label: str) -> None:
    ex = _extract(kg_nlp, gazetteer_lexicon, text)
    iri = _by_text(ex)[surface]
    assert iri == entity_iri("group", label)
    assert _types(ex)[iri] == "Actor"


def test_titled_name_phrase_names_the_person_without_title(
        kg_nlp: Any, gazetteer_lexicon: Lexicon) -> None:
    ex = _extract(kg_nlp, gazetteer_lexicon,
                  "Iraqi Defence Minister Salim Nouri toured the base. Nouri said little.")
    found = _by_text(ex)
    person = entity_iri("person", "Salim Nouri")
    assert found["Iraqi Defence Minister Salim Nouri"] == found["Salim Nouri"] == person
    entity = next(e for e in ex.entities if e.iri == person)
    assert entity.label == "Salim Nouri"
    # the affiliation is its own mention, not part of the person's names
    assert "Defence Minister Salim Nouri" in entity.aliases
    assert not any(a.startswith("Iraqi") for a in entity.aliases)


def _country_of(extraction: Extraction, text: str) -> str | None:
    iri = _by_text(extraction)[text]
    return next(e.country for e in extraction.entities if e.iri == iri)


def test_a_place_after_coordinated_actor_nouns_qualifies_each(kg_nlp: Any, gazetteer_lexicon: Lexicon) -> None:
    ex = _extract(kg_nlp, gazetteer_lexicon, "Rebels and soldiers in Mali condemned the attack.")
    assert _country_of(ex, "Rebels") == _country_of(ex, "soldiers") == "MLI"


def test_a_demonym_qualifies_only_its_own_noun(kg_nlp: Any, gazetteer_lexicon: Lexicon) -> None:
    ex = _extract(kg_nlp, gazetteer_lexicon, "Rebels and Malian soldiers condemned the attack.")
    assert _country_of(ex, "Rebels") is None


def test_a_leading_adjective_is_no_part_of_the_name(kg_nlp: Any, gazetteer_lexicon: Lexicon) -> None:
    ex = _extract(kg_nlp, gazetteer_lexicon, "Impoverished Haiti appealed for aid from Canada.")
    assert _by_text(ex)["Impoverished Haiti"] == entity_iri("country", "hti")


def test_a_leading_name_word_stays_part_of_the_name(kg_nlp: Any, gazetteer_lexicon: Lexicon) -> None:
    ex = _extract(kg_nlp, gazetteer_lexicon, "Northern Ireland condemned the attack.")
    assert _by_text(ex)["Northern Ireland"] != entity_iri("country", "irl")


def _member_countries(extraction: Extraction, text: str) -> set[str | None]:
    group = _by_text(extraction)[text]
    members = {r.object for r in extraction.relations if r.subject == group and r.predicate == "hasMember"}
    return {e.country for e in extraction.entities if e.iri in members}


@pytest.mark.parametrize(("text", "actor", "countries"), [
    ("Protesters in Moscow and Minsk condemned the war.", "Protesters", {"RUS", "BLR"}),
    ("The authorities in Serbia and Hungary criticized Croatia.", "authorities", {"SRB", "HUN"}),
    ("Security forces in Iraq, Syria and Lebanon attacked Islamic State.", "Security forces", {"IRQ", "SYR", "LBN"}),
    # the place qualifies both coordinated actor nouns
    ("Rebels and soldiers in Mali and Niger condemned the attack.", "Rebels", {"MLI", "NER"}),
])
def test_an_actor_in_places_of_several_countries_is_one_per_country(
        kg_nlp: Any, gazetteer_lexicon: Lexicon, text: str, actor: str, countries: set[str]) -> None:
    ex = _extract(kg_nlp, gazetteer_lexicon, text)
    assert _member_countries(ex, actor) == countries
    assert _country_of(ex, actor) is None  # the group itself belongs to no one country


def test_places_of_one_country_keep_one_actor(kg_nlp: Any, gazetteer_lexicon: Lexicon) -> None:
    ex = _extract(kg_nlp, gazetteer_lexicon, "Protesters in Kyiv and Lviv condemned the war.")
    assert _country_of(ex, "Protesters") == "UKR"
