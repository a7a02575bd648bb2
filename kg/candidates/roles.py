"""Agents, targets and places of a trigger, read from the dependency parse.

The finders take the trigger's head token and return tokens: the heads of the
phrases filling each role, coordinated phrases one by one. Word order is never
used, only dependency relations (labels of the English spaCy models, ClearNLP
style), so "was shelled by X" and "X shelled" give the same agent.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.candidates.words import RoleWords

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Roles", "bracketed", "find_roles", "group_of", "indirect_targets", "is_infinitival", "phrase_bounds"]

SUBJECTS = frozenset({"nsubj", "csubj"})
# Tags of relative pronouns ("who", "which", "that"): a clause's subject stands for its antecedent.
_RELATIVE_TAGS = frozenset({"WDT", "WP"})
_TIME_LABELS = frozenset({"DATE", "TIME"})
# Entity labels of names: a member noun inside one is part of the name.
_NAME_ENTITIES = frozenset({"ORG", "GPE", "PERSON", "NORP", "FAC", "LOC", "EVENT", "LAW", "WORK_OF_ART"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})
# Modifiers inside a noun phrase, kept when a phrase's extent is computed.
_NP_INTERNAL = frozenset({"det", "amod", "compound", "nmod", "poss", "nummod", "quantmod", "predet", "case", "npadvmod"})


@dataclass(frozen=True)
class Roles:
    """Head tokens of the phrases filling each role of one trigger."""

    agents: tuple[Token, ...] = ()
    targets: tuple[Token, ...] = ()
    locations: tuple[Token, ...] = ()
    reciprocal: bool = False


def phrase_bounds(token: Token) -> tuple[int, int]:
    """Character offsets of the noun phrase headed by ``token`` (its pre-modifiers and itself)."""
    start = token.idx
    end = token.idx + len(token)
    for child in token.children:
        if child.dep_ in _NP_INTERNAL:
            start = min(start, child.left_edge.idx)
            if child.i > token.i:
                right = child.right_edge
                end = max(end, right.idx + len(right))
    return start, end


def is_infinitival(token: Token) -> bool:
    """Whether a clause is a to-infinitive ("urged them *to cease* fire")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def bracketed(token: Token) -> bool:
    """Whether a phrase stands in brackets ("MOSCOW (Sputnik)"): an acronym or a source, not a list member."""
    edge = token.left_edge
    return edge.text == "(" or (edge.i > 0 and token.doc[edge.i - 1].text == "(")


def _conjuncts(token: Token) -> list[Token]:
    conjuncts = token.conjuncts
    found = [token] + [c for c in conjuncts if c.pos_ in _NOMINAL or c.pos_ == token.pos_]
    names = [c for c in token.children if c.dep_ == "appos" and (c.pos_ == "PROPN" or c.ent_type_ in _NAME_ENTITIES)
             and not bracketed(c)]
    # a list: conjuncts, a conjunction, or several names in apposition ("A, B and the C" read as A's appositions)
    listed = len(found) > 1 or len(names) > 1 or any(c.dep_ == "cc" for m in [token, *names] for c in m.children)
    # a non-nominal conjunct may still carry the next name ("A and the evil awful B": B hangs on "awful")
    for member in list(found) + [c for c in conjuncts if c.pos_ not in _NOMINAL]:
        for child in member.children:
            # "A, the B, C and D", "A, the B, and C": a list the parser read as an apposition;
            # a lone apposition ("Moscow, the capital") renames, and is no other actor
            if child.dep_ == "appos" and (child.pos_ == "PROPN" or child.ent_type_ in _NAME_ENTITIES) \
                    and (child.conjuncts or listed):
                found += [child] + [c for c in child.conjuncts if c.pos_ in _NOMINAL]
            elif child.dep_ in ("nmod", "compound") and child.i < member.i and child.ent_type_ in _NAME_ENTITIES \
                    and child.conjuncts and any(c.dep_ == "cc" for m in (child, *child.conjuncts) for c in m.children):
                # "A and the evil B", "A, C and the B": a list the parser hung on its last name
                found += [child] + [c for c in child.conjuncts if c.ent_type_ in _NAME_ENTITIES]
    return list({t.i: t for t in found}.values())


def _pobjs(prep: Token) -> list[Token]:
    found = []
    for child in prep.children:
        if child.ent_type_ in _TIME_LABELS:
            continue  # "on Saturday", "in 1991" are times, not targets or places
        if child.dep_ == "pobj":
            found += _conjuncts(child)
        elif child.dep_ == "prep":  # "from within X"
            found += _pobjs(child)
    return found


