"""A tiny made-up world for the analytics tests: five actors, five articles, twelve events.

Actors: Avaria (A) and Borland (B), two countries at war; the Delta Brigade
(D), an armed group of Borland; the Harbour Council (H), a mediator; Eskor
(E), a country that only talks to the Council. All names are invented.

Events (agent -> target, CAMEO code, Goldstein, date)::

    w5/1  D -> A     040  +1.0  2020-06-02   talks
    w1/1  A -> B     041  +1.0  2020-08-15   phone call
    w2/1  A -> B     190 -10.0  2020-09-27   shelling
    w2/2  B -> A     190 -10.0  2020-09-27   fire, claimed by Avaria
    w2/3  B -> D     072  +8.3  2020-09      weapons
    w3/1  A -> B     112  -2.0  2020-10-05   accusation
    w3/2  H -> A, B  045  +5.0  2020-10-10   mediation (two edges)
    w3/3  E -> H     042  +1.9  (article: 2020-10-11)  visit
    w3/4  A -> E     190 -10.0  (article)    NEGATED: "Avaria denied attacking Eskor"
    w4/1  D -> A     18   -9.0  2020-11-19   attack
    w4/2  E -> H     040  +1.0  2019         consultations
    w4/3  H          010   0.0  (article: 2020-11-20)  statement, no target

The tests derive every expected number from this table by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kg.ids import ID_BASE, entity_iri
from kg.model import Article, Claim, Entity, Event, EventArgument, Extraction, Mention

A = entity_iri("country", "avr")
B = entity_iri("country", "bor")
E = entity_iri("country", "esk")
D = entity_iri("org", "Delta Brigade")
H = entity_iri("org", "Harbour Council")
PORT = entity_iri("place", "Port Sela")

ENTITIES = {
    A: Entity(A, "Avaria", "Country", aliases=("Avarian",), country="AVR"),
    B: Entity(B, "Borland", "Country", country="BOR"),
    E: Entity(E, "Eskor", "Country", country="ESK"),
    D: Entity(D, "Delta Brigade", "ArmedGroup", country="BOR", sector="REB"),
    H: Entity(H, "Harbour Council", "InternationalOrganization", sector="IGO"),
    PORT: Entity(PORT, "Port Sela", "City"),
}


@dataclass(frozen=True)
class Spec:
    """One event of the table above: sentence number, trigger and arguments by surface form."""

    sentence: int
    trigger: str
    type: str
    cameo: str
    goldstein: float
    agents: tuple[tuple[str, str], ...]
    targets: tuple[tuple[str, str], ...] = ()
    date: str | None = None
    claimed_by: tuple[str, ...] = ()
    negated: bool = False


ARTICLES: dict[str, tuple[date, tuple[str, ...], tuple[Spec, ...], tuple[tuple[int, str, str], ...]]] = {
    # key: (published, sentences, events, extra mentions (sentence, surface, entity))
    "w5": (date(2020, 6, 3), (
        "Delta Brigade envoys held talks with Avaria on 2 June.",
    ), (
        Spec(0, "talks", "CONSULT", "040", 1.0, (("Delta Brigade", D),), (("Avaria", A),), "2020-06-02"),
    ), ()),
    "w1": (date(2020, 8, 16), (
        "Avaria phoned Borland about the border on 15 August.",
    ), (
        Spec(0, "phoned", "CONSULT", "041", 1.0, (("Avaria", A),), (("Borland", B),), "2020-08-15"),
    ), ()),
    "w2": (date(2020, 9, 28), (
        "Avaria shelled Borland on 27 September.",
        "According to Avaria, Borland fired on Avarian villages first.",
        "In September Borland sent weapons to the Delta Brigade.",
    ), (
        Spec(0, "shelled", "FIGHT", "190", -10.0, (("Avaria", A),), (("Borland", B),), "2020-09-27"),
        Spec(1, "fired", "FIGHT", "190", -10.0, (("Borland", B),), (("Avarian", A),), "2020-09-27",
             claimed_by=(A,)),
        Spec(2, "sent", "AID", "072", 8.3, (("Borland", B),), (("Delta Brigade", D),), "2020-09"),
    ), ((1, "Avaria", A),)),
    "w3": (date(2020, 10, 11), (
        "Avaria accused Borland of new attacks on 5 October.",
        "The Harbour Council mediated between Avaria and Borland on 10 October.",
        "Eskor's foreign minister visited the Harbour Council.",
        "Avaria denied attacking Eskor.",
    ), (
        Spec(0, "accused", "Accuse", "112", -2.0, (("Avaria", A),), (("Borland", B),), "2020-10-05"),
        Spec(1, "mediated", "CONSULT", "045", 5.0, (("Harbour Council", H),),
             (("Avaria", A), ("Borland", B)), "2020-10-10"),
        Spec(2, "visited", "CONSULT", "042", 1.9, (("Eskor", E),), (("Harbour Council", H),)),
        Spec(3, "attacking", "FIGHT", "190", -10.0, (("Avaria", A),), (("Eskor", E),), negated=True),
    ), ()),
    "w4": (date(2020, 11, 20), (
        "Delta Brigade fighters attacked Avaria near Port Sela on 19 November.",
        "Eskor has consulted the Harbour Council since 2019.",
        "The Harbour Council called for calm.",
    ), (
        Spec(0, "attacked", "ASSAULT", "18", -9.0, (("Delta Brigade", D),), (("Avaria", A),), "2020-11-19"),
        Spec(1, "consulted", "CONSULT", "040", 1.0, (("Eskor", E),), (("Harbour Council", H),), "2019"),
        Spec(2, "called", "Statement", "010", 0.0, (("Harbour Council", H),)),
    ), ((0, "Port Sela", PORT),)),
}


def event_iri(key: str, n: int) -> str:
    return f"{ID_BASE}event/{key}/{n}"


def _extraction(key: str) -> Extraction:
    published, sentences, specs, extra = ARTICLES[key]
    text = " ".join(sentences)
    starts = [sum(len(s) + 1 for s in sentences[:i]) for i in range(len(sentences))]
    spans = [(start, start + len(s)) for start, s in zip(starts, sentences, strict=True)]

    def span(sentence: int, surface: str) -> tuple[int, int]:
        start = starts[sentence] + sentences[sentence].index(surface)
        return start, start + len(surface)

    def argument(sentence: int, surface: str, entity: str) -> EventArgument:
        return EventArgument(entity, *span(sentence, surface), surface)

    events: list[Event] = []
    used: set[str] = set()
    for n, spec in enumerate(specs, start=1):
        events.append(Event(
            iri=event_iri(key, n), type=spec.type, cameo=spec.cameo, goldstein=spec.goldstein,
            trigger=span(spec.sentence, spec.trigger), sentence=spans[spec.sentence],
            agents=tuple(argument(spec.sentence, s, e) for s, e in spec.agents),
            targets=tuple(argument(spec.sentence, s, e) for s, e in spec.targets),
            date=spec.date, date_source="text" if spec.date else "publication",
            claimed_by=spec.claimed_by, negated=spec.negated, confidence=0.8,
        ))
        used.update(e for _, e in spec.agents + spec.targets)
    mentions = tuple(
        Mention(*span(sentence, surface), surface, ENTITIES[entity].type, spans[sentence], entity=entity)
        for sentence, surface, entity in extra
    )
    used.update(e for _, _, e in extra)
    claims = tuple(
        Claim(iri=f"{ID_BASE}claim/{key}/{n}", speaker=event.claimed_by[0], events=(event.iri,),
              sentence=event.sentence, cue=(0, 0))
        for n, event in enumerate((e for e in events if e.claimed_by), start=1)
    )
    article = Article(id=key, text=text, title=f"Report {key}", published=published, source="Made-up Wire")
    return Extraction(article, mentions, tuple(ENTITIES[e] for e in sorted(used)), (), tuple(events), claims)


def world_extractions() -> list[Extraction]:
    """The five articles of the made-up world."""
    return [_extraction(key) for key in sorted(ARTICLES)]
