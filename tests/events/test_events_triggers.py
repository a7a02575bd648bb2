"""The trigger lexicon: loading, matching, choosing the entry by its complements."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from kg.errors import LexiconError
from kg.events.cameo import EVENT_TYPES, cameo_to_plover
from kg.events.senses import Complements, load_classes, parse_condition
from kg.events.triggers import Trigger, TriggerLexicon, load_triggers

HEADER = "pattern\tpos\tcameo\tplover\tmode\trequires\n"


def _tagged(text: str) -> tuple[list[str], list[str]]:
    """Hand-tagged tokens written as ``lemma/TAG`` separated by spaces."""
    pairs = [token.rsplit("/", 1) for token in text.split()]
    return [lemma for lemma, _ in pairs], [tag for _, tag in pairs]


@pytest.mark.parametrize(
    ("tokens", "complements", "expected"),
    [
        ("Moscow/PROPN call/VERB on/ADP side/NOUN", {"side", "to", "cease", "fire"}, [("call on", "0256", "REQUEST")]),
        ("Moscow/PROPN call/NOUN on/ADP side/NOUN", {"side"}, [("call on", "020", "REQUEST")]),
        ("they/PRON call/VERB for/ADP talk/NOUN", {"talk"}, [("call for", "026", "REQUEST"), ("talk", "040", "CONSULT")]),
        ("Baku/PROPN accuse/VERB Yerevan/PROPN", {"yerevan"}, [("accuse", "112", "DISAPPROVE")]),
        ("Baku/PROPN accuse/VERB Yerevan/PROPN", {"of", "shelling"}, [("accuse", "1123", "DISAPPROVE")]),
        ("army/NOUN shell/VERB village/NOUN", set(), [("shell", "194", "FIGHT")]),
        ("report/VERB shelling/NOUN", set(), [("shelling", "194", "FIGHT")]),
        ("dozen/NOUN of/ADP ceasefire/NOUN violation/NOUN", set(), [("ceasefire violation", "196", "FIGHT")]),
        ("he/PRON threaten/VERB to/PART strike/VERB", {"to", "strike"}, [("threaten", "138", "THREATEN"), ("strike", "190", "FIGHT")]),
        ("he/PRON threaten/VERB sanction/NOUN", {"sanction"}, [("threaten", "1312", "THREATEN"), ("sanction", "163", "SANCTION")]),
        ("threaten/VERB to/PART halt/VERB talk/NOUN", {"to", "halt", "talk"}, [("threaten", "134", "THREATEN"), ("halt", "164", "SANCTION"), ("talk", "040", "CONSULT")]),
        ("Armenia/PROPN deny/VERB it/PRON", {"it"}, [("deny", "016", "STATEMENT")]),
        ("they/PRON deny/VERB access/NOUN", {"access"}, [("deny", "120", "REJECT")]),
        ("they/PRON reject/VERB proposal/NOUN", {"proposal"}, [("reject", "125", "REJECT")]),
        ("express/VERB deep/ADJ concern/NOUN", set(), [("express concern", "012", "STATEMENT")]),
        ("express/VERB his/PRON deep/ADJ regret/NOUN", set(), [("express regret", "018", "STATEMENT")]),
        ("a/DET cease/NOUN -/PUNCT fire/NOUN", set(), [("cease fire", "0871", "RETREAT")]),
        ("trade/VERB blame/NOUN", {"for", "breach", "truce"}, [("trade blame", "1123", "DISAPPROVE")]),
        ("sign/VERB treaty/NOUN", {"treaty"}, [("sign", "057", "SUPPORT")]),
        ("sign/VERB ceasefire/NOUN", {"ceasefire"}, [("sign", "0871", "RETREAT"), ("ceasefire", "0871", "RETREAT")]),
        ("troop/NOUN withdraw/VERB", {"troop"}, [("withdraw", "0874", "RETREAT")]),
        ("resign/VERB", set(), [("resign", "0831", "RETREAT")]),
        ("police/NOUN arrest/VERB activist/NOUN", {"activist"}, [("arrest", "173", "COERCE")]),
        ("gunman/NOUN take/VERB hostage/NOUN", set(), [("take hostage", "181", "ASSAULT")]),
        ("massacre/NOUN", set(), [("massacre", "202", "ASSAULT")]),
        ("investigate/VERB war/NOUN crime/NOUN", {"war", "crime"}, [("investigate", "094", "INVESTIGATE")]),
        ("demand/VERB release/NOUN", {"release"}, [("demand", "1053", "DEMAND")]),
        ("mobilise/VERB reservist/NOUN", set(), [("mobilise", "154", "MOBILIZE")]),
        ("impose/VERB new/ADJ sanction/NOUN", set(), [("impose sanction", "163", "SANCTION")]),
        ("crowd/NOUN protest/VERB", set(), [("protest", "140", "PROTEST")]),
        ("send/VERB humanitarian/ADJ aid/NOUN", {"humanitarian", "aid"}, [("send", "073", "AID"), ("humanitarian aid", "073", "AID")]),
        ("mediation/NOUN effort/NOUN", set(), [("mediation effort", "045", "CONSULT")]),
        ("agree/VERB to/PART ceasefire/NOUN", {"to", "ceasefire"}, [("agree", "0356", "AGREE"), ("ceasefire", "0871", "RETREAT")]),
        ("pledge/VERB aid/NOUN", {"aid"}, [("pledge", "033", "AGREE"), ("aid", "070", "AID")]),
        ("extradite/VERB suspect/NOUN", set(), [("extradite", "063", "COOPERATE")]),
        ("praise/VERB mediator/NOUN", set(), [("praise", "051", "SUPPORT"), ("mediator", "045", "CONSULT")]),
    ],
)
def test_match_and_select(
    lexicon: TriggerLexicon, tokens: str, complements: set[str], expected: list[tuple[str, str, str]]
) -> None:
    lemmas, tags = _tagged(tokens)
    found = []
    for match in lexicon.match(lemmas, tags):
        trigger = match.select(complements)
        if trigger is not None:
            found.append((" ".join(match.pattern), trigger.code, trigger.plover))
    assert found == expected


@pytest.mark.parametrize(
    "tokens",
    [
        "war/NOUN crime/NOUN",  # a non-trigger hides "war"
        "heart/NOUN attack/NOUN",
        "fight/ADJ",  # one-word entries need their part of speech
        "release/VERB video/NOUN",  # "release" needs a person or property
        "express/VERB very/ADV deep/ADJ and/CCONJ concern/NOUN",  # a conjunction breaks the pattern
        "express/VERB his/PRON very/ADV deep/ADJ concern/NOUN",  # more than two words in between
    ],
)
def test_no_trigger(lexicon: TriggerLexicon, tokens: str) -> None:
    lemmas, tags = _tagged(tokens)
    assert [m.select({"video"}) for m in lexicon.match(lemmas, tags)] in ([], [None])


def test_match_spans_include_gap_words(lexicon: TriggerLexicon) -> None:
    lemmas, tags = _tagged("Putin/PROPN express/VERB deep/ADJ regret/NOUN today/NOUN")
    [match] = lexicon.match(lemmas, tags)
    assert (match.start, match.end) == (1, 4)


def test_match_lowercases_lemmas(lexicon: TriggerLexicon) -> None:
    lemmas, tags = _tagged("Ceasefire/PROPN Violation/PROPN")
    assert [" ".join(m.pattern) for m in lexicon.match(lemmas, tags)] == ["ceasefire violation"]


def test_match_needs_one_tag_per_lemma(lexicon: TriggerLexicon) -> None:
    with pytest.raises(ValueError, match="one of each"):
        lexicon.match(["shell"], [])


def test_lookup_and_select(lexicon: TriggerLexicon) -> None:
    for pos in ("VERB", "NOUN"):
        entries = lexicon.lookup("attack", pos)
        assert entries[-1].code == "190" and not entries[-1].requires  # the default is tried last
        assert all(e.requires for e in entries[:-1])
    assert lexicon.lookup(("Call", "On"), "VERB") == lexicon.lookup("call on")
    assert lexicon.select("urge", "VERB", {"to", "cease", "fire"}).code == "0256"  # type: ignore[union-attr]
    assert lexicon.select("urge", "VERB").code == "020"  # type: ignore[union-attr]
    assert lexicon.select("sign", "VERB", {"letter"}) is None
    assert lexicon.select("no such thing", "VERB") is None


@pytest.mark.parametrize(
    ("requires", "complements", "accepted"),
    [
        ("", set(), True),
        ("cease+fire", {"cease"}, False),
        ("cease+fire", {"Cease", "fire", "now"}, True),
        ("truce|cease+fire", {"truce"}, True),
        ("~truce", {"to", "cease", "fire"}, True),
        ("~truce", {"to", "talk"}, False),
        ("@captives", {"prisoner"}, True),
        ("@captives", {"statement"}, False),
    ],
)
def test_trigger_accepts(requires: str, complements: set[str], accepted: bool) -> None:
    classes = load_classes()
    entry = Trigger(("urge",), "VERB", "0256", "REQUEST", parse_condition(requires, where="test", classes=classes))
    assert entry.accepts(Complements.of_words(complements, classes)) is accepted


def test_every_entry_is_well_formed(lexicon: TriggerLexicon) -> None:
    events = [t for t in lexicon.entries if t.names_event]
    overrides = {(t.code, t.plover) for t in events if t.plover != cameo_to_plover(t.code)}
    assert overrides == {("0831", "RETREAT")}  # leaving office: CAMEO 08, PLOVER RETREAT
    assert {" ".join(t.pattern) for t in events if t.code == "0831"} >= {"resign", "step down", "abdicate"}
    assert all(t.plover in EVENT_TYPES for t in events)
    assert all(t.requires for t in lexicon.entries if not t.names_event)
    assert all(t.pattern == tuple(w.lower() for w in t.pattern) for t in lexicon.entries)
    assert {"war", "crime"} not in [set(p) for p in (t.pattern for t in lexicon.entries)]
    assert ("war", "crime") in lexicon.stops


@pytest.mark.parametrize(
    ("trigger", "pos"),
    [
        ("shelling", "NOUN"), ("ceasefire violation", "NOUN"), ("mediation effort", "NOUN"),
        ("offensive action", "NOUN"), ("cease fire", "VERB"), ("call on", "VERB"), ("trade blame", "VERB"),
        ("accuse", "VERB"), ("blame", "VERB"), ("urge", "VERB"), ("appeal", "VERB"), ("condemn", "VERB"),
        ("deny", "VERB"), ("threaten", "VERB"), ("attack", "VERB"), ("shell", "VERB"), ("bomb", "VERB"),
        ("kill", "VERB"), ("arrest", "VERB"), ("sanction", "VERB"), ("protest", "VERB"),
        ("negotiate", "VERB"), ("meet", "VERB"), ("mediate", "VERB"), ("agree", "VERB"), ("sign", "VERB"),
        ("reject", "VERB"), ("withdraw", "VERB"), ("mobilize", "VERB"), ("investigate", "VERB"),
        ("express concern", "VERB"), ("express regret", "VERB"), ("praise", "VERB"), ("aid", "VERB"),
    ],
)
def test_brief_triggers_are_listed(lexicon: TriggerLexicon, trigger: str, pos: str) -> None:
    assert lexicon.lookup(trigger, pos)


def _write(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "triggers.tsv"
    path.write_text("# test lexicon\n" + HEADER + rows, encoding="utf-8")
    return path


def test_load_custom_lexicon(tmp_path: Path) -> None:
    path = _write(tmp_path, "shell\tVERB\t194\t\t\t\nnuke\tVERB\t2042\t\t\t\nwar game\tNOUN\t-\t\t\t\n")
    lexicon = load_triggers(path)
    assert len(lexicon) == 2
    assert lexicon.lookup("shell")[0].source == f"{path}:3"
    assert lexicon.codes == {"194", "2042"}
    assert lexicon.stops == {("war", "game")}


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("shell\tADV\t194\t\t\t\n", "part of speech 'ADV'"),
        ("shell\tVERB\t999\t\t\t\n", "CAMEO code '999'"),
        ("shell\tVERB\t0999\t\t\t\n", "not in kg/events/data/cameo.tsv"),
        ("shell\tVERB\t194\tSHOOT\t\t\n", "unknown event type 'SHOOT'"),
        ("shell\tVERB\t194\tFIGHT\tphone\t\n", "FIGHT has no mode 'phone'"),
        ("\tVERB\t194\t\t\t\n", "empty pattern"),
        ("shell\tVERB\t194\t\t\t\nshell\tVERB\t190\t\t\t\n", "repeats the entry at"),
        ("shell\tVERB\t194\t\t\tplane+\n", "empty word in requires"),
        ("shell\tVERB\t194\t\t\t@planes\n", "unknown semantic class 'planes'"),
        ("shell\tVERB\t194\t\t\tat:~aircraft\n", "a topic (~class) takes no preposition"),
        ("shell\tVERB\t194\t\t\tat:\n", "malformed condition"),
        ("shell\tVERB\t194\t\t\t\nshell\tNOUN\t-\t\t\t\n", "both triggers and non-triggers"),
        ("shell\tVERB\t194\t\t\t\textra\n", "expected at most 6"),
    ],
)
def test_load_errors_name_file_and_line(tmp_path: Path, rows: str, message: str) -> None:
    path = _write(tmp_path, rows)
    with pytest.raises(LexiconError, match=re.escape(message)) as excinfo:
        load_triggers(path)
    assert str(path) in str(excinfo.value)


def test_a_no_event_entry_with_a_requirement_holds_only_when_it_is_met(tmp_path: Path) -> None:
    lexicon = load_triggers(_write(tmp_path, "retreat\tVERB\t0874\t\t\t\nretreat\tVERB\t-\t\t\tpledge|goal\n"))
    excluded = lexicon.select("retreat", "VERB", {"from", "pledge"})
    assert excluded is not None and not excluded.names_event
    kept = lexicon.select("retreat", "VERB", {"from", "town"})
    assert kept is not None and kept.names_event and kept.code == "0874"
    assert lexicon.codes == {"0874"}
    assert lexicon.stops == frozenset()


def test_load_missing_file(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="cannot read"):
        load_triggers(tmp_path / "nowhere.tsv")


_NOT_COMPLEMENTS = {"nsubj", "nsubjpass", "csubj", "aux", "auxpass", "punct", "advcl"}


def _complements(head: Any) -> set[str]:
    """Lemmas of what the head governs, without its subject and side clauses."""
    return {t.lemma_.lower() for child in head.children if child.dep_ not in _NOT_COMPLEMENTS for t in child.subtree}


def _codes(nlp: Any, lexicon: TriggerLexicon, text: str) -> list[tuple[str, str]]:
    """Code a text with the real model, as the event coder will."""
    found = []
    for sent in nlp(text).sents:
        tokens = list(sent)
        for match in lexicon.match([t.lemma_ for t in tokens], [t.pos_ for t in tokens]):
            head = tokens[match.end - 1] if match.candidates[0].pos == "NOUN" else tokens[match.start]
            trigger = match.select(_complements(head))
            if trigger is not None:
                found.append((sent[match.start : match.end].text, trigger.code))
    return found


# Sentences written for these tests, in the style of wire reports.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The foreign minister urged both armies to cease fire at once.", ("urged", "0256")),
        ("Officials in the capital accused the rebels of shelling a market.", ("accused", "1123")),
        ("The two governments traded accusations over the border incident.", ("traded accusations", "112")),
        ("Rebel artillery shelled the outskirts of the town overnight.", ("shelled", "194")),
        ("Monitors recorded dozens of ceasefire violations along the line.", ("ceasefire violations", "196")),
        ("The general threatened to strike the bridges if talks failed.", ("threatened", "138")),
        ("The ministry denied any involvement in the raid.", ("denied", "016")),
        ("The council called for an immediate truce in the province.", ("called for", "0256")),
        ("The envoy expressed deep concern about the fighting.", ("expressed deep concern", "012")),
        ("Both sides agreed to hold talks next month.", ("agreed", "036")),
        ("Police arrested three activists near the square.", ("arrested", "173")),
    ],
)
def test_real_model_sentences(nlp: Any, lexicon: TriggerLexicon, text: str, expected: tuple[str, str]) -> None:
    assert expected in _codes(nlp, lexicon, text)


@pytest.mark.slow
def test_types_agree_with_plover_gold(nlp: Any, lexicon: TriggerLexicon, shared: Path) -> None:
    """On the PLOVER dev sentences, the first trigger inside a gold event span mostly has the gold type."""
    agree = total = 0
    for line in (shared / "gold" / "plover_dev" / "plover_dev.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        spans = re.findall(r"\(EVT: ([^)]*)\)", record["plover"]["markup"])
        doc = nlp(record["text"])
        for match in lexicon.match([t.lemma_ for t in doc], [t.pos_ for t in doc]):
            words = doc[match.start : match.end].text
            if not any(words in span or span in words for span in spans):
                continue
            head = doc[match.end - 1] if match.candidates[0].pos == "NOUN" else doc[match.start]
            trigger = match.select(_complements(head))
            if trigger is not None:
                total += 1
                plover = "DISAPPROVE" if trigger.plover == "ACCUSE" else trigger.plover
                agree += plover == record["category"]
                break
    assert total >= 100
    assert agree / total >= 0.75