def group_of(token: Token, words: RoleWords, *, depth: int = 0) -> Token:
    """The group a member noun stands for ("*members* of the Syrian parliament").

    "Thousands of Nigerians", "activists from the Fatah party" and "leaders
    of the coalition" act for the group named after "of" or "from"; people
    named by what they do ("doctors from X") for the group named after "from"; a named
    entity ("the Council of Europe") or a noun that names no member stays.
    """
    lemma = token.lemma_.lower()
    named = token.ent_type_ in _NAME_ENTITIES and token.pos_ == "PROPN"  # not a generic actor noun ("soldiers")
    if depth > 3 or lemma not in words.member_nouns | words.origin_nouns or named:
        return token
    for child in token.children:
        if child.dep_ == "prep" and (child.lower_ in words.member_preps or (
                child.lower_ == "from" and token.lemma_.lower() in words.origin_nouns)):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return group_of(objects[0], words, depth=depth + 1)
    return token


def _groups(token: Token, words: RoleWords) -> list[Token]:
    """The groups a member noun stands for, coordinated ones included ("ambassadors of A, B and C")."""
    group = group_of(token, words)
    if group.i != token.i:
        return _conjuncts(group)
    if token.lemma_.lower() in words.member_nouns:
        # a name the model took whole ("the ambassadors of A, B and C"): the others are A's peers
        return [token] + [c for child in token.children if child.dep_ == "prep" and child.lower_ in words.member_preps
                          for p in _pobjs(child) for c in p.conjuncts]
    return [token]


def _is_reciprocal(token: Token, words: RoleWords) -> bool:
    lower = token.lower_
    # the phrase holds the token itself, so most tokens need not read their subtree
    if lower != "other" and not any(lower in phrase for phrase in words.reciprocal_objects):
        return False
    phrase = tuple(t.lower_ for t in token.subtree)
    return phrase in words.reciprocal_objects or (lower == "other" and any(
        c.lower_ == "each" for c in token.children))


def subjects(token: Token, words: RoleWords, *, depth: int = 0) -> list[Token]:
    """Subjects of a predicate, inherited along coordination and control.

    "X is concerned and calls on Y": "calls" has X as subject; "X agreed to
    withdraw": "withdraw" has X; but a reporting verb's subject is never
    lent to the clause it reports.
    """
    found = [c for child in token.children if child.dep_ in SUBJECTS for c in _conjuncts(child)]
    if token.dep_ == "relcl" and any(c.tag_ in _RELATIVE_TAGS for c in found):
        # "the soldier *who* shot at X": a relative pronoun stands for the noun its clause modifies
        found = [c for c in found if c.tag_ not in _RELATIVE_TAGS] + _conjuncts(token.head)
    found += [p for child in token.children if child.dep_ == "agent" for p in _pobjs(child)]
    if found or depth > 4:
        return found
    head = token.head
    if head.i == token.i:
        return []
    if token.dep_ == "conj":
        return subjects(head, words, depth=depth + 1)
    controlled = token.dep_ == "xcomp" or (token.dep_ == "advcl" and is_infinitival(token))
    if controlled and head.lemma_.lower() not in words.reporting_verbs:
        objects = [c for c in head.children if c.dep_ == "dobj"]
        # Object control ("urged X to stop") needs no subject: the outer trigger absorbs it.
        # A purpose clause is the subject's aim whatever the object ("used tear gas to disperse").
        purpose = token.dep_ == "advcl"
        return [] if objects and not purpose else subjects(head, words, depth=depth + 1)
    if token.dep_ == "acomp":
        return subjects(head, words, depth=depth + 1)
    return []


def _prep_roles(token: Token, root: str, words: RoleWords, *, nominal: bool) -> tuple[list[Token], list[Token], list[Token]]:
    agents: list[Token] = []
    targets: list[Token] = []
    locations: list[Token] = []
    for child in token.children:
        if child.dep_ not in ("prep", "agent"):
            continue
        word = child.lower_
        objects = _pobjs(child)
        if child.dep_ == "agent" or (nominal and word in words.agent_preps):
            agents += objects
        elif word in words.target_preps or (word == "with" and root in words.with_roots):
            targets += objects
        elif word in words.agent_preps and root in words.reaction_roots:
            # "welcomed the memo from X": what a reaction answers comes from its target
            targets += objects
        elif word == "of" and nominal and root in words.of_agent_roots:
            agents += objects
        elif word == "of" and nominal and root in words.of_target_roots:
            targets += objects
        elif word in words.location_preps:
            locations += objects
    return agents, targets, locations


