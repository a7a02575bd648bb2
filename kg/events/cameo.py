"""CAMEO event codes: their weights, quad classes and PLOVER types.

The numbers come from ``data/cameo.tsv`` (the codes kg's lexicon uses, with
their Goldstein weight and quad class on the published CAMEO scale), the
types from ``data/plover.tsv`` (CAMEO root codes to PLOVER types, with
exceptions for some subcodes, and the kg class where kg is more specific than
PLOVER) and the PLOVER modes of each type from ``data/plover_modes.tsv``. All
ship with the package, so nothing here needs a network or files outside the
source tree.

>>> info = cameo_info("112")
>>> info.plover, info.event_class, info.goldstein, info.quad_class
('DISAPPROVE', 'Accuse', -2.0, 3)
>>> cameo_to_plover("0874"), cameo_info("0241").quad_class
('RETREAT', 1)
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from kg.errors import LexiconError
from kg.resources import package_data

__all__ = [
    "EVENT_TYPES",
    "CameoCode",
    "cameo_codes",
    "cameo_info",
    "cameo_to_plover",
    "event_class",
    "is_cameo_code",
    "plover_of_class",
    "plover_modes",
    "read_table",
]

#: The event types kg codes: the PLOVER types, plus ``STATEMENT`` (CAMEO 01,
#: which PLOVER leaves out). Accusations are PLOVER ``DISAPPROVE``; kg's graph
#: gives them the subclass ``ckg:Accuse`` (see ``data/plover.tsv``).
EVENT_TYPES = (
    "STATEMENT", "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID",
    "RETREAT", "REQUEST", "DEMAND", "DISAPPROVE", "REJECT", "THREATEN",
    "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT", "INVESTIGATE",
)

# A root 01..20 followed by up to two more digits; leading zeros are part of the code.
_CODE = re.compile(r"(?:0[1-9]|1\d|20)\d{0,2}")


def is_cameo_code(code: str) -> bool:
    """Tell whether ``code`` is shaped like a CAMEO event code.

    >>> is_cameo_code("0256"), is_cameo_code("256"), is_cameo_code("21")
    (True, False, False)
    """
    return _CODE.fullmatch(code) is not None


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code with what the event coder needs to know about it.

    Parameters
    ----------
    code : str
        The code as text, leading zeros kept ("0256").
    name : str
        A short description.
    goldstein : float
        Weight on the Goldstein conflict-cooperation scale, -10 to +10.
    quad_class : int
        1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
        4 material conflict.
    root : str
        The two-digit root code.
    plover : str
        The event type, one of :data:`EVENT_TYPES`.
    event_class : str
        Local name of the ``ckg:`` class of events of this code: the type in
        title case, or a subclass of it (``Accuse`` for CAMEO 112).
    """

    code: str
    name: str
    goldstein: float
    quad_class: int
    root: str
    plover: str
    event_class: str


def read_table(path: Path, header: tuple[str, ...]) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line number, fields)`` for the data rows of a kg TSV file.

    Blank lines and ``#`` comments are skipped. The first other line must be
    the tab-separated ``header``. Missing trailing fields are given as empty
    strings, because editors often strip trailing tabs.

    Raises
    ------
    LexiconError
        If the file cannot be read, its header differs or a row has too many fields.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise LexiconError(f"{path}: cannot read the file ({e}); check the path and that it is UTF-8 text") from e
    header_seen = False
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [field.strip() for field in line.split("\t")]
        if not header_seen:
            if tuple(fields) != header:
                raise LexiconError(
                    f"{path}:{number}: expected the tab-separated header {' '.join(header)!r}, "
                    f"got {line!r}; the columns must come in that order"
                )
            header_seen = True
            continue
        if len(fields) > len(header):
            raise LexiconError(
                f"{path}:{number}: {len(fields)} tab-separated fields, expected at most {len(header)}; "
                "check for a stray tab"
            )
        yield number, fields + [""] * (len(header) - len(fields))
    if not header_seen:
        raise LexiconError(f"{path}: the file has no header and no rows; expected columns {' '.join(header)}")


def _plover_prefixes(path: Path) -> Mapping[str, tuple[str, str]]:
    prefixes: dict[str, tuple[str, str]] = {}
    for number, (prefix, plover, kg_class) in read_table(path, ("prefix", "plover", "class")):
        if not is_cameo_code(prefix) or plover not in EVENT_TYPES:
            raise LexiconError(
                f"{path}:{number}: expected a CAMEO code prefix and one of {', '.join(EVENT_TYPES)}, "
                f"got {prefix!r} and {plover!r}"
            )
        prefixes[prefix] = (plover, kg_class or plover.title())
    missing = [f"{root:02d}" for root in range(1, 21) if f"{root:02d}" not in prefixes]
    if missing:
        raise LexiconError(f"{path}: no event type for the CAMEO roots {', '.join(missing)}; add a row for each")
    return MappingProxyType(prefixes)


@lru_cache(maxsize=1)
def _default_prefixes() -> Mapping[str, tuple[str, str]]:
    return _plover_prefixes(package_data("events", "data", "plover.tsv"))


