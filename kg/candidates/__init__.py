"""Event and conflict candidates from the parse: where spaCy stops for events.

:func:`doc_to_candidates` finds the triggers of the lexicon in each sentence,
picks the CAMEO code their complements support, and reads the phrases for the
roles (:mod:`kg.candidates.roles`), the claim, polarity, modality and time
(:mod:`kg.candidates.context`) from the dependency parse. The result is
:class:`kg.model.EventCandidate` objects holding offsets only; the ``events``
stage resolves them to entities and codes the events.

A trigger inside the complement of another is part of it, not an event of its
own: "urged the sides to cease fire" is one appeal (0256), not also a
ceasefire, and "denied shelling the village" one denial.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from kg.candidates.context import attach_time, attribution, polarity, time_governor
from kg.candidates.roles import bracketed, find_roles, indirect_targets, is_infinitival, phrase_bounds, subjects
from kg.candidates.senses import complements_of, entity_types
from kg.candidates.words import RoleWords, role_words
from kg.errors import ExtractionError
from kg.events.senses import Complements
from kg.events.triggers import Trigger, TriggerLexicon, TriggerMatch
from kg.events.timex import find_times
from kg.model import ArgumentSpan, Article, ConflictCandidate, EventCandidate
from kg.nlp.extensions import doc_text

if TYPE_CHECKING:
    from collections.abc import Mapping

    from spacy.tokens import Doc, Span, Token

    from kg.events.timex import TimeMention

__all__ = ["doc_to_candidates", "doc_to_conflicts"]

# Dependents that are not complements of a trigger (they do not choose its code).
_NOT_COMPLEMENT = frozenset({"nsubj", "csubj", "punct", "cc", "conj", "aux", "auxpass", "neg", "mark",
                             "det", "poss", "appos", "relcl", "agent", "dep", "advmod", "npadvmod"})
_CONTENT = frozenset({"xcomp", "ccomp", "pcomp"})
# Entity labels inside whose names a trigger word is no trigger ("Co-operation" in an organisation's name).
_NAME_LABELS = frozenset({"ORG", "GPE", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PERSON", "LOC", "PRODUCT"})


@dataclass(frozen=True)
class _Found:
    candidate: EventCandidate
    head: Token
    entry: Trigger
    complement: frozenset[int]
    content: frozenset[int]
    absorbed: frozenset[str]


def _check(doc: Doc, article: Article) -> None:
    if doc_text(doc) != article.parsed_text:
        raise ExtractionError(f"article {article.id!r}: the Doc holds other text than the article; "
                              "pass nlp(article.text)")
    if not doc.has_annotation("DEP"):
        raise ExtractionError(f"article {article.id!r}: the Doc has no dependency parse; "
                              "use a pipeline with a parser (kg.nlp.load_nlp)")


def _argument(token: Token) -> ArgumentSpan:
    start, end = phrase_bounds(token)
    # a bracketed apposition is an acronym or a news agency ("MOSCOW (Sputnik)"), not another name
    appos = next((c for c in token.children if c.dep_ == "appos"
                  and not bracketed(c)), None)
    return ArgumentSpan(
        start=start, end=end, text=doc_text(token.doc)[start:end],
        head=(token.idx, token.idx + len(token)), lemma=token.lemma_.lower(),
        appositive=(appos.idx, appos.idx + len(appos)) if appos is not None else None,
    )


def _arguments(tokens: tuple[Token, ...]) -> tuple[ArgumentSpan, ...]:
    seen: dict[int, ArgumentSpan] = {}
    for token in tokens:
        seen.setdefault(token.i, _argument(token))
    return tuple(seen.values())


def _complements(head: Token) -> tuple[frozenset[int], frozenset[int]]:
    """Token indices of the trigger's complements, and of its clausal content."""
    complement: set[int] = set()
    content: set[int] = set()
    for child in head.children:
        infinitival = child.dep_ == "advcl" and is_infinitival(child)
        if child.dep_ in _NOT_COMPLEMENT or (child.dep_ == "advcl" and not infinitival):
            continue
        indices = {t.i for t in child.subtree}
        complement |= indices
        clausal = child.dep_ in _CONTENT or infinitival
        if child.dep_ == "prep":
            clausal = any(g.dep_ == "pcomp" for g in child.children)
        if clausal:
            content |= indices
    return frozenset(complement), frozenset(content)