def _shared_agents(token: Token, root: str, words: RoleWords) -> list[Token]:
    """By-agents of coordinated event nouns ("shelling and dozens of violations by X")."""
    found: list[Token] = []
    for other in token.conjuncts:
        nouns = [other]
        if other.lemma_.lower() in words.quantity_nouns:
            nouns = [p for c in other.children if c.dep_ == "prep" and c.lower_ == "of" for p in _pobjs(c)]
        for noun in nouns:
            agents, _, _ = _prep_roles(noun, root, words, nominal=True)
            found += agents
    return found


def _senders(participle: Token) -> list[Token]:
    """Who sent what a participle describes: "memos sent *by X*", "aid sent *from X*" (passive only)."""
    return [p for c in participle.children if c.dep_ == "agent" or (
        c.dep_ == "prep" and c.lower_ == "from" and participle.tag_ == "VBN") for p in _pobjs(c)]


def _object_roles(objects: list[Token], root: str, words: RoleWords, *, depth: int = 0) -> list[Token]:
    """Targets a verb reaches through its object noun.

    "restored ties *with* X", "promised aid *to* X", "welcomed the resumption
    of ties *between* X and Y": the object's own target prepositions name the
    verb's target, through "of" ("a set of resolutions with X"). For a
    reaction (approve, disapprove, reject) the agent of the object noun is the
    target: "condemned an attack *by* X", "welcomed memos *from* X".
    """
    found: list[Token] = []
    for noun in objects:
        if noun.pos_ not in ("NOUN", "PROPN") or noun.ent_type_ in _NAME_ENTITIES:
            continue  # a name is the target itself, its preps say where or when
        for child in noun.children:
            if child.dep_ != "prep" and not (child.dep_ == "acl" and root in words.reaction_roots):
                continue
            word = child.lower_
            if child.dep_ == "acl":
                found += _senders(child)
            elif word in words.target_preps or word == "between" or (word == "with" and root in words.with_roots) or word in words.agent_preps and root in words.reaction_roots:
                topics = _pobjs(child)
                found += topics
                if root in words.reaction_roots and noun.lemma_.lower() in words.message_nouns:
                    # "welcomed assurances on security *sent from X*": the parser hangs the
                    # participle on the nearest noun, but it is the message that was sent
                    found += [p for topic in topics if topic.pos_ == "NOUN" for clause in topic.children
                              if clause.dep_ == "acl" and clause.tag_ == "VBN" for p in _senders(clause)]
            elif word == "of" and depth < 2:
                found += _object_roles(_pobjs(child), root, words, depth=depth + 1)
    return found


def _joint(code: str, roles: Roles, words: RoleWords) -> bool:
    """Coordinated agents of an intransitive act act on each other ("X and Y met", "agreed", "clashed").

    With an object ("X and Y signed a treaty", "upgraded their ties") the
    object is what they act on together, and they stay co-agents.
    """
    return len(roles.agents) > 1 and not roles.targets and any(code.startswith(c) for c in words.joint_codes)


def _verb_roles(token: Token, root: str, words: RoleWords) -> Roles:
    agents = subjects(token, words)
    stance = token.lemma_.lower() in words.stative_participles and not any(c.dep_ == "agent" for c in token.children)
    # "X is opposed to Y": the subject holds the stance
    agents += [c for child in token.children if stance and child.dep_ == "nsubjpass" for c in _conjuncts(child)]
    targets = [c for child in token.children if child.dep_ in ("dobj", "dative") or (child.dep_ == "nsubjpass" and not stance)
               for c in _conjuncts(child)]
    reciprocal = any(_is_reciprocal(t, words) for t in targets)
    objects = [c for child in token.children if child.dep_ == "dobj" for c in _conjuncts(child)]
    if root in words.request_roots:
        # "called for sanctions against X": what is asked for names the target
        objects += [p for c in token.children if c.dep_ == "prep" and c.lower_ in words.request_preps
                    for p in _pobjs(c)]
    targets += _object_roles(objects, root, words)
    if root in words.request_roots:
        # "demanded that the United States act": who is to act is who is asked
        targets += [c for clause in token.children if clause.dep_ == "ccomp"
                    for s in clause.children if s.dep_ in ("nsubj", "nsubjpass") and s.pos_ != "PRON"
                    for c in _conjuncts(s)]
    # a gerund without auxiliary is used as a noun ("reported shelling by X")
    gerund = token.tag_ == "VBG" and not any(c.dep_ in ("aux", "auxpass") for c in token.children)
    prep_agents, prep_targets, locations = _prep_roles(token, root, words, nominal=gerund)
    agents += prep_agents
    targets += prep_targets
    if not agents and token.tag_ == "VBG":
        # a gerund coordinated with event nouns ("reported shelling and violations by X")
        agents += _shared_agents(token, root, words)
    if token.dep_ in ("amod", "acl"):
        # "a Russia-brokered ceasefire", "the village shelled by the army"
        agents += [c for c in token.children if c.dep_ == "npadvmod" and c.pos_ in ("PROPN", "NOUN")]
        if token.tag_ == "VBN" and token.dep_ == "acl":
            targets += _conjuncts(token.head)
    return Roles(tuple(agents), tuple(t for t in targets if not _is_reciprocal(t, words)),
                 tuple(locations), reciprocal)


