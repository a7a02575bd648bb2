"""The event scorer on hand-made gold and predictions, counted by hand."""

from __future__ import annotations

import pytest

from kg.evaluate import (
    ALL_EVENT_TYPES,
    GoldEvent,
    GoldRecord,
    PredictedEvent,
    comparable_tuples,
    event_predictions,
    load_event_codes,
    score_events,
)
from kg.model import Article, Entity, Event, EventArgument, Extraction


def _record(record_id: str, *events: tuple[str, str, str], scheme: str = "plover",
            noevents: bool = False) -> GoldRecord:
    return GoldRecord(id=record_id, text="(made up)", scheme=scheme, noevents=noevents,
                      events=tuple(GoldEvent(*e) for e in events))


def _counts(scores, level: str, type_: str = ALL_EVENT_TYPES) -> tuple[int, int, int]:
    score = scores.score(level, type_)
    return score.tp, score.fp, score.fn


# One record: gold says Israel's government accused the Palestinians and Jordan agreed
# with Britain; the prediction gets the first dyad right with the wrong type, and
# invents an assault by Israel on Egypt.
GOLD = [_record("r1", ("ISRGOV", "PSE", "DISAPPROVE"), ("JOR", "GBR", "AGREE"))]
PREDICTED = {"r1": [PredictedEvent("ISR", "PSEREB", "REJECT"), PredictedEvent("ISRMIL", "EGY", "ASSAULT")]}


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        # dyads: (ISR, PSE) matches, (ISR, EGY) is surplus, (JOR, GBR) missed
        ("dyad", (1, 1, 1)),
        # (ISR, REJECT) and (ISR, ASSAULT) predicted; (ISR, DISAPPROVE) and (JOR, AGREE) gold
        ("type", (0, 2, 2)),
        ("full", (0, 2, 2)),
    ],
)
def test_each_level_compares_its_own_tuple(level: str, expected: tuple[int, int, int]) -> None:
    assert _counts(score_events(GOLD, PREDICTED), level) == expected


def test_sector_is_ignored_and_country_is_the_first_three_letters() -> None:
    gold = [_record("r", ("GONMIL", "MORGOV", "ASSAULT"))]
    scores = score_events(gold, {"r": [PredictedEvent("GON", "MORCOP", "ASSAULT")]})
    assert [scores.score(level).f1 for level in ("dyad", "type", "full")] == [1.0, 1.0, 1.0]


def test_type_level_ignores_the_target() -> None:
    gold = [_record("r", ("RUS", "ARM", "DEMAND"))]
    scores = score_events(gold, {"r": [PredictedEvent("RUS", "AZE", "DEMAND")]})
    assert _counts(scores, "type") == (1, 0, 0)
    assert _counts(scores, "dyad") == (0, 1, 1)
    assert _counts(scores, "full") == (0, 1, 1)


def test_tuples_are_compared_as_multisets() -> None:
    # gold expects the same dyad twice; three predictions of it give 2 tp and 1 fp
    gold = [_record("r", ("ARM", "AZE", "FIGHT"), ("ARM", "AZE", "FIGHT"))]
    predicted = {"r": [PredictedEvent("ARM", "AZE", "FIGHT")] * 3}
    assert _counts(score_events(gold, predicted), "full") == (2, 1, 0)
    # and one prediction of it leaves one gold event unmatched
    assert _counts(score_events(gold, {"r": predicted["r"][:1]}), "full") == (1, 0, 1)


def test_records_are_compared_one_by_one() -> None:
    gold = [_record("a", ("ARM", "AZE", "FIGHT")), _record("b")]
    # the right tuple, but on the wrong record
    scores = score_events(gold, {"b": [PredictedEvent("ARM", "AZE", "FIGHT")]})
    assert _counts(scores, "full") == (0, 1, 1)


def test_a_record_without_events_makes_every_prediction_false() -> None:
    gold = [_record("none", noevents=True)]
    scores = score_events(gold, {"none": [PredictedEvent("USA", "IRN", "THREATEN")]})
    assert _counts(scores, "dyad") == (0, 1, 0)
    assert scores.score("dyad").precision == 0.0


def test_missing_targets_match_missing_targets() -> None:
    gold = [_record("r", ("JOR", "", "AGREE"), ("GBR", "", "AGREE"))]
    predicted = {"r": [PredictedEvent("JOR", "", "AGREE"), PredictedEvent("GBR", "GBR", "AGREE")]}
    assert _counts(score_events(gold, predicted), "full") == (1, 1, 1)


def test_empty_inputs_give_zeros() -> None:
    scores = score_events([_record("r")], {})
    assert _counts(scores, "dyad") == (0, 0, 0)
    assert scores.score("type").f1 == 0.0
    assert scores.records == 1


