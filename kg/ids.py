"""Deterministic identifiers.

Every IRI `kg` mints is a pure function of a canonical key (never of input order
or randomness), so building the same articles twice gives the same graph.

>>> slug_key("Vladimir Putin")
'vladimir-putin'
>>> article_iri("wikinews:2019:000")
'https://w3id.org/conflict-kg/id/article/wikinews-2019-000-ef51e6b5'
>>> entity_iri("person", "Vladimir Putin")
'https://w3id.org/conflict-kg/id/person/vladimir-putin'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

__all__ = [
    "ENTITY_GRAPH",
    "ID_BASE",
    "ONTOLOGY_BASE",
    "article_iri",
    "entity_iri",
    "mention_iri",
    "minted_iri",
    "name_iri",
    "slug_key",
]

ONTOLOGY_BASE = "https://w3id.org/conflict-kg/ontology#"
ID_BASE = "https://w3id.org/conflict-kg/id/"
#: The named graph that describes each actor, place and conflict once (see
#: :mod:`kg.mapping.layout`); article graphs hold what is their own.
ENTITY_GRAPH = ID_BASE + "graph/entities"

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def _ascii_slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_SLUG.sub("-", folded.lower()).strip("-")


# The same keys (countries, governments, well-known actors) come back in article after
# article; the slug is a pure function of the key, so it is made once per key.
@lru_cache(maxsize=8192)
def slug_key(text: str) -> str:
    """Turn a key into a readable IRI segment, deterministically.

    Keys are compared without case, and runs of spaces count as one hyphen, so
    "Vladimir Putin" and "vladimir putin" are one key. When the slug loses
    anything else (punctuation, non-ASCII letters), eight hex digits of the
    key's SHA-1 are appended so that different keys never collide.

    >>> slug_key("Vladimir Putin")
    'vladimir-putin'
    >>> slug_key("a:b") != slug_key("a/b")
    True
    """
    slug = _ascii_slug(text)[:80] or "x"
    plain = re.sub(r"\s+", "-", text.strip().lower())
    if slug == plain:
        return slug
    digest = hashlib.sha1(plain.encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}"


def minted_iri(*segments: str) -> str:
    """Join already-safe path segments under :data:`ID_BASE`."""
    return ID_BASE + "/".join(segments)


def article_iri(article_id: str) -> str:
    """IRI of an article, from its identity (source id, URL or content hash)."""
    return minted_iri("article", slug_key(article_id))


def entity_iri(kind: str, key: str) -> str:
    """IRI of an entity of ``kind`` (country, person, org, place, ...) from its key."""
    return minted_iri(kind, slug_key(key))


_PARTICLES = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "de", "del", "da", "du", "la", "le", "al", "el", "bin", "ibn", "van", "von", "der", "y"})


def _plainly_cased(name: str) -> bool:
    """Whether every word is Capitalised (or a lowercase particle such as "of", "al")."""
    for word in re.split(r"[\s-]+", name):
        letters = [c for c in word if c.isalpha()]
        if not letters or word.lower() in _PARTICLES:
            continue
        if not (letters[0].isupper() and all(c.islower() for c in letters[1:])):
            return False
    return True


@lru_cache(maxsize=8192)
def name_iri(kind: str, name: str) -> str:
    """IRI of an entity known only by the name the text gives it.

    Its label is that name, so the IRI must tell apart names that differ only
    in case ("MAX" and "Max", "senate" and "Senate"): names in plain
    capitalisation get a clean slug, any other casing a hash of the exact name.

    >>> name_iri("person", "Dmitry Peskov")
    'https://w3id.org/conflict-kg/id/person/dmitry-peskov'
    >>> name_iri("org", "MAX") != name_iri("org", "Max")
    True
    """
    if _plainly_cased(name):
        return entity_iri(kind, name)
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    return minted_iri(kind, f"{_ascii_slug(name)[:80] or 'x'}-{digest}")


def mention_iri(article_id: str, start: int, end: int) -> str:
    """IRI of the mention at ``[start, end)`` of an article."""
    return minted_iri("mention", slug_key(article_id), f"{start}-{end}")
