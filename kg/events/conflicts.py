"""Conflicts an article names, merged from the phrases that name them.

"The Nagorno-Karabakh conflict" gives a region, "the conflict between Armenia
and Azerbaijan" its parties and "the conflict began in 1988" its start year.
Phrases of one article that do not contradict each other (no two different
regions) are taken to name one conflict; its IRI comes from its region, else
from its parties, so other articles about it get the same IRI.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.events.arguments import EntityIndex
from kg.ids import minted_iri, slug_key
from kg.model import Conflict, ConflictCandidate

__all__ = ["build_conflicts", "conflict_for"]


@dataclass
class _Group:
    # mutable only while this module merges the phrases
    region: str | None = None
    parties: set[str] = field(default_factory=set)
    years: set[str] = field(default_factory=set)
    spans: list[tuple[int, int]] = field(default_factory=list)


def _label(index: EntityIndex, iri: str) -> str:
    entity = index.entity(iri)
    return entity.label if entity is not None else iri.rsplit("/", 1)[-1]


def _conflict(group: _Group, index: EntityIndex) -> Conflict | None:
    parties = tuple(sorted(group.parties))
    if group.region is not None:
        name = _label(index, group.region)
        label = f"{name} conflict"
    elif len(parties) >= 2:
        names = sorted(_label(index, p) for p in parties)
        name = "-".join(names)
        label = f"conflict between {', '.join(names[:-1])} and {names[-1]}"
    else:
        return None
    return Conflict(
        iri=minted_iri("conflict", slug_key(name)),
        label=label,
        parties=parties,
        region=group.region,
        start_year=min(group.years) if group.years else None,
        spans=tuple(sorted(group.spans)),
    )


def build_conflicts(candidates: tuple[ConflictCandidate, ...], index: EntityIndex) -> tuple[Conflict, ...]:
    """The conflicts named by ``candidates``, resolved against the article's entities.

    A conflict needs a region or at least two parties; phrases with neither
    (only "the conflict began in 1988") join a conflict named elsewhere in
    the article.
    """
    groups: list[_Group] = []
    for candidate in candidates:
        regions = [m.entity for m in map(index.resolve, candidate.regions) if m is not None and m.entity]
        parties = {m.entity for m in map(index.resolve, candidate.parties) if m is not None and m.entity}
        region = regions[0] if regions else None
        group = next((g for g in groups if region is None or g.region in (None, region)), None)
        if group is None:
            group = _Group()
            groups.append(group)
        group.region = group.region or region
        group.parties |= parties
        if candidate.start_year:
            group.years.add(candidate.start_year)
        group.spans.append(candidate.span)
    conflicts = {c.iri: c for c in (_conflict(g, index) for g in groups) if c is not None}
    return tuple(conflicts[iri] for iri in sorted(conflicts))


def conflict_for(conflicts: tuple[Conflict, ...], sentence: tuple[int, int]) -> Conflict | None:
    """The conflict a sentence is about: the one it names, else the article's only one."""
    named = [c for c in conflicts if any(sentence[0] <= s < sentence[1] for s, _ in c.spans)]
    if len(named) == 1:
        return named[0]
    return conflicts[0] if len(conflicts) == 1 else None
