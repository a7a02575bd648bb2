"""The SPARQL 1.1 Protocol, minus the network: what a request asks for.

Pure functions over what the HTTP layer read (method, query string, content
type, body, Accept): which query, which dataset, which result format. Every
refusal is a :class:`ProtocolError` with the HTTP status it deserves, raised
*before* anything is evaluated.

>>> query_form("PREFIX x: <http://e/> SELECT * { ?s ?p 'ASK' }")
'SELECT'
>>> is_update("INSERT DATA { <http://a> <http://b> <http://c> }")
True
>>> negotiate("ASK", "text/csv;q=0.5, application/sparql-results+xml")
'application/sparql-results+xml'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import parse_qsl

from kg.errors import KgError
from kg.store.guard import mask_sparql

__all__ = [
    "GRAPH_TYPES",
    "RESULT_TYPES",
    "ProtocolError",
    "QueryRequest",
    "is_update",
    "negotiate",
    "query_form",
    "read_request",
]

#: Media types offered for SELECT and ASK results, the first is the default.
RESULT_TYPES = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
)
#: Media types offered for CONSTRUCT and DESCRIBE results, the first is the default.
GRAPH_TYPES = (
    "text/turtle",
    "application/n-triples",
    "application/n-quads",
    "application/ld+json",
    "application/rdf+xml",
)
# Common aliases clients send, mapped to what we answer with.
_ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "text/plain": "application/n-triples",
    "application/x-turtle": "text/turtle",
    "application/json-ld": "application/ld+json",
}
_FORMS = re.compile(r"(?<![\w?$:@\-])(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:\-])", re.IGNORECASE)
# A bare word in a masked query is a keyword (prefixed names contain ':',
# variables start with ?/$), so these words anywhere mean an update request.
_UPDATE_WORDS = re.compile(
    r"(?<![\w?$:@\-])(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)(?![\w:\-])",
    re.IGNORECASE,
)
_FORM_TYPE = "application/x-www-form-urlencoded"
_QUERY_TYPE = "application/sparql-query"
_UPDATE_TYPE = "application/sparql-update"


class ProtocolError(KgError):
    """A request the endpoint refuses, with the HTTP status to answer."""

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        super().__init__(message)


@dataclass(frozen=True)
class QueryRequest:
    """One query operation as the protocol defines it.

    Attributes
    ----------
    query : str
        The SPARQL query text.
    default_graphs, named_graphs : tuple of str, optional
        ``default-graph-uri`` and ``named-graph-uri`` values; ``None`` when the
        request gives no protocol dataset (then the query's own ``FROM``
        clauses, or the union of all graphs, apply).
    """

    query: str
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None


def query_form(text: str) -> str:
    """The query form, upper-case: the first form keyword outside strings, IRIs and comments.

    Raises
    ------
    ProtocolError
        400 when there is none.
    """
    match = _FORMS.search(mask_sparql(text))
    if match is None:
        raise ProtocolError(400, "not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE found")
    return match.group(1).upper()


def is_update(text: str) -> bool:
    """True when ``text`` uses SPARQL Update keywords (outside strings, IRIs, comments)."""
    return _UPDATE_WORDS.search(mask_sparql(text)) is not None


def _media_ranges(accept: str) -> list[tuple[str, float, int]]:
    ranges = []
    for position, item in enumerate(filter(None, (part.strip() for part in accept.split(",")))):
        media, *params = (piece.strip() for piece in item.split(";"))
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((media.lower(), quality, position))
    return ranges


def negotiate(form: str, accept: str | None) -> str:
    """Pick the response media type for a query form from an ``Accept`` header.

    The highest quality wins, then the more specific range, then the order of
    the header; within ``*/*`` or ``type/*`` our default order decides.

    Raises
    ------
    ProtocolError
        406 when nothing offered for this form is acceptable.
    """
    offered = RESULT_TYPES if form in ("SELECT", "ASK") else GRAPH_TYPES
    if not accept or not accept.strip():
        return offered[0]
    best: tuple[float, int, int, int] | None = None
    chosen = None
    for media, quality, position in _media_ranges(accept):
        if quality <= 0:
            continue
        media = _ALIASES.get(media, media)
        if media == "*/*":
            candidates, specificity = list(offered), 0
        elif media.endswith("/*"):
            candidates, specificity = [o for o in offered if o.startswith(media[:-1])], 1
        else:
            candidates, specificity = [o for o in offered if o == media], 2
        if not candidates:
            continue
        rank = (quality, specificity, -position, 0)
        if best is None or rank > best:
            best, chosen = rank, candidates[0]
    if chosen is None:
        kind = "SELECT/ASK results" if form in ("SELECT", "ASK") else "CONSTRUCT/DESCRIBE results"
        raise ProtocolError(
            406, f"cannot answer in any type the Accept header lists ({accept}); {kind} come as: {', '.join(offered)}"
        )
    return chosen


