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
    "ArgumentSpan",
    "Claim",
    "Conflict",
    "ConflictCandidate",
    "Entity",
    "Event",
    "EventArgument",
    "EventCandidate",
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
    publisher : str, optional
        Who published it (``dcterms:publisher``): a name of it in the text is the
        publisher speaking of itself, not an actor of the story.
    skipped : tuple of (int, int)
        Character ranges of ``text`` that are no English prose (interview and
        markup markers, passages in another language); the language model reads
        :attr:`parsed_text`, where they are blanked.
    """

    id: str
    text: str
    title: str | None = None
    published: date | datetime | None = None
    url: str | None = None
    source: str | None = None
    origin: str = ""
    content_hash: str = field(default="", compare=False)
    publisher: str | None = None
    skipped: tuple[tuple[int, int], ...] = ()

    def __post_init__(self) -> None:
        if not self.content_hash:
            object.__setattr__(self, "content_hash", _sha256(self.text))

    @property
    def key(self) -> str:
        """The article's slug, used in its IRI (stable for a given ``id``)."""
        return slug_key(self.id)

    @property
    def parsed_text(self) -> str:
        """``text`` with the ``skipped`` ranges blanked (line breaks kept): what the model reads.

        Offsets are those of ``text``, which it equals outside the skipped ranges.

        >>> Article(id="a", text="((WN)) Why?", skipped=((0, 6),)).parsed_text
        '       Why?'
        """
        if not self.skipped:
            return self.text
        parts, last = [], 0
        for start, end in self.skipped:
            start = max(start, last)
            parts += [self.text[last:start], "".join(c if c == "\n" else " " for c in self.text[start:end])]
            last = max(last, end)
        return "".join([*parts, self.text[last:]])


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
    properties, except ``mode`` (the PLOVER mode, "aerial", "phone"), which
    only ``kg extract`` prints.
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
    mode: str | None = None


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
class Conflict:
    """A named conflict ("the Nagorno-Karabakh conflict") with its parties.

    Parameters
    ----------
    iri : str
        Minted from the region, else from the parties (stable across articles).
    label : str
        "Nagorno-Karabakh conflict", or "conflict between Armenia and Azerbaijan".
    parties : tuple of str
        IRIs of the parties the text names, sorted.
    region : str, optional
        IRI of the place it is fought over or in.
    start_year : str, optional
        Year it began ("1988"), when the text says so.
    spans : tuple of (int, int)
        Offsets of the phrases that name it.
    """

    iri: str
    label: str
    parties: tuple[str, ...] = ()
    region: str | None = None
    start_year: str | None = None
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class ArgumentSpan:
    """A phrase filling a role of an event candidate, before it is resolved.

    Parameters
    ----------
    start, end : int
        Character offsets of the phrase (head with its modifiers).
    text : str
        The phrase.
    head : tuple of int
        Character offsets of its head word.
    lemma : str
        Lemma of the head word, lower case ("side" in "the sides").
    appositive : tuple of int, optional
        Offsets of the head of an apposition to it ("MOSCOW (Sputnik) --
        *Russian President Vladimir Putin*"), another name for the same filler.
    """

    start: int
    end: int
    text: str
    head: tuple[int, int]
    lemma: str
    appositive: tuple[int, int] | None = None


@dataclass(frozen=True)
class EventCandidate:
    """A trigger with the phrases the dependency parse gives for its roles.

    Produced by :func:`kg.candidates.doc_to_candidates` (the only place that
    reads the parse); the ``events`` stage resolves the phrases to entities
    and codes the event.

    Parameters
    ----------
    trigger : tuple of int
        Character offsets of the trigger (first to last word of the pattern).
    text : str
        The trigger's text.
    lemmas : tuple of str
        The lexicon pattern that matched ("call", "on").
    pos : str
        Part of speech of the lexicon entry: ``VERB``, ``NOUN`` or ``ADJ``.
    code : str
        The CAMEO code the lexicon gives for the trigger with its complements.
    sentence : tuple of int
        Character offsets of the sentence.
    generic : bool
        True when the code is the pattern's default (no complement made it specific).
    complements : tuple of str
        Lemmas of the words the trigger governs, its subject aside.
    agents, targets, locations : tuple of ArgumentSpan
        Phrases for each role (coordinated phrases are listed one by one).
    reciprocal : bool
        The agents act on each other ("traded blame", "blamed each other").
    negated : bool
        A negation governs the trigger ("did not attack", "no shelling").
    modality : str, optional
        ``possible``, ``hypothetical``, ``planned``, ``threat``, ... when the
        event is not asserted as having happened.
    speakers : tuple of ArgumentSpan
        Who reports the event, when it lies in reported speech or a quote.
    cue : tuple of int, optional
        Offsets of the reporting word ("said", "according to").
    quote : tuple of int, optional
        Offsets of the quoted text holding the trigger, without the quote marks.
    time : tuple of int, optional
        Offsets of the time expression attached to the trigger.
    time_value, time_granularity : str, optional
        Its ISO value and granularity (see :class:`kg.events.TimeValue`).
    indirect_targets : tuple of ArgumentSpan
        Nouns inside the trigger's complements, nearest first ("criticized the
        closure of guest houses *in Bree*"): the target when ``targets`` name
        no actor.
    plover : str
        The PLOVER type the lexicon entry gives (it wins over the type of the
        code's root); empty to take the code's.
    mode : str
        The PLOVER mode the lexicon entry gives, if any.
    """

    trigger: tuple[int, int]
    text: str
    lemmas: tuple[str, ...]
    pos: str
    code: str
    sentence: tuple[int, int]
    generic: bool = False
    complements: tuple[str, ...] = ()
    agents: tuple[ArgumentSpan, ...] = ()
    targets: tuple[ArgumentSpan, ...] = ()
    locations: tuple[ArgumentSpan, ...] = ()
    reciprocal: bool = False
    negated: bool = False
    modality: str | None = None
    speakers: tuple[ArgumentSpan, ...] = ()
    cue: tuple[int, int] | None = None
    quote: tuple[int, int] | None = None
    time: tuple[int, int] | None = None
    time_value: str | None = None
    time_granularity: str | None = None
    indirect_targets: tuple[ArgumentSpan, ...] = ()
    plover: str = ""
    mode: str = ""


@dataclass(frozen=True)
class ConflictCandidate:
    """A phrase naming a conflict, with the phrases for its parties and region.

    ``start_year`` is the year the text says it began ("began in 1988").
    """

    span: tuple[int, int]
    text: str
    sentence: tuple[int, int]
    parties: tuple[ArgumentSpan, ...] = ()
    regions: tuple[ArgumentSpan, ...] = ()
    start_year: str | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article, ready for ``mapping``."""

    article: Article
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
