"""How big the `kg viz` page of a store is and how fast it opens in headless Chromium.

Usage::

    python bench/viz_load.py STORE_DIR [--query Q] [--max-nodes N] [--out page.html]

Builds the page from the store (actor network, PageRank, ``render_html``),
opens it in the system Chromium through Playwright and reports the file size,
the time to build it, the time until ``window.kgReady`` (layout done), and
how long a click on an edge and a search take once it is open.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path, help="store directory (built by `kg build`)")
    parser.add_argument("--query", help="SPARQL text, .rq file or library name choosing the subgraph")
    parser.add_argument("--max-nodes", type=int, default=None, help="node cap (default from style.toml)")
    parser.add_argument("--out", type=Path, help="keep the page here")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from kg.analytics import actor_network, pagerank
    from kg.store import Store
    from kg.viz import render_html, subgraph_from_query

    started = time.perf_counter()
    with Store.open(args.store, read_only=True) as store:
        G = actor_network(store)
        if args.query:
            G = subgraph_from_query(store, args.query, G=G)
    projected = time.perf_counter()
    page = render_html(G, title=f"kg viz: {args.store.name}", metrics={"pagerank": pagerank(G)}, max_nodes=args.max_nodes)
    built = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="kg-viz-bench-"))
    path = args.out or folder / "graph.html"
    path.write_text(page, encoding="utf-8")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("no chromium on PATH", file=sys.stderr)
        return 1
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            tab = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            errors: list[str] = []
            requests: list[str] = []
            tab.on("pageerror", lambda error: errors.append(str(error)))
            tab.on("console", lambda message: errors.extend([message.text] if message.type == "error" else []))
            tab.on("request", lambda request: requests.append(request.url))
            opened = time.perf_counter()
            tab.goto(path.resolve().as_uri())
            tab.wait_for_function("window.kgReady === true", timeout=600_000)
            ready = time.perf_counter() - opened
            drawn = tab.evaluate("window.kgCy.nodes().length")
            edges = tab.evaluate("window.kgCy.edges().length")
            tap_ms = tab.evaluate(
                "(() => { const t = performance.now(); const e = window.kgCy.edges();"
                " if (e.length) { e[0].emit('tap'); } return performance.now() - t; })()"
            )
            search_started = time.perf_counter()
            tab.fill("#kg-search", "a")
            tab.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            search = time.perf_counter() - search_started
            tab.screenshot(path=str(folder / "graph.png"))
        finally:
            browser.close()
    print(f"actors in the network   {G.number_of_nodes():,}")
    print(f"events in the network   {G.number_of_edges():,}")
    print(f"actors drawn            {drawn:,}")
    print(f"edges drawn (aggregated) {edges:,}")
    print(f"page size               {path.stat().st_size / 1e6:.2f} MB")
    print(f"projection              {projected - started:.2f} s")
    print(f"page build              {built - projected:.2f} s")
    print(f"load until kgReady      {ready:.2f} s")
    print(f"edge click              {tap_ms:.0f} ms")
    print(f"search + redraw         {search * 1000:.0f} ms")
    print(f"network requests        {len(requests) - 1} besides the page; console errors {len(errors)}")
    print(f"page {path}, screenshot {folder / 'graph.png'}")
    return 0 if not errors and len(requests) == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
