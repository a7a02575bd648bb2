"""What a single mention refers to: a canonical key, IRI, label and class.

Identity is a pure function of canonical keys (see :mod:`kg.ids`), so one real
entity gets one IRI across articles:

- countries: ``id/country/<iso3>``;
- GeoNames places and the lexicon's regions: ``id/place/<name> <ISO3>``;
- people: ``id/person/<full canonical name>``;
- organisations: ``id/org/<canonical label>``, where country-specific bodies carry
  the country in the label ("Ministry of Defence (Azerbaijan)");
- a country's government, for the Kremlin or an acting capital ("Baku said"):
  ``id/org/government-of-<country>``;
- generic actors without a country ("rebels") mean different groups in different
  articles and are minted per article: ``id/actor/<article>/<label>``.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.ids import entity_iri, minted_iri, name_iri, slug_key
from kg.gazetteer import LexEntry, Lexicon
from kg.model import Article, Mention

__all__ = ["Target", "canonical_org_name", "country_target", "entry_target", "government_target", "mention_target",
           "person_form", "strip_titles"]

# Bodies that belong to their country; IGOs, media and armed groups merely sit there.
_STATE_TYPES = frozenset({"GovernmentBody", "MilitaryForce", "Person"})


@dataclass(frozen=True)
class Target:
    """An entity a mention can resolve to, before its mentions are merged in.

    ``relations`` are ``(predicate, object Target)`` pairs the gazetteer states.
    """

    iri: str
    label: str
    type: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    links: tuple[str, ...] = ()
    relations: tuple[tuple[str, Target], ...] = ()


def country_target(iso3: str, *, lexicon: Lexicon) -> Target:
    """The country with ISO3 code ``iso3`` (a bare code when the lexicon lacks it)."""
    entry = lexicon.country(iso3)
    label = entry.label if entry else iso3
    links = (entry.link,) if entry and entry.link else ()
    return Target(entity_iri("country", iso3.lower()), label, "Country", iso3, links=links)


def _country_name(iso3: str, lexicon: Lexicon) -> str:
    entry = lexicon.country(iso3)
    return entry.label if entry else iso3


def government_target(iso3: str, *, lexicon: Lexicon) -> Target:
    """The government of a country: what "the Kremlin" or "Baku said" stand for."""
    label = f"Government of {_country_name(iso3, lexicon)}"
    return Target(entity_iri("org", label), label, "GovernmentBody", iso3, "GOV",
                  relations=(("affiliatedWith", country_target(iso3, lexicon=lexicon)),))


def entry_target(entry: LexEntry, *, lexicon: Lexicon, article: Article,
                 country: str | None = None) -> Target:
    """The entity a lexicon entry names; ``country`` specialises generic entries.

    An entry whose codes hold for a time only is taken as it was when the article was published.
    """
    entry = entry.on(article.published)
    country = entry.country or country
    if entry.type == "Country" and entry.country:
        return country_target(entry.country, lexicon=lexicon)
    if entry.stands_for == "government" and country:
        return government_target(country, lexicon=lexicon)
    relations: list[tuple[str, Target]] = []
    if entry.type in {"City", "Region", "Location"}:
        key = f"{entry.label} {country}" if country else entry.label
        if country:
            relations.append(("locatedIn", country_target(country, lexicon=lexicon)))
        return Target(entity_iri("place", key), entry.label, entry.type, country,
                      links=(entry.link,) if entry.link else (), relations=tuple(relations))
    if entry.generic and not country:
        iri = minted_iri("actor", article.key, slug_key(entry.label))
        return Target(iri, entry.label, entry.type, None, entry.sector)
    label = key = entry.label
    if entry.generic:
        name = _country_name(country or "", lexicon)
        label, key = f"{label[:1].upper()}{label[1:]} ({name})", f"{label} {name}"
    kind = "person" if entry.type == "Person" else "org"
    for member in entry.members:
        if member in lexicon.entries:
            relations.append(("hasMember", entry_target(lexicon.get(member), lexicon=lexicon, article=article)))
        else:
            relations.append(("hasMember", country_target(member.partition(":")[2], lexicon=lexicon)))
    if entry.part_of and entry.part_of in lexicon.entries:
        parent = entry_target(lexicon.get(entry.part_of), lexicon=lexicon, article=article)
        relations.append(("partOf", parent))
    if country and entry.type in _STATE_TYPES:
        relations.append(("affiliatedWith", country_target(country, lexicon=lexicon)))
    return Target(entity_iri(kind, key), label, entry.type, country, entry.sector,
                  entry.role, relations=tuple(relations))


def strip_titles(name: str, lexicon: Lexicon) -> str:
    """``name`` without the titles before it ("Foreign Minister Julie Bishop" -> "Julie Bishop").

    >>> from kg.gazetteer import load_lexicon
    >>> strip_titles("Major General Hassan", load_lexicon())
    'Hassan'
    """
    words = name.split()
    stripped = True
    while stripped and len(words) > 1:
        stripped = False
        for size in range(len(words) - 1, 0, -1):
            if " ".join(words[:size]).lower() in lexicon.titles:
                words, stripped = words[size:], True
                break
    return " ".join(words)


def person_form(mention: Mention) -> str:
    """A person mention's text without the affiliation before the title.

    "Iraqi President Fuad Masum" -> "President Fuad Masum"; the affiliation
    ("Iraqi") is a mention of its own. A lower-case function before the name is
    dropped too: "Kremlin spokesman Dmitry Peskov" -> "Dmitry Peskov".
    """
    text = mention.text
    if mention.affiliation and mention.affiliation[0] == mention.start and (
            mention.affiliation[1] < mention.end):
        text = text[mention.affiliation[1] - mention.start:]
    words = text.split()
    # a capitalised title is how the person is addressed ("President Putin"); a
    # lower-case function ("spokesman Dmitry Peskov") only describes them
    while len(words) > 1 and words[0].islower():
        words = words[1:]
    return " ".join(words)


def _after_leading_word(mention: Mention, *, lexicon: Lexicon) -> LexEntry | None:
    """The lexicon entry a sentence-initial name names once its first word is dropped.

    At the start of a sentence every word is capitalised, so the model may take an
    adjective into the name it qualifies ("Neighbouring Syria", "Impoverished Haiti").
    The rest names the entry when the first word begins no name of the lexicon (it
    is no part of a name like "North Korea" or "New Zealand"), is no title, demonym
    or people, and the rest is a name the lexicon knows.
    """
    if mention.lexicon_id or mention.start != mention.sentence[0] or mention.role:
        return None
    first, _, rest = " ".join(mention.text.split()).partition(" ")
    entry_id = lexicon.names.get(rest)
    if entry_id is None or not first.isalpha() or not first[:1].isupper() or first.isupper():
        return None
    if first.lower() in lexicon.titles or first in lexicon.demonyms or first in lexicon.peoples \
            or first in lexicon.names or first in lexicon.name_starts:
        return None
    entry = lexicon.entries.get(entry_id)
    if entry is not None and entry.type == "Person" and mention.type == "Person":
        return None  # "Jill Biden": a first name before a surname, not an adjective
    return entry


_PLACE_CLASSES = frozenset({"Country", "City", "Region", "Location"})


def _without_place_word(mention: Mention, *, lexicon: Lexicon) -> LexEntry | None:
    """The place a name with a trailing place word names: "Nagorno-Karabakh region" is Nagorno-Karabakh.

    Only when the rest is the name of a place of the lexicon; "Bari region" of a
    place the lexicon does not know stays a name of its own.
    """
    if mention.lexicon_id or mention.type not in _PLACE_CLASSES:
        return None
    rest, _, last = " ".join(mention.text.split()).rpartition(" ")
    if not rest or last.lower() not in lexicon.place_heads:
        return None
    entry = lexicon.entries.get(lexicon.names.get(rest, ""))
    return entry if entry is not None and entry.type in _PLACE_CLASSES else None


def _after_country(mention: Mention, *, lexicon: Lexicon) -> tuple[LexEntry, str] | None:
    """The body a name made of a country and a known body names: "US Senate", "Kenyan Parliament".

    The rest must be a generic body of the lexicon (which takes the country) or a
    named entry of that same country; the country is a name or demonym of it.
    """
    if mention.lexicon_id or mention.type in _PLACE_CLASSES or mention.type == "Person":
        return None
    words = " ".join(mention.text.split()).split(" ")
    for size in range(1, min(4, len(words))):
        head, rest = " ".join(words[:size]), " ".join(words[size:])
        place = lexicon.entries.get(lexicon.names.get(head, ""))
        country = lexicon.demonyms.get(head) or (place.country if place is not None and place.type == "Country"
                                                 else None)
        if country is None:
            continue
        generic = lexicon.entries.get(lexicon.generic_names.get(rest.lower(), ""))
        if generic is not None and generic.type not in _PLACE_CLASSES:
            return generic, country
        named = lexicon.entries.get(lexicon.names.get(rest, ""))
        if named is not None and named.country == country and named.type not in _PLACE_CLASSES:
            return named, country
    return None


# "UN Regional Centre", "U.N. Security Council": the organisation's name spelt out
_UN_PREFIX = ("UN ", "U.N. ", "U.N ")


def canonical_org_name(name: str, *, lexicon: Lexicon) -> str:
    """The form of an organisation's name its key is made of.

    "UN ..." and "U.N. ..." are spelt "United Nations ..."; a country's
    abbreviation before the name is spelt out ("U.S. Embassy" and "US Embassy" are
    the "United States Embassy"); a capitalised name
    ending in a lower-case head word of organisation names takes it capitalised
    ("Democratic party" is the "Democratic Party").

    >>> from kg.gazetteer import load_lexicon
    >>> lexicon = load_lexicon()
    >>> canonical_org_name("UN Regional Centre for Peace", lexicon=lexicon)
    'United Nations Regional Centre for Peace'
    >>> canonical_org_name("Democratic party", lexicon=lexicon)
    'Democratic Party'
    >>> canonical_org_name("U.S. Geological Survey", lexicon=lexicon)
    'United States Geological Survey'
    """
    for prefix in _UN_PREFIX:
        if name.startswith(prefix):
            name = "United Nations " + name[len(prefix):]
            break
    words = name.split(" ")
    head = lexicon.entries.get(lexicon.names.get(words[0], "")) if len(words) > 1 else None
    if head is not None and head.type == "Country" and words[0].replace(".", "").isupper() \
            and len(words[0].replace(".", "")) <= 4:
        words = [*head.label.split(" "), *words[1:]]
    if len(words) > 1 and words[-1].islower() and words[-1] in lexicon.org_heads and all(
            w[:1].isupper() for w in words[:-1] if w.isalpha() and w not in {"of", "the", "and"}):
        words[-1] = words[-1].capitalize()
    return " ".join(words)


def mention_target(mention: Mention, *, lexicon: Lexicon, article: Article) -> Target:
    """The entity one mention names on its own, before merging within the article.

    Person names the lexicon does not know are keyed by their own text here;
    :mod:`kg.resolve` then joins short forms to full names of the same article.
    """
    entry = (lexicon.entries.get(mention.lexicon_id or "") or _after_leading_word(mention, lexicon=lexicon)
             or _without_place_word(mention, lexicon=lexicon))
    prefixed = _after_country(mention, lexicon=lexicon) if entry is None else None
    if prefixed is not None:
        return entry_target(prefixed[0], lexicon=lexicon, article=article, country=prefixed[1])
    if entry is not None:
        if entry.type == "City" and entry.capital_of and mention.metonym:
            return government_target(entry.capital_of, lexicon=lexicon)
        if entry.type == "Actor":
            # a people or community ("Kurdish", "Yazidis"), one entity across articles
            return Target(entity_iri("group", entry.label), entry.label, "Actor",
                          entry.country)
        return entry_target(entry, lexicon=lexicon, article=article, country=mention.country)
    name = " ".join(mention.text.split())
    country = mention.country
    relations: tuple[tuple[str, Target], ...] = ()
    if country and mention.type in _STATE_TYPES | {"Organization"}:
        relations = (("affiliatedWith", country_target(country, lexicon=lexicon)),)
    if mention.type == "Person":
        name = strip_titles(person_form(mention), lexicon) if mention.role else name
        return Target(name_iri("person", name), name, "Person", country, relations=relations)
    if mention.type in {"City", "Region", "Location"}:
        return Target(name_iri("place", name), name, mention.type)
    if mention.type == "Nationality":
        # a people or community the gazetteer does not tie to a country ("Kurdish")
        return Target(name_iri("group", name), name, "Actor")
    label = name = canonical_org_name(name, lexicon=lexicon)
    if country and mention.type in {"GovernmentBody", "MilitaryForce"} and (
            _country_name(country, lexicon) not in name):
        label = f"{name} ({_country_name(country, lexicon)})"
    return Target(name_iri("org", label), label, mention.type, country, relations=relations)
