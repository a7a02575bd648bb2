"""Keep queries local: refuse ``SERVICE`` and dataset clauses naming outside IRIs.

pyoxigraph executes ``SERVICE <http://...>`` by opening a connection, and a
query reaching a store through the CLI or the HTTP server must not be able to
make the process talk to the network. ``FROM``/``FROM NAMED`` may name graphs
of this store (article graphs, the analytics graph) and nothing else.

The checks work on a *masked* copy of the query in which comments, string
literals and IRIs are blanked out (same length, so offsets still point into
the original), so a keyword inside a string or an IRI does not trip them.

>>> mask_sparql('SELECT * { ?s ?p "SERVICE" } # SERVICE')
'SELECT * { ?s ?p "       " }          '
>>> dataset_iris('SELECT * FROM <https://w3id.org/conflict-kg/id/graph/x> { ?s ?p ?o }')
('https://w3id.org/conflict-kg/id/graph/x',)
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kg.errors import QueryError
from kg.ids import ID_BASE
from kg.store.prefixes import PREFIXES

__all__ = ["check_query", "dataset_iris", "mask_sparql"]

_TOKENS = re.compile(
    r"""
      (?P<comment>\#[^\n\r]*)
    | (?P<long>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*''')
    | (?P<short>"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<other>[^#"'<]+|.)
    """,
    re.VERBOSE | re.DOTALL,
)
# A keyword is a whole word: not part of a variable (?x, $x), a prefixed name
# (ex:service, service:x) or a longer word.
_EDGE_BEFORE = r"(?<![\w?$:\-])"
_EDGE_AFTER = r"(?![\w:\-])"
_SERVICE = re.compile(_EDGE_BEFORE + r"SERVICE" + _EDGE_AFTER, re.IGNORECASE)
_FROM = re.compile(
    _EDGE_BEFORE + r"FROM\s+(?:NAMED\s+)?(?P<ref><\s*>|[\w\-.]*:[^\s{]*)", re.IGNORECASE
)
_PREFIX = re.compile(_EDGE_BEFORE + r"PREFIX\s+(?P<name>[\w\-.]*):\s*(?P<iri><\s*>)", re.IGNORECASE)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def mask_sparql(text: str) -> str:
    """Blank out comments, string literals and IRIs, keeping every offset.

    Comments become spaces; strings and IRIs keep their delimiters around
    spaces.
    """
    out: list[str] = []
    for match in _TOKENS.finditer(text):
        token = match.group()
        kind = match.lastgroup
        if kind == "comment":
            out.append(" " * len(token))
        elif kind == "long":
            out.append(token[:3] + " " * (len(token) - 6) + token[-3:])
        elif kind in ("short", "iri"):
            out.append(token[0] + " " * (len(token) - 2) + token[-1])
        else:
            out.append(token)
    return "".join(out)


def _decode_codepoints(text: str) -> str:
    # SPARQL allows \u escapes anywhere in a query; check the decoded form too
    # so that an escaped keyword cannot slip past.
    return _CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def dataset_iris(text: str) -> tuple[str, ...]:
    """IRIs named by the query's ``FROM`` and ``FROM NAMED`` clauses, expanded.

    Prefixed names are expanded with the query's own ``PREFIX`` declarations,
    then with :data:`kg.store.prefixes.PREFIXES`.
    """
    masked = mask_sparql(text)
    declared = dict(PREFIXES)
    for match in _PREFIX.finditer(masked):
        start, end = match.span("iri")
        declared[match.group("name")] = text[start + 1 : end - 1]
    iris = []
    for match in _FROM.finditer(masked):
        start, end = match.span("ref")
        ref = text[start:end]
        if ref.startswith("<"):
            iris.append(ref[1:-1])
        else:
            prefix, _, local = ref.partition(":")
            iris.append(declared.get(prefix, prefix + ":") + local)
    return tuple(iris)


def check_query(text: str, *, is_local_graph: Callable[[str], bool]) -> bool:
    """Refuse a query that could leave the store; say whether it names a dataset.

    Parameters
    ----------
    text : str
        The SPARQL query.
    is_local_graph : callable
        Tells whether an IRI outside ``ID_BASE`` is the name of a graph of this
        store (those may be named in ``FROM`` too).

    Returns
    -------
    bool
        True when the query has ``FROM``/``FROM NAMED`` clauses (then the
        store must not replace its default graph with the union).

    Raises
    ------
    QueryError
        On ``SERVICE``, or on ``FROM`` naming a file or an IRI that is not a
        graph of this store.
    """
    for variant in {text, _decode_codepoints(text)}:
        if _SERVICE.search(mask_sparql(variant)):
            raise QueryError(
                "SERVICE is not allowed: queries run on the local store only and never "
                "open connections; remove the SERVICE clause"
            )
    iris = dataset_iris(text)
    for iri in iris:
        if iri.lower().startswith("file:"):
            raise QueryError(
                f"FROM <{iri}> is not allowed: queries cannot read files; load the data "
                "into the store with `kg build` and query its graphs"
            )
        if not (iri.startswith(ID_BASE) or is_local_graph(iri)):
            raise QueryError(
                f"FROM <{iri}> is not allowed: only graphs of this store can be named "
                f"(IRIs under {ID_BASE}); drop the FROM clause to query all graphs"
            )
    return bool(iris)
