"""Keep queries local: decide on the *parsed* query, never on its text.

pyoxigraph executes ``SERVICE <http://...>`` by opening a connection, so a
query reaching the store through the CLI or the HTTP server must never carry
one. A textual check cannot be trusted for this (``SERVICE:x`` with a default
prefix, escapes, comments and ``BASE``-relative IRIs all defeat a regular
expression), so :func:`check_query` parses the query with rdflib's SPARQL 1.1
parser, walks the parse tree and refuses:

- anything that does not parse as a SPARQL 1.1 query (updates included);
- any ``SERVICE`` pattern, wherever it stands (sub-queries, ``EXISTS``, ...);
- ``FROM``/``FROM NAMED`` naming an IRI that is not ``http(s)`` or not the
  name of a graph of this store (IRIs resolved against the query's own
  ``BASE`` and ``PREFIX`` declarations and the predeclared prefixes).

Before parsing, the query's length and bracket depth are bounded, so a
pathological query ends with a clear message instead of exhausting the
parser's recursion (or the store's own parser's stack).

This is the first wall. The second is :mod:`kg.store.sandbox`: processes that
run queries for the endpoint and ``kg query`` cannot open network sockets at
all. ``docs/security.md`` lists both.

>>> mask_sparql('SELECT * { ?s ?p "SERVICE" } # SERVICE')
'SELECT * { ?s ?p "       " }          '
>>> check_query('SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }', is_local_graph=lambda iri: False)
Traceback (most recent call last):
...
kg.errors.QueryError: SERVICE is not allowed: queries run on the local store only and never open connections; remove the SERVICE clause
"""

from __future__ import annotations

import functools
import re
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from kg.errors import QueryError, QuerySyntaxError
from kg.store.prefixes import PREFIXES

__all__ = ["MAX_QUERY_CHARS", "MAX_QUERY_DEPTH", "QueryShape", "check_query", "mask_sparql", "query_shape"]

#: Longest query text accepted, in characters (the server's body limit is larger).
MAX_QUERY_CHARS = 100_000
#: Deepest nesting of ``{``, ``(`` and ``[`` accepted. Hand-written and library
#: queries stay under 15; the parsers recurse once (or more) per level.
MAX_QUERY_DEPTH = 64

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
_OPEN = frozenset("{([")
_CLOSE = frozenset("})]")
# rdflib's parser recurses through many Python frames per bracket level.
_PARSER_RECURSION_LIMIT = 40 * MAX_QUERY_DEPTH + 2_000
_RECURSION_LOCK = threading.Lock()


