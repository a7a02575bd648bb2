"""Resolve an article's mentions to entities with stable IRIs, and relate them.

Within an article, surface forms of one entity are merged: a surname joins the
full name it ends ("Putin" -> "Vladimir Putin"), an acronym the name it abbreviates,
and a title-only mention ("the Russian president") the one person of the article
with that role and country. Across articles, every IRI is minted from a canonical
key (:mod:`kg.resolve.targets`), so the same entity gets the same IRI everywhere.

Nothing here imports spaCy; the input is :class:`kg.model.Mention` objects.

>>> from kg.gazetteer import load_lexicon
>>> from kg.model import Article, Mention
>>> article = Article(id="demo", text="Baku accused Yerevan.")
>>> mentions = (Mention(0, 4, "Baku", "City", lexicon_id="city:587084", metonym=True),)
>>> extraction = resolve(article, mentions, lexicon=load_lexicon())
>>> extraction.mentions[0].entity
'https://w3id.org/conflict-kg/id/org/government-of-azerbaijan'
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from kg.ids import minted_iri, name_iri, slug_key
from kg.gazetteer import LexEntry, Lexicon
from kg.ingest.publisher import site_name
from kg.model import Article, Entity, Extraction, Mention, Relation
from kg.resolve.names import CorpusNames
from kg.resolve.targets import Target, country_target, entry_target, mention_target, person_form

__all__ = ["CorpusNames", "resolve"]

_MISTAKEN_FOR_SURNAME = frozenset({"Organization", "Location"})
_ACRONYM_SKIP = frozenset({"of", "and", "for", "the", "in", "on", "to", "de"})


def resolve(article: Article, mentions: tuple[Mention, ...], *, lexicon: Lexicon,
            names: CorpusNames | None = None) -> Extraction:
    """Resolve ``mentions`` of ``article`` to entities and relations.

    Parameters
    ----------
    article : Article
        The article the mentions come from.
    mentions : tuple of Mention
        Output of :func:`kg.convert.doc_to_mentions`.
    lexicon : Lexicon
        The gazetteer, for canonical names, codes, sectors and links.
    names : CorpusNames, optional
        The people the corpus names in full: a one-word name of a person that
        the article does not name in full stands for the one person of the
        corpus it can stand for.

    Returns
    -------
    Extraction
        ``mentions`` with ``entity`` set (title-only mentions that match no person
        of the article, and names of the article's publisher, are left out), the entities they name plus the countries
        and parent organisations these relate to, and the relations
        (``affiliatedWith``, ``partOf``, ``locatedIn``); everything sorted.
    """
    publisher = _publisher_forms(article, lexicon)
    ordered = sorted((m for m in set(mentions) if _norm(m.text).lower() not in publisher),
                     key=lambda m: (m.start, m.end, m.type))
    targets = {m: mention_target(m, lexicon=lexicon, article=article)
               for m in ordered if not _is_nominal(m)}
    _join_short_names(targets, lexicon)
    if names is not None:
        _join_corpus_names(targets, names, lexicon)
    _join_acronyms(targets)
    _share_place(article, targets, lexicon)
    _split_by_places(article, targets, lexicon)
    _place_national_bodies(article, targets, lexicon)
    for m in ordered:
        if _is_nominal(m):
            person = _person_with_role(m, targets)
            if person is not None:
                targets[m] = person
    by_span = {(m.start, m.end): t for m, t in targets.items()}
    entities, relations = _assemble(targets, by_span, lexicon)
    resolved = tuple(
        replace(m, entity=targets[m].iri,
                type="Person" if targets[m].type == "Person" else m.type)
        for m in ordered if m in targets)
    return Extraction(article=article, mentions=resolved, entities=entities,
                      relations=relations)


def _publisher_forms(article: Article, lexicon: Lexicon) -> frozenset[str]:
    """How the text may name the article's publisher, lower-cased.

    Its name, the site's name in its URL, and the name without a language or
    nationality adjective before it ("English Wikinews" -> "Wikinews").
    """
    forms = {f for f in (article.publisher, site_name(article.url)) if f}
    for name in list(forms):
        first, _, rest = name.partition(" ")
        if rest and first in lexicon.demonyms:
            forms.add(rest)
    return frozenset(f.lower() for f in forms)


def _is_nominal(m: Mention) -> bool:
    """A person named only by a title ("Russian president"), not by a name."""
    return (m.type == "Person" and m.lexicon_id is None and bool(m.role)
            and m.text.split()[-1].lower() == (m.role or "").split()[-1].lower())


def _strip_titles(name: str, lexicon: Lexicon) -> list[str]:
    words = name.split()
    while len(words) > 1 and words[0].lower() in {w for t in lexicon.titles for w in t.split()}:
        words = words[1:]
    return words


def _join_short_names(targets: dict[Mention, Target], lexicon: Lexicon) -> None:
    """Point "Putin" or "President Putin" at the article's "Vladimir Putin"."""
    people = {t.iri: t for t in targets.values() if t.type == "Person"}
    full = {iri: _strip_titles(t.label, lexicon) for iri, t in people.items()}
    first: dict[str, int] = {}
    for m, t in targets.items():
        first[t.iri] = min(first.get(t.iri, m.start), m.start)
    for m, t in list(targets.items()):
        if m.lexicon_id:
            continue
        if t.type != "Person":
            # the model often tags a surname alone as ORG or GPE once the full
            # name has been given ("Ostrova later said")
            surname = {iri for iri, name in full.items() if len(name) > 1
                       and name[-1] == t.label} if " " not in t.label else set()
            if len(surname) == 1 and t.type in _MISTAKEN_FOR_SURNAME:
                targets[m] = people[surname.pop()]
            continue
        words = _strip_titles(t.label, lexicon)
        longer = {iri for iri, name in full.items() if len(name) > len(words)
                  and (name[-len(words):] == words or name[:len(words)] == words)}
        if len(longer) > 1:
            longer = _first_named(longer, first, m.start)
        if len(longer) == 1:
            targets[m] = people[longer.pop()]
        elif words != t.label.split():
            # "President Fuad" alone: key the person by the name without the title
            targets[m] = replace(t, label=" ".join(words),
                                 iri=t.iri.rsplit("/", 1)[0] + "/" + slug_key(" ".join(words)))


def _join_corpus_names(targets: dict[Mention, Target], names: CorpusNames, lexicon: Lexicon) -> None:
    """Point "Sanders", which the article names no further, at the corpus's one "Bernie Sanders"."""
    for m, t in list(targets.items()):
        if m.lexicon_id or t.type != "Person" or " " in t.label or t.label in lexicon.names:
            continue
        found = names.full_name(t.label, t.country)
        if found is not None:
            name, country = found
            country = t.country or country
            relations = (("affiliatedWith", country_target(country, lexicon=lexicon)),) if country else ()
            targets[m] = Target(name_iri("person", name), name, "Person", country, t.sector, t.role,
                                relations=relations)


def _first_named(iris: set[str], first: dict[str, int], start: int) -> set[str]:
    """Of several people sharing a surname, the one the article named first, before ``start``.

    News writing introduces the person a surname alone will stand for first; the
    others (a spouse, a parent) keep being named in full ("Kamala Harris ... her
    father Donald J. Harris ... Harris said").
    """
    before = sorted((first[iri], iri) for iri in iris if first[iri] < start)
    return {before[0][1]} if before else set()


def _join_acronyms(targets: dict[Mention, Target]) -> None:
    """Point an acronym at the article's organisation whose initials it spells.

    An acronym the dictionary knows ("NRC") yields to an organisation of the article
    it abbreviates ("the Northern Relief Coalition (NRC)"), unless the article also
    names the dictionary's organisation in full.
    """
    orgs = {t.iri: t for t in targets.values()
            if t.type not in {"Person", "Country", "City", "Region", "Location"}}
    for m, t in list(targets.items()):
        acronym = m.text if m.lexicon_id else t.label
        if t.iri not in orgs or not (acronym.isupper() and 1 < len(acronym) < 7):
            continue
        if m.lexicon_id and any(t2.iri == t.iri and m2.text != m.text for m2, t2 in targets.items()):
            continue
        matches = {o.iri for o in orgs.values() if o.iri != t.iri and "".join(
            w[0] for w in o.label.split() if w.lower() not in _ACRONYM_SKIP).upper() == acronym}
        if len(matches) == 1:
            targets[m] = orgs[matches.pop()]


# "officials *in* X", "leaders *of* X": a place or country after a generic actor names its country
_PLACE_LINK = re.compile(r"\s+(?:in|of|from)\s+(?:the\s+)?")


def _share_place(article: Article, targets: dict[Mention, Target], lexicon: Lexicon) -> None:
    """Give "lawmakers" in "lawmakers and officials in X" the country of X, as the officials have.

    A place named after coordinated actor nouns qualifies each of them; the
    gazetteer gives its country to the nearest noun only. Only a generic actor
    without a country of its own takes it, and only from a generic actor whose
    country the following place or country gives (not a demonym before it:
    "lawmakers and Iraqi officials" says nothing of the lawmakers).
    """
    text = article.text
    ordered = sorted(targets, key=lambda m: m.start)
    starts = {m.start: m for m in ordered}
    for first, second in pairwise(ordered):
        entry = lexicon.entries.get(first.lexicon_id or "")
        if entry is None or not entry.generic or targets[first].country or not second.country \
                or text[first.end:second.start] != " and ":
            continue
        link = _PLACE_LINK.match(text, second.end)
        place = starts.get(link.end()) if link else None
        if place is not None and place in targets and targets[place].country == second.country:
            targets[first] = entry_target(entry, lexicon=lexicon, article=article, country=second.country)


# "officials in X *and* Y", "in X, Y and Z": the separators of coordinated places
_PLACE_SEPARATOR = re.compile(r"(?:\s*,)?\s+and\s+(?:the\s+)?|\s*,\s*(?:the\s+)?")
_COUNTRY_PLACES = frozenset({"Country", "City", "Region"})


def _coordinated_places(text: str, place: Mention, starts: dict[int, Mention],
                        targets: dict[Mention, Target]) -> list[Mention]:
    """``place`` and the places coordinated after it ("X, Y and Z"), up to the last "and"."""
    found, listed = [place], [place]
    while True:
        separator = _PLACE_SEPARATOR.match(text, found[-1].end)
        following = starts.get(separator.end()) if separator else None
        if separator is None or following is None or following not in targets \
                or targets[following].type not in _COUNTRY_PLACES or not targets[following].country:
            return listed
        found.append(following)
        if "and" in separator.group().split():
            listed = list(found)  # a list ends with "and": "in X, Y" may be a clause boundary


def _split_by_places(article: Article, targets: dict[Mention, Target], lexicon: Lexicon) -> None:
    """Make "officials in Russia and Belarus" a group: the officials of each country.

    A generic actor takes the country of the place after it ("officials in
    Russia"); with coordinated places of several countries it stands for one
    such actor per country, which act as members of a group (as "the Baltic
    states" do). "Lawmakers and officials in X and Y" qualifies both nouns.
    """
    text = article.text
    ordered = sorted(targets, key=lambda m: m.start)
    starts = {m.start: m for m in ordered}
    for i, mention in enumerate(ordered):
        entry = lexicon.entries.get(mention.lexicon_id or "")
        target = targets[mention]
        if entry is None or not entry.generic or not target.country:
            continue
        end = mention.end
        following = ordered[i + 1] if i + 1 < len(ordered) else None
        if following is not None and text[mention.end:following.start] == " and " \
                and getattr(lexicon.entries.get(following.lexicon_id or ""), "generic", False):
            end = following.end  # "lawmakers and officials in X and Y"
        link = _PLACE_LINK.match(text, end)
        place = starts.get(link.end()) if link else None
        if place is None or place not in targets or targets[place].country != target.country:
            continue
        places = _coordinated_places(text, place, starts, targets)
        countries = list(dict.fromkeys(c for p in places if (c := targets[p].country)))
        if len(countries) < 2:
            continue
        label = f"{entry.label} in {text[place.start:places[-1].end]}"
        members = tuple(("hasMember", entry_target(entry, lexicon=lexicon, article=article, country=c))
                        for c in countries)
        targets[mention] = Target(minted_iri("actor", article.key, slug_key(label)), label, "ActorGroup",
                                  relations=members)


_COUNTRY_GIVERS = frozenset({"Country", "City", "Region", "Nationality"})
_NATIONAL = frozenset({"national", "government"})


def _countries_named(mentions: list[Mention], targets: dict[Mention, Target]) -> list[str]:
    """The countries that places and demonyms among ``mentions`` name, once per mention."""
    found = []
    for m in mentions:
        target = targets.get(m)
        if target is not None and target.country and (
                m.type in _COUNTRY_GIVERS or target.type == "Country"):
            found.append(target.country)
    return found


def _place_national_bodies(article: Article, targets: dict[Mention, Target], lexicon: Lexicon) -> None:
    """Give "the government", "the police", "farmers" a country, or no actor node.

    A national body or group without a country of its own phrase is that of the
    country its sentence names (the only one it names), else of the country
    the article is about (named by more than half of the article's mentions of
    countries, places and demonyms); otherwise its mention resolves to nothing:
    "Government" of no country is no actor.
    """
    by_sentence: dict[tuple[int, int], list[Mention]] = {}
    for m in targets:
        by_sentence.setdefault(m.sentence, []).append(m)
    named = _countries_named(list(targets), targets)
    counts = {c: named.count(c) for c in set(named)}
    main = max(sorted(counts), key=lambda c: counts[c], default=None)
    article_country = main if main is not None and counts[main] * 2 > len(named) else None
    for m, target in list(targets.items()):
        if target.country or target.type == "ActorGroup":
            continue
        entry = lexicon.entries.get(m.lexicon_id or "") or _head_word_body(m, lexicon)
        national = entry is not None and entry.stands_for in _NATIONAL
        officer = entry is None and target.type == "Person" and _national_role(m, lexicon)
        if not (national or officer):
            continue
        here = set(_countries_named(by_sentence[m.sentence], targets))
        country = here.pop() if len(here) == 1 else None if here else article_country
        if entry is not None and country is None:
            del targets[m]
        elif entry is not None:
            targets[m] = entry_target(entry, lexicon=lexicon, article=article, country=country)
        elif country is not None:
            # "Senator Jane Roe": the title's office is of the country the text is about
            relations = (("affiliatedWith", country_target(country, lexicon=lexicon)),)
            targets[m] = replace(target, country=country, relations=relations)


_NATIONAL_SECTORS = frozenset({"GOV", "LEG", "JUD", "MIL", "COP", "SPY"})


def _national_role(m: Mention, lexicon: Lexicon) -> bool:
    """Does the person's title name an office of a state (president, senator, judge)?"""
    title = lexicon.titles.get((m.role or "").lower())
    return title is not None and title.sector in _NATIONAL_SECTORS


def _head_word_body(m: Mention, lexicon: Lexicon) -> LexEntry | None:
    """A name that is only a head word ("the Court", "the Senate"): the body of that kind.

    It is a generic national body: "Court" of the country the text is about.
    """
    word = m.text.strip()
    if m.lexicon_id or " " in word or not word[:1].isupper() or word.isupper():
        return None
    found = lexicon.org_heads.get(word.lower())
    if found is None or found[1] not in _NATIONAL_SECTORS:
        return None
    return LexEntry(id=f"generic:{slug_key(word)}", label=word.lower(), type=found[0],
                    sector=found[1], generic=True, stands_for="national")


def _roles(target: Target, targets: dict[Mention, Target]) -> set[str]:
    roles = {m.role.lower() for m, t in targets.items() if t.iri == target.iri and m.role}
    return roles | ({target.role.lower()} if target.role else set())


def _person_with_role(m: Mention, targets: dict[Mention, Target]) -> Target | None:
    role = (m.role or "").lower()
    people = {t.iri: t for t in targets.values() if t.type == "Person"
              and (m.country is None or t.country == m.country)
              and role in _roles(t, targets)}
    return next(iter(people.values())) if len(people) == 1 else None


def _norm(text: str) -> str:
    return " ".join(text.split())


def _assemble(targets: dict[Mention, Target], by_span: dict[tuple[int, int], Target],
              lexicon: Lexicon) -> tuple[tuple[Entity, ...], tuple[Relation, ...]]:
    chosen: dict[str, Target] = {}
    forms: dict[str, set[str]] = {}
    roles: dict[str, dict[str, str]] = {}
    countries: dict[str, set[str]] = {}
    relations: set[Relation] = set()
    for m, t in targets.items():
        chosen.setdefault(t.iri, t)
        named = m.type == "Person" and not _is_nominal(m)
        forms.setdefault(t.iri, set()).add(person_form(m) if named else _norm(m.text))
        if m.role:
            roles.setdefault(t.iri, {}).setdefault(m.role.lower(), m.role)
        if m.country and t.type not in {"Country", "City", "Region", "Location", "Actor", "ActorGroup"}:
            countries.setdefault(t.iri, set()).add(m.country)
        affiliated = by_span.get(m.affiliation) if m.affiliation else None
        if affiliated is not None and affiliated.iri != t.iri:
            relations.add(Relation(t.iri, "affiliatedWith", affiliated.iri))
            chosen.setdefault(affiliated.iri, affiliated)
    # related entities join the graph even when the article does not name them
    pending = list(chosen.values())
    while pending:
        target = pending.pop()
        for predicate, obj in target.relations:
            relations.add(Relation(target.iri, predicate, obj.iri))
            if obj.iri not in chosen:
                chosen[obj.iri] = obj
                pending.append(obj)
    sectors = {iri: t.sector for iri, t in chosen.items()}
    entities = []
    for iri in sorted(chosen):
        t = chosen[iri]
        found = roles.get(iri, {})
        if t.role:
            found.setdefault(t.role.lower(), t.role)
        sector = t.sector or _role_sector(found, lexicon) or _affiliation_sector(
            iri, relations, sectors)
        country = t.country or min(countries.get(iri, ()), default=None)
        entities.append(Entity(
            iri=iri, label=t.label, type=t.type,
            aliases=tuple(sorted(forms.get(iri, set()) - {t.label})),
            country=country, sector=sector, roles=tuple(sorted(found.values())),
            links=tuple(sorted(t.links)),
        ))
    return tuple(entities), tuple(sorted(relations, key=lambda r: (r.subject, r.predicate,
                                                                    r.object)))


def _role_sector(roles: dict[str, str], lexicon: Lexicon) -> str | None:
    sectors = sorted(s for r in roles if (s := getattr(lexicon.titles.get(r), "sector", None)))
    return sectors[0] if sectors else None


def _affiliation_sector(iri: str, relations: set[Relation],
                        sectors: dict[str, str | None]) -> str | None:
    found = sorted(s for r in relations if r.subject == iri and r.predicate == "affiliatedWith"
                   and (s := sectors.get(r.object)))
    return found[0] if found else None
