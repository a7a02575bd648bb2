"""The HTTP application: the SPARQL endpoint, the page, entity pages, the library.

Built on Starlette (ASGI) so that a slow query only holds its own request:
queries run in the worker processes of :class:`kg.server.workers.QueryPool`,
awaited without blocking the event loop.

Every error answers with one JSON shape, ``{"error": {"status", "message"}}``.
"""

from __future__ import annotations

import asyncio
import hmac
import json
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from kg.errors import KgError
from kg.queries import bind_params, get_query, list_queries
from kg.resources import package_data
from kg.server.pages import (
    PAGE_MAX_ROWS,
    STATIC_FILES,
    VIEWS,
    PageError,
    editor_words,
    entity_page,
    error_page,
    render_view,
    wants_html,
)
from kg.server.protocol import RESULT_TYPES, ProtocolError, negotiate, query_form, read_request
from kg.server.workers import Job, QueryPool, QueryTimeout, WorkerFailed

__all__ = ["ServerSettings", "create_app"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Awaitable[None]]

# The page loads nothing from elsewhere and may connect only to this server.
# No inline script or style at all: Cytoscape.js's one injected rule lives in
# app.css (see the comment there).
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_STATIC = STATIC_FILES
_MEDIA = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".json": "application/json"}


@dataclass(frozen=True)
class ServerSettings:
    """Options of ``kg serve`` (see :func:`kg.server.run_server`)."""

    store_path: Path
    timeout: float = 30.0
    max_rows: int = 10_000
    max_body: int = 1_000_000
    workers: int = 2
    cors: tuple[str, ...] = ()
    token: str | None = None


def error_response(status: int, message: str) -> JSONResponse:
    """The one error shape of the server."""
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)


class _ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        self.status = status
        self.message = message
        super().__init__(message)


