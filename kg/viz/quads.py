"""CAMEO quad classes: what the pictures colour by, cooperation or conflict, said or done.

CAMEO groups its twenty root codes into four classes: verbal cooperation
(roots 01-05), material cooperation (06-08), verbal conflict (09-13) and
material conflict (14-20). The class, not the sign of the Goldstein score,
decides cooperation against conflict: an appeal for de-escalation (a
verbal cooperation, root 02) can score below zero. Events carry their class
as ``ckg:quadClass``; :func:`quad_of` falls back on the CAMEO root when a
graph lacks it.

>>> quad_of(None, "0233"), quad_of(None, "190"), quad_of(3, "190")
(1, 4, 3)
>>> QUADS[1].name, QUADS[1].side, QUADS[4].kind
('verbal cooperation', 'cooperation', 'material')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["QUADS", "Quad", "quad_legend", "quad_of"]


@dataclass(frozen=True)
class Quad:
    """One quad class: its number (1-4), name, side and kind."""

    number: int
    name: str
    side: str
    kind: str

    @property
    def key(self) -> str:
        """``verbal_cooperation`` and so on: the key of its colour in ``style.toml``."""
        return self.name.replace(" ", "_")


QUADS: Mapping[int, Quad] = {
    1: Quad(1, "verbal cooperation", "cooperation", "verbal"),
    2: Quad(2, "material cooperation", "cooperation", "material"),
    3: Quad(3, "verbal conflict", "conflict", "verbal"),
    4: Quad(4, "material conflict", "conflict", "material"),
}
# first CAMEO root of each class after the first
_ROOT_BOUNDS = ((14, 4), (9, 3), (6, 2), (1, 1))


def quad_of(quad_class: Any, cameo: Any) -> int | None:
    """The quad class (1-4) of an event: its own, else its CAMEO root's, else None."""
    try:
        number = int(quad_class)
    except (TypeError, ValueError):
        number = 0
    if number in QUADS:
        return number
    code = str(cameo or "").strip()
    if len(code) < 2 or not code[:2].isdigit():
        return None
    root = int(code[:2])
    if not 1 <= root <= 20:
        return None
    return next(quad for bound, quad in _ROOT_BOUNDS if root >= bound)


def quad_legend(style: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``(name, colour)`` of the four classes, in order, from the ``[quad_colors]`` of the style."""
    colors = style["quad_colors"]
    return [(quad.name, colors[quad.key]) for quad in QUADS.values()]