def _in_adjunct(token: Token, root: str, words: RoleWords) -> bool:
    """Whether an event noun is an adjunct of a clause whose subject does it."""
    prep = token.head
    return (root in words.adjunct_roots and token.dep_ == "pobj" and prep.dep_ == "prep"
            and prep.lower_ in words.adjunct_preps and prep.head.pos_ in ("VERB", "AUX"))


def _clause_subjects(token: Token, words: RoleWords) -> list[Token]:
    """Subjects of the nearest predicate above ``token`` that has one, within its sentence.

    "X clashed over the efforts to deal with it *during a visit*": the adjunct
    hangs on "deal", whose doer is X's, not named.
    """
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX"):
            found = subjects(token, words)
            if found:
                return found
        if token.head.i == token.i or token.dep_ in ("ccomp", "parataxis"):
            return []  # never the subject of a reporting clause
        token = token.head
    return []


def _noun_roles(token: Token, root: str, words: RoleWords) -> Roles:
    agents = [c for child in token.children if child.dep_ == "poss" for c in _conjuncts(child)]
    # "the Azerbaijani attack", "Russian mediation": an actor adjective or name before the noun
    agents += [c for c in token.children if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "ORG")]
    prep_agents, targets, locations = _prep_roles(token, root, words, nominal=True)
    agents += prep_agents
    between = []
    if not agents and not targets:
        # "talks between X and Y": the parties act on each other
        between = [p for c in token.children if c.dep_ == "prep" and c.lower_ == "between" for p in _pobjs(c)]
        agents += between
    if not agents:
        agents += _shared_agents(token, root, words)
    if all(a.pos_ == "PRON" for a in agents) and _in_adjunct(token, root, words):
        # "X met Y during a visit to Z", "on his first visit": the clause's subject visits
        agents = _clause_subjects(token.head.head, words) or agents
    governor = token.head
    light = token.dep_ in ("dobj", "nsubjpass", "attr") and governor.lemma_.lower() in words.support_verbs
    if light:
        # "launched an attack on X": the light verb's subject and complements
        if not agents:
            agents += subjects(governor, words)
        _, more_targets, more_places = _prep_roles(governor, root, words, nominal=False)
        targets += more_targets
        locations += more_places
    return Roles(tuple(agents), tuple(targets), tuple(locations), len(between) > 1)


def _content_subjects(token: Token) -> list[Token]:
    """Subjects of a "that" clause of the trigger, or of its object noun ("the hope *that X* would")."""
    holders = [token] + [c for c in token.children if c.dep_ == "dobj"]
    return [c for holder in holders for clause in holder.children
            if clause.dep_ in ("ccomp", "acl") and clause.pos_ in ("VERB", "AUX")
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)
            for s in clause.children if s.dep_ in ("nsubj", "nsubjpass") and s.pos_ != "PRON"
            for c in _conjuncts(s)]


