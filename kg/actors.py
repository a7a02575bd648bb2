"""Actor dictionaries: converting PETRARCH's into kg's TSV format (``kg actors convert``).

kg's actor dictionaries (documented in :mod:`kg.gazetteer`) are TSV files with
the columns ``name, type, country, sector, aliases, role, part_of, generic``;
:func:`write_actor_tsv` adds a ``note`` column the lexicon ignores.
:func:`convert_petrarch` reads a PETRARCH dictionary in the JSON form
``{"actors": [{"phrases": [...], "codes": [...]}], "agents": [{"phrase": ...,
"plural": ..., "codes": [...]}, {"macro": "!NAME!", "expands_to": [...]}]}``:

Actors
    The first phrase is the name, the others its aliases. Phrases are upper
    case with ``_`` for spaces; they are written in title case ("MINAS_TIRITH"
    -> "Minas Tirith"), except words with a dot and one-word names of at most
    three letters ("U.N.", "IMF"), which stay upper case; "of", "the" and
    "and" inside a name are lower case; a leading "THE_" is dropped (kg
    matches the name without the article); PETRARCH's trailing ``_``
    (whole-word match) is dropped, as kg matches whole words only (so stems
    such as "ARGENTIN" match only that word). The code's first three letters
    are the country (any three-letter code: kg accepts codes no gazetteer
    knows, such as ``ARN``), the next three the sector (``GONMIL`` -> ``GON``,
    ``MIL``; the rest is kept in the note); a sector that takes the country
    slot (``IGO``, ``NGO``: see ``gazetteer_data/sectors.tsv``) becomes the
    sector with no country, and a code without letters (``---``) an actor of
    unknown country. An actor with a bare country code is a ``Country``,
    with a sector the class ``sectors.tsv`` gives it: PETRARCH does not say
    which phrases are people, so edit ``type`` where it matters.
Compound actors
    A code such as ``FRO/BIL/SAM`` makes an ``ActorGroup`` whose ``members`` are
    the codes' countries: what the group does, each member does.
Date windows
    Codes may hold for a time only (``HOB <950601``, ``HOBGOV 19950601 -
    19990815``, ``HOBREB >990816``; six-digit dates are YYMMDD, years below
    30 in the 2000s). The row's ``country`` and ``sector`` are the code valid
    on ``on`` (by default the latest: an open-ended window, else the code
    without window, else the window that ends last); every windowed code is
    also written as a ``periods`` entry, so an article published within a
    window sees that code (see :mod:`kg.gazetteer`). The note lists them all.
Agents
    Generic actors ("soldiers", "foreign minister") coded by sector: ``~MIL``
    (after a country code) or ``NGO~`` (before it) give sector ``MIL`` or
    ``NGO``; they become ``generic`` entries, matched without case and made
    specific by a country the text attaches ("Gondor's soldiers"). Plurals
    are added (PETRARCH's ``plural``: none given means the regular one, an
    empty string none), and ``!NAME!`` macros expanded.

>>> rows = convert_petrarch_data({"actors": [{"phrases": ["GONDOR", "MINAS_TIRITH"],
...     "codes": ["GON"]}], "agents": [{"phrase": "BORDER_GUARD", "plural": None,
...     "codes": ["~MIL"]}]})
>>> [(r.name, r.type, r.country, r.sector, r.aliases, r.generic) for r in rows]
[('Gondor', 'Country', 'GON', '', ('Minas Tirith', 'Minas tirith'), False), ('border guard', 'MilitaryForce', '', 'MIL', ('border guards',), True)]
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from kg.errors import ConfigError
from kg.ids import slug_key
from kg.resources import package_data

__all__ = [
    "ACTOR_COLUMNS",
    "ActorRow",
    "SectorTable",
    "convert_petrarch",
    "convert_petrarch_data",
    "load_sectors",
    "write_actor_tsv",
]

#: Columns of the TSV :func:`write_actor_tsv` writes (``note`` is for people).
ACTOR_COLUMNS = ("name", "type", "country", "sector", "aliases", "role", "part_of", "generic", "members", "periods", "note")

_SMALL_WORDS = frozenset({"OF", "THE", "AND", "FOR", "IN", "ON"})
_WINDOW = re.compile(r"(?P<op>[<>])\s*(?P<date>\d{6}|\d{8})|(?P<start>\d{6}|\d{8})\s*-\s*(?P<end>\d{6}|\d{8})")
_MACRO = re.compile(r"![A-Z]+!")


@dataclass(frozen=True)
class ActorRow:
    """One row of a kg actor dictionary (see :mod:`kg.gazetteer` for the columns)."""

    name: str
    type: str
    country: str = ""
    sector: str = ""
    aliases: tuple[str, ...] = ()
    role: str = ""
    part_of: str = ""
    generic: bool = False
    members: tuple[str, ...] = ()
    periods: tuple[str, ...] = ()
    note: str = ""

    def as_row(self) -> dict[str, str]:
        """The row as strings, keyed by :data:`ACTOR_COLUMNS` (for TSV, JSON or a table)."""
        return {
            "name": self.name, "type": self.type, "country": self.country, "sector": self.sector,
            "aliases": "|".join(self.aliases), "role": self.role, "part_of": self.part_of,
            "generic": "yes" if self.generic else "", "members": "|".join(self.members),
            "periods": "|".join(self.periods), "note": self.note,
        }


@dataclass(frozen=True)
class SectorTable:
    """The sector table (``gazetteer_data/sectors.tsv``): class per sector, transnational sectors."""

    types: Mapping[str, str]
    transnational: frozenset[str]

    def type_of(self, sector: str) -> str:
        """The ontology class of an actor known only by its sector (default ``Organization``)."""
        return self.types.get(sector, "Organization")


def load_sectors(path: Path | None = None) -> SectorTable:
    """Read the sector table (by default ``kg/gazetteer_data/sectors.tsv``).

    >>> sorted(load_sectors().transnational)
    ['IGO', 'IMG', 'MNC', 'NGO']

    Raises
    ------
    ConfigError
        When the file cannot be read or lacks its columns.
    """
    path = package_data("gazetteer_data", "sectors.tsv") if path is None else Path(path)
    try:
        with path.open(encoding="utf-8", newline="") as f:
            lines = [line for line in f if line.strip() and not line.startswith("#")]
        rows = list(csv.DictReader(lines, delimiter="\t"))
        types = {row["sector"].strip(): row["type"].strip() for row in rows}
        transnational = frozenset(row["sector"].strip() for row in rows
                                  if row["transnational"].strip().lower() == "yes")
    except (OSError, UnicodeDecodeError, csv.Error, KeyError, AttributeError) as e:
        raise ConfigError(f"{path}: cannot read the sector table ({e!r}); it needs the "
                          "tab-separated columns sector, type, transnational") from e
    return SectorTable(types=types, transnational=transnational)


def _word_case(word: str, *, first: bool, alone: bool) -> str:
    if "." in word or (alone and len(word) <= 3):
        return word
    if word in _SMALL_WORDS and not first:
        return word.lower()
    return "-".join(part.capitalize() for part in word.split("-"))


def _name(phrase: str) -> str:
    """A PETRARCH actor phrase as a name: ``MINAS_TIRITH`` -> ``Minas Tirith``."""
    words = phrase.replace("_", " ").upper().split()
    if len(words) > 1 and words[0] == "THE":
        words = words[1:]
    return " ".join(_word_case(w, first=i == 0, alone=len(words) == 1) for i, w in enumerate(words))


def _plural(phrase: str) -> str:
    head, _, last = phrase.rpartition(" ")
    if re.search(r"[^s]s$", last):  # already plural ("officials")
        return phrase
    if re.search(r"(s|x|z|ch|sh)$", last):
        last += "es"
    elif re.search(r"[^aeiou]y$", last):
        last = last[:-1] + "ies"
    else:
        last += "s"
    return f"{head} {last}" if head else last


def _day(text: str) -> date:
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year < 30 else 1900 + year}{text[2:]}"
    return date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def _dated_code(raw: str, where: str) -> tuple[str, date | None, date | None, bool]:
    """``(code, first day, last day, windowed)`` of one PETRARCH code with its optional window."""
    match = re.match(r"([^\s<>]+)\s*(.*)$", raw.strip())
    if match is None:
        raise ConfigError(f"{where}: empty actor code; give a code such as 'GON' or 'GONMIL'")
    code, rest = match.groups()
    if not rest:
        return code, None, None, False
    window = _WINDOW.fullmatch(rest.strip())
    if window is None:
        raise ConfigError(f"{where}: cannot read the date window {rest!r} of code {code!r}; "
                          "expected '<YYMMDD', '>YYMMDD' or 'YYYYMMDD - YYYYMMDD'")
    try:
        if window["op"] == "<":
            return code, None, _day(window["date"]), True
        if window["op"] == ">":
            return code, _day(window["date"]), None, True
        return code, _day(window["start"]), _day(window["end"]), True
    except ValueError as e:
        raise ConfigError(f"{where}: the date window {rest!r} of code {code!r} is not a date ({e})") from e


def _pick_code(codes: list[str], on: date | None, where: str) -> tuple[str, str]:
    """The code valid on ``on`` (default: the latest), and a note when there was a choice."""
    if not codes:
        raise ConfigError(f"{where}: no code; every actor needs one")
    dated = [_dated_code(code, where) for code in codes]
    day = on or date.max
    valid = [d for d in dated if d[3] and (d[1] or date.min) <= day <= (d[2] or date.max)]
    plain = [d for d in dated if not d[3]]
    if valid:
        chosen = max(valid, key=lambda d: d[1] or date.min)
    elif plain:
        chosen = plain[0]
    else:
        chosen = max(dated, key=lambda d: d[2] or date.max)
    note = ""
    if len(codes) > 1:
        when = on.isoformat() if on else "latest"
        note = f"codes {'; '.join(c.strip() for c in codes)}: kept {chosen[0]} ({when})"
    return chosen[0], note


def _split_code(code: str, sectors: SectorTable) -> tuple[str, str, str]:
    """``(country, sector, type)`` of an actor code such as ``GONMIL``, ``IGOEEU`` or ``---``."""
    code = code.upper()
    head, sector = code[:3], code[3:6]
    if not sector.isalpha():
        sector = ""
    if head in sectors.transnational:
        return "", head, sectors.type_of(head)
    if not head.isalpha():
        return "", sector, sectors.type_of(sector) if sector else "Organization"
    return head, sector, sectors.type_of(sector) if sector else "Country"


def _actor_row(item: Any, number: int, *, on: date | None, sectors: SectorTable) -> ActorRow | None:
    where = f"actor {number}"
    phrases = item.get("phrases")
    codes = item.get("codes")
    if not isinstance(phrases, list) or not phrases or not isinstance(codes, list):
        raise ConfigError(f"{where}: expected {{'phrases': [...], 'codes': [...]}}, got {item!r}")
    code, note = _pick_code([str(c) for c in codes], on, where)
    notes = [f"PETRARCH code {code}"] + ([note] if note else [])
    members: tuple[str, ...] = ()
    if "/" in code:
        # a compound actor: an act of it is an act of each member
        members = tuple(dict.fromkeys(c for part in code.split("/") if (c := _split_code(part, sectors)[0])))
        notes.append(f"compound actor {code}: a group of {', '.join(members)}")
        country, sector, type_ = "", "", "ActorGroup"
    else:
        country, sector, type_ = _split_code(code, sectors)
    names: list[str] = []
    for phrase in (str(p).rstrip("_") for p in phrases if str(p).strip("_ ")):
        name = _name(phrase)
        first, _, rest = name.partition(" ")
        # names are matched with their case: "Ithilen military" as well as "Ithilen Military"
        names += [name, f"{first} {rest.lower()}"] if rest and rest.lower() != rest else [name]
    names = list(dict.fromkeys(names))
    if not names:
        return None
    return ActorRow(name=names[0], type=type_, country=country, sector=sector,
                    aliases=tuple(names[1:]), members=members, periods=_periods(codes, where, sectors),
                    note="; ".join(notes))


def _periods(codes: list[Any], where: str, sectors: SectorTable) -> tuple[str, ...]:
    """The windowed codes as kg periods (``START..END COUNTRY [SECTOR]``), compound codes left out."""
    found = []
    for raw in codes:
        code, first, last, windowed = _dated_code(str(raw), where)
        if not windowed or "/" in code:
            continue
        country, sector, _ = _split_code(code, sectors)
        span = f"{first.isoformat() if first else ''}..{last.isoformat() if last else ''}"
        found.append(" ".join(part for part in (span, country or "-", sector) if part))
    return tuple(found)


def _expand(phrase: str, macros: Mapping[str, list[str]], where: str) -> list[str]:
    forms = [phrase]
    for macro in _MACRO.findall(phrase):
        if macro not in macros:
            raise ConfigError(f"{where}: macro {macro} is not defined; add {{'macro': '{macro}', "
                              "'expands_to': [...]}} to the agents")
        forms = [f.replace(macro, value, 1) for f in forms for value in macros[macro]]
    return [f.replace("_", " ").lower().strip() for f in forms]


def _agent_row(item: Any, number: int, *, macros: Mapping[str, list[str]],
               sectors: SectorTable) -> ActorRow:
    where = f"agent {number}"
    phrase, codes = item.get("phrase"), item.get("codes")
    if not isinstance(phrase, str) or not phrase.strip("_ ") or not isinstance(codes, list) or not codes:
        raise ConfigError(f"{where}: expected {{'phrase': ..., 'plural': ..., 'codes': ['~XXX']}}, got {item!r}")
    code = str(codes[0]).strip().upper()
    sector = code.strip("~")[:3]
    if "~" not in code or not sector.isalpha():
        raise ConfigError(f"{where}: agent code {code!r} must be '~XXX' or 'XXX~' with a sector XXX")
    forms = _expand(phrase.strip("_"), macros, where)
    plural = item.get("plural")
    if plural is None and not _MACRO.search(phrase):
        forms.append(_plural(forms[0]))
    elif plural:
        forms.append(str(plural).replace("_", " ").lower().strip())
    notes = [f"PETRARCH agent code {', '.join(str(c) for c in codes)}"]
    return ActorRow(name=forms[0], type=sectors.type_of(sector), sector=sector,
                    aliases=tuple(dict.fromkeys(f for f in forms[1:] if f != forms[0])),
                    generic=True, note="; ".join(notes))


def _deduplicate(rows: Iterable[ActorRow]) -> Iterator[ActorRow]:
    """Keep each name once, for its first row: the lexicon would ignore later ones silently."""
    seen: dict[str, str] = {}
    for row in rows:
        kept: list[str] = []
        dropped: list[str] = []
        for form in (row.name, *row.aliases):
            key = form.lower() if row.generic else slug_key(form)
            (dropped if key in seen else kept).append(form)
        if not kept:
            continue
        for form in kept:
            seen[form.lower() if row.generic else slug_key(form)] = row.name
        note = row.note
        if dropped:
            note += f"; dropped {', '.join(dropped)}: defined by an earlier entry"
        yield replace(row, name=kept[0], aliases=tuple(kept[1:]), note=note)


def convert_petrarch_data(data: Any, *, on: date | None = None,
                          sectors: SectorTable | None = None) -> list[ActorRow]:
    """Convert a PETRARCH dictionary already read from JSON (see :func:`convert_petrarch`)."""
    if not isinstance(data, dict) or not isinstance(data.get("actors", []), list) \
            or not isinstance(data.get("agents", []), list):
        raise ConfigError("expected a JSON object with lists 'actors' and 'agents'")
    sectors = load_sectors() if sectors is None else sectors
    rows: list[ActorRow] = []
    for number, item in enumerate(data.get("actors", []), start=1):
        if not isinstance(item, dict):
            raise ConfigError(f"actor {number}: expected an object with phrases and codes")
        row = _actor_row(item, number, on=on, sectors=sectors)
        if row is not None:
            rows.append(row)
    agents = [a for a in data.get("agents", []) if isinstance(a, dict)]
    macros = {str(a["macro"]): [str(v) for v in a.get("expands_to", [])] for a in agents if "macro" in a}
    for number, item in enumerate(data.get("agents", []), start=1):
        if not isinstance(item, dict):
            raise ConfigError(f"agent {number}: expected an object with phrase, plural and codes")
        if "macro" not in item:
            rows.append(_agent_row(item, number, macros=macros, sectors=sectors))
    return list(_deduplicate(rows))


def convert_petrarch(path: Path, *, on: date | None = None) -> list[ActorRow]:
    """Convert a PETRARCH actor and agent dictionary (JSON) into kg actor rows.

    Parameters
    ----------
    path : Path
        The dictionary, as JSON (format in the module docstring).
    on : date, optional
        Keep the codes valid on this day; by default the latest ones.

    Returns
    -------
    list of ActorRow
        Actors first, then generic agents, each name once (later duplicates
        are dropped and said so in the note of the row that lost them).

    Raises
    ------
    ConfigError
        When the file cannot be read or an entry is malformed; the message
        names the file and the entry.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ConfigError(f"{path}: cannot read the PETRARCH dictionary ({e}); give its JSON form") from e
    try:
        return convert_petrarch_data(data, on=on)
    except ConfigError as e:
        raise ConfigError(f"{path}: {e}") from e


def write_actor_tsv(rows: Iterable[ActorRow], out: Path | TextIO) -> int:
    """Write actor rows as a kg actor dictionary (TSV with a header); return the row count.

    >>> import io
    >>> buffer = io.StringIO()
    >>> write_actor_tsv([ActorRow("Arnor", "Country", "ARN")], buffer)
    1
    >>> buffer.getvalue().splitlines()[2].split("\\t")[:3]
    ['Arnor', 'Country', 'ARN']
    """
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as f:
            return write_actor_tsv(rows, f)
    out.write("# kg actor dictionary (columns: see kg.gazetteer); the note column is ignored\n")
    writer = csv.DictWriter(out, fieldnames=ACTOR_COLUMNS, delimiter="\t", lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({k: v.replace("\t", " ").replace("\n", " ") for k, v in row.as_row().items()})
        count += 1
    return count
