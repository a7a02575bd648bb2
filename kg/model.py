"""The data model that flows between the stages.

Plain frozen dataclasses, free of spaCy and rdflib objects, so that every stage
can be tested on its own and results can cross process boundaries (workers,
a cluster) as they are.

>>> a = Article(id="demo-1", text="Baku accused Yerevan.")
>>> a.key
'demo-1'
>>> len(a.content_hash)
64
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime

from kg.ids import slug_key

__all__ = [
    "Article",
    "Claim",
    "Entity",
    "Event",
    "EventArgument",
    "Extraction",
    "Mention",
    "Relation",
]


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Article:
    """One news article as read by ``ingest``.

    Parameters
    ----------
    id : str
        Identity of the article: the source's id or URL when given, else
        ``sha256:<content hash>``. Rebuilding the same id replaces its graph.
    text : str
        The article text as stored; every offset in the graph points into it.
    title, url, source : str, optional
        Metadata from the input.
    published : date or datetime, optional
        Publication date, from the input or found in a header or dateline.
    origin : str
        Where it was read from (``path`` or ``path:line``), for messages.
    """

    id: str
    text: str
    title: str | None = None
    published: date | datetime | None = None
    url: str | None = None
    source: str | None = None
    origin: str = ""
    content_hash: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.content_hash:
            object.__setattr__(self, "content_hash", _sha256(self.text))

    @property
    def key(self) -> str:
        """The article's slug, used in its IRI (stable for a given ``id``)."""
        return slug_key(self.id)


@dataclass(frozen=True)
class Mention:
    """A stretch of an article's text that names an entity.

    Produced by ``convert`` from the spaCy ``Doc``; ``resolve`` fills ``entity``.

    Parameters
    ----------
    start, end : int
        Character offsets into ``Article.text`` (end exclusive).
    text : str
        Exactly ``article.text[start:end]``.
    type : str
        Local name of the ontology class it names: ``Person``, ``Organization``,
        ``Country``, ``Location``, ``City``, ``Region``, ``GovernmentBody``,
        ``ArmedGroup``, ``MilitaryForce``, ``InternationalOrganization``, ``Media``,
        ``Nationality`` (a demonym, resolved to its country).
    sentence : tuple of int
        Offsets of the sentence holding the mention.
    lexicon_id : str, optional
        Id of the gazetteer entry that matched, when a lexicon named it.
    metonym : bool
        True when a place name stands for its government ("Baku said").
    role : str, optional
        A title or function the text gives it ("President", "spokesman").
    affiliation : tuple of int, optional
        Span ``(start, end)`` of another mention it belongs to ("*Kremlin*
        spokesman Dmitry Peskov", "*Russian* President").
    country : str, optional
        ISO 3166-1 alpha-3 code the text attaches to it ("the *Armenian*
        armed forces").
    entity : str, optional
        IRI of the resolved entity.
    """

    start: int
    end: int
    text: str
    type: str
    sentence: tuple[int, int] = (0, 0)
    lexicon_id: str | None = None
    metonym: bool = False
    role: str | None = None
    affiliation: tuple[int, int] | None = None
    country: str | None = None
    entity: str | None = None


@dataclass(frozen=True)
class Entity:
    """A real-world entity, merged from its mentions (one IRI per entity).

    Parameters
    ----------
    iri : str
        Deterministic IRI minted from the canonical key (see :mod:`kg.ids`).
    label : str
        The one canonical name.
    type : str
        Local name of its ontology class.
    aliases : tuple of str
        Every other surface form seen, sorted.
    country : str, optional
        ISO 3166-1 alpha-3 code of the country it is or belongs to.
    sector : str, optional
        CAMEO-style sector: GOV, MIL, REB, OPP, MED, IGO, ...
    roles : tuple of str
        Titles and functions given in the text ("President").
    links : tuple of str
        Authority IRIs (GeoNames, ...) for ``owl:sameAs``.
    """

    iri: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    sector: str | None = None
    roles: tuple[str, ...] = ()
    links: tuple[str, ...] = ()


@dataclass(frozen=True)
class Relation:
    """A relation the text (or the gazetteer) states between two entities.

    ``predicate`` is the local name of a ``ckg:`` property: ``affiliatedWith``,
    ``partOf`` or ``locatedIn``.
    """

    subject: str
    predicate: str
    object: str


@dataclass(frozen=True)
class EventArgument:
    """An actor or place filling a role of an event, with its text offsets."""

    entity: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Event:
    """Who did what to whom, when and where, with its evidence.

    Filled by the ``events`` stage; the fields mirror the ontology's event
    properties.
    """

    iri: str
    type: str
    cameo: str
    goldstein: float
    trigger: tuple[int, int]
    sentence: tuple[int, int]
    agents: tuple[EventArgument, ...] = ()
    targets: tuple[EventArgument, ...] = ()
    location: EventArgument | None = None
    date: str | None = None
    date_source: str = "publication"
    claimed_by: tuple[str, ...] = ()
    negated: bool = False
    modality: str | None = None
    confidence: float = 0.5
    conflict: str | None = None


@dataclass(frozen=True)
class Claim:
    """A statement attributed to a speaker: the speaker claims the event(s)."""

    iri: str
    speaker: str
    events: tuple[str, ...]
    sentence: tuple[int, int]
    cue: tuple[int, int]
    quote: str | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article, ready for ``mapping``."""

    article: Article
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
