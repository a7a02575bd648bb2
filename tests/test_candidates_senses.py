"""The sense of a trigger, read from its complements with the real model.

Each semantic class is tried on sentences written for these tests: sentences
the class must get right, and one it must not decide (a "not" case, where the
code must be absent).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kg.candidates import doc_to_candidates
from kg.config import Config
from kg.events import load_triggers
from kg.model import Article

PUBLISHED = date(2021, 3, 4)


@pytest.fixture(scope="module")
def nlp() -> Any:
    from kg.pipeline import load_components

    return load_components(Config()).nlp


def coded(nlp: Any, text: str) -> set[tuple[str, str]]:
    """(trigger text, CAMEO code) of the candidates of a sentence."""
    article = Article(id="t", text=text, published=PUBLISHED)
    return {(c.text, c.code) for c in doc_to_candidates(nlp(text), article=article, triggers=load_triggers())}


# (class, sentence, trigger, code): the trigger is coded with the code
MUST = [
    # people and captives: a release of people
    ("captives", "The militia released twelve hostages on Sunday.", "released", "0841"),
    ("captives", "Authorities freed the detained journalists.", "freed", "0841"),
    ("people", "The army handed over the bodies of three soldiers.", "handed over", "0841"),
    ("partitives", "The government released dozens of prisoners.", "released", "0841"),
    # property: a return of property
    ("property", "The rebels returned the seized tanker to its owners.", "returned", "0842"),
    ("property", "Armenia handed over three villages to Azerbaijan.", "handed over", "0842"),
    # armed forces: a military withdrawal
    ("forces", "The troops withdrew from the border town.", "withdrew", "0874"),
    ("forces", "Moscow withdrew its forces from the region.", "withdrew", "0874"),
    # peacekeepers, observers, aid agencies, diplomats
    ("peacekeepers", "Mali expelled the UN peacekeepers.", "expelled", "1661"),
    ("peacekeepers", "Kenya deployed peacekeepers to Somalia.", "deployed", "074"),
    ("observers", "The government expelled the election observers.", "expelled", "1662"),
    ("observers", "Iran admitted the inspectors of the agency.", "admitted", "0862"),
    ("aid_agencies", "The junta expelled foreign aid agencies.", "expelled", "1663"),
    ("diplomats", "Canada expelled two Indian diplomats.", "expelled", "161"),
    # places: an occupation of territory
    ("settlements", "The rebels captured the town of Goma.", "captured", "192"),
    ("facilities", "The army seized the airport.", "seized", "192"),
    ("facilities", "Soldiers destroyed dozens of homes in the village.", "destroyed", "1712"),
    ("ships", "Police seized a tanker off the coast.", "seized", "1711"),
    # weapons, goods and money: aid by kind
    ("weapons", "The United States sent anti-tank missiles to Kyiv.", "sent", "072"),
    ("small_arms", "France supplied rifles to the army.", "supplied", "072"),
    ("humanitarian_goods", "Jordan delivered food and medicine to Gaza.", "delivered", "073"),
    ("money", "The Gulf states gave Egypt three billion dollars.", "gave", "071"),
    ("money", "The bank lent the government two million euros.", "lent", "071"),
    # agreements
    ("agreements", "The two leaders signed a trade agreement.", "signed", "057"),
    ("agreements", "The company struck a deal with the union.", "struck", "057"),
    ("truce", "The rebels signed a ceasefire.", "signed", "0871"),
    # the verbal reading of physical verbs is criticism
    ("verbal", "The senator attacked the proposal.", "attacked", "111"),
    ("verbal", "The minister attacked the government's decision.", "attacked", "111"),
    ("conduct", "The opposition attacked the president over his handling of the crisis.", "attacked", "111"),
    ("verbal_actors", "Trump attacked Biden over the border.", "attacked", "111"),
    ("verbal", "The speech was a scathing attack on the government's policy.", "attack", "111"),
    ("verbal", "Human rights groups blasted the new law.", "blasted", "111"),
    # the physical reading stays
    ("places", "Rebels attacked the village at dawn.", "attacked", "190"),
    ("forces", "Government troops fought rebels near the border.", "fought", "190"),
    ("aircraft", "Israeli jets struck targets in Gaza.", "struck", "195"),
    # labour: a strike is a protest
    ("labour", "Dock workers went on strike in Antwerp.", "went on strike", "143"),
    ("labour", "Teachers struck over pay.", "struck", "143"),
    # irregulars against non-combatants: an assault
    ("irregulars", "Gunmen killed five villagers in the north.", "killed", "180"),
    ("noncombatants", "Gunmen opened fire on worshippers at a mosque.", "opened fire", "180"),
    # ties between states
    ("ties", "Egypt and Turkey restored diplomatic relations.", "restored", "050"),
    # claims: rejecting an accusation is a denial
    ("claims", "Moscow rejected the allegations.", "rejected", "016"),
    ("proposals", "Hamas rejected the proposal.", "rejected", "125"),
    # topics of appeals, demands, threats
    ("talks", "The envoy urged both sides to return to the negotiating table.", "urged", "026"),
    ("release", "The European Union called for the release of the activists.", "called for", "0253"),
    ("truce", "The pope appealed for a ceasefire in Gaza.", "appealed", "0256"),
    ("leadership_change", "Protesters demanded the resignation of the minister.", "demanded", "1041"),
    ("sanctions", "Caracas urged Washington to lift the sanctions.", "urged", "0254"),
    ("mediation", "Ethiopia rejected mediation by the African Union.", "rejected", "126"),
    ("nuclear", "North Korea threatened a nuclear strike.", "threatened", "1385"),
    ("ban_targets", "The government banned the main opposition party.", "banned", "1722"),
    ("political_freedoms", "Authorities banned all public gatherings.", "banned", "1721"),
    # subjects: a raid by police is coercion
    ("police", "Police raided the offices of the newspaper.", "raided", "170"),
    # explosions: an accident is none, a blast is a bombing
    ("accident_causes", "An explosion ripped through the market.", "explosion", "183"),
    # a participle before a noun names a state; the verb itself an event
    ("as:amod", "Russia besieged the city for months.", "besieged", "191"),
]

# (class, sentence, trigger, code): the trigger is not coded with the code
MUST_NOT = [
    ("captives", "The ministry released a video of the talks.", "released", "0841"),
    ("forces", "Canada withdrew from the trade agreement.", "withdrew", "0874"),
    ("diplomats", "Germany expelled the suspected spies.", "expelled", "161"),
    ("settlements", "Police seized a truck full of weapons.", "seized", "192"),
    ("facilities", "Drones destroyed two tanks.", "destroyed", "1712"),
    ("agreements", "The president signed the letter.", "signed", "057"),
    ("verbal", "Rebels attacked the convoy.", "attacked", "111"),
    ("verbal_actors", "Gunmen attacked the mayor's convoy.", "attacked", "111"),
    ("social_ills", "The government vowed to fight corruption.", "fight", "190"),
    ("disasters", "Doctors are fighting the epidemic.", "fighting", "190"),
    ("legal_matters", "The two parents are locked in a bitter custody battle.", "battle", "190"),
    ("social_ills", "The police chief waged a war on drugs.", "war", "190"),
    ("competitions", "She fought for the nomination.", "fought", "190"),
    ("competitions", "Three candidates battle for the presidency.", "battle", "190"),
    ("disasters", "The earthquake killed 300 people.", "killed", "190"),
    ("disasters", "Floods hit the coastal region.", "hit", "190"),
    ("disasters", "Two people were killed in a car crash.", "killed", "190"),
    ("animals", "Farmers killed thousands of infected chickens.", "killed", "190"),
    ("labour", "Israeli jets struck targets in Gaza.", "struck", "143"),
    ("irregulars", "Soldiers killed five militants.", "killed", "180"),
    ("noncombatants", "Soldiers opened fire on the rebels.", "opened fire", "180"),
    ("ties", "The two sides resumed negotiations.", "resumed", "050"),
    ("claims", "Hamas rejected the proposal.", "rejected", "016"),
    ("police", "Troops raided a rebel camp.", "raided", "170"),
    ("accident_causes", "A gas explosion killed four workers.", "explosion", "183"),
    ("as:amod", "Rwandan-backed rebels captured the town.", "backed", "051"),
    ("as:amod", "The besieged city ran out of food.", "besieged", "191"),
]


@pytest.mark.parametrize(("cls", "text", "trigger", "code"), MUST, ids=[f"{m[0]}:{m[1][:40]}" for m in MUST])
def test_the_class_gives_the_sense(nlp: Any, cls: str, text: str, trigger: str, code: str) -> None:
    assert (trigger, code) in coded(nlp, text)


@pytest.mark.parametrize(("cls", "text", "trigger", "code"), MUST_NOT,
                         ids=[f"{m[0]}:{m[1][:40]}" for m in MUST_NOT])
def test_the_class_does_not_give_the_sense(nlp: Any, cls: str, text: str, trigger: str, code: str) -> None:
    assert (trigger, code) not in coded(nlp, text)