def _security_headers(app: ASGIApp, settings: ServerSettings) -> ASGIApp:
    """Add CSP and related headers, check the bearer token, and cap the request size."""
    token = settings.token.encode() if settings.token else None

    async def wrapped(scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        length = headers.get(b"content-length", b"0")
        if length.isdigit() and int(length) > settings.max_body:
            await _send_error(413, f"the request is larger than {settings.max_body} bytes", scope, receive, send_with_headers)
            return
        path = scope.get("path", "")
        if token and path != "/" and not path.startswith("/static/") and scope.get("method") != "OPTIONS":
            if not _authorised(headers, token):
                await _send_error(
                    401, "a bearer token is required: send 'Authorization: Bearer TOKEN'", scope, receive, send_with_headers
                )
                return
        await app(scope, receive, send_with_headers)

    return wrapped


def _authorised(headers: dict[bytes, bytes], token: bytes) -> bool:
    given = headers.get(b"authorization", b"")
    if given[:7].lower() == b"bearer " and hmac.compare_digest(given[7:].strip(), token):
        return True
    # the page keeps the token in a same-site cookie so that links to entity pages work
    for part in headers.get(b"cookie", b"").split(b";"):
        name, _, value = part.strip().partition(b"=")
        if name == b"kg_token" and hmac.compare_digest(value, quote(token.decode(), safe="").encode()):
            return True
    return False


async def _send_error(status: int, message: str, scope: Scope, receive: Any, send: Any) -> None:
    response = error_response(status, message)
    if status == 401:
        response.headers["www-authenticate"] = 'Bearer realm="kg"'
    await response(scope, receive, send)


async def _read_body(request: Request, limit: int) -> bytes:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _ApiError(413, f"the request is larger than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _service_description(request: Request) -> Response:
    endpoint = str(request.url.replace(query="", fragment=""))
    formats = {
        "application/sparql-results+json": "http://www.w3.org/ns/formats/SPARQL_Results_JSON",
        "application/sparql-results+xml": "http://www.w3.org/ns/formats/SPARQL_Results_XML",
        "text/csv": "http://www.w3.org/ns/formats/SPARQL_Results_CSV",
        "text/tab-separated-values": "http://www.w3.org/ns/formats/SPARQL_Results_TSV",
        "text/turtle": "http://www.w3.org/ns/formats/Turtle",
        "application/n-triples": "http://www.w3.org/ns/formats/N-Triples",
        "application/n-quads": "http://www.w3.org/ns/formats/N-Quads",
        "application/ld+json": "http://www.w3.org/ns/formats/JSON-LD",
        "application/rdf+xml": "http://www.w3.org/ns/formats/RDF_XML",
    }
    listed = ", ".join(f"<{iri}>" for iri in formats.values())
    body = (
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n"
        f"<{endpoint}> a sd:Service ;\n"
        f"    sd:endpoint <{endpoint}> ;\n"
        "    sd:supportedLanguage sd:SPARQL11Query ;\n"
        "    sd:feature sd:UnionDefaultGraph ;\n"
        f"    sd:resultFormat {listed} ;\n"
        "    sd:defaultDataset [ a sd:Dataset ] .\n"
    )
    # a blank node is fine here: the description is not part of the kg graph
    return Response(body, media_type="text/turtle; charset=utf-8")


def create_app(settings: ServerSettings, *, pool: QueryPool | None = None) -> ASGIApp:
    """Build the ASGI application; its lifespan starts and stops the query workers."""
    pool = pool or QueryPool(settings.store_path, size=settings.workers)
    templates = _templates()

    async def run(job: Job) -> Any:
        try:
            result = await pool.run(job, timeout=settings.timeout)
        except QueryTimeout as e:
            raise _ApiError(
                503,
                f"the query did not finish within {settings.timeout:g} s and was stopped; "
                "narrow it (LIMIT, more specific patterns) or ask for a longer --timeout",
            ) from e
        except WorkerFailed as e:
            raise _ApiError(500, str(e)) from e
        if result.error == "syntax":
            raise _ApiError(400, result.message)
        if result.error == "refused":
            raise _ApiError(403, result.message)
        if result.error:
            raise _ApiError(500, result.message)
        return result

    async def sparql(request: Request) -> Response:
        body = await _read_body(request, settings.max_body) if request.method == "POST" else b""
        query_request = read_request(
            request.method, request.url.query, request.headers.get("content-type"), body
        )
        if query_request is None:
            return _service_description(request)
        form = query_form(query_request.query)
        media_type = negotiate(form, request.headers.get("accept"))
        job = Job(
            query=query_request.query,
            media_type=media_type,
            max_rows=settings.max_rows,
            default_graphs=query_request.default_graphs,
            named_graphs=query_request.named_graphs,
            # relative IRIs in a query resolve against the endpoint (SPARQL 1.1 Protocol 2.1.1)
            base_iri=str(request.url.replace(query="", fragment="")),
        )
        result = await run(job)
        charset = "" if media_type.endswith("json") else "; charset=utf-8"
        response = Response(result.body, media_type=media_type + charset)
        response.headers["x-kg-truncated"] = "true" if result.truncated else "false"
        response.headers["x-kg-max-rows"] = str(settings.max_rows)
        response.headers["vary"] = "Accept"
        return response

    async def queries(request: Request) -> Response:
        listing = [
            {
                "name": query.name,
                "title": query.title,
                "description": query.description,
                "params": [
                    {
                        "name": p.name,
                        "description": p.description,
                        "type": p.type,
                        "required": p.required,
                        "default": p.default,
                    }
                    for p in query.params
                ],
            }
            for query in list_queries()
        ]
        return JSONResponse(listing)

    async def library_query(request: Request) -> Response:
        query = get_query(request.path_params["name"])
        params = {key: value for key, value in request.query_params.items() if value != ""}
        return JSONResponse({"name": query.name, "text": bind_params(query, params)})

    async def select_json(text: str) -> list[Any]:
        # pages read all the rows their queries bound themselves (LIMIT in the .rq files)
        job = Job(query=text, media_type=RESULT_TYPES[0], max_rows=PAGE_MAX_ROWS)
        result = await run(job)
        return list(json.loads(result.body)["results"]["bindings"])

    # -- pages (kg.server.pages): HTML for a browser, the JSON error shape for programs
    async def entity(request: Request) -> Response:
        try:
            return await entity_page(request, select_json, templates)
        except (PageError, _ApiError) as e:
            if wants_html(request):
                return error_page(templates, e.status, e.message)
            raise _ApiError(e.status, e.message) from e

    views: dict[str, str] = {}

    async def view(request: Request) -> Response:
        name = request.url.path.strip("/")
        if name not in views:
            # the store does not change while it is served: each view is drawn once
            views[name] = await asyncio.to_thread(render_view, name, settings.store_path)
        return HTMLResponse(views[name])

    async def index(request: Request) -> Response:
        return HTMLResponse(templates.get_template("index.html").render(max_rows=settings.max_rows, words_json=editor_words()))

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in _STATIC:
            raise _ApiError(404, f"no static file {name!r}")
        path = package_data(*_STATIC[name])
        return FileResponse(path, media_type=_MEDIA[path.suffix], headers={"cache-control": "no-cache"})

    async def not_allowed(request: Request, exc: Exception) -> Response:
        if isinstance(exc, HTTPException):
            return error_response(exc.status_code, str(exc.detail))
        return error_response(500, "internal error")

    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, _ApiError)
        return error_response(exc.status, exc.message)

    async def protocol_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ProtocolError)
        return error_response(exc.status, str(exc))

    async def kg_error(request: Request, exc: Exception) -> Response:
        return error_response(400, str(exc))

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await pool.start()
        try:
            yield
        finally:
            pool.close()

    methods = ["GET", "POST", "PUT", "DELETE", "PATCH"]
    routes = [
        Route("/", index),
        Route("/sparql", sparql, methods=methods),
        Route("/sparql/", sparql, methods=methods),
        Route("/api/queries", queries),
        Route("/api/queries/{name}", library_query),
        Route("/entity/{path:path}", entity),
        *(Route(f"/{name}", view) for name in VIEWS),
        Route("/static/{name}", static),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={
            HTTPException: not_allowed,
            _ApiError: api_error,
            ProtocolError: protocol_error,
            KgError: kg_error,
            Exception: not_allowed,
        },
    )
    asgi: ASGIApp = app
    if settings.cors:
        from starlette.middleware.cors import CORSMiddleware

        asgi = CORSMiddleware(
            asgi,
            allow_origins=list(settings.cors),
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "Authorization", "Accept"],
            expose_headers=["X-KG-Truncated", "X-KG-Max-Rows"],
        )
    return _security_headers(asgi, settings)


def _templates() -> Any:
    import jinja2

    loader = jinja2.FileSystemLoader(str(package_data("server", "templates")))
    return jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined)

