"""Event candidates from the parse: roles, claims, polarity, modality, time, conflicts."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kg.candidates import doc_to_candidates, doc_to_conflicts
from kg.config import Config
from kg.errors import ExtractionError
from kg.events import load_triggers
from kg.model import Article, EventCandidate

PUBLISHED = date(2020, 12, 2)


@pytest.fixture(scope="module")
def nlp() -> Any:
    from kg.pipeline import load_components

    return load_components(Config()).nlp


def candidates(nlp: Any, text: str) -> tuple[EventCandidate, ...]:
    article = Article(id="t", text=text, published=PUBLISHED)
    return doc_to_candidates(nlp(text), article=article, triggers=load_triggers())


def only(nlp: Any, text: str, trigger: str) -> EventCandidate:
    found = [c for c in candidates(nlp, text) if c.text == trigger]
    assert len(found) == 1, [(c.text, c.code) for c in candidates(nlp, text)]
    return found[0]


def heads(spans: tuple[Any, ...], text: str) -> list[str]:
    return [text[s.head[0]:s.head[1]] for s in spans]


@pytest.mark.parametrize(("text", "trigger", "agents", "targets"), [
    # active voice: subject and object
    ("Armenia attacked Azerbaijan on Monday.", "attacked", ["Armenia"], ["Azerbaijan"]),
    # passive voice: "by" agent, subject is the target
    ("The village was shelled by the Azerbaijani army.", "shelled", ["army"], ["village"]),
    # "calls on X to": X is the target
    ("The United Nations called on Armenia to stop the fighting.", "called on", ["Nations"], ["Armenia"]),
    # "accused X of": X is the target
    ("Baku accused Yerevan of shelling civilians.", "accused", ["Baku"], ["Yerevan"]),
    # coordinated agents, one by one
    ("Russia, France and Germany condemned the attack.", "condemned", ["Russia", "France", "Germany"], ["attack"]),
    # title and name: the name heads the phrase
    ("Russian President Vladimir Putin praised Armenia.", "praised", ["Putin"], ["Armenia"]),
    # nominal trigger with a "by" agent
    ("Observers recorded ceasefire violations by the Armenian armed forces.", "ceasefire violations",
     ["forces"], []),
    # nominal trigger with a possessive agent
    ("Russia's mediation ended the war.", "mediation", ["Russia"], []),
    # nominal trigger with a "from" agent
    ("The ministry reported offensive actions from the Azerbaijani side.", "offensive actions", ["side"], []),
    # "with X" names the partner of a meeting
    ("Pashinyan met with Aliyev in Moscow.", "met", ["Pashinyan"], ["Aliyev"]),
    # light verb: its subject is the agent of the event noun, "on X" its target
    ("Azerbaijan launched an attack on Stepanakert.", "attack", ["Azerbaijan"], ["Stepanakert"]),
    # subject shared by coordinated predicates
    ("Putin is concerned and calls on the sides to cease fire.", "calls on", ["Putin"], ["sides"]),
])
def test_roles(nlp: Any, text: str, trigger: str, agents: list[str], targets: list[str]) -> None:
    candidate = only(nlp, text, trigger)
    assert heads(candidate.agents, text) == agents
    assert heads(candidate.targets, text) == targets


@pytest.mark.parametrize(("text", "trigger"), [
    ("Baku and Yerevan traded blame for the attack.", "traded blame"),
    ("The two governments blamed each other for the attack.", "blamed"),
])
def test_reciprocal(nlp: Any, text: str, trigger: str) -> None:
    candidate = only(nlp, text, trigger)
    assert candidate.reciprocal
    assert "other" not in heads(candidate.targets, text)


@pytest.mark.parametrize(("text", "trigger", "code", "absorbed"), [
    # the appeal's complement chooses its code and is not a ceasefire of its own
    ("Putin urged the sides to cease fire.", "urged", "0256", "cease fire"),
    ("Baku accused Yerevan of shelling the town.", "accused", "1123", "shelling"),
    ("Armenia threatened to strike the airport.", "threatened", "138", "strike"),
    ("Armenia denied shelling the town.", "denied", "016", "shelling"),
    ("Armenia refused to withdraw its troops.", "refused", "1246", "withdraw"),
    ("A ceasefire was signed in 1994.", "signed", "0871", "ceasefire"),
])
def test_code_from_complements_and_nesting(nlp: Any, text: str, trigger: str, code: str, absorbed: str) -> None:
    assert only(nlp, text, trigger).code == code
    assert absorbed not in [c.text for c in candidates(nlp, text)]


@pytest.mark.parametrize(("text", "code"), [
    ("Government troops retreated from the town on Sunday.", "0874"),
    # a retreat from a goal or a pledge is no military retreat
    ("The United States retreated from its goal of ousting the president.", None),
    ("Moscow retreated from its pledge to cut gas supplies.", None),
])
def test_a_trigger_is_no_event_with_the_complements_its_entry_excludes(nlp: Any, text: str, code: str | None) -> None:
    assert [c.code for c in candidates(nlp, text) if c.text == "retreated"] == ([code] if code else [])


def test_trigger_inside_a_name_is_no_trigger(nlp: Any) -> None:
    text = "The Shanghai Cooperation Organisation praised Kazakhstan."
    assert [c.text for c in candidates(nlp, text)] == ["praised"]


@pytest.mark.parametrize(("text", "trigger", "negated", "modality"), [
    ("Azerbaijan did not attack the village.", "attack", True, None),
    ("Azerbaijan never shelled the village.", "shelled", True, None),
    ("There was no shelling of the town by the army.", "shelling", True, None),
    ("Azerbaijan failed to withdraw its troops.", "withdraw", True, None),
    ("Azerbaijan may attack the village.", "attack", False, "possible"),
    ("Russia plans to send peacekeepers.", "send", False, "planned"),
    ("If Azerbaijan attacks the village, Armenia will respond.", "attacks", False, "hypothetical"),
    ("Azerbaijan attacked the village.", "attacked", False, None),
])
def test_polarity_and_modality(nlp: Any, text: str, trigger: str, negated: bool, modality: str | None) -> None:
    candidate = only(nlp, text, trigger)
    assert (candidate.negated, candidate.modality) == (negated, modality)


@pytest.mark.parametrize(("text", "trigger", "speaker", "cue", "agent"), [
    # a chain: the appeal is Putin's act and Peskov's claim
    ("Peskov said that Putin urged the sides to cease fire.", "urged", "Peskov", "said", "Putin"),
    ("The ministry reported shelling by Armenian forces.", "shelling", "ministry", "reported", "forces"),
    ("According to the ministry, Armenian forces shelled the village.", "shelled", "ministry",
     "According to", "forces"),
    ('"Armenian forces shelled our positions," the ministry told reporters.', "shelled", "ministry", "told",
     "forces"),
])
def test_attribution(nlp: Any, text: str, trigger: str, speaker: str, cue: str, agent: str) -> None:
    candidate = only(nlp, text, trigger)
    assert heads(candidate.speakers, text) == [speaker]
    assert candidate.cue is not None and text[candidate.cue[0]:candidate.cue[1]] == cue
    assert heads(candidate.agents, text) == [agent]


def test_quote_keeps_the_quoted_text(nlp: Any) -> None:
    text = '"Armenian forces shelled our positions," the ministry told reporters.'
    candidate = only(nlp, text, "shelled")
    assert candidate.quote is not None
    assert text[candidate.quote[0]:candidate.quote[1]] == "Armenian forces shelled our positions,"


def test_unreported_event_has_no_speaker(nlp: Any) -> None:
    candidate = only(nlp, "Armenian forces shelled the village.", "shelled")
    assert candidate.speakers == () and candidate.cue is None


@pytest.mark.parametrize(("text", "trigger", "value"), [
    ("A ceasefire was signed in 1994.", "signed", "1994"),
    ("In September 2015, Azerbaijan attacked Armenia.", "attacked", "2015-09"),
    ("Armenia attacked Azerbaijan on Saturday.", "attacked", "2020-11-28"),
    # the year of the clause the trigger is in, not of another clause below it
    ("The region proclaimed its independence in 1991, prompting a war that lasted until a truce was signed "
     "in 1994.", "proclaimed", "1991"),
    ("The region proclaimed its independence in 1991, prompting a war that lasted until a truce was signed "
     "in 1994.", "signed", "1994"),
    # a time on the predicate above the trigger ("began ... after X announced")
    ("The conflict began in 1988, after the region announced its secession.", "announced", "1988"),
    ("Azerbaijan attacked Armenia.", "attacked", None),
])
def test_time(nlp: Any, text: str, trigger: str, value: str | None) -> None:
    assert only(nlp, text, trigger).time_value == value


def test_conflict_between_parties_with_start_year(nlp: Any) -> None:
    text = "The conflict between Armenia and Azerbaijan began in 1988."
    article = Article(id="t", text=text, published=PUBLISHED)
    (conflict,) = doc_to_conflicts(nlp(text), article=article)
    assert [p.text for p in conflict.parties] == ["Armenia", "Azerbaijan"]
    assert conflict.start_year == "1988"
    assert conflict.text == "The conflict between Armenia and Azerbaijan"


@pytest.mark.parametrize(("text", "region"), [
    ("Talks on the Nagorno-Karabakh conflict resumed.", "Nagorno-Karabakh"),
    ("The war in Syria goes on.", "Syria"),
])
def test_conflict_region(nlp: Any, text: str, region: str) -> None:
    article = Article(id="t", text=text, published=PUBLISHED)
    (conflict,) = doc_to_conflicts(nlp(text), article=article)
    assert [r.text for r in conflict.regions] == [region]


def test_a_bare_conflict_noun_names_no_conflict(nlp: Any) -> None:
    text = "The conflict goes on."
    assert doc_to_conflicts(nlp(text), article=Article(id="t", text=text)) == ()


def test_doc_of_other_text_is_refused(nlp: Any) -> None:
    with pytest.raises(ExtractionError, match="article 't'"):
        doc_to_candidates(nlp("Other text."), article=Article(id="t", text="Text."), triggers=load_triggers())


def test_reported_pronoun_subject_is_the_speaker(nlp: Any) -> None:
    text = "Azerbaijan said it would attack the village."
    candidate = only(nlp, text, "attack")
    assert heads(candidate.agents, text) == ["Azerbaijan"]
    assert candidate.modality == "hypothetical"


def test_reported_obligation_is_a_demand(nlp: Any) -> None:
    text = "The French president said that Iraq must be ready to negotiate."
    found = candidates(nlp, text)
    assert [(c.text, c.code) for c in found] == [("said", "100")]
    assert heads(found[0].agents, text) == ["president"] and heads(found[0].targets, text) == ["Iraq"]
