"""What a curator should review in a store: actors that are likely junk or duplicates.

:func:`audit` reads every actor of a store (label, classes, country, sector,
mentions) and lists, most-mentioned first, the actors of these classes:

``one-word-person``
    A Person named by one word only, which no Person of the store with a longer
    name bears as a first name or surname ("Brexit", "Attendance", "Aspirin").
``other-script``
    A label mostly in letters of another script than Latin (words of a passage
    that is not English).
``marker``
    A label holding interview or markup marks ("((WN))", "[[Page]]", "{{cite}}").
``publisher``
    A label that is the ``dcterms:publisher`` of an article of the store: the
    publisher speaking of itself is no actor of the story.
``type-conflict``
    Several actors with one normalised label but different classes ("UTC" an
    Organization here, a Person there).
``near-duplicate``
    Several actors of one class whose labels are the same once normalised (case,
    punctuation, a leading "the", "U.S."/"US"/"United States", "UN"/"United
    Nations", a trailing "region").
``no-country``
    An actor with a national sector (government, military, police, legislature,
    judiciary, rebels, opposition, ...) but no country: "the government" of which
    country?

>>> normalised_label("The U.S. Senate")
'united states senate'
>>> normalised_label("Nagorno-Karabakh region")
'nagorno karabakh'
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from kg.errors import QueryError

if TYPE_CHECKING:
    from kg.store import Store

__all__ = ["AUDIT_CLASSES", "AuditRow", "audit", "normalised_label"]

#: The classes of :func:`audit`, in the order they are reported.
AUDIT_CLASSES = ("other-script", "marker", "publisher", "one-word-person", "type-conflict",
                 "near-duplicate", "no-country")

# sectors that stand for no one country: intergovernmental, non-governmental,
# multinational and international militarised groups
_TRANSNATIONAL = frozenset({"IGO", "NGO", "MNC", "IMG"})
# the classes a curator compares; Actor and Location are the superclasses every actor or place has
_RANKED = ("Person", "Country", "GovernmentBody", "MilitaryForce", "ArmedGroup",
           "InternationalOrganization", "Media", "ActorGroup", "Organization", "City", "Region")
# what wiki, HTML and interview markup leave in a name: "((WN))", "[[Link]]", "{{cite}}", "<b>"
_MARKUP = re.compile(r"\(\(|\)\)|\[\[|\]\]|\{\{|\}\}|[<>|=\u200d]")
_VARIANTS = (
    (re.compile(r"\b(?:u\.?\s?s\.?a?|united states of america)(?=\s|$)"), "united states"),
    (re.compile(r"\b(?:u\.?\s?k\.?)(?=\s|$)"), "united kingdom"),
    (re.compile(r"^un(?=\s)"), "united nations"),
    (re.compile(r"^the\s+"), ""),
    (re.compile(r"\s+region$"), ""),
)

_QUERY = """
SELECT ?actor ?label ?cls ?country ?sector ?mentions WHERE {
  { SELECT ?actor (COUNT(DISTINCT ?mention) AS ?mentions) WHERE {
      { SELECT DISTINCT ?actor WHERE { ?actor a ckg:Actor } }
      OPTIONAL { ?mention ckg:mentionOf ?actor }
    } GROUP BY ?actor }
  OPTIONAL { SELECT ?actor (MIN(?l) AS ?label) WHERE { ?actor rdfs:label ?l } GROUP BY ?actor }
  OPTIONAL { SELECT ?actor (MIN(?c) AS ?country) WHERE { ?actor ckg:countryCode ?c } GROUP BY ?actor }
  OPTIONAL { SELECT ?actor (MIN(?s) AS ?sector) WHERE { ?actor ckg:sector ?s } GROUP BY ?actor }
  OPTIONAL { SELECT DISTINCT ?actor ?cls WHERE { ?actor a ?cls } }
}
"""
_PUBLISHERS = "SELECT DISTINCT ?publisher WHERE { ?article a ckg:Article ; dcterms:publisher ?publisher }"


@dataclass(frozen=True)
class AuditRow:
    """One actor a curator should look at, and why (``kind``, one of :data:`AUDIT_CLASSES`)."""

    kind: str
    actor: str
    label: str
    type: str
    country: str | None
    sector: str | None
    mentions: int
    rank: int
    detail: str = ""

    def as_dict(self) -> dict[str, Any]:
        """Plain data, for JSON output."""
        return asdict(self)


@dataclass(frozen=True)
class _Actor:
    iri: str
    label: str
    type: str
    country: str | None
    sector: str | None
    mentions: int
    rank: int = 0


def normalised_label(label: str) -> str:
    """``label`` compared without case, accents, punctuation and spelling variants."""
    text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"(?<=\b[a-z])\.(?=[a-z]\.)", "", text)  # "u.s." -> "us."
    for pattern, replacement in _VARIANTS:
        text = pattern.sub(replacement, text)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _other_script(label: str) -> bool:
    letters = [c for c in label if c.isalpha()]
    foreign = sum(not (c.isascii() or unicodedata.name(c, "").startswith("LATIN")) for c in letters)
    return bool(letters) and foreign * 2 > len(letters)


def _select(store: Store, sparql: str) -> list[dict[str, Any]]:
    from kg.store import SelectResult

    result = store.query(sparql)
    if not isinstance(result, SelectResult):
        raise QueryError("the audit's query gave no rows; the store may be damaged")
    return result.as_dicts()


def _actors(store: Store) -> list[_Actor]:
    found: dict[str, dict[str, Any]] = {}
    for row in _select(store, _QUERY):
        iri = str(row["actor"])
        seen = found.setdefault(iri, {"label": str(row.get("label") or iri.rsplit("/", 1)[-1]),
                                      "country": row.get("country"), "sector": row.get("sector"),
                                      "mentions": int(str(row.get("mentions") or 0)), "classes": set()})
        if row.get("cls"):
            seen["classes"].add(str(row["cls"]).rsplit("#", 1)[-1])
    actors = []
    for iri, seen in found.items():
        classes = seen["classes"]
        type_ = next((c for c in _RANKED if c in classes), "Actor")
        if type_ in {"Country", "City", "Region"}:
            continue  # places are not the audit's subject
        actors.append(_Actor(iri, seen["label"], type_, seen["country"] and str(seen["country"]),
                             seen["sector"] and str(seen["sector"]), seen["mentions"]))
    actors.sort(key=lambda a: (-a.mentions, a.label, a.iri))
    return [_Actor(**{**asdict(a), "rank": i}) for i, a in enumerate(actors, start=1)]


def audit(store: Store, *, top: int | None = 200) -> list[AuditRow]:
    """The actors of ``store`` a curator should review, by class (see the module doc).

    Parameters
    ----------
    store : Store
        An open store.
    top : int, optional
        Report only actors among the ``top`` most-mentioned (all when None);
        duplicates and conflicts are found among all actors, and reported when
        one of the group is among the top.

    Returns
    -------
    list of AuditRow
        Sorted by class (in the order of :data:`AUDIT_CLASSES`), then by rank.
    """
    actors = _actors(store)
    publishers = {normalised_label(str(r["publisher"])) for r in _select(store, _PUBLISHERS)
                  if r.get("publisher")}
    publishers |= {p.split(" ", 1)[1] for p in publishers if " " in p}
    rows: list[AuditRow] = []

    def add(kind: str, actor: _Actor, detail: str = "") -> None:
        rows.append(AuditRow(kind, actor.iri, actor.label, actor.type, actor.country, actor.sector,
                             actor.mentions, actor.rank, detail))

    names = _person_name_words(a.label for a in actors if a.type == "Person")
    for actor in actors:
        if _other_script(actor.label):
            add("other-script", actor)
        elif _MARKUP.search(actor.label):
            add("marker", actor)
        if normalised_label(actor.label) in publishers:
            add("publisher", actor)
        if actor.type == "Person" and len(actor.label.split()) == 1 and actor.label not in names:
            add("one-word-person", actor)
        if actor.sector and actor.sector not in _TRANSNATIONAL and not actor.country:
            add("no-country", actor, f"sector {actor.sector}")
    by_label: dict[str, list[_Actor]] = defaultdict(list)
    for actor in actors:
        by_label[normalised_label(actor.label)].append(actor)
    for key, group in by_label.items():
        if len(group) < 2 or not key:
            continue
        types = {a.type for a in group}
        for actor in group:
            others = ", ".join(f"{a.label} ({a.type})" for a in group if a is not actor)
            if len(types) > 1 and actor.type != "Actor":
                add("type-conflict", actor, others)
            elif len(types) == 1 and not _generic_per_article(actor):
                add("near-duplicate", actor, others)
    if top is not None:
        near_top = {a.iri for a in actors if a.rank <= top}
        rows = [r for r in rows if r.actor in near_top]
    order = {kind: i for i, kind in enumerate(AUDIT_CLASSES)}
    return sorted(rows, key=lambda r: (order[r.kind], r.rank, r.actor))


def _generic_per_article(actor: _Actor) -> bool:
    # "rebels" of one article and "rebels" of another are different groups by design
    return "/id/actor/" in actor.iri


def _person_name_words(labels: Iterable[str]) -> set[str]:
    """First names and surnames of the people with a name of several words."""
    words: set[str] = set()
    for label in labels:
        parts = label.split()
        if len(parts) > 1:
            words.update({parts[0], parts[-1]})
    return words
