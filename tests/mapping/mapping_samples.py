"""Sample extractions for the mapping tests: a small article of our own, and Hypothesis strategies."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from kg.ids import ID_BASE, entity_iri
from kg.model import Article, Claim, Entity, Event, EventArgument, Extraction, Mention, Relation
from kg.namespace import PLOVER_TYPES

TEXT = (
    "Armenia accused Azerbaijan of shelling the village of Talish on 5 April 2021."
    " Defence ministry spokesman Kamal Ismayilov denied it."
)
FIRST, SECOND = (0, 77), (78, 131)
ARM, AZE = ID_BASE + "country/arm", ID_BASE + "country/aze"
TALISH, KAMAL = ID_BASE + "place/talish", ID_BASE + "person/kamal-ismayilov"
KEY = "demo-2021-04-06-001"


def span(text: str) -> tuple[int, int]:
    start = TEXT.index(text)
    return start, start + len(text)


def argument(entity: str, text: str) -> EventArgument:
    return EventArgument(entity, *span(text), text)


def sample_extraction() -> Extraction:
    article = Article(
        id=KEY,
        text=TEXT,
        title="Armenia accuses Azerbaijan of shelling",
        published=date(2021, 4, 6),
        url="https://news.example.org/2021/04/06/shelling",
        source="Example News",
    )
    mentions = (
        Mention(*span("Armenia"), "Armenia", "Country", FIRST, entity=ARM, metonym=True),
        Mention(*span("Azerbaijan"), "Azerbaijan", "Country", FIRST, entity=AZE),
        Mention(*span("Talish"), "Talish", "City", FIRST, entity=TALISH),
        Mention(*span("Kamal Ismayilov"), "Kamal Ismayilov", "Person", SECOND,
                role="spokesman", entity=KAMAL),
        Mention(*span("Defence ministry"), "Defence ministry", "GovernmentBody", SECOND),
    )
    entities = (
        Entity(ARM, "Armenia", "Country", country="ARM", links=("https://sws.geonames.org/174982/",)),
        Entity(AZE, "Azerbaijan", "Country", country="AZE", links=("https://sws.geonames.org/587116/",)),
        Entity(TALISH, "Talish", "City"),
        Entity(KAMAL, "Kamal Ismayilov", "Person", aliases=("Ismayilov", "Kamal Ismayilov"),
               country="AZE", sector="MIL", roles=("spokesman",)),
    )
    relations = (
        Relation(KAMAL, "affiliatedWith", AZE),
        Relation(TALISH, "locatedIn", AZE),
    )
    accuse = Event(
        iri=f"{ID_BASE}event/{KEY}/1", type="Accuse", cameo="112", goldstein=-2.0,
        trigger=span("accused"), sentence=FIRST,
        agents=(argument(ARM, "Armenia"),), targets=(argument(AZE, "Azerbaijan"),),
        date="2021-04-06", date_source="publication", confidence=0.9,
    )
    shelling = Event(
        iri=f"{ID_BASE}event/{KEY}/2", type="FIGHT", cameo="194", goldstein=-10.0,
        trigger=span("shelling"), sentence=FIRST,
        agents=(argument(AZE, "Azerbaijan"),), location=argument(TALISH, "Talish"),
        date="2021-04-05", date_source="text", claimed_by=(ARM,), confidence=0.65,
        conflict=ID_BASE + "conflict/nagorno-karabakh",
    )
    claim = Claim(
        iri=f"{ID_BASE}claim/{KEY}/1", speaker=ARM, events=(shelling.iri,),
        sentence=FIRST, cue=span("accused"),
    )
    return Extraction(article, mentions, entities, relations, (accuse, shelling), (claim,))


# Hypothesis strategies: any extraction the earlier stages may hand over.

# Surrogates cannot be written as UTF-8; everything else must survive.
TEXT_CHARS = st.characters(exclude_categories=["Cs"])
ENTITY_KINDS = {
    "Person": "person", "Organization": "org", "GovernmentBody": "org", "MilitaryForce": "org",
    "ArmedGroup": "org", "InternationalOrganization": "org", "Media": "org",
    "Country": "country", "Location": "place", "City": "place", "Region": "place",
}
ACTOR_TYPES = [t for t in ENTITY_KINDS if t not in ("Location", "City", "Region")]
PLACE_TYPES = ["Country", "Location", "City", "Region"]


@st.composite
def spans(draw: st.DrawFn, text: str) -> tuple[int, int]:
    start = draw(st.integers(0, len(text)))
    return start, draw(st.integers(start, len(text)))


@st.composite
def entities(draw: st.DrawFn, types: list[str]) -> Entity:
    kind_type = draw(st.sampled_from(types))
    label = draw(st.text(TEXT_CHARS, min_size=1, max_size=20))
    country = st.from_regex(r"[A-Z]{3}", fullmatch=True)
    return Entity(
        iri=entity_iri(ENTITY_KINDS[kind_type], label),
        label=label,
        type=kind_type,
        aliases=tuple(draw(st.lists(st.text(TEXT_CHARS, min_size=1, max_size=12), max_size=2))),
        country=draw(country if kind_type == "Country" else st.none() | country),
        sector=draw(st.none() | st.sampled_from(["GOV", "MIL", "REB", "MED", "IGO", "CVL"])),
        roles=tuple(draw(st.lists(st.text(TEXT_CHARS, min_size=1, max_size=12), max_size=2))),
        links=tuple(
            f"https://sws.geonames.org/{n}/" for n in draw(st.lists(st.integers(1, 10**7), max_size=2))
        ),
    )


EVENT_DATES = st.one_of(
    st.none(),
    st.integers(1900, 2100).map(str),
    st.dates().map(lambda d: d.isoformat()[:7]).filter(lambda s: s[0] != "0"),
    st.dates().map(lambda d: d.isoformat()).filter(lambda s: s[0] != "0"),
)


@st.composite
def extractions(draw: st.DrawFn) -> Extraction:
    """A consistent extraction: offsets index the text, IRIs are unique per entity."""
    text = draw(st.text(TEXT_CHARS, min_size=1, max_size=120))
    article = Article(
        id=draw(st.text(TEXT_CHARS, min_size=1, max_size=30)),
        text=text,
        title=draw(st.none() | st.text(TEXT_CHARS, max_size=30)),
        published=draw(st.none() | st.dates() | st.datetimes(timezones=st.none() | st.timezones())),
        url=draw(st.none() | st.from_regex(r"https://news\.example\.org/[a-z0-9/]{0,20}", fullmatch=True)),
        source=draw(st.none() | st.text(TEXT_CHARS, min_size=1, max_size=20)),
    )
    actors = {e.iri: e for e in draw(st.lists(entities(ACTOR_TYPES), min_size=1, max_size=4))}
    places = {e.iri: e for e in draw(st.lists(entities(PLACE_TYPES), max_size=2))}
    known = {**actors, **places}
    mentions = []
    for _ in range(draw(st.integers(0, 4))):
        start, end = draw(spans(text))
        sentence = draw(st.sampled_from([(0, 0), (0, len(text))]))
        mentions.append(Mention(start, end, text[start:end], "Person", sentence,
                                entity=draw(st.sampled_from(sorted(known)))))

    def argument(pool: dict[str, Entity]) -> EventArgument:
        start, end = draw(spans(text))
        return EventArgument(draw(st.sampled_from(sorted(pool))), start, end, text[start:end])

    events = []
    for n in range(draw(st.integers(0, 2))):
        events.append(Event(
            iri=f"{ID_BASE}event/{article.key}/{n}",
            type=draw(st.sampled_from([*PLOVER_TYPES, "Statement", "Accuse"])),
            cameo=draw(st.from_regex(r"[0-2][0-9]{1,3}", fullmatch=True)),
            goldstein=draw(st.floats(-10, 10)),
            trigger=draw(spans(text)),
            sentence=draw(spans(text)),
            agents=tuple(argument(actors) for _ in range(draw(st.integers(0, 2)))),
            targets=tuple(argument(actors) for _ in range(draw(st.integers(0, 1)))),
            location=argument(places) if len(places) > 0 and draw(st.booleans()) else None,
            date=draw(EVENT_DATES),
            date_source=draw(st.sampled_from(["text", "publication"])),
            claimed_by=tuple(draw(st.lists(st.sampled_from(sorted(actors)), max_size=1))),
            negated=draw(st.booleans()),
            modality=draw(st.none() | st.sampled_from(["threat", "possible", "intended"])),
            confidence=draw(st.floats(0, 1)),
        ))
    claims = []
    if len(events) > 0 and draw(st.booleans()):
        claims.append(Claim(
            iri=f"{ID_BASE}claim/{article.key}/0",
            speaker=draw(st.sampled_from(sorted(actors))),
            events=tuple(e.iri for e in events),
            sentence=draw(spans(text)),
            cue=draw(spans(text)),
            quote=draw(st.none() | st.text(TEXT_CHARS, max_size=30)),
        ))
    relations = []
    if len(actors) > 1:
        subject, obj = sorted(actors)[:2]
        relations.append(Relation(subject, "affiliatedWith", obj))
    return Extraction(article, tuple(mentions), tuple(known.values()), tuple(relations),
                      tuple(events), tuple(claims))
