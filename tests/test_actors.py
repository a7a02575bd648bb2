"""Converting PETRARCH actor dictionaries into kg's TSV, and loading the result."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kg.actors import (
    ActorRow,
    convert_petrarch,
    convert_petrarch_data,
    load_sectors,
    write_actor_tsv,
)
from kg.errors import ConfigError
from kg.gazetteer import load_lexicon

PETRARCH = (Path(__file__).resolve().parents[1] / ".." / "shared" / "gold" / "petrarch_unit"
            / "petrarch_validate_lexicon.json")


def _one(actor: dict[str, Any], **options: Any) -> ActorRow:
    (row,) = convert_petrarch_data({"actors": [actor], "agents": []}, **options)
    return row


@pytest.fixture(scope="module")
def shared_rows() -> list[ActorRow]:
    if not PETRARCH.is_file():
        pytest.skip(f"{PETRARCH} is not here")
    return convert_petrarch(PETRARCH)


@pytest.mark.parametrize(
    ("code", "country", "sector", "type_"),
    [
        ("VAL", "VAL", "", "Country"),
        ("valmil", "VAL", "MIL", "MilitaryForce"),
        ("VALGOVFRM", "VAL", "GOV", "GovernmentBody"),
        ("VALREBXYZ", "VAL", "REB", "ArmedGroup"),
        ("VALXYZ", "VAL", "XYZ", "Organization"),
        ("IGOWAF", "", "IGO", "InternationalOrganization"),
        ("NGO", "", "NGO", "Organization"),
        ("---", "", "", "Organization"),
    ],
)
def test_actor_codes_give_country_sector_and_class(code: str, country: str, sector: str, type_: str) -> None:
    row = _one({"phrases": ["VALDORIA"], "codes": [code]})
    assert (row.country, row.sector, row.type) == (country, sector, type_)
    assert code in row.note


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("VALDORIA_", "Valdoria"),
        ("NEW_OSTRAVA", "New Ostrava"),
        ("PRINCE_OF_THE_MARCHES", "Prince of the Marches"),
        ("THE_IRON_HILLS", "Iron Hills"),
        ("OSTRAVA-BY-THE-SEA", "Ostrava-By-The-Sea"),
        ("U.V.", "U.V."),
        ("UVL", "UVL"),
        ("GENERAL_J._SMITH", "General J. Smith"),
    ],
)
def test_phrases_become_names(phrase: str, name: str) -> None:
    assert _one({"phrases": [phrase], "codes": ["VAL"]}).name == name


def test_other_phrases_are_aliases_with_a_sentence_case_form() -> None:
    row = _one({"phrases": ["VALDORIA_ARMY", "VAL_TROOPS"], "codes": ["VALMIL"]})
    assert row.name == "Valdoria Army"
    assert row.aliases == ("Valdoria army", "Val Troops", "Val troops")


@pytest.mark.parametrize(
    ("on", "kept"),
    [
        (None, "VALREB"),                 # latest: the open-ended window
        (date(1994, 1, 1), "VAL"),         # before 950601
        (date(1997, 3, 1), "VALGOV"),      # inside the window
        (date(2001, 1, 1), "VALREB"),
    ],
)
def test_date_windows_keep_the_code_valid_on_the_day(on: date | None, kept: str) -> None:
    codes = ["VAL <950601", "VALGOV 19950601 - 19990815", "VALREB >990816"]
    row = _one({"phrases": ["VALDORIA"], "codes": codes}, on=on)
    assert f"{row.country}{row.sector}" == kept
    assert all(code in row.note for code in codes)


def test_date_windows_become_periods() -> None:
    row = _one({"phrases": ["VALDORIA"], "codes": ["VAL <950601", "VALGOV 19950601 - 19990815", "OST"]})
    assert row.periods == ("..1995-06-01 VAL", "1995-06-01..1999-08-15 VAL GOV")
    assert row.as_row()["periods"] == "..1995-06-01 VAL|1995-06-01..1999-08-15 VAL GOV"


def test_a_plain_code_wins_over_windows_that_ended() -> None:
    row = _one({"phrases": ["OSTRAVA"], "codes": ["OSR <911226", "OST"]})
    assert row.country == "OST"
    assert _one({"phrases": ["OSTRAVA"], "codes": ["OSR <911226"]}).country == "OSR"


def test_a_compound_code_is_a_group_of_its_members() -> None:
    row = _one({"phrases": ["THE_TWIN_CITIES"], "codes": ["VAL/OSTMIL"]})
    assert (row.type, row.country, row.members) == ("ActorGroup", "", ("VAL", "OST"))
    assert "compound actor VAL/OSTMIL" in row.note
    assert row.as_row()["members"] == "VAL|OST"


@pytest.mark.parametrize(
    ("agent", "name", "aliases", "sector"),
    [
        ({"phrase": "BORDER_GUARD", "plural": None, "codes": ["~MIL"]}, "border guard", ("border guards",), "MIL"),
        ({"phrase": "MILITIA", "plural": None, "codes": ["~UAF"]}, "militia", ("militias",), "UAF"),
        ({"phrase": "BOSS", "plural": None, "codes": ["~BUS"]}, "boss", ("bosses",), "BUS"),
        ({"phrase": "POLICE", "plural": "", "codes": ["~COP"]}, "police", (), "COP"),
        ({"phrase": "CHIEF_OF_STAFF", "plural": "CHIEFS_OF_STAFF", "codes": ["~MILGEN"]},
         "chief of staff", ("chiefs of staff",), "MIL"),
        ({"phrase": "AID_AGENCY", "plural": None, "codes": ["NGO~"]}, "aid agency", ("aid agencies",), "NGO"),
    ],
)
def test_agents_become_generic_actors_of_their_sector(
    agent: dict[str, Any], name: str, aliases: tuple[str, ...], sector: str
) -> None:
    (row,) = convert_petrarch_data({"actors": [], "agents": [agent]})
    assert (row.name, row.aliases, row.sector, row.generic, row.country) == (name, aliases, sector, True, "")
    assert row.type == load_sectors().type_of(sector)


def test_agent_macros_are_expanded() -> None:
    data = {"actors": [], "agents": [
        {"macro": "!PERSON!", "expands_to": ["MAN", "WOMAN"]},
        {"phrase": "COUNCIL!PERSON!", "plural": None, "codes": ["~LEG"]},
    ]}
    (row,) = convert_petrarch_data(data)
    assert (row.name, row.aliases) == ("councilman", ("councilwoman",))


def test_a_name_defined_twice_is_kept_for_its_first_entry() -> None:
    rows = convert_petrarch_data({"actors": [
        {"phrases": ["VALDORIAN"], "codes": ["VAL"]},
        {"phrases": ["VALDORIA", "VALDORIAN"], "codes": ["VLD"]},
    ], "agents": []})
    assert [(r.name, r.aliases, r.country) for r in rows] == [("Valdorian", (), "VAL"), ("Valdoria", (), "VLD")]
    assert "dropped Valdorian" in rows[1].note


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"actors": {}}, "lists 'actors' and 'agents'"),
        ({"actors": [{"phrases": ["X"]}]}, "actor 1: expected"),
        ({"actors": [{"phrases": ["X"], "codes": []}]}, "actor 1: no code"),
        ({"actors": [{"phrases": ["X"], "codes": ["VAL ~~"]}]}, "cannot read the date window"),
        ({"actors": [{"phrases": ["X"], "codes": ["VAL <951399"]}]}, "not a date"),
        ({"agents": [{"phrase": "X", "codes": ["MIL"]}]}, "agent 1: agent code 'MIL'"),
        ({"agents": [{"phrase": "!NOPE!_X", "codes": ["~MIL"]}]}, "macro !NOPE! is not defined"),
    ],
)
def test_malformed_dictionaries_are_refused(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        convert_petrarch_data(data)


def test_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "dict.json"
    path.write_text(json.dumps({"actors": [{"phrases": ["X"], "codes": []}]}), encoding="utf-8")
    with pytest.raises(ConfigError, match=f"{path}: actor 1"):
        convert_petrarch(path)
    path.write_text("{", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot read the PETRARCH dictionary"):
        convert_petrarch(path)


def test_the_shared_dictionary_converts(shared_rows: list[ActorRow]) -> None:
    actors = [r for r in shared_rows if not r.generic]
    agents = [r for r in shared_rows if r.generic]
    # 128 actors and 88 agents (90 entries less 2 macros); no actor is fully a duplicate
    assert (len(actors), len(agents)) == (128, 88)
    by_name = {r.name: r for r in shared_rows}
    assert (by_name["Gondor"].country, by_name["Gondor"].aliases) == ("GON", ("Minas Tirith", "Minas tirith", "Anorien"))
    assert (by_name["Ithilen Military"].country, by_name["Ithilen Military"].sector) == ("ITH", "MIL")
    assert (by_name["European Union"].country, by_name["European Union"].sector) == ("", "IGO")
    assert f"{by_name['Gollum'].country}{by_name['Gollum'].sector}" == "HOBREB"
    assert (by_name["soldier"].sector, by_name["soldier"].aliases) == ("MIL", ("soldiers",))


def test_the_converted_dictionary_loads_into_the_lexicon(shared_rows: list[ActorRow], tmp_path: Path) -> None:
    path = tmp_path / "actors.tsv"
    assert write_actor_tsv(shared_rows, path) == len(shared_rows)
    lexicon = load_lexicon(extra=(path,))
    arnor = lexicon.lookup("Arnor")
    assert arnor is not None and (arnor.type, arnor.country) == ("Country", "ARN")
    assert lexicon.lookup("Minas Tirith").country == "GON"  # type: ignore[union-attr]
    soldiers = lexicon.lookup("soldiers")
    assert soldiers is not None and soldiers.generic and soldiers.sector == "MIL"
    interpol = lexicon.lookup("Interpol")
    assert interpol is not None and (interpol.sector, interpol.country) == ("IGO", None)
    # every row is in the lexicon under its own name
    missing = [r.name for r in shared_rows if lexicon.lookup(r.name) is None]
    assert missing == []
