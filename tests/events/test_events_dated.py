"""People take the office their events' dates give them (kg.events.dated).

Sentences written for these tests; the offices are facts of the leaders dictionary.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kg.config import Config
from kg.model import Article
from kg.pipeline import extract_doc

PUBLISHED = date(2020, 6, 1)


def people(pipeline: Any, text: str) -> dict[str, tuple[str | None, str | None, tuple[str, ...]]]:
    article = Article(id="t", text=text, published=PUBLISHED)
    extraction = extract_doc(pipeline.nlp(text), article, components=pipeline, config=Config())
    return {e.label: (e.country, e.sector, e.roles) for e in extraction.entities if e.type == "Person"}


@pytest.mark.parametrize(("text", "name", "expected"), [
    # the event is dated in the text: the office held then
    ("On 5 May 2010, Putin met Yanukovych in Moscow.", "Viktor Yanukovych", ("UKR", "GOV", ("President",))),
    ("On 5 May 2010, Putin met Yanukovych in Moscow.", "Vladimir Putin", ("RUS", "GOV", ("Prime Minister",))),
    ("In 2010, Putin signed a treaty with Ukraine.", "Vladimir Putin", ("RUS", "GOV", ("Prime Minister",))),
    # no date in the text: the publication date's office
    ("Yanukovych met Putin in Moscow.", "Viktor Yanukovych", ("UKR", "ELI", ("former President",))),
    ("Yanukovych met Putin in Moscow.", "Vladimir Putin", ("RUS", "GOV", ("President",))),
])
def test_an_event_date_picks_the_office(pipeline: Any, text: str, name: str,
                                        expected: tuple[str, str, tuple[str, ...]]) -> None:
    assert people(pipeline, text)[name] == expected


def test_events_on_both_sides_of_a_change_keep_the_publication_date(pipeline: Any) -> None:
    text = "On 5 May 2010, Putin met Yanukovych in Moscow. On 3 March 2019, Putin met Yanukovych again."
    assert people(pipeline, text)["Viktor Yanukovych"][:2] == ("UKR", "ELI")
