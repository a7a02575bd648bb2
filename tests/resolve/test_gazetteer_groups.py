"""The dictionary of armed groups, parties, international and non-governmental organisations."""

from __future__ import annotations

import csv
from datetime import date
from typing import Any

import pytest

from kg.gazetteer import ENTITY_TYPES, Lexicon
from kg.ids import slug_key
from kg.resources import package_data

GROUPS = package_data("gazetteer_data", "groups.tsv")
SECTORS = {"IGO", "NGO", "PTY", "OPP", "REB", "INS", "SEP", "IMG", "UAF", "CRM", "MIL", "GOV", "RAD", "REL"}


def rows() -> list[dict[str, str]]:
    with GROUPS.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))


def test_every_row_is_well_formed(gazetteer_lexicon: Lexicon) -> None:
    found = rows()
    assert len(found) >= 1000
    for row in found:
        assert row["name"] and row["type"] in ENTITY_TYPES and row["sector"] in SECTORS, row
        assert not row["country"] or gazetteer_lexicon.country(row["country"]), row
        # international organisations belong to no country
        assert not (row["sector"] == "IGO" and row["country"]), row


def test_it_covers_each_kind() -> None:
    sectors = [row["sector"] for row in rows()]
    assert sectors.count("IGO") >= 150 and sectors.count("NGO") >= 100 and sectors.count("PTY") >= 300
    assert sum(sectors.count(s) for s in ("REB", "INS", "SEP", "IMG", "UAF", "CRM")) >= 250


def test_every_name_and_alias_names_its_own_entry(gazetteer_lexicon: Lexicon) -> None:
    clashes = []
    for row in rows():
        own = f"org:{slug_key(row['name'])}"
        for name in (row["name"], *filter(None, row["aliases"].split("|"))):
            if gazetteer_lexicon.names.get(name) != own:
                clashes.append((name, row["name"], gazetteer_lexicon.names.get(name)))
    assert clashes == []


def test_parents_are_entries(gazetteer_lexicon: Lexicon) -> None:
    jnim = gazetteer_lexicon.lookup("JNIM")
    qassam = gazetteer_lexicon.lookup("Qassam Brigades")
    assert jnim is not None and jnim.part_of == gazetteer_lexicon.lookup("al-Qaeda").id  # type: ignore[union-attr]
    assert qassam is not None and qassam.part_of == gazetteer_lexicon.lookup("Hamas").id  # type: ignore[union-attr]


@pytest.mark.parametrize(("name", "type_", "country", "sector"), [
    ("UNDP", "InternationalOrganization", None, "IGO"),
    ("MONUC", "InternationalOrganization", None, "IGO"),
    ("Norwegian Refugee Council", "Organization", None, "NGO"),
    ("Likud", "Organization", "ISR", "PTY"),
    ("AfD", "Organization", "DEU", "PTY"),
    ("Kachin Independence Army", "ArmedGroup", "MMR", "SEP"),
    ("Shining Path", "ArmedGroup", "PER", "REB"),
    ("Asa'ib Ahl al-Haq", "ArmedGroup", "IRQ", "UAF"),
    ("IRGC", "MilitaryForce", "IRN", "MIL"),
    ("Donetsk People's Republic", "ArmedGroup", "UKR", "SEP"),
])
def test_known_groups(gazetteer_lexicon: Lexicon, name: str, type_: str, country: str | None, sector: str) -> None:
    entry = gazetteer_lexicon.lookup(name)
    assert entry is not None and (entry.type, entry.country, entry.sector) == (type_, country, sector)


def _named(extract_text: Any, text: str) -> dict[str, tuple[str, str | None]]:
    return {e.label: (e.type, e.country) for e in extract_text(text, date(2024, 5, 1)).entities}


def test_a_group_named_in_a_sentence_is_that_group(extract_text: Any) -> None:
    named = _named(extract_text, "Fighters of the Kachin Independence Army attacked a police post near Myitkyina.")
    assert named["Kachin Independence Army"] == ("ArmedGroup", "MMR")


def test_names_that_are_words_do_not_match_in_lower_case(extract_text: Any) -> None:
    named = _named(extract_text, "Village elders in Kunduz said they hope not hate will shape the talks.")
    assert "The Elders" not in named and "Hope Not Hate" not in named


def test_acronyms_with_another_common_sense_are_left_out(extract_text: Any) -> None:
    # IRC is also a chat protocol, PTI an Indian news agency, ICU a hospital ward
    named = _named(extract_text, "Developers met on IRC, PTI reported, while the patient stayed in the ICU.")
    assert not {"International Rescue Committee", "Pakistan Tehreek-e-Insaf", "Islamic Courts Union"} & set(named)


def test_an_acronym_the_article_defines_wins_over_the_dictionary(extract_text: Any) -> None:
    defined = _named(extract_text, "The Northern Relief Coalition (NRC) sent convoys. The NRC said more would follow.")
    assert "Norwegian Refugee Council" not in defined
    known = _named(extract_text, "The NRC said its convoys reached Goma on Monday.")
    assert known["Norwegian Refugee Council"] == ("Organization", None)
    both = _named(extract_text, "The Norwegian Refugee Council said the NRC would send convoys to the Northern Relief "
                            "Camp.")
    assert "Norwegian Refugee Council" in both
