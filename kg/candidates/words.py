"""The word lists the role finder reads, from ``data/roles.toml``.

>>> words = role_words()
>>> "say" in words.reporting_verbs, words.modal_aux["may"]
(True, 'possible')
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from kg.errors import LexiconError
from kg.resources import package_data

__all__ = ["RoleWords", "read_role_words", "role_words"]


@dataclass(frozen=True)
class RoleWords:
    """Lemma lists for roles, attribution, polarity, modality and conflicts.

    Each field mirrors a key of ``kg/candidates/data/roles.toml``, where they
    are described.
    """

    reporting_verbs: frozenset[str]
    content_deps: frozenset[str]
    support_verbs: frozenset[str]
    target_preps: frozenset[str]
    with_roots: frozenset[str]
    agent_preps: frozenset[str]
    of_agent_roots: frozenset[str]
    of_target_roots: frozenset[str]
    location_preps: frozenset[str]
    quantity_nouns: frozenset[str]
    member_nouns: frozenset[str]
    member_preps: frozenset[str]
    origin_nouns: frozenset[str]
    stative_participles: frozenset[str]
    reciprocal_objects: frozenset[tuple[str, ...]]
    reciprocal_verbs: frozenset[str]
    joint_codes: frozenset[str]
    reaction_roots: frozenset[str]
    message_nouns: frozenset[str]
    receiving_verbs: frozenset[str]
    receiving_roots: frozenset[str]
    destination_codes: frozenset[str]
    destination_preps: frozenset[str]
    adjunct_roots: frozenset[str]
    adjunct_preps: frozenset[str]
    request_roots: frozenset[str]
    request_preps: frozenset[str]
    content_target_codes: frozenset[str]
    indirect_skip_preps: frozenset[str]
    speech_roots: frozenset[str]
    speaker_pronouns: frozenset[str]
    obligation_modals: frozenset[str]
    obligation_code: str
    negative_determiners: frozenset[str]
    negating_governors: frozenset[str]
    modal_aux: Mapping[str, str]
    modal_governors: Mapping[str, str]
    modal_marks: Mapping[str, str]
    conflict_nouns: frozenset[str]
    start_verbs: frozenset[str]
    region_preps: frozenset[str]


def _words(table: Mapping[str, Any], section: str, key: str, path: Path) -> frozenset[str]:
    value = table.get(section, {}).get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LexiconError(f"{path}: [{section}] {key} must be a list of words; fix the file")
    return frozenset(v.lower() for v in value)


def _mapping(table: Mapping[str, Any], key: str, path: Path) -> Mapping[str, str]:
    value = table.get("modality", {}).get(key)
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise LexiconError(f"{path}: [modality.{key}] must map words to modality names; fix the file")
    return MappingProxyType({k.lower(): v for k, v in value.items()})


def read_role_words(path: Path) -> RoleWords:
    """Read a role-word file (the layout of ``kg/candidates/data/roles.toml``).

    Raises
    ------
    LexiconError
        If the file cannot be read or a list is missing or malformed.
    """
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise LexiconError(f"{path}: cannot read the role words ({e}); check the file") from e
    return RoleWords(
        reporting_verbs=_words(table, "reporting", "verbs", path),
        content_deps=_words(table, "reporting", "content_deps", path),
        support_verbs=_words(table, "roles", "support_verbs", path),
        target_preps=_words(table, "roles", "target_preps", path),
        with_roots=_words(table, "roles", "with_roots", path),
        agent_preps=_words(table, "roles", "agent_preps", path),
        of_agent_roots=_words(table, "roles", "of_agent_roots", path),
        of_target_roots=_words(table, "roles", "of_target_roots", path),
        location_preps=_words(table, "roles", "location_preps", path),
        quantity_nouns=_words(table, "roles", "quantity_nouns", path),
        member_nouns=_words(table, "roles", "member_nouns", path),
        member_preps=_words(table, "roles", "member_preps", path),
        origin_nouns=_words(table, "roles", "origin_nouns", path),
        stative_participles=_words(table, "roles", "stative_participles", path),
        reciprocal_objects=frozenset(tuple(w.split()) for w in _words(table, "roles", "reciprocal_objects", path)),
        reciprocal_verbs=_words(table, "roles", "reciprocal_verbs", path),
        joint_codes=_words(table, "roles", "joint_codes", path),
        reaction_roots=_words(table, "roles", "reaction_roots", path),
        message_nouns=_words(table, "roles", "message_nouns", path),
        receiving_verbs=_words(table, "roles", "receiving_verbs", path),
        receiving_roots=_words(table, "roles", "receiving_roots", path),
        destination_codes=_words(table, "roles", "destination_codes", path),
        destination_preps=_words(table, "roles", "destination_preps", path),
        adjunct_roots=_words(table, "roles", "adjunct_roots", path),
        adjunct_preps=_words(table, "roles", "adjunct_preps", path),
        request_roots=_words(table, "roles", "request_roots", path),
        request_preps=_words(table, "roles", "request_preps", path),
        content_target_codes=_words(table, "roles", "content_target_codes", path),
        indirect_skip_preps=_words(table, "roles", "indirect_skip_preps", path),
        speech_roots=_words(table, "nesting", "speech_roots", path),
        speaker_pronouns=_words(table, "pronouns", "speaker_pronouns", path),
        obligation_modals=_words(table, "obligation", "modals", path),
        obligation_code=str(table.get("obligation", {}).get("code", "")),
        negative_determiners=_words(table, "polarity", "negative_determiners", path),
        negating_governors=_words(table, "polarity", "negating_governors", path),
        modal_aux=_mapping(table, "aux", path),
        modal_governors=_mapping(table, "governors", path),
        modal_marks=_mapping(table, "marks", path),
        conflict_nouns=_words(table, "conflict", "nouns", path),
        start_verbs=_words(table, "conflict", "start_verbs", path),
        region_preps=_words(table, "conflict", "region_preps", path),
    )


@lru_cache(maxsize=1)
def role_words() -> RoleWords:
    """The role words kg ships (read once, then cached)."""
    return read_role_words(package_data("candidates", "data", "roles.toml"))
