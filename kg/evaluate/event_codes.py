"""How kg's events and actors are compared with gold event codes (``event_codes.toml``).

Gold files code actors CAMEO-style, a country code then sectors (``GONMIL``,
``IGOREF``); kg's entities carry an ISO3 country and a sector. Both sides are
reduced to the *country part* of the code: its first three letters, read
through the table of codes that differ from ISO3 (``JAP`` is ``JPN``);
``""`` is no actor and ``---`` an actor of no known country (PETRARCH's
``---``, ``###`` and quoted null-coded phrases).

>>> codes = load_event_codes()
>>> codes.country("GONMIL"), codes.country("JAP"), codes.country('"INJURY TOLL"'), codes.country("")
('GON', 'JPN', '---', '')
>>> codes.actor_code(Entity(iri="x", label="United Nations", type="InternationalOrganization", sector="IGO"))
'IGO'
>>> codes.plover_type("Accuse"), codes.plover_type("Assault"), codes.plover_type("Statement")
('DISAPPROVE', 'ASSAULT', None)
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.actors import load_sectors
from kg.errors import EvalError
from kg.model import Entity

__all__ = ["NO_ACTOR", "UNKNOWN_COUNTRY", "EventCodes", "load_event_codes"]

_CODES_FILE = Path(__file__).resolve().with_name("event_codes.toml")
_COUNTRY = re.compile(r"[A-Z]{3}")

#: The country part of a missing actor (an event without target).
NO_ACTOR = ""
#: The country part of an actor whose country is not known.
UNKNOWN_COUNTRY = "---"


@dataclass(frozen=True)
class EventCodes:
    """The tables of ``event_codes.toml``.

    Parameters
    ----------
    transnational : frozenset of str
        Sectors that take the country slot (``IGO``, ``NGO``, ...), from
        ``kg/gazetteer_data/sectors.tsv`` (shared with :mod:`kg.actors`).
    plover : tuple of (str, str)
        kg event class -> PLOVER type, where it is not the class name in
        upper case; ``""`` for classes without a PLOVER type.
    countries : tuple of (str, str)
        Country code -> ISO3 code, for codes that differ from ISO3.
    """

    transnational: frozenset[str]
    plover: tuple[tuple[str, str], ...]
    countries: tuple[tuple[str, str], ...]

    def country(self, code: str) -> str:
        """The country part of an actor code: ``""``, ``---`` or three letters."""
        code = code.strip()
        if not code:
            return NO_ACTOR
        head = code[:3].upper()
        if not _COUNTRY.fullmatch(head):
            return UNKNOWN_COUNTRY
        return dict(self.countries).get(head, head)

    def actor_code(self, entity: Entity | None) -> str:
        """The actor code of a resolved entity: country (or transnational sector) and sector.

        >>> load_event_codes().actor_code(Entity(iri="x", label="Armenian forces",
        ...                                      type="MilitaryForce", country="ARM", sector="MIL"))
        'ARMMIL'
        """
        if entity is None:
            return UNKNOWN_COUNTRY
        sector = (entity.sector or "").upper()
        if sector in self.transnational:
            return sector
        return f"{(entity.country or UNKNOWN_COUNTRY).upper()}{sector}"

    def plover_type(self, event_class: str) -> str | None:
        """The PLOVER type of a kg event class (``Accuse`` -> ``DISAPPROVE``), None if it has none."""
        mapped = dict(self.plover).get(event_class, event_class.upper())
        return mapped or None

    def describe(self) -> str:
        """One line each for the code tables, for reports."""
        renamed = ", ".join(f"{k}->{v or '(not scored)'}" for k, v in self.plover)
        countries = ", ".join(f"{k}={v}" for k, v in self.countries)
        return "\n".join([
            f"event classes: PLOVER type = class name in upper case, except {renamed}",
            (f"actors: country part = first 3 letters (sector ignored); {countries}; "
             f"{', '.join(sorted(self.transnational))} take the country slot"),
        ])


def load_event_codes(path: Path | None = None) -> EventCodes:
    """Read the code tables (by default ``event_codes.toml`` beside this module).

    Raises
    ------
    EvalError
        When the file cannot be read or a table is malformed.
    ConfigError
        When the sector table cannot be read.
    """
    path = _CODES_FILE if path is None else Path(path)
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise EvalError(f"{path}: cannot read the event code tables ({e})") from e
    tables = {}
    for name in ("plover", "countries"):
        table = data.get(name, {})
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            raise EvalError(f"{path}: [{name}] must map names to strings")
        tables[name] = tuple(sorted(table.items()))
    bad = [c for c, iso3 in tables["countries"] if not (_COUNTRY.fullmatch(c) and _COUNTRY.fullmatch(iso3))]
    if bad:
        raise EvalError(f"{path}: [countries] needs three-letter upper-case codes, not {', '.join(bad)}")
    return EventCodes(
        transnational=load_sectors().transnational,
        plover=tables["plover"],
        countries=tables["countries"],
    )
