"""The ``ckg:`` ontology namespace, closed: a misspelt term raises.

The terms here and the ones declared in ``ontology/conflict.ttl`` are the same
set; ``tests/test_namespace.py`` keeps them so.

>>> str(CKG.Actor)
'https://w3id.org/conflict-kg/ontology#Actor'
>>> CKG.Actr  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
AttributeError: term 'Actr' not in namespace '...'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from kg.ids import ID_BASE, ONTOLOGY_BASE

__all__ = ["CKG", "ID", "PLOVER_TYPES", "SEM"]

ID = Namespace(ID_BASE)
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")

#: PLOVER event types, each a ``ckg:`` class of the same name in title case.
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST",
    "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT", "INVESTIGATE",
)


class CKG(DefinedNamespace):
    """The conflict ontology, ``https://w3id.org/conflict-kg/ontology#``."""

    _fail = True
    _NS = Namespace(ONTOLOGY_BASE)

    # Classes: documents and provenance
    Article: URIRef
    Mention: URIRef
    # Classes: actors and places
    Actor: URIRef
    Person: URIRef
    Organization: URIRef
    GovernmentBody: URIRef
    MilitaryForce: URIRef
    ArmedGroup: URIRef
    InternationalOrganization: URIRef
    ActorGroup: URIRef
    Media: URIRef
    Country: URIRef
    Location: URIRef
    City: URIRef
    Region: URIRef
    # Classes: events, claims, conflicts
    Event: URIRef
    Claim: URIRef
    Conflict: URIRef
    Statement: URIRef
    Agree: URIRef
    Consult: URIRef
    Support: URIRef
    Concede: URIRef
    Cooperate: URIRef
    Aid: URIRef
    Retreat: URIRef
    Request: URIRef
    Demand: URIRef
    Disapprove: URIRef
    Accuse: URIRef
    Reject: URIRef
    Threaten: URIRef
    Protest: URIRef
    Sanction: URIRef
    Mobilize: URIRef
    Coerce: URIRef
    Assault: URIRef
    Fight: URIRef
    Investigate: URIRef

    # Article properties
    published: URIRef
    url: URIRef
    contentHash: URIRef
    articleText: URIRef
    describes: URIRef
    entityStatements: URIRef
    # Mention and provenance properties
    mentionOf: URIRef
    inArticle: URIRef
    charStart: URIRef
    charEnd: URIRef
    text: URIRef
    sentenceStart: URIRef
    sentenceEnd: URIRef
    # Entity properties
    countryCode: URIRef
    sector: URIRef
    affiliatedWith: URIRef
    role: URIRef
    locatedIn: URIRef
    partOf: URIRef
    hasMember: URIRef
    # Event properties
    agent: URIRef
    target: URIRef
    location: URIRef
    date: URIRef
    dateSource: URIRef
    cameoCode: URIRef
    goldstein: URIRef
    quadClass: URIRef
    claimedBy: URIRef
    negated: URIRef
    modality: URIRef
    confidence: URIRef
    evidence: URIRef
    trigger: URIRef
    triggerStart: URIRef
    triggerEnd: URIRef
    argument: URIRef
    partOfConflict: URIRef
    # Claim properties
    speaker: URIRef
    claims: URIRef
    quote: URIRef
    # Conflict properties
    party: URIRef
    region: URIRef
    startYear: URIRef
    # Actor-network metrics (the analytics graph)
    pagerank: URIRef
    betweenness: URIRef
    community: URIRef
    degreeIn: URIRef
    degreeOut: URIRef