def _phrase_head(words: list[Token]) -> Token:
    """The syntactic head of a noun pattern: "*state* of siege", "ceasefire *violation*"."""
    inside = {w.i for w in words}
    outside = [w for w in words if w.head.i not in inside or w.head.i == w.i]
    return outside[0] if len(outside) == 1 else words[-1]


def _in_name(token: Token) -> bool:
    return token.ent_type_ in _NAME_LABELS and token.ent_iob_ in ("B", "I") and token.pos_ == "PROPN"


def _candidate(match: TriggerMatch, sentence: Span, tokens: list[Token], words: RoleWords,
               forms: list[tuple[str, str]], types: Mapping[int, str]) -> _Found | None:
    first = tokens[match.start]
    entry_pos = match.candidates[0].pos
    head = _phrase_head(tokens[match.start:match.end]) if entry_pos == "NOUN" else first
    if _in_name(head):
        return None
    complement, content = _complements(head)
    # forms: (lower-case lemma, lower-case text) of each token of the sentence
    lemmas = frozenset(form for i in complement for form in forms[i - sentence.start])
    complements = (complements_of(head, lemmas, nominal=entry_pos == "NOUN", classes=match.classes, types=types)
                   if match.needs_parse else Complements(lemmas))
    entry = match.select(complements)
    if entry is None or not entry.names_event:
        return None
    absorbed = entry.requires.matched_words(complements)
    roles = find_roles(head, pos=entry.pos, code=entry.code, words=words)
    last = tokens[match.end - 1]
    trigger = (first.idx, last.idx + len(last))
    reciprocal = roles.reciprocal or (match.pattern[0] in words.reciprocal_verbs and len(roles.agents) > 1)
    claim = attribution(head, sentence, words)
    negated, modality = polarity(head, nominal=entry.pos == "NOUN", words=words)
    agents = roles.agents
    if claim.speakers and any(a.lower_ in words.speaker_pronouns and a.pos_ == "PRON" for a in agents):
        # "Baku said it would retaliate": the pronoun is the speaker
        agents = tuple(a for a in agents if a.pos_ != "PRON") + claim.speakers
    candidate = EventCandidate(
        trigger=trigger,
        text=doc_text(sentence.doc)[trigger[0]:trigger[1]],
        lemmas=entry.pattern,
        pos=entry.pos,
        code=entry.code,
        plover=entry.plover,
        mode=entry.mode,
        sentence=(sentence.start_char, sentence.end_char),
        generic=not entry.requires and len(match.candidates) > 1,
        complements=tuple(sorted(lemmas)),
        agents=_arguments(agents),
        targets=_arguments(roles.targets),
        locations=_arguments(roles.locations),
        reciprocal=reciprocal,
        negated=negated,
        modality=modality,
        speakers=_arguments(claim.speakers),
        cue=claim.cue,
        quote=claim.quote,
        indirect_targets=_arguments(tuple(indirect_targets(head, pos=entry.pos, roles=roles, words=words))),
    )
    return _Found(candidate, head, entry, complement, content, absorbed)


