"""The label mapping of ``kg eval entities``: which gold types count, and which
kg mention types and spaCy entity labels stand for them (``entity_types.toml``
beside this module).

>>> mapping = load_type_mapping()
>>> mapping.kg_type("GovernmentBody"), mapping.spacy_type("NORP"), mapping.kg_type("Date")
('Organisation', 'Nationality', None)
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import EvalError

__all__ = ["TypeMapping", "load_type_mapping"]

_MAPPING_FILE = Path(__file__).resolve().with_name("entity_types.toml")


@dataclass(frozen=True)
class TypeMapping:
    """Which gold types are scored and which labels stand for them.

    Parameters
    ----------
    scored : tuple of str
        Gold types that are counted.
    kg, spacy : tuple of (str, str)
        ``(label, gold type)`` pairs for kg mention types and for the spaCy
        baseline's entity labels.
    """

    scored: tuple[str, ...]
    kg: tuple[tuple[str, str], ...]
    spacy: tuple[tuple[str, str], ...]

    def kg_type(self, label: str) -> str | None:
        """Gold type of a kg mention type, or None when it is not scored."""
        return dict(self.kg).get(label)

    def spacy_type(self, label: str) -> str | None:
        """Gold type of a spaCy entity label, or None when it is not scored."""
        return dict(self.spacy).get(label)

    def describe(self) -> str:
        """One line per system saying which labels count as which gold type.

        >>> print(load_type_mapping().describe().splitlines()[2])
        spacy: Location <- FAC, GPE, LOC; Nationality <- NORP; Organisation <- ORG; Person <- PERSON
        """
        lines = [f"scored gold types: {', '.join(self.scored)}"]
        for system, pairs in (("kg", self.kg), ("spacy", self.spacy)):
            by_type: dict[str, list[str]] = defaultdict(list)
            for label, gold_type in pairs:
                by_type[gold_type].append(label)
            parts = [f"{t} <- {', '.join(sorted(by_type[t]))}" for t in sorted(by_type)]
            lines.append(f"{system}: {'; '.join(parts)}")
        return "\n".join(lines)


def load_type_mapping(path: Path | None = None) -> TypeMapping:
    """Read the label mapping (by default ``entity_types.toml`` beside this module).

    Raises
    ------
    EvalError
        When the file cannot be read or maps a label to a type it does not score.
    """
    path = _MAPPING_FILE if path is None else Path(path)
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise EvalError(f"{path}: cannot read the entity type mapping ({e})") from e
    scored = tuple(sorted(data.get("scored", ())))
    sections: dict[str, tuple[tuple[str, str], ...]] = {}
    for system in ("kg", "spacy"):
        pairs = tuple(sorted(data.get(system, {}).items()))
        unknown = sorted({gold_type for _, gold_type in pairs} - set(scored))
        if unknown:
            raise EvalError(
                f"{path}: [{system}] maps labels to {', '.join(unknown)}, which are not "
                "in 'scored'; add them there or fix the mapping"
            )
        sections[system] = pairs
    return TypeMapping(scored=scored, kg=sections["kg"], spacy=sections["spacy"])