def mask_sparql(text: str) -> str:
    """Blank out comments, string literals and IRIs, keeping every offset.

    Comments become spaces; strings and IRIs keep their delimiters around
    spaces. Used to find brackets and keywords for messages and limits, never
    to decide whether a query is allowed.
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


def _depth(masked: str) -> int:
    depth = deepest = 0
    for char in masked:
        if char in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
        elif char in _CLOSE:
            depth -= 1
    return deepest


@dataclass(frozen=True)
class QueryShape:
    """What the guard needs to know of a parsed query.

    Attributes
    ----------
    form : str
        ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``.
    has_service : bool
        Whether a ``SERVICE`` pattern stands anywhere in the query.
    dataset : tuple of str
        The absolute IRIs of its ``FROM`` and ``FROM NAMED`` clauses.
    """

    form: str
    has_service: bool
    dataset: tuple[str, ...]


def _walk(node: Any) -> Iterator[Any]:
    from pyparsing import ParseResults

    stack = [node]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, dict):  # CompValue is an OrderedDict
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, ParseResults)):
            stack.extend(item)


def _bounded(text: str) -> None:
    if len(text) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(
            f"the query is {len(text):,} characters long, over the limit of {MAX_QUERY_CHARS:,}; "
            "shorten it (bind values with VALUES or parameters rather than pasting long lists)"
        )
    depth = _depth(mask_sparql(text))
    if depth > MAX_QUERY_DEPTH:
        raise QuerySyntaxError(
            f"the query nests brackets {depth} levels deep, over the limit of {MAX_QUERY_DEPTH}; "
            "flatten its groups and expressions"
        )


def _parse(text: str, prefixes: Mapping[str, str], base_iri: str | None) -> Any:
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    with _RECURSION_LOCK:
        old = sys.getrecursionlimit()
        sys.setrecursionlimit(max(old, _PARSER_RECURSION_LIMIT))
        try:
            try:
                return parseQuery(text)
            except ParseException as e:
                try:
                    parseUpdate(text)
                except Exception:  # noqa: BLE001 - it is no update either: report the query error
                    pass
                else:
                    raise QueryError(
                        "updates are not allowed: the store is read-only here; change it with `kg build`, "
                        "`kg remove` or `kg load`"
                    ) from e
                raise QuerySyntaxError(_syntax_message(text, e, prefixes, base_iri)) from e
        finally:
            sys.setrecursionlimit(old)


def _syntax_message(text: str, error: Any, prefixes: Mapping[str, str], base_iri: str | None) -> str:
    """The store's own parser message (it points at the right place) where that is safe to get.

    Getting it means running the query on an empty store, which is only safe
    in a process that cannot open network sockets; elsewhere rdflib's message.
    """
    from kg.store.sandbox import network_denied

    if network_denied():
        import pyoxigraph as ox

        try:
            ox.Store().query(text, prefixes=dict(prefixes), base_iri=base_iri)
        except SyntaxError as e:
            return f"SPARQL syntax error: {e}; fix the query and try again"
        except Exception:  # noqa: BLE001 - any other failure: fall back to rdflib's message
            pass
        else:
            return (
                "the query uses syntax beyond SPARQL 1.1, which kg cannot check and does not run "
                f"(at {error.lineno}:{error.col}: {error.msg}); write it in SPARQL 1.1"
            )
    return f"SPARQL syntax error at {error.lineno}:{error.col}: {error.msg}; fix the query and try again"


@functools.lru_cache(maxsize=512)
def _shape(text: str, base_iri: str | None, prefix_items: tuple[tuple[str, str], ...]) -> QueryShape:
    from rdflib import URIRef
    from rdflib.plugins.sparql.algebra import translatePrologue

    _bounded(text)
    parsed = _parse(text, dict(prefix_items), base_iri)
    prologue_part, query_part = parsed[0], parsed[1]
    has_service = any(getattr(node, "name", None) == "ServiceGraphPattern" for node in _walk(query_part))
    try:
        prologue = translatePrologue(
            prologue_part, URIRef(base_iri) if base_iri else None, initNs={k: URIRef(v) for k, v in prefix_items}
        )
        dataset = []
        # CompValue.get answers a missing key with the key itself: test membership
        for clause in query_part["datasetClause"] if "datasetClause" in query_part else ():
            ref = clause["default"] if "default" in clause else clause["named"]
            dataset.append(str(prologue.absolutize(ref)))
    except Exception as e:  # noqa: BLE001 - an unknown prefix and the like: rdflib raises several kinds
        raise QuerySyntaxError(f"SPARQL syntax error: {e}; fix the query and try again") from e
    form = query_part.name.removesuffix("Query").upper()
    return QueryShape(form=form, has_service=has_service, dataset=tuple(dataset))


def query_shape(text: str, *, base_iri: str | None = None, prefixes: Mapping[str, str] = PREFIXES) -> QueryShape:
    """Parse ``text`` and say what it is; refuse what cannot be parsed.

    Parameters
    ----------
    text : str
        The SPARQL query.
    base_iri : str, optional
        The base IRI the query's relative IRIs are resolved against.
    prefixes : mapping
        Prefixes predeclared for the query (the store's defaults).

    Raises
    ------
    QueryError
        When the query is too long or too deep, does not parse, or is an update.

    Examples
    --------
    >>> query_shape('PREFIX : <http://x/> SELECT * FROM :g { ?s ?p ?o }').dataset
    ('http://x/g',)
    >>> query_shape('PREFIX : <http://x/> ASK { SERVICE:s { ?s ?p ?o } }').has_service
    True
    """
    return _shape(text, base_iri, tuple(sorted(prefixes.items())))


def check_query(
    text: str,
    *,
    is_local_graph: Callable[[str], bool],
    base_iri: str | None = None,
    prefixes: Mapping[str, str] = PREFIXES,
) -> bool:
    """Refuse a query that could leave the store; say whether it names a dataset.

    Parameters
    ----------
    text : str
        The SPARQL query.
    is_local_graph : callable
        Tells whether an IRI is the name of a graph of this store.
    base_iri : str, optional
        The base IRI of the query.
    prefixes : mapping
        Prefixes predeclared for the query.

    Returns
    -------
    bool
        True when the query has ``FROM``/``FROM NAMED`` clauses (then the
        store must not replace its default graph with the union).

    Raises
    ------
    QueryError
        On a query that does not parse, an update, ``SERVICE``, or ``FROM``
        naming a file or an IRI that is not a graph of this store.
    """
    shape = query_shape(text, base_iri=base_iri, prefixes=prefixes)
    if shape.has_service:
        raise QueryError(
            "SERVICE is not allowed: queries run on the local store only and never open connections; "
            "remove the SERVICE clause"
        )
    for iri in shape.dataset:
        scheme = iri.partition(":")[0].lower() if ":" in iri else ""
        if scheme == "file":
            raise QueryError(
                f"FROM <{iri}> is not allowed: queries cannot read files; load the data into the store "
                "with `kg build` or `kg load` and query its graphs"
            )
        if scheme not in ("http", "https") or not is_local_graph(iri):
            raise QueryError(
                f"FROM <{iri}> is not allowed: only graphs of this store can be named; "
                "drop the FROM clause to query all graphs"
            )
    return bool(shape.dataset)
