"""Fixtures for the picture tests: a small actor network of our own, as networkx and in a store."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from kg.ids import ID_BASE, article_iri
from kg.mapping import extraction_to_graph
from kg.model import Article, Entity, Event, EventArgument, Extraction, Mention
from kg.store import Store

ARM, AZE, RUS = ID_BASE + "country/arm", ID_BASE + "country/aze", ID_BASE + "country/rus"
PUTIN, OSCE = ID_BASE + "person/vladimir-putin", ID_BASE + "org/osce"
HOSTILE = "<script>alert(1)</script>"

# Two short articles written for these tests. The second quotes markup on purpose:
# the page must show it as text.
TEXTS = {
    "viz-test-1": (
        "Armenia accused Azerbaijan of shelling border villages on 1 October 2020."
        " Azerbaijan blamed Armenia for the attack."
        " Vladimir Putin met envoys from Armenia in Moscow on 9 October 2020."
    ),
    "viz-test-2": (
        f"A blogger posted {HOSTILE} while Azerbaijan threatened Armenia on 12 October 2020."
        " The OSCE offered aid to Armenia in November 2020."
    ),
}
ENTITIES = {
    ARM: Entity(ARM, "Armenia", "Country", country="ARM"),
    AZE: Entity(AZE, "Azerbaijan", "Country", country="AZE"),
    RUS: Entity(RUS, "Russia", "Country", country="RUS"),
    PUTIN: Entity(PUTIN, "Vladimir Putin", "Person", country="RUS", sector="GOV"),
    OSCE: Entity(OSCE, "OSCE", "InternationalOrganization", sector="IGO"),
}
# (article, n, type, cameo, goldstein, trigger, agent (iri, text, nth), target (iri, text, nth), date)
EVENTS = [
    ("viz-test-1", 1, "Accuse", "112", -2.0, "accused", (ARM, "Armenia", 0), (AZE, "Azerbaijan", 0), "2020-10-01"),
    ("viz-test-1", 2, "Accuse", "112", -2.0, "blamed", (AZE, "Azerbaijan", 1), (ARM, "Armenia", 1), "2020-10-01"),
    ("viz-test-1", 3, "Consult", "040", 1.0, "met", (PUTIN, "Vladimir Putin", 0), (ARM, "Armenia", 2), "2020-10-09"),
    ("viz-test-2", 1, "Threaten", "130", -4.4, "threatened", (AZE, "Azerbaijan", 0), (ARM, "Armenia", 0), "2020-10-12"),
    ("viz-test-2", 2, "Aid", "070", 7.0, "aid", (OSCE, "OSCE", 0), (ARM, "Armenia", 1), "2020-11"),
]


def _span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def _sentence(text: str, at: int) -> tuple[int, int]:
    start = text.rfind(". ", 0, at)
    start = 0 if start < 0 else start + 2
    end = text.find(".", at)
    return start, end + 1


def extractions() -> list[Extraction]:
    result = []
    for key, text in TEXTS.items():
        events, mentions, used = [], [], set()
        for source, n, kind, cameo, score, trigger, agent, target, day in EVENTS:
            if source != key:
                continue
            trigger_span = _span(text, trigger)
            sentence = _sentence(text, trigger_span[0])
            arguments = []
            for iri, name, nth in (agent, target):
                start, end = _span(text, name, nth)
                arguments.append(EventArgument(iri, start, end, name))
                mentions.append(Mention(start, end, name, ENTITIES[iri].type, sentence, entity=iri))
                used.add(iri)
            events.append(Event(
                iri=f"{ID_BASE}event/{key}/{n}", type=kind, cameo=cameo, goldstein=score,
                trigger=trigger_span, sentence=sentence, agents=(arguments[0],), targets=(arguments[1],),
                date=day, date_source="text", confidence=0.8,
            ))
        article = Article(id=key, text=text, title=f"Test article {key}", published=date(2020, 11, 30))
        entities = tuple(ENTITIES[iri] for iri in sorted(used))
        result.append(Extraction(article, tuple(mentions), entities, (), tuple(events)))
    return result


def evidence(key: str, trigger: str) -> str:
    text = TEXTS[key]
    start, end = _sentence(text, _span(text, trigger)[0])
    return text[start:end]


def network() -> nx.MultiDiGraph:
    """The fixture's actor network in the shape of ``kg.analytics.actor_network``."""
    G = nx.MultiDiGraph()
    for iri, entity in ENTITIES.items():
        G.add_node(iri, label=entity.label, type=entity.type, country=entity.country, sector=entity.sector)
    for key, n, kind, cameo, score, trigger, agent, target, day in EVENTS:
        G.add_edge(
            agent[0], target[0], event=f"{ID_BASE}event/{key}/{n}", type=kind.upper(), cameo=cameo,
            goldstein=score, quad_class=None, date=day, article=article_iri(key), claimed=False,
            claimed_by=(), negated=False, evidence=evidence(key, trigger),
        )
    return G


@pytest.fixture
def G() -> nx.MultiDiGraph:
    return network()


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.open(None) as opened:
        opened.replace_articles(
            (article_iri(extraction.article.id), extraction_to_graph(extraction)) for extraction in extractions()
        )
        yield opened


@pytest.fixture
def chain() -> nx.MultiDiGraph:
    """A star of 40 actors around a hub, for the node cap."""
    G = nx.MultiDiGraph()
    G.add_node("hub", label="Hub", type="Country")
    for i in range(40):
        G.add_node(f"leaf{i}", label=f"Leaf {i}", type="Person")
        G.add_edge(f"leaf{i}", "hub", event=f"e{i}", type="CONSULT", goldstein=1.0, date="2020-01-01")
    return G


def artifacts(tmp_path: Path) -> Path:
    folder = tmp_path / "artifacts"
    folder.mkdir(exist_ok=True)
    return folder