def _single(values: Sequence[str], name: str) -> str:
    if len(values) > 1:
        raise ProtocolError(400, f"give exactly one '{name}' parameter, not {len(values)}")
    return values[0]


def _dataset(params: list[tuple[str, str]]) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
    default = tuple(value for key, value in params if key == "default-graph-uri")
    named = tuple(value for key, value in params if key == "named-graph-uri")
    if not default and not named:
        return None, None
    for iri in (*default, *named):
        if iri.lower().startswith("file:"):
            raise ProtocolError(403, f"graph <{iri}> is not allowed: queries cannot read files")
    return default, named


def _decode(body: bytes, charset: str | None) -> str:
    if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8", "us-ascii"):
        raise ProtocolError(400, f"the request body must be UTF-8 encoded, not {charset}")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ProtocolError(400, f"the request body is not valid UTF-8 ({e.reason} at byte {e.start})") from e


def _content_type(header: str | None) -> tuple[str | None, str | None]:
    if not header:
        return None, None
    media, *params = (piece.strip() for piece in header.split(";"))
    charset = None
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"')
    return media.lower(), charset


def read_request(method: str, query_string: str, content_type: str | None, body: bytes) -> QueryRequest | None:
    """Read a protocol request into a :class:`QueryRequest`.

    Returns None for a GET without a ``query`` parameter (the service
    description is wanted).

    Raises
    ------
    ProtocolError
        403 for an update operation; 400 for several ``query`` parameters, a
        missing or wrong content type, a body that is not UTF-8; 405 for
        another method.
    """
    url_params = parse_qsl(query_string, keep_blank_values=True)
    media, charset = _content_type(content_type)
    if method == "GET":
        params = url_params
    elif method == "POST":
        if media == _FORM_TYPE:
            params = url_params + parse_qsl(_decode(body, charset), keep_blank_values=True)
        elif media == _QUERY_TYPE:
            params = url_params + [("query", _decode(body, charset))]
        elif media == _UPDATE_TYPE:
            raise ProtocolError(403, "this endpoint is read-only: SPARQL Update is refused")
        else:
            raise ProtocolError(
                400,
                f"POST needs Content-Type {_FORM_TYPE} (query=...) or {_QUERY_TYPE} (the query as body)"
                + (f", not {media}" if media else "; none was given"),
            )
    else:
        raise ProtocolError(405, f"method {method} is not allowed: use GET or POST")
    if any(key in ("update", "using-graph-uri", "using-named-graph-uri") for key, _ in params):
        raise ProtocolError(403, "this endpoint is read-only: SPARQL Update is refused")
    queries = [value for key, value in params if key == "query"]
    if not queries:
        if method == "GET":
            return None
        raise ProtocolError(400, "no 'query' parameter: give the SPARQL query as query=...")
    text = _single(queries, "query")
    if is_update(text):
        raise ProtocolError(403, "this endpoint is read-only: SPARQL Update is refused")
    default, named = _dataset(params)
    return QueryRequest(text, default, named)