def _obligations(sentence: Span, words: RoleWords, lemmas: list[str]) -> list[tuple[EventCandidate, frozenset[int]]]:
    """Reported obligations as demands: "X said that Y must Z" is X's demand on Y.

    Each comes with the token indices of the clause, whose triggers it absorbs.
    ``lemmas`` are the sentence's lemmas (a sentence without a reporting verb has none).
    """
    if not words.obligation_code or words.reporting_verbs.isdisjoint(lemma.lower() for lemma in lemmas):
        return []
    found = []
    for verb in sentence:
        if verb.lemma_.lower() not in words.reporting_verbs or not words.obligation_code:
            continue
        for clause in verb.children:
            if clause.dep_ != "ccomp" or not any(
                    c.dep_ == "aux" and c.lower_ in words.obligation_modals for c in clause.children):
                continue
            speakers = subjects(verb, words)
            targets = [c for c in clause.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
            if not speakers or not targets:
                continue
            cue = (verb.idx, verb.idx + len(verb))
            found.append((EventCandidate(
                trigger=cue, text=verb.text, lemmas=(verb.lemma_.lower(),), pos="VERB",
                code=words.obligation_code, sentence=(sentence.start_char, sentence.end_char),
                generic=True, agents=_arguments(tuple(speakers)), targets=_arguments(tuple(targets)),
            ), frozenset(t.i for t in clause.subtree)))
    return found


def _same_act(inner: _Found, outer: _Found) -> bool:
    """A clause or adjunct restating its governor's act.

    A purpose clause ("began a hunger strike *to protest*"), or an event noun in
    an adjunct of a verb of the same code ("arrived in X *on a visit*").
    """
    head = inner.head
    if head.dep_ == "pobj" and head.head.head.i == outer.head.i and inner.entry.code == outer.entry.code:
        return True
    if head.dep_ != "advcl" or not is_infinitival(head) or inner.entry.code[:2] != outer.entry.code[:2]:
        return False
    governor = head.head
    return outer.head.i == governor.i or (outer.head.head.i == governor.i and outer.head.dep_ in ("dobj", "nsubjpass"))


def _nested(inner: _Found, outer: _Found, words: RoleWords) -> bool:
    if inner is outer:
        return False
    if _same_act(inner, outer):
        return True
    if inner.head.i not in outer.complement:
        return False
    if set(inner.entry.pattern) & outer.absorbed:
        return True
    if outer.entry.code[:2] in words.request_roots and any(
            c.dep_ == "prep" and c.lower_ in words.request_preps and c.left_edge.i <= inner.head.i <= c.right_edge.i
            for c in outer.head.children):
        return True  # what an appeal asks for has not happened ("called for a boycott")
    return outer.entry.code[:2] in words.speech_roots and inner.head.i in outer.content


def _with_content_targets(outer: _Found, found: list[_Found], words: RoleWords) -> _Found:
    """An act without target takes the target of the act it is about.

    "vowed to wage war on X", "agreed to withdraw from X": what is vowed or
    agreed is aimed at X, so the vow is too.
    """
    if outer.candidate.targets:
        return outer
    for inner in found:
        if inner is not outer and inner.head.i in outer.content and inner.candidate.targets \
                and _nested(inner, outer, words):
            return replace(outer, candidate=replace(outer.candidate, targets=inner.candidate.targets))
    return outer


def _times(sentence: Span, article: Article) -> list[tuple[TimeMention, Token]]:
    found = []
    text = doc_text(sentence.doc)[sentence.start_char:sentence.end_char]
    for mention in find_times(text, published=article.published):
        start, end = sentence.start_char + mention.start, sentence.start_char + mention.end
        governor = time_governor(sentence, start, end)
        if governor is not None:
            found.append((replace(mention, start=start, end=end), governor))
    return found


def _sentence_candidates(sentence: Span, article: Article, triggers: TriggerLexicon,
                         words: RoleWords, types: Mapping[int, str]) -> list[EventCandidate]:
    tokens = list(sentence)
    lemmas = [t.lemma_ for t in tokens]
    matches = triggers.match(lemmas, [t.pos_ for t in tokens])
    forms = [(lemma.lower(), t.lower_) for lemma, t in zip(lemmas, tokens, strict=True)] if matches else []
    found = [f for f in (_candidate(m, sentence, tokens, words, forms, types) for m in matches) if f is not None]
    obligations = _obligations(sentence, words, lemmas)
    kept = [_with_content_targets(f, found, words) for f in found
            if not any(_nested(f, outer, words) for outer in found)
            and not any(f.head.i in clause for _, clause in obligations)]
    times = _times(sentence, article) if kept else []
    heads = {f.head.i for f in kept}
    result = []
    for f in kept:
        time = attach_time(f.head, times, heads - {f.head.i})
        if time is not None:
            f = _Found(replace(f.candidate, time=(time.start, time.end), time_value=time.value,
                               time_granularity=time.granularity), f.head, f.entry, f.complement,
                       f.content, f.absorbed)
        result.append(f.candidate)
    return result + [candidate for candidate, _ in obligations]


def doc_to_candidates(doc: Doc, *, article: Article, triggers: TriggerLexicon) -> tuple[EventCandidate, ...]:
    """The event candidates of an article, from its parsed ``Doc``.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        ``nlp(article.text)`` with a dependency parse (from :func:`kg.nlp.load_nlp`).
    article : Article
        The article; its ``published`` date resolves relative times ("on Saturday").
    triggers : TriggerLexicon
        The trigger lexicon (:func:`kg.events.load_triggers`).

    Returns
    -------
    tuple of EventCandidate
        In text order, nested triggers left out.

    Raises
    ------
    ExtractionError
        When ``doc`` is not the article's text or has no parse.
    """
    _check(doc, article)
    words = role_words()
    types = entity_types(doc)
    found: list[EventCandidate] = []
    for sentence in doc.sents:
        found += _sentence_candidates(sentence, article, triggers, words, types)
    return tuple(sorted(found, key=lambda c: (c.trigger, c.code)))


def _conflict(token: Token, sentence: Span, article: Article, words: RoleWords,
              times: list[tuple[TimeMention, Token]]) -> ConflictCandidate | None:
    regions = [c for c in token.children if c.dep_ in ("compound", "nmod", "amod")
               and (c.pos_ == "PROPN" or c.ent_type_ in ("GPE", "LOC", "NORP"))]
    parties: list[Token] = []
    for prep in token.children:
        objects = [o for o in prep.children if o.dep_ == "pobj"]
        objects += [c for o in objects for c in o.conjuncts]
        if prep.lower_ == "between":
            parties += objects
        elif prep.lower_ in words.region_preps and prep.dep_ == "prep":
            regions += [o for o in objects if o.pos_ == "PROPN"]
    start_year = None
    if token.dep_ == "nsubj" and token.head.lemma_.lower() in words.start_verbs:
        start_year = next((m.value[:4] for m, g in times if g.i == token.head.i), None)
    if not (regions or parties or start_year):
        return None
    start, end = phrase_bounds(token)
    for prep in token.children:
        if prep.lower_ in ("between",) or (prep.lower_ in words.region_preps and prep.dep_ == "prep"):
            end = max(end, prep.right_edge.idx + len(prep.right_edge))
    return ConflictCandidate(
        span=(start, end), text=article.text[start:end],
        sentence=(sentence.start_char, sentence.end_char),
        parties=_arguments(tuple(parties)), regions=_arguments(tuple(regions)), start_year=start_year,
    )


def doc_to_conflicts(doc: Doc, *, article: Article) -> tuple[ConflictCandidate, ...]:
    """Phrases naming a conflict ("the Nagorno-Karabakh conflict", "the conflict between A and B").

    A conflict noun counts when a place or people qualifies it, "between"
    names its parties, or "in"/"over" its region; "the conflict began in
    1988" gives its start year.
    """
    _check(doc, article)
    words = role_words()
    found = []
    for sentence in doc.sents:
        nouns = [t for t in sentence if t.pos_ == "NOUN" and t.lemma_.lower() in words.conflict_nouns]
        times = _times(sentence, article) if nouns else []  # only a start year needs them
        for token in nouns:
            conflict = _conflict(token, sentence, article, words, times)
            if conflict is not None:
                found.append(conflict)
    return tuple(found)