def find_roles(token: Token, *, pos: str, code: str, words: RoleWords) -> Roles:
    """The role fillers of the trigger headed by ``token``.

    Parameters
    ----------
    token : spacy.tokens.Token
        Head of the trigger: the verb, the adjective or the last word of a noun pattern.
    pos : str
        Part of speech of the lexicon entry (``VERB``, ``NOUN`` or ``ADJ``).
    code : str
        The CAMEO code chosen for the trigger (some prepositions depend on its root).
    words : RoleWords
        The role word lists.
    """
    root = code[:2]
    if pos == "NOUN":
        roles = _noun_roles(token, root, words)
    elif pos == "ADJ":
        holder = token.head if token.dep_ == "amod" else None
        agents = _conjuncts(holder) if holder is not None else subjects(token, words)
        _, targets, locations = _prep_roles(token, root, words, nominal=False)
        roles = Roles(tuple(agents), tuple(targets), tuple(locations), False)
    else:
        roles = _verb_roles(token, root, words)
    if pos == "VERB" and root in words.receiving_roots and token.lemma_.lower() in words.receiving_verbs:
        # "X received weapons from Y": Y gives, X receives
        givers = [p for c in (token, *(o for o in token.children if o.dep_ == "dobj")) for g in c.children
                  if g.dep_ == "prep" and g.lower_ == "from" for p in _pobjs(g)]
        roles = Roles(tuple(givers), tuple(subjects(token, words)), roles.locations, False)
    if pos == "VERB" and any(code.startswith(c) for c in words.destination_codes):
        # "arrived in X", "left for X": the place visited is the host
        more = [p for c in token.children if c.dep_ == "prep" and c.lower_ in words.destination_preps
                for p in _pobjs(c)]
        roles = Roles(roles.agents, roles.targets + tuple(more), roles.locations, roles.reciprocal)
    if any(code.startswith(c) for c in words.content_target_codes):
        # "expressed hope that X would withdraw", "is hopeful that X will sign": who the
        # content clause is about is whom the attitude is aimed at
        roles = Roles(roles.agents, roles.targets + tuple(_content_subjects(token)), roles.locations, roles.reciprocal)
    reciprocal = roles.reciprocal or (pos == "VERB" and _joint(code, roles, words))
    return Roles(tuple(g for a in roles.agents for g in _groups(a, words)),
                 tuple(g for t in roles.targets for g in _groups(t, words)),
                 roles.locations, reciprocal)


# Dependents through which the search for an indirect target goes on, from a trigger or a noun.
_INDIRECT_FROM_VERB = frozenset({"dobj", "dative", "prep", "attr", "oprd"})
_INDIRECT_FROM_NOUN = frozenset({"prep", "pobj", "pcomp", "compound", "amod", "nmod", "poss", "appos", "conj", "acl", "dobj"})
# from an event noun itself: not its own modifiers, which name its agent ("the Russian attack")
_INDIRECT_FROM_TRIGGER_NOUN = _INDIRECT_FROM_NOUN - {"compound", "amod", "poss", "nmod", "conj", "appos"}
_INDIRECT_KINDS = frozenset({"NORP", "GPE", "ORG", "PERSON", "LOC", "FAC"})


def indirect_targets(token: Token, *, pos: str, roles: Roles, words: RoleWords, limit: int = 12) -> list[Token]:
    """Nouns inside the trigger's complements, nearest first: the target when no role names one.

    "criticized the closure of guest houses *in Bree*", "warned of the Prince
    *of Dol Amroth*", "promised aid to the *Ithilen* villages", "signed an
    accord to supply *Gondor*": an act aimed at a thing or a place is aimed
    at the actor its phrase names. The search walks down the dependency tree
    breadth first, through objects, prepositions (not those of time or
    cause, ``indirect_skip_preps``), modifiers and infinitival clauses, never
    into relative or adverbial clauses, and skips the role fillers found
    already. The coder takes the first that names an actor, only for an
    event with an agent and no target.
    """
    # places are searched too: "appealed for peace in Yemen" is aimed at Yemen
    filled = {token.i} | {t.i for t in roles.agents + roles.targets}
    first = _INDIRECT_FROM_TRIGGER_NOUN if pos == "NOUN" else _INDIRECT_FROM_VERB
    frontier = [c for c in token.children if c.dep_ in first or (
        pos != "NOUN" and c.dep_ == "advcl" and is_infinitival(c))]
    visited = {token.i}
    found: list[Token] = []
    for _ in range(5):
        following: list[Token] = []
        for node in sorted(frontier, key=lambda t: t.i):
            visited.add(node.i)
            if node.ent_type_ in _TIME_LABELS or (node.dep_ == "prep" and node.lower_ in words.indirect_skip_preps):
                continue
            if node.dep_ == "acl" and not (is_infinitival(node) or node.tag_ == "VBG"):
                continue  # "roads *leading* into X", "an accord *to supply* X"; not "the town shelled by X"
            if pos == "NOUN" and node.head.i == token.i and node.dep_ == "prep" and node.lower_ in words.location_preps:
                continue  # where an event noun happened is no actor it is aimed at ("an attack in X")
            if node.i not in filled and (node.pos_ in ("NOUN", "PROPN") or node.ent_type_ in _INDIRECT_KINDS):
                found.append(node)
                if len(found) >= limit:
                    return found
            following += [c for c in node.children if c.dep_ in _INDIRECT_FROM_NOUN and c.i not in visited]
        frontier = following
    return found


def ancestors_with_child(token: Token) -> Iterator[tuple[Token, Token]]:
    """Yield ``(child, head)`` pairs walking from ``token`` to the root."""
    while True:
        head = token.head  # each access makes a new Token: read it once
        if head.i == token.i:
            return
        yield token, head
        token = head