def test_per_type_scores_split_the_type_level() -> None:
    scores = score_events(GOLD, PREDICTED)
    assert _counts(scores, "type", "DISAPPROVE") == (0, 0, 1)
    assert _counts(scores, "type", "REJECT") == (0, 1, 0)
    assert _counts(scores, "type", "ASSAULT") == (0, 1, 0)
    assert _counts(scores, "type", "AGREE") == (0, 0, 1)
    per_type = [s for level, t, s in scores.scores if level == "type" and t != ALL_EVENT_TYPES]
    assert sum(s.tp + s.fp + s.fn for s in per_type) == sum(_counts(scores, "type"))


def test_confusion_pairs_types_of_events_with_equal_dyads() -> None:
    gold = [_record("r", ("ISR", "PSE", "DISAPPROVE"), ("ISR", "PSE", "THREATEN"), ("USA", "IRN", "DEMAND"))]
    predicted = {"r": [
        PredictedEvent("ISRGOV", "PSE", "THREATEN"),   # same type as one gold event: paired first
        PredictedEvent("ISR", "PSE", "REJECT"),        # left with DISAPPROVE
        PredictedEvent("USA", "SYR", "DEMAND"),        # other dyad: not in the table
    ]}
    assert score_events(gold, predicted).confusion == (("DISAPPROVE", "REJECT", 1), ("THREATEN", "THREATEN", 1))


def test_events_without_a_plover_type_are_left_out_and_counted() -> None:
    scores = score_events([_record("r")], {"r": [PredictedEvent("RUS", "", None, "010")]})
    assert scores.ignored_predictions == 1
    assert _counts(scores, "dyad") == (0, 0, 0)


def test_petrarch_records_are_scored_on_dyads_only() -> None:
    gold = [_record("r", ("ARN", "GON", "064"), scheme="petrarch")]
    scores = score_events(gold, {"r": [PredictedEvent("ARN", "GONGOV", "AGREE", "0311")]})
    assert scores.levels == ("dyad",)
    assert _counts(scores, "dyad") == (1, 0, 0)
    with pytest.raises(KeyError):
        scores.score("type")


def test_cameo_gold_compares_roots_then_full_codes() -> None:
    gold = [_record("r", ("AZE", "ARM", "112"), scheme="cameo")]
    scores = score_events(gold, {"r": [PredictedEvent("AZE", "ARM", "ACCUSE", "111")]})
    assert _counts(scores, "type") == (1, 0, 0)
    assert _counts(scores, "full") == (0, 1, 1)


@pytest.mark.parametrize(
    ("gold_code", "predicted_code", "match"),
    [("JAP", "JPN", True), ("JPN", "JAP", True), ("---", "---", True), ('"INJURY TOLL"', "---", True),
     ("IGOREF", "IGO", True), ("ARN", "ARG", False)],
)
def test_country_codes_are_compared_through_the_table(gold_code: str, predicted_code: str, match: bool) -> None:
    gold = [_record("r", (gold_code, "", "AID"))]
    scores = score_events(gold, {"r": [PredictedEvent(predicted_code, "", "AID")]})
    assert (scores.score("dyad").tp == 1) is match


def test_predictions_for_unknown_records_are_an_error() -> None:
    with pytest.raises(ValueError, match="not in the gold"):
        score_events([_record("r")], {"elsewhere": []})


