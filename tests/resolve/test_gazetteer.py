"""The gazetteer: countries, capitals, demonyms, organisations, people, user dictionaries."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kg.errors import ConfigError
from kg.gazetteer import Lexicon, load_lexicon


@pytest.mark.parametrize(("name", "iso3", "geonames"), [
    ("Armenia", "ARM", 174982), ("Azerbaijan", "AZE", 587116), ("Russia", "RUS", 2017370),
    ("Russian Federation", "RUS", 2017370), ("U.S.", "USA", 6252001), ("Britain", "GBR", 2635167),
])
def test_countries_carry_iso3_and_geonames(gazetteer_lexicon: Lexicon, name: str, iso3: str,
                                           geonames: int) -> None:
    entry = gazetteer_lexicon.lookup(name)
    assert entry is not None and entry.id == f"country:{iso3}"
    assert (entry.type, entry.country) == ("Country", iso3)
    assert entry.link == f"https://sws.geonames.org/{geonames}/"


@pytest.mark.parametrize(("name", "capital_of"), [
    ("Yerevan", "ARM"), ("Baku", "AZE"), ("Moscow", "RUS"), ("MOSCOW", "RUS"), ("Kiev", "UKR"),
    ("Mumbai", None),
])
def test_cities_know_whether_they_are_capitals(gazetteer_lexicon: Lexicon, name: str,
                                               capital_of: str | None) -> None:
    entry = gazetteer_lexicon.lookup(name)
    assert entry is not None and entry.type == "City" and entry.geonames
    assert entry.capital_of == capital_of


@pytest.mark.parametrize(("form", "iso3"), [
    ("Armenian", "ARM"), ("Armenians", "ARM"), ("Azerbaijani", "AZE"), ("Azeri", "AZE"),
    ("Russian", "RUS"), ("Russians", "RUS"), ("Syrian", "SYR"), ("Iraqi", "IRQ"),
    ("Ukrainian", "UKR"), ("Burkinabe", "BFA"),
])
def test_demonyms_name_their_country(gazetteer_lexicon: Lexicon, form: str, iso3: str) -> None:
    assert gazetteer_lexicon.demonyms[form] == iso3


def test_every_demonym_country_is_a_country(gazetteer_lexicon: Lexicon) -> None:
    codes = set(gazetteer_lexicon.demonyms.values())
    assert len(codes) >= 190  # all UN members but the two sharing a demonym with a neighbour
    assert all(gazetteer_lexicon.country(code) for code in codes)


@pytest.mark.parametrize(("name", "type_", "sector"), [
    ("OSCE", "InternationalOrganization", "IGO"), ("NATO", "InternationalOrganization", "IGO"),
    ("Security Council", "InternationalOrganization", "IGO"), ("Reuters", "Media", "MED"),
    ("Sputnik", "Media", "MED"), ("Kremlin", "GovernmentBody", "GOV"),
    ("government forces", "MilitaryForce", "MIL"), ("Rebels", "ArmedGroup", "REB"),
    ("police", "GovernmentBody", "COP"), ("insurgents", "ArmedGroup", "INS"),
    ("Defense Ministry", "GovernmentBody", "GOV"),
])
def test_actors_have_types_and_sectors(gazetteer_lexicon: Lexicon, name: str, type_: str,
                                       sector: str) -> None:
    entry = gazetteer_lexicon.lookup(name)
    assert entry is not None and (entry.type, entry.sector) == (type_, sector)


def test_minsk_group_is_part_of_osce(gazetteer_lexicon: Lexicon) -> None:
    group = gazetteer_lexicon.lookup("Minsk Group")
    osce = gazetteer_lexicon.lookup("OSCE")
    assert group is not None and osce is not None and group.part_of == osce.id


def test_kremlin_stands_for_russias_government(gazetteer_lexicon: Lexicon) -> None:
    kremlin = gazetteer_lexicon.lookup("Kremlin")
    assert kremlin is not None and (kremlin.stands_for, kremlin.country) == ("government", "RUS")


def test_well_known_people_resolve_by_surname(gazetteer_lexicon: Lexicon) -> None:
    putin = gazetteer_lexicon.lookup("Putin")
    assert putin is not None and putin.label == "Vladimir Putin"
    assert (putin.country, putin.role, putin.sector) == ("RUS", "President", "GOV")


@pytest.mark.parametrize("suffix", [".tsv", ".json"])
def test_user_dictionaries_load_and_take_precedence(tmp_path: Path, suffix: str) -> None:
    rows = [
        {"name": "Karabakh Liberation Front", "type": "ArmedGroup", "country": "AZE",
         "sector": "REB", "aliases": ["KLF", "the Front"]},
        {"name": "Zorro Unit", "type": "MilitaryForce", "country": "ARM", "sector": "MIL",
         "aliases": ["Reuters"]},
    ]
    path = tmp_path / f"actors{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(rows), encoding="utf-8")
    else:
        lines = ["name\ttype\tcountry\tsector\taliases"] + [
            "\t".join([r["name"], r["type"], r["country"], r["sector"], "|".join(r["aliases"])])
            for r in rows]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    lexicon = load_lexicon(extra=(path,))
    klf = lexicon.lookup("KLF")
    assert klf is not None and klf.label == "Karabakh Liberation Front"
    assert (klf.type, klf.country, klf.sector) == ("ArmedGroup", "AZE", "REB")
    reuters = lexicon.lookup("Reuters")
    assert reuters is not None and reuters.label == "Zorro Unit"


@pytest.mark.parametrize("content", [
    "name\ttype\nSomeone\tWizard\n", "name\ttype\n\tPerson\n",
])
def test_bad_user_dictionary_names_the_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.tsv"):
        load_lexicon(extra=(path,))


def test_country_groups_name_their_members(gazetteer_lexicon: Lexicon) -> None:
    group = gazetteer_lexicon.lookup("Baltic states")
    assert group is not None and group.type == "ActorGroup"
    assert set(group.members) == {"country:EST", "country:LVA", "country:LTU"}


def test_group_members_by_name_or_by_code(tmp_path: Path) -> None:
    path = tmp_path / "groups.tsv"
    path.write_text("name\ttype\tcountry\tmembers\n"
                    "Valdoria\tCountry\tVAL\t\n"
                    "Northern Pair\tActorGroup\t\tValdoria|Norway|XQZ\n", encoding="utf-8")
    lexicon = load_lexicon(extra=(path,))
    group = lexicon.lookup("Northern Pair")
    assert group is not None
    assert lexicon.get(group.members[0]).country == "VAL"  # by name
    assert group.members[1:] == ("country:NOR", "country:XQZ")  # by code, known to ISO or not


def test_a_group_member_no_dictionary_defines_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "groups.tsv"
    path.write_text("name\ttype\tmembers\nNorthern Pair\tActorGroup\tNowhere Land\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="Nowhere Land"):
        load_lexicon(extra=(path,))


def test_periods_say_which_code_holds_on_a_day(tmp_path: Path) -> None:
    path = tmp_path / "actors.tsv"
    path.write_text("name\ttype\tcountry\tsector\tperiods\n"
                    "Valdoria Front\tArmedGroup\tVAL\tREB\t..1990-12-31 OST|1995-01-01..1999-12-31 VAL GOV\n",
                    encoding="utf-8")
    entry = load_lexicon(extra=(path,)).lookup("Valdoria Front")
    assert entry is not None
    assert (entry.on(date(1985, 5, 1)).country, entry.on(date(1985, 5, 1)).sector) == ("OST", None)
    assert (entry.on(date(1997, 5, 1)).country, entry.on(date(1997, 5, 1)).sector) == ("VAL", "GOV")
    assert (entry.on(date(1993, 5, 1)).country, entry.on(None).sector) == ("VAL", "REB")  # no period holds


def test_a_bad_period_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "periods.tsv"
    path.write_text("name\ttype\tcountry\tperiods\nValdoria\tCountry\tVAL\tsince 1990 OST\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="periods.tsv"):
        load_lexicon(extra=(path,))


def test_json_dictionary_must_be_a_list(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"name": "x"}', encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.json"):
        load_lexicon(extra=(path,))


def test_loading_is_deterministic(gazetteer_lexicon: Lexicon) -> None:
    again = load_lexicon()
    assert dict(again.names) == dict(gazetteer_lexicon.names)
    assert dict(again.entries) == dict(gazetteer_lexicon.entries)


@pytest.mark.parametrize(("name", "type_", "iso3"), [
    ("Peshmerga", "MilitaryForce", "IRQ"), ("al-Nusra Front", "ArmedGroup", "SYR"),
    ("Jabhat al-Nusra", "ArmedGroup", "SYR"), ("Hashd al-Shaabi", "ArmedGroup", "IRQ"),
    ("AQAP", "ArmedGroup", "YEM"), ("Syrian Arab Army", "MilitaryForce", "SYR"),
    ("Treasury Department", "GovernmentBody", "USA"), ("OFAC", "GovernmentBody", "USA"),
])
def test_named_armed_groups_and_bodies(gazetteer_lexicon: Lexicon, name: str, type_: str,
                                       iso3: str) -> None:
    entry = gazetteer_lexicon.lookup(name)
    assert entry is not None and (entry.type, entry.country) == (type_, iso3)


@pytest.mark.parametrize(("form", "label"), [
    ("Kurdish", "Kurds"), ("Kurds", "Kurds"), ("Yazidi", "Yazidis"), ("Shi'ite", "Shia Muslims"),
    ("Soviet", "Soviet Union"),
])
def test_peoples_are_groups_not_countries(gazetteer_lexicon: Lexicon, form: str,
                                          label: str) -> None:
    entry = gazetteer_lexicon.get(gazetteer_lexicon.peoples[form])
    assert (entry.label, entry.type) == (label, "Actor")
    assert form not in gazetteer_lexicon.demonyms


@pytest.mark.parametrize(("word", "type_"), [("river", "Location"), ("province", "Region"),
                                             ("mountains", "Location")])
def test_place_heads(gazetteer_lexicon: Lexicon, word: str, type_: str) -> None:
    assert gazetteer_lexicon.place_heads[word] == type_
