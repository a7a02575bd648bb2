"""The HTML pages of the server: the query page, entity pages, the map, and HTML errors.

Each page reads the store only through ``select``, an awaitable that runs one
SELECT in the server's query workers and returns its SPARQL JSON bindings
(see :func:`kg.server.app.create_app`), so pages obey the same deadline,
row cap and guard as ``/sparql``. An error on a page a browser asked for is
an HTML page; a program that asked for JSON gets the server's JSON error.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from kg.ids import ID_BASE
from kg.queries import bind_iris, bind_params
from kg.server.entity import build_view, entity_query, label_targets, lean_query, mention_page, sections

__all__ = ["PAGE_MAX_ROWS", "STATIC_FILES", "VIEWS", "PageError", "editor_words", "render_view", "entity_page", "error_page", "script_json", "wants_html"]

#: Files under /static/: the server's own, and the vendored and page scripts of kg.viz.
STATIC_FILES = {
    **{name: ("server", "static", name) for name in ("app.js", "graph.js", "entity.js", "editor.js", "app.css", "nav.css")},
    **{name: ("viz", "vendor", name) for name in (
        "cytoscape.min.js", "layout-base.js", "cose-base.js", "cytoscape-fcose.js", "topojson-client.min.js")},
    **{name: ("viz", "vendor", "codemirror", name) for name in (
        "codemirror.js", "codemirror.css", "sparql.js", "show-hint.js", "show-hint.css", "matchbrackets.js")},
    **{name: ("viz", "templates", name) for name in (
        "common.js", "page.js", "page.css", "timeline.js", "timeline.css", "map.js", "map.css")},
}

#: Rows a page's own query may return (its LIMIT); larger than the cap on /sparql.
PAGE_MAX_ROWS = 200_000

Select = Callable[[str], Awaitable[list[Any]]]


class PageError(Exception):
    """An error a page answers with its status and message (HTML or JSON as asked)."""

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        self.message = message
        super().__init__(message)


def wants_html(request: Request) -> bool:
    """True when the client prefers an HTML page (a browser), not JSON."""
    accept = request.headers.get("accept", "")
    return "text/html" in accept and "application/json" not in accept.split(",")[0]


def error_page(templates: Any, status: int, message: str) -> HTMLResponse:
    """The error as a page of the site, with a way back."""
    titles = {400: "Bad request", 401: "Token required", 403: "Refused", 404: "Not found",
              500: "Server error", 503: "Too slow"}
    body = templates.get_template("error.html").render(
        status=status, title=titles.get(status, "Error"), message=message
    )
    return HTMLResponse(body, status_code=status)


def script_json(data: Any) -> str:
    """JSON inside ``<script type="application/json">``: ``<``, ``>``, ``&`` escaped so text cannot close it."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


async def entity_page(request: Request, select: Select, templates: Any) -> Response:
    """The page of one resource: one query from the resource, one for the details it names."""
    iri = ID_BASE + request.path_params["path"]
    try:
        page = int(request.query_params.get("page", "1"))
    except ValueError:
        page = 1
    results: dict[str, list[Any]] = sections(await select(lean_query(bind_params(entity_query("page"), {"entity": iri}))))
    mentions, _ = mention_page(results.get("mentions", []), page)
    details = bind_iris(entity_query("details"), "mention", mentions)
    results.update(sections(await select(lean_query(bind_iris(details, "entity", label_targets(results))))))
    view = build_view(iri, results, page=page)
    if not view.found:
        raise PageError(404, f"nothing in the graph is about <{iri}>; check the address, or search the names on the query page")
    template = templates.get_template("entity.html")
    return HTMLResponse(template.render(view=view, graph_json=script_json(view.graph)))


def editor_words() -> str:
    """What the query editor completes, as JSON for the page: prefixes, ontology terms, keywords."""
    from kg.namespace import CKG
    from kg.store.prefixes import PREFIXES

    keywords = [
        "SELECT", "DISTINCT", "WHERE", "FILTER", "OPTIONAL", "UNION", "GROUP BY", "ORDER BY", "LIMIT",
        "OFFSET", "CONSTRUCT", "ASK", "DESCRIBE", "VALUES", "BIND", "COUNT", "SAMPLE", "GROUP_CONCAT",
        "STRSTARTS", "CONTAINS", "LCASE", "REGEX", "EXISTS", "NOT EXISTS", "MINUS", "HAVING", "DESC", "ASC",
    ]
    terms = sorted(f"ckg:{name}" for name in CKG.__annotations__)
    return script_json({"prefixes": dict(PREFIXES), "terms": terms, "keywords": keywords})


#: The views of the whole store the page offers beside the query page, by path.
VIEWS = ("network", "timeline", "map")
_NAV = (
    '<nav class="site-nav"><a href="/" class="brand">kg</a> <a href="/">Query</a> '
    '<a href="/network">Network</a> <a href="/timeline">Timeline</a> <a href="/map">Map</a></nav>'
)


def render_view(name: str, store_path: Any) -> str:
    """The page of one of :data:`VIEWS` for the store at ``store_path``, its scripts linked from /static/.

    Runs in a thread of the server (the store opened read-only beside the
    query workers); the server keeps the page, since the store it serves
    does not change under it.
    """
    from kg.analytics import actor_network, article_info
    from kg.store import Store

    with Store.open(store_path, read_only=True) as store:
        if name == "map":
            from kg.viz import event_places, render_map

            events = event_places(store)
            articles = article_info(store, {event.article for event in events if event.article})
            page = render_map(events, articles=articles, static_prefix="/static/")
        else:
            G = actor_network(store)
            articles = article_info(store, {article for *_, article in G.edges(data="article") if article})
            if name == "network":
                from kg.viz import render_html

                page = render_html(G, title="Actor network", articles=articles, static_prefix="/static/")
            else:
                from kg.viz.prepare import load_style
                from kg.viz.timeline_data import dyads, event_rows
                from kg.viz.timeline_page import timeline_page

                style = load_style()
                panels = [p for p in dyads(event_rows(G), limit=int(style["limits"]["timeline_page_dyads"]))
                          if any(row["quad"] for row in p.events)]
                page = timeline_page(panels, title="Events over time", style=style, articles=articles,
                                     static_prefix="/static/")
    page = page.replace("</head>", '<link rel="stylesheet" href="/static/nav.css">\n</head>', 1)
    return page.replace("<body>", "<body>\n" + _NAV, 1)