def test_rows_hold_counts_and_rates() -> None:
    rows = score_events(GOLD, PREDICTED).as_rows()
    assert rows[0] == {"level": "dyad", "type": "all", "gold": 2, "predicted": 2, "tp": 1, "fp": 1,
                       "fn": 1, "precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert {row["level"] for row in rows} == {"dyad", "type", "full"}


# --- from kg's events to predictions ---------------------------------------------------

ID = "https://w3id.org/conflict-kg/id/"
ENTITIES = (
    Entity(iri=f"{ID}country/aze", label="Azerbaijan", type="Country", country="AZE"),
    Entity(iri=f"{ID}country/arm", label="Armenia", type="Country", country="ARM"),
    Entity(iri=f"{ID}org/armenian-forces", label="Armed forces (Armenia)", type="MilitaryForce",
           country="ARM", sector="MIL"),
    Entity(iri=f"{ID}org/osce", label="OSCE", type="InternationalOrganization", sector="IGO"),
    Entity(iri=f"{ID}actor/a/rebels", label="rebels", type="ArmedGroup", sector="REB"),
)


def _arg(key: str) -> EventArgument:
    return EventArgument(entity=f"{ID}{key}", start=0, end=1, text="x")


def _event(n: int, type_: str, cameo: str, agents: tuple[str, ...], targets: tuple[str, ...] = (),
           negated: bool = False) -> Event:
    return Event(iri=f"{ID}event/a/{n}", type=type_, cameo=cameo, goldstein=0.0, trigger=(0, 1),
                 sentence=(0, 10), agents=tuple(_arg(a) for a in agents),
                 targets=tuple(_arg(t) for t in targets), negated=negated)


def _extraction(*events: Event) -> Extraction:
    return Extraction(article=Article(id="a", text="(made up)"), entities=ENTITIES, events=events)


def test_each_agent_target_pair_is_one_prediction() -> None:
    event = _event(0, "Accuse", "112", ("country/aze",), ("country/arm", "org/armenian-forces"))
    assert event_predictions(_extraction(event)) == (
        PredictedEvent("AZE", "ARM", "DISAPPROVE", "112"),
        PredictedEvent("AZE", "ARMMIL", "DISAPPROVE", "112"),
    )


@pytest.mark.parametrize(
    ("agent", "code"),
    [("org/osce", "IGO"), ("actor/a/rebels", "---REB"), ("org/armenian-forces", "ARMMIL"),
     ("org/not-among-the-entities", "---")],
)
def test_actor_codes_come_from_the_entities(agent: str, code: str) -> None:
    (prediction,) = event_predictions(_extraction(_event(0, "Assault", "190", (agent,))))
    assert (prediction.source, prediction.target, prediction.type) == (code, "", "ASSAULT")


def test_negated_events_are_left_out_unless_asked() -> None:
    extraction = _extraction(_event(0, "Assault", "190", ("country/aze",), negated=True))
    assert event_predictions(extraction) == ()
    assert len(event_predictions(extraction, include_negated=True)) == 1


def test_identical_predictions_of_one_article_count_once() -> None:
    extraction = _extraction(_event(0, "Fight", "190", ("country/aze",), ("country/arm",)),
                             _event(1, "Fight", "190", ("country/aze",), ("country/arm",)))
    assert len(event_predictions(extraction)) == 1


def test_statements_have_no_plover_type() -> None:
    (prediction,) = event_predictions(_extraction(_event(0, "Statement", "010", ("country/aze",))))
    assert prediction.type is None
    assert load_event_codes().plover_type("Statement") is None


# --- CAMEO roots, and predictions once each as a scheme compares them ---------------------

def test_cameo_root_gold_compares_source_and_root_then_the_dyad_with_the_root() -> None:
    gold = [_record("r", ("AZE", "ARM", "11"), ("ARMMIL", "AZE", "19"), scheme="cameo-root")]
    predicted = {"r": [PredictedEvent("AZE", "ARMGOV", "DISAPPROVE", "112"),   # right root and dyad
                       PredictedEvent("ARM", "TUR", "FIGHT", "195")]}        # right root, wrong target
    scores = score_events(gold, predicted)
    assert scores.levels == ("type", "root")
    assert _counts(scores, "type") == (2, 0, 0)
    assert _counts(scores, "root") == (1, 1, 1)
    assert _counts(scores, "root", "19") == (0, 1, 1)


def test_cameo_gold_has_a_root_level_between_type_and_full_code() -> None:
    gold = [_record("r", ("AZE", "ARM", "112"), scheme="cameo")]
    scores = score_events(gold, {"r": [PredictedEvent("AZE", "ARM", "DISAPPROVE", "111")]})
    assert [_counts(scores, level) for level in ("type", "root", "full")] == [(1, 0, 0), (1, 0, 0), (0, 1, 1)]


@pytest.mark.parametrize(
    ("scheme", "countries", "kept"),
    [
        # CAMEO codes under one PLOVER type make one prediction; a statement is kept,
        # for the scorer to count as ignored; other sectors make other predictions...
        ("plover", False, 4),
        # ... unless the gold lists its events once per pair of countries
        ("plover", True, 3),
        # CAMEO codes under one root make one prediction; an appeal (02) is no demand (10)
        ("cameo-root", True, 4),
        # full CAMEO codes tell 195 from 190
        ("cameo", True, 5),
    ],
)
def test_predictions_count_once_as_the_scheme_compares_them(scheme: str, countries: bool, kept: int) -> None:
    predictions = [PredictedEvent("ISRMIL", "PSECVL", "FIGHT", "195"), PredictedEvent("ISR", "PSE", "FIGHT", "190"),
                   PredictedEvent("ISR", "PSE", "DEMAND", "021"), PredictedEvent("ISR", "PSE", "DEMAND", "101"),
                   PredictedEvent("ISR", "", None, "010")]
    reduced = comparable_tuples(predictions, scheme=scheme, countries=countries)
    assert len(reduced) == kept
    assert reduced[0] == predictions[0]


def test_a_request_is_the_plover_request_demand_category() -> None:
    assert load_event_codes().plover_type("Request") == "DEMAND"
