"""One self-contained HTML page of the actor network that works offline.

The page holds everything it needs: the vendored Cytoscape.js (see
``kg/viz/vendor/README.txt``), the page script and style, and the graph as JSON
in a ``<script type="application/json">`` block. Its Content-Security-Policy
allows only those two inline scripts (by their SHA-256) and inline styles, and
forbids every network request, so a page opened from disk fetches nothing.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_edge("id/a", "id/b", type="ACCUSE", goldstein=-2.0, evidence="</script><b>x</b>")
0
>>> page = render_html(G, title="Demo & co")
>>> "</script><b>" in page, "\\\\u003c/script\\\\u003e" in page, "<title>Demo &amp; co</title>" in page
(False, True, True)
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from kg.errors import ConfigError
from kg.resources import package_data
from kg.viz.prepare import Metrics, load_style, page_data

__all__ = ["CYTOSCAPE_VERSION", "NETWORK_SCRIPTS", "embed_json", "fill_template", "render_html"]

#: Version of the vendored Cytoscape.js (``kg/viz/vendor/cytoscape.min.js``).
CYTOSCAPE_VERSION = "3.35.0"
LAYOUTS = ("auto", "fcose", "concentric")
#: The page's scripts, in order: Cytoscape.js, fCoSE and its two bases (see vendor/README.txt), the page.
NETWORK_SCRIPTS = (
    ("vendor", "cytoscape.min.js"),
    ("vendor", "layout-base.js"),
    ("vendor", "cose-base.js"),
    ("vendor", "cytoscape-fcose.js"),
    ("templates", "common.js"),
    ("templates", "page.js"),
)
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def embed_json(value: Any) -> str:
    """JSON text safe inside a ``<script>`` element.

    ``<``, ``>`` and ``&`` are written as ``\\u003c``, ``\\u003e``, ``\\u0026``
    (JSON escapes, so ``JSON.parse`` gives the same strings back), so no text
    in the data can close the element or open a comment.

    >>> embed_json({"t": "</script>&"})
    '{"t": "\\\\u003c/script\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _script_hash(code: str) -> str:
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _asset(*parts: str) -> str:
    path = package_data("viz", *parts)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"cannot read {path}: {e}; reinstall kg (it ships this file)") from e
    if parts[-1].endswith(".js") and re.search(r"</script|<!--", text, re.IGNORECASE):
        raise ConfigError(f"{path} contains '</script' or '<!--' and cannot be inlined in a page")
    return text


def content_security_policy(scripts: list[str]) -> str:
    """The page's policy: these inline scripts, inline styles, no network at all."""
    hashes = " ".join(_script_hash(code) for code in scripts)
    return (
        "default-src 'none'; "
        f"script-src {hashes}; "
        "style-src 'unsafe-inline'; "
        "img-src data:; font-src 'none'; connect-src 'none'; media-src 'none'; "
        "object-src 'none'; frame-src 'none'; worker-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


def render_html(
    G: Any,
    *,
    title: str,
    metrics: Metrics | None = None,
    color_by: str = "type",
    layout: str = "auto",
    max_nodes: int | None = None,
    articles: Mapping[str, Mapping[str, str]] | None = None,
    static_prefix: str | None = None,
) -> str:
    """Draw an actor network as one self-contained, offline HTML page.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The actor network, one edge per event (see
        :func:`kg.viz.prepare.page_data` for the attributes read).
    title : str
        Title of the page.
    metrics : mapping, optional
        ``{metric name: {node: value}}`` (``pagerank`` sizes the nodes; it is
        computed when absent). Every metric shows in an actor's details.
    color_by : {"type", "country"}
        What the node colour tells.
    layout : {"auto", "fcose", "concentric"}
        ``auto`` runs fCoSE (seeded, so the same graph gives the same
        picture) and the fast ``concentric`` (rings by PageRank) beyond
        ``cose_max_nodes`` actors.
    max_nodes : int, optional
        Keep at most this many actors, those with the highest PageRank
        (default from ``kg/viz/data/style.toml``); the page says when it cuts.
    articles : mapping, optional
        ``{article IRI: {"title", "url", "published"}}`` so that evidence
        names its article (see :func:`kg.analytics.article_info`).
    static_prefix : str, optional
        Link the scripts and style from this URL prefix (``/static/``)
        instead of inlining them: the server's pages, whose policy forbids
        inline scripts.

    Returns
    -------
    str
        The HTML text. Open it in a browser; ``window.kgCy`` is the Cytoscape
        instance and ``window.kgReady`` turns true when the layout is done.

    Raises
    ------
    ConfigError
        For an unknown ``layout`` or ``color_by``.
    """
    if layout not in LAYOUTS:
        raise ConfigError(f"unknown layout {layout!r}; use one of {', '.join(LAYOUTS)}")
    data = page_data(G, title=title, metrics=metrics, color_by=color_by, max_nodes=max_nodes, articles=articles)
    if layout == "auto":
        small = len(data["nodes"]) <= int(load_style()["limits"]["cose_max_nodes"])
        layout = "fcose" if small else "concentric"
    data["layout"] = layout
    return fill_template(
        "page.html", NETWORK_SCRIPTS, "page.css", static_prefix=static_prefix,
        title=title, data=data,
    )


def fill_template(
    template: str,
    scripts: Sequence[tuple[str, str]],
    css: str,
    *,
    static_prefix: str | None,
    title: str,
    data: Any,
    **values: str,
) -> str:
    """One page of ``kg/viz/templates``: its data as JSON, its scripts inline (with a policy) or linked.

    Placeholders: ``{{head}}`` (charset, policy, title, style), ``{{title}}``,
    ``{{data}}``, ``{{scripts}}`` and any of ``values``.
    """
    if static_prefix is None:
        codes = [_asset(*parts) for parts in scripts]
        policy = html.escape(content_security_policy(codes))
        filled = {
            "csp": f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n',
            "style": f"<style>\n{_asset('templates', css)}\n</style>",
            "scripts": "\n".join(f"<script>{code}</script>" for code in codes),
        }
    else:
        filled = {
            "csp": "",
            # Cytoscape.js finds its one rule in a stylesheet of this id instead of injecting a
            # <style> element, which a policy without inline styles forbids
            "style": f'<link rel="stylesheet" href="{static_prefix}{css}" id="__________cytoscape_stylesheet">',
            "scripts": "\n".join(f'<script src="{static_prefix}{name}"></script>' for _, name in scripts),
        }
    filled.update({"title": html.escape(title), "data": embed_json(data), **values})
    filled["head"] = (
        '<meta charset="utf-8">\n' + filled["csp"]
        + '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        + f'<meta name="generator" content="kg {template.removesuffix(".html")}">\n'
        + '<link rel="icon" href="data:,">\n'
        + f"<title>{filled['title']}</title>\n" + filled["style"]
    )
    # one pass, so that text put in is never scanned for placeholders again
    return _PLACEHOLDER.sub(lambda match: filled[match.group(1)], _asset("templates", template))