def _typed(code: str) -> tuple[str, str]:
    if not is_cameo_code(code):
        raise LexiconError(f"{code!r} is not a CAMEO event code: give two to four digits with root 01-20, e.g. '0256'")
    prefixes = _default_prefixes()
    for length in range(len(code), 1, -1):
        if code[:length] in prefixes:
            return prefixes[code[:length]]
    raise AssertionError("unreachable: every root has a type")  # pragma: no cover


def cameo_to_plover(code: str) -> str:
    """Return the event type of a CAMEO code: the type of its longest listed prefix.

    Works for any well-formed code, also one the lexicon does not use.

    >>> cameo_to_plover("0256"), cameo_to_plover("1123"), cameo_to_plover("010")
    ('REQUEST', 'DISAPPROVE', 'STATEMENT')

    Raises
    ------
    LexiconError
        If ``code`` is not a CAMEO code (two to four digits, root 01 to 20).
    """
    return _typed(code)[0]


def event_class(plover: str, code: str) -> str:
    """The ``ckg:`` class of an event of a PLOVER type coded with a CAMEO code.

    The code's own class when the type is the code's (``Accuse`` for a 112
    accusation, a DISAPPROVE), else the type's class: the type wins where a
    lexicon entry gives another than the code's root ("resign", CAMEO 0831,
    is a RETREAT).

    >>> event_class("DISAPPROVE", "1123"), event_class("RETREAT", "0831"), event_class("CONCEDE", "0831")
    ('Accuse', 'Retreat', 'Concede')
    """
    plover_of_code, kg_class = _typed(code)
    return kg_class if plover == plover_of_code else plover.title()


def plover_of_class(kg_class: str) -> str:
    """The PLOVER type of a kg event class: ``DISAPPROVE`` for ``Accuse``.

    >>> plover_of_class("Accuse"), plover_of_class("Fight")
    ('DISAPPROVE', 'FIGHT')

    Raises
    ------
    LexiconError
        If the name is no kg event class.
    """
    if kg_class.upper() in EVENT_TYPES:
        return kg_class.upper()
    for plover, own_class in _default_prefixes().values():
        if own_class == kg_class:
            return plover
    raise LexiconError(f"{kg_class!r} is no kg event class; use a PLOVER type in title case or a class of plover.tsv")


@lru_cache(maxsize=1)
def plover_modes() -> Mapping[str, tuple[str, ...]]:
    """The PLOVER modes of each event type that has modes (read once, then cached).

    >>> plover_modes()["CONSULT"][:2]
    ('phone', 'visit')
    """
    path = package_data("events", "data", "plover_modes.tsv")
    modes: dict[str, list[str]] = {}
    for number, (plover, mode, meaning) in read_table(path, ("plover", "mode", "meaning")):
        if plover not in EVENT_TYPES or not mode or not meaning:
            raise LexiconError(f"{path}:{number}: expected an event type, a mode and its meaning, got {plover!r}")
        modes.setdefault(plover, []).append(mode)
    return MappingProxyType({k: tuple(v) for k, v in modes.items()})


def _read_codes(path: Path) -> Mapping[str, CameoCode]:
    codes: dict[str, CameoCode] = {}
    for number, (code, goldstein, quad, name) in read_table(path, ("code", "goldstein", "quad", "name")):
        where = f"{path}:{number}"
        if not is_cameo_code(code):
            raise LexiconError(f"{where}: {code!r} is not a CAMEO event code (two to four digits, root 01-20)")
        if code in codes:
            raise LexiconError(f"{where}: code {code} is listed twice; keep one row")
        try:
            weight = float(goldstein)
            quad_class = int(quad)
        except ValueError as e:
            raise LexiconError(f"{where}: goldstein must be a number and quad an integer ({e})") from e
        if not -10.0 <= weight <= 10.0 or quad_class not in (1, 2, 3, 4) or not name:
            raise LexiconError(f"{where}: need goldstein in -10..10, quad 1-4 and a name for code {code}")
        plover, kg_class = _typed(code)
        codes[code] = CameoCode(code, name, weight, quad_class, code[:2], plover, kg_class)
    return MappingProxyType(codes)


@lru_cache(maxsize=1)
def cameo_codes() -> Mapping[str, CameoCode]:
    """Return every CAMEO code kg ships, by code (read once, then cached).

    >>> len([code for code in cameo_codes() if len(code) == 2])
    20
    """
    return _read_codes(package_data("events", "data", "cameo.tsv"))


def cameo_info(code: str) -> CameoCode:
    """Return what kg knows about a CAMEO code.

    >>> cameo_info("0256").name
    'plea to stop fighting or de-escalate'

    Raises
    ------
    LexiconError
        If kg does not ship the code (add it to ``kg/events/data/cameo.tsv``).
    """
    try:
        return cameo_codes()[code]
    except KeyError:
        raise LexiconError(
            f"CAMEO code {code!r} is not in kg/events/data/cameo.tsv; "
            "add a row with its Goldstein weight and quad class"
        ) from None
