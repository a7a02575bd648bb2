"""The world-leaders dictionary: its format, its windows, and dated roles on sentences.

The sentences are written for these tests; the dictionary's facts are checked on
well-known cases whose dates every reader can verify.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kg.errors import ConfigError
from kg.gazetteer import Lexicon, load_lexicon
from kg.gazetteer_periods import OFFICES, parse_day, read_leaders
from kg.resources import package_data

LEADERS = package_data("gazetteer_data", "leaders.tsv")
SECTORS = {"GOV", "MIL", "IGO", "REB", "SEP", "IMG", "OPP", "LEG", "REL"}


def rows() -> list[dict[str, str]]:
    with LEADERS.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))


def test_every_row_is_well_formed(gazetteer_lexicon: Lexicon) -> None:
    found = rows()
    assert len(found) >= 2000
    for row in found:
        assert row["name"].strip() == row["name"] and row["name"], row
        assert row["office"] in OFFICES and row["title"], row
        assert row["sector"] in SECTORS, row
        assert row["country"] == "" if row["office"] == "IGO" else gazetteer_lexicon.country(row["country"]), row
        start = parse_day(row["start"])
        assert row["end"] == "" or parse_day(row["end"], end=True) >= start, row


def test_every_country_has_its_heads_since_1990() -> None:
    heads = {r["country"] for r in rows() if r["office"] in {"HOS", "HOG", "HOSG"}}
    assert len(heads) >= 150


def test_one_office_of_one_country_has_one_holder_at_a_time() -> None:
    windows: dict[tuple[str, str, str], list[tuple[date, date, date | None, str]]] = defaultdict(list)
    for row in rows():
        for office in (("HOS", "HOG") if row["office"] == "HOSG" else (row["office"],)):
            # offices named by their title (party leaders, envoys) are one office per title
            title = row["title"] if office in {"OTH", "IGO"} else ""
            windows[(row["country"], office, title)].append((
                parse_day(row["start"]), parse_day(row["start"], end=True),
                parse_day(row["end"]) if row["end"] else None, row["name"]))
    overlaps = []
    for key, held in windows.items():
        held.sort()
        for before, after in zip(held, held[1:]):
            # a handover day (or month, at month precision) belongs to both
            if before[2] is None or after[1] < before[2]:
                overlaps.append((key, before[3], after[3]))
    assert not overlaps


def test_a_person_serves_one_country() -> None:
    countries: dict[str, set[str]] = defaultdict(set)
    for row in rows():
        if row["country"]:
            countries[row["name"]].add(row["country"])
    assert {name: c for name, c in countries.items() if len(c) > 1} == {}


def test_no_name_or_alias_names_two_people() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for leader in read_leaders(LEADERS):
        for name in (leader.name, *leader.aliases):
            owners[name].add(leader.name)
    assert {name: o for name, o in owners.items() if len(o) > 1} == {}


def test_one_word_aliases_are_capitalised_names() -> None:
    # lower-case text never matches (the name matcher is case-sensitive), and a
    # surname that is also an English word or a month ("May", "Major") is left out
    words = {a for leader in read_leaders(LEADERS) for a in leader.aliases if " " not in a}
    assert all(w[0].isupper() or w.startswith(("al-", "el-")) for w in words)
    assert not words & {"May", "Major", "Brown", "Rice", "Bush", "Clinton", "Kim", "Ali", "Khan", "Sharif"}


@pytest.mark.parametrize(("name", "day", "country", "sector", "role"), [
    ("Putin", date(2010, 6, 1), "RUS", "GOV", "Prime Minister"),
    ("Putin", date(2020, 6, 1), "RUS", "GOV", "President"),
    ("Putin", date(1995, 6, 1), "RUS", None, None),
    ("Tony Blair", date(2003, 3, 20), "GBR", "GOV", "Prime Minister"),
    ("Tony Blair", date(2015, 1, 1), "GBR", "ELI", "former Prime Minister"),
    ("al-Jolani", date(2020, 1, 1), "SYR", "REB", "Leader of Hayat Tahrir al-Sham"),
    ("al-Sharaa", date(2025, 6, 1), "SYR", "GOV", "President"),
    ("Guterres", date(2019, 1, 1), None, "IGO", "UN Secretary-General"),
    ("Guterres", date(2000, 1, 1), "PRT", "GOV", "Prime Minister"),
    ("Trump", date(2022, 1, 1), "USA", "ELI", "former President"),
    ("Trump", date(2025, 6, 1), "USA", "GOV", "President"),
    ("Netanyahu", date(2021, 1, 1), "ISR", "GOV", "Prime Minister"),
    ("Netanyahu", date(2022, 1, 1), "ISR", "ELI", "former Prime Minister"),
    # the higher office gives the role when two are held at once
    ("Benjamin Netanyahu", date(2019, 1, 1), "ISR", "GOV", "Prime Minister"),
    ("Erdogan", date(2010, 1, 1), "TUR", "GOV", "Prime Minister"),
    ("Hemedti", date(2024, 1, 1), "SDN", "REB", "Leader of the Rapid Support Forces"),
    ("Gerasimov", date(2023, 1, 1), "RUS", "MIL", "Chief of the General Staff"),
])
def test_the_date_picks_the_office(gazetteer_lexicon: Lexicon, name: str, day: date, country: str | None,
                                   sector: str | None, role: str | None) -> None:
    entry = gazetteer_lexicon.lookup(name)
    assert entry is not None
    dated = entry.on(day)
    assert (dated.country, dated.sector, dated.role) == (country, sector, role)


@pytest.mark.parametrize("form", ["Erdogan", "Recep Tayyip Erdogan", "Binali Yildirim", "Lech Walesa",
                                  "Zoran Djindjic", "Tudjman"])
def test_plain_ascii_spellings_are_names(gazetteer_lexicon: Lexicon, form: str) -> None:
    assert gazetteer_lexicon.lookup(form) is not None


def test_without_a_date_a_leader_is_as_now(gazetteer_lexicon: Lexicon) -> None:
    obama = gazetteer_lexicon.lookup("Obama")
    lavrov = gazetteer_lexicon.lookup("Lavrov")
    assert obama is not None and (obama.country, obama.sector) == ("USA", "ELI")
    assert lavrov is not None and (lavrov.sector, lavrov.role) == ("GOV", "Foreign Minister")


def test_a_bad_date_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "leaders.tsv"
    path.write_text("name\tcountry\toffice\ttitle\tsector\tstart\tend\taliases\n"
                    "Ann Example\tFRA\tHOG\tPrime Minister\tGOV\t2019-13\t\t\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"leaders.tsv, line 2: .*2019-13"):
        read_leaders(path)


def test_an_actors_file_overrides_a_leader(tmp_path: Path) -> None:
    path = tmp_path / "actors.tsv"
    path.write_text("name\ttype\tcountry\tsector\taliases\n"
                    "Vladimir Putin\tPerson\tRUS\tMIL\tPutin|VVP\n", encoding="utf-8")
    lexicon = load_lexicon(extra=(path,))
    entry = lexicon.lookup("VVP")
    assert entry is not None and entry is lexicon.lookup("Putin")
    assert (entry.sector, entry.periods) == ("MIL", ())
    # the other leaders are still there
    assert lexicon.lookup("Lavrov") is not None


def _people(extract_text: Any, text: str, published: date) -> dict[str, tuple[str | None, str | None, tuple[str, ...]]]:
    return {e.label: (e.country, e.sector, e.roles) for e in extract_text(text, published).entities
            if e.type == "Person"}


@pytest.mark.parametrize(("published", "sector", "role"), [
    (date(2010, 3, 1), "GOV", "President"),
    (date(2016, 3, 1), "GOV", "Prime Minister"),
    (date(2021, 3, 1), "GOV", "Deputy Chairman of the Security Council"),
])
def test_an_article_date_picks_the_role_of_a_name(extract_text: Any, published: date, sector: str, role: str) -> None:
    people = _people(extract_text, "Medvedev met farmers in Tula and promised new loans.", published)
    assert people["Dmitry Medvedev"][:2] == ("RUS", sector)
    assert role in people["Dmitry Medvedev"][2]


def test_a_former_leader_is_an_elite_of_his_country(extract_text: Any) -> None:
    text = "Tony Blair criticised the decision in a speech in London."
    assert _people(extract_text, text, date(2005, 5, 1))["Tony Blair"][:2] == ("GBR", "GOV")
    assert _people(extract_text, text, date(2016, 5, 1))["Tony Blair"][:2] == ("GBR", "ELI")
