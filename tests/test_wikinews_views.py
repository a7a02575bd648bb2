"""Every view on a real corpus (the Wikinews articles and the seed), in headless Chromium.

The examples are small enough for any layout to look fine; a real corpus is
where hubs pile up, labels vanish and queries crawl. Each page must load
offline (no request but its own, or its server's) and log no error.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.analytics import actor_network, article_info
from kg.store import Store
from kg.viz import event_places, render_html, render_map, render_timeline
from tests.browser import browser_page, offline_page, wait_until
from tests.server.conftest import Server, serve


@pytest.fixture(scope="module")
def network_page(wikinews_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    with Store.open(wikinews_store, read_only=True) as store:
        G = actor_network(store)
        articles = article_info(store, {a for *_, a in G.edges(data="article") if a})
    path = tmp_path_factory.mktemp("views") / "network.html"
    path.write_text(render_html(G, title="Actor network", articles=articles), encoding="utf-8")
    return path


def _positions(page: Any) -> dict[str, tuple[float, float]]:
    found = page.evaluate("window.kgCy.nodes().map(n => [n.id(), n.position('x'), n.position('y')])")
    return {node: (round(x, 3), round(y, 3)) for node, x, y in found}


def test_network_labels_the_top_actors_on_first_load(network_page: Path) -> None:
    with offline_page(network_page.as_uri()) as page:
        top = page.evaluate(
            "window.kgCy.nodes().sort((a, b) => b.data('pagerank') - a.data('pagerank')).slice(0, 10)"
            ".map(n => [n.data('label'), n.style('label'), parseFloat(n.style('font-size')) * window.kgCy.zoom(),"
            " n.hasClass('hub'), n.renderedBoundingBox({includeLabels: true}).w])"
        )
        for label, shown, screen_size, hub, width in top:
            assert hub and shown == label, label
            # drawn on screen at a readable size (Cytoscape hides labels under min-zoomed-font-size)
            assert screen_size >= 9, (label, screen_size)
            assert width > 0


def test_network_is_the_same_on_two_loads(network_page: Path) -> None:
    with offline_page(network_page.as_uri()) as page:
        first = _positions(page)
    with offline_page(network_page.as_uri()) as page:
        second = _positions(page)
    assert first and first == second


def test_network_top_actors_do_not_overlap(network_page: Path) -> None:
    with offline_page(network_page.as_uri()) as page:
        nodes = page.evaluate(
            "window.kgCy.nodes().sort((a, b) => b.data('pagerank') - a.data('pagerank')).slice(0, 50)"
            ".map(n => [n.data('label'), n.position('x'), n.position('y'), n.data('size') / 2])"
        )
    assert len(nodes) >= 20
    for i, (name, x, y, r) in enumerate(nodes):
        for other, x2, y2, r2 in nodes[i + 1:]:
            assert math.hypot(x - x2, y - y2) >= r + r2, (name, other)


def test_network_edge_click_shows_sentences_with_titles(network_page: Path) -> None:
    with offline_page(network_page.as_uri()) as page:
        page.evaluate(
            "window.kgCy.edges().filter(e => e.data('events').some(ev => ev.title && ev.evidence))[0].emit('tap')"
        )
        expected = page.evaluate(
            "window.kgCy.edges().filter(e => e.data('events').some(ev => ev.title && ev.evidence))[0]"
            ".data('events').filter(ev => ev.title)[0]"
        )
        panel = page.inner_text("#kg-panel")
        assert expected["evidence"][:60] in " ".join(panel.split())
        assert expected["title"] in panel


def test_network_search_highlights_without_zooming(network_page: Path) -> None:
    with offline_page(network_page.as_uri()) as page:
        zoom = page.evaluate("window.kgCy.zoom()")
        page.fill("#kg-search", "Trump")
        assert page.evaluate("window.kgCy.nodes('.match').map(n => n.data('label'))") == ["Donald Trump"]
        assert page.evaluate("window.kgCy.nodes(':selected').length") == 1
        page.press("#kg-search", "Enter")
        assert page.evaluate("window.kgCy.zoom()") == zoom
        assert "Donald Trump" in page.inner_text("#kg-panel")


def test_network_folds_actors_into_countries_and_unfolds_one(network_page: Path) -> None:
    with offline_page(network_page.as_uri()) as page:
        before = page.evaluate("window.kgCy.nodes().length")
        page.check("#kg-fold")
        wait_until(page, "window.kgCy.nodes('.country').length > 0")
        after = page.evaluate("window.kgCy.nodes().length")
        assert after < before
        usa = page.evaluate("window.kgCy.nodes('.country').filter(n => n.data('country') === 'USA').length")
        assert usa == 1
        page.evaluate("window.kgCy.nodes('.country').filter(n => n.data('country') === 'USA')[0].emit('tap')")
        page.click("#kg-unfold")
        wait_until(page, "window.kgCy.nodes('.country').filter(n => n.data('country') === 'USA').length === 0")
        assert page.evaluate("window.kgCy.nodes().filter(n => n.data('label') === 'Donald Trump').length") == 1


def test_timeline_picker_changes_the_chart(wikinews_store: Path, tmp_path: Path) -> None:
    with Store.open(wikinews_store, read_only=True) as store:
        path = render_timeline(store, out=tmp_path / "timeline.html")
    with offline_page(path.as_uri()) as page:
        chart = "document.querySelector('#tl-chart svg')"
        first = page.evaluate(f"[{chart}.dataset.dyad, {chart}.innerHTML]")
        assert page.evaluate("document.querySelectorAll('#tl-dyad option').length") >= 10
        page.select_option("#tl-dyad", "3")
        second = page.evaluate(f"[{chart}.dataset.dyad, {chart}.innerHTML]")
        assert second[0] != first[0] and second[1] != first[1]
        assert page.evaluate("document.querySelectorAll('#tl-chart rect.bar').length") > 0


def test_map_shows_points_and_evidence(wikinews_store: Path, tmp_path: Path) -> None:
    with Store.open(wikinews_store, read_only=True) as store:
        events = event_places(store)
        articles = article_info(store, {e.article for e in events})
    path = tmp_path / "map.html"
    path.write_text(render_map(events, articles=articles), encoding="utf-8")
    placed = [e for e in events if e.lat is not None]
    assert len(placed) >= 5
    with offline_page(path.as_uri()) as page:
        assert page.evaluate("document.querySelectorAll('#map-view circle.place').length") >= 5
        page.dispatch_event("#map-view circle.place", "click")
        panel = page.inner_text("#map-panel")
        shown = page.evaluate("document.querySelector('#map-view circle.place').dataset.place")
        evidence = [e.evidence for e in placed if e.place_label in shown.split(" / ")]
        assert any(text[:50] in " ".join(panel.split()) for text in evidence)


@pytest.fixture(scope="module")
def wikinews_server(wikinews_store: Path) -> Iterator[Server]:
    with serve(wikinews_store, timeout=30) as running:
        yield running


@pytest.fixture
def site_page(wikinews_server: Server) -> Iterator[Any]:
    """A browser page on the server; it must ask nothing of anyone else and log no error."""
    with browser_page() as page:
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        yield page
        assert [url for url in requests if not url.startswith(wikinews_server.url + "/")] == []
        assert errors == []


def test_editor_runs_a_query_with_ctrl_enter(wikinews_server: Server, site_page: Any) -> None:
    site_page.goto(wikinews_server.url + "/")
    site_page.wait_for_selector(".CodeMirror")
    site_page.evaluate(
        "window.kgEditor.setValue('SELECT ?actor (COUNT(?e) AS ?events) WHERE { ?e ckg:agent ?actor } "
        "GROUP BY ?actor ORDER BY DESC(?events) LIMIT 10')"
    )
    site_page.click(".CodeMirror-line")
    site_page.keyboard.press("Control+Enter")
    site_page.wait_for_selector("#results tr td a")
    assert site_page.locator("#results tr").count() == 11
    site_page.wait_for_selector("#chart:not([hidden]) rect.bar")


@pytest.mark.parametrize("path", ["/entity/country/usa", "/entity/person/vladimir-putin", "/entity/country/arm"])
def test_entity_pages_answer_with_evidence(wikinews_server: Server, site_page: Any, path: str) -> None:
    reply = wikinews_server.request("GET", path, headers={"Accept": "text/html"})
    assert reply.status == 200
    site_page.goto(wikinews_server.url + path)
    assert site_page.text_content("#entity-label")
    evidence = site_page.inner_text("#evidence")
    assert site_page.locator("#evidence blockquote").count() >= 1
    assert site_page.locator("#evidence .source a").count() >= 1 and evidence


def test_missing_entity_is_an_html_page(wikinews_server: Server) -> None:
    # not site_page: Chromium logs the 404 status itself as a console error
    with browser_page() as page:
        response = page.goto(wikinews_server.url + "/entity/person/nobody-at-all")
        assert response is not None and response.status == 404
        assert "Not found" in page.text_content("#error-title")
        assert page.evaluate("document.contentType") == "text/html"


@pytest.mark.parametrize("view", ["network", "timeline", "map"])
def test_site_views_load_offline_and_clean(wikinews_server: Server, site_page: Any, view: str) -> None:
    site_page.goto(f"{wikinews_server.url}/{view}")
    wait_until(site_page, "window.kgReady === true", timeout=90)
    assert site_page.locator(".site-nav").count() == 1
