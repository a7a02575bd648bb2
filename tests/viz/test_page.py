"""The HTML page in a real headless Chromium: offline, no errors, every actor drawn, evidence on click."""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.viz import render_html
from kg.viz.html import content_security_policy
from tests.browser import browser_page, wait_until
from tests.viz.conftest import HOSTILE, artifacts, evidence

SHOT = Path("/tmp/kg-viz-shot.png")


class Opened:
    """A page opened from disk, with what it requested and logged."""

    def __init__(self, page: Any, url: str) -> None:
        self.page, self.url = page, url
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.goto(url)
        wait_until(page, "window.kgReady === true", timeout=60)

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def js(self, code: str) -> Any:
        return self.page.evaluate(code)

    def tap_edge(self, source: str, target: str, kind: str) -> str:
        self.page.evaluate(
            # returns nothing: serialising the cytoscape collection emit() returns is slow
            "([s, t, k]) => { window.kgCy.edges().filter(e => e.data('source') === s && "
            "e.data('target') === t && e.data('type') === k)[0].emit('tap'); }",
            [source, target, kind],
        )
        return str(self.page.inner_text("#kg-panel"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One Chromium for the module; each test opens its own tab."""
    with browser_page() as page:
        yield page.context


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    page = browser.new_page()
    try:
        yield page
    finally:
        page.close()


@pytest.fixture
def opened(G: Any, tmp_path: Path, tab: Any) -> Opened:
    path = tmp_path / "graph.html"
    path.write_text(render_html(G, title="Test network"), encoding="utf-8")
    return Opened(tab, path.as_uri())


def test_page_is_offline_and_error_free(opened: Opened) -> None:
    assert opened.requests == [opened.url]
    assert opened.errors == []


def test_every_actor_of_the_main_network_is_drawn(opened: Opened, G: Any) -> None:
    from tests.viz.conftest import RUS

    connected = G.number_of_nodes() - 1  # Russia has no event: a group of its own, listed
    assert opened.js("window.kgCy.nodes().length") == connected
    assert opened.js("document.body.dataset.nodes") == str(connected)
    # drawn, not only loaded: each node has a box on the canvas
    assert opened.js("window.kgCy.nodes().filter(n => n.renderedBoundingBox().w > 0).length") == connected
    assert "Russia" in opened.page.inner_text("#kg-groups")
    opened.page.check("#kg-all")
    wait_until(opened.page, f"window.kgCy.getElementById('{RUS}').length === 1")


def test_parallel_events_are_one_edge_with_a_count(opened: Opened) -> None:
    from tests.viz.conftest import ARM, AZE

    counts = opened.js(
        f"window.kgCy.edges().filter(e => e.data('source') === {AZE!r} && e.data('target') === {ARM!r})"
        ".map(e => [e.data('type'), e.data('count')]).sort()"
    )
    assert counts == [["ACCUSE", 1], ["THREATEN", 1]]


@pytest.mark.parametrize(
    ("key", "trigger", "source", "target", "kind", "day"),
    [
        ("viz-test-1", "accused", "country/arm", "country/aze", "ACCUSE", "2020-10-01"),
        ("viz-test-1", "met", "person/vladimir-putin", "country/arm", "CONSULT", "2020-10-09"),
        ("viz-test-2", "aid", "org/osce", "country/arm", "AID", "2020-11"),
    ],
)
def test_clicking_an_edge_shows_its_evidence(
    opened: Opened, key: str, trigger: str, source: str, target: str, kind: str, day: str
) -> None:
    from kg.ids import ID_BASE

    text = opened.tap_edge(ID_BASE + source, ID_BASE + target, kind)
    assert evidence(key, trigger) in text
    assert day in text
    assert key in text  # the article


def test_markup_in_article_text_shows_as_text(opened: Opened, tmp_path: Path) -> None:
    from tests.viz.conftest import ARM, AZE

    text = opened.tap_edge(AZE, ARM, "THREATEN")
    assert HOSTILE in text
    assert opened.js("document.querySelectorAll('#kg-panel script').length") == 0
    assert opened.errors == []
    opened.page.screenshot(path=str(artifacts(tmp_path) / "graph.png"))
    shutil.copy(artifacts(tmp_path) / "graph.png", SHOT)
    assert SHOT.stat().st_size > 10_000


def _visible_edges(opened: Opened) -> list[str]:
    return sorted(opened.js("window.kgCy.edges().filter(e => !e.hasClass('hidden')).map(e => e.data('type'))"))


def test_event_type_filter_hides_those_edges(opened: Opened) -> None:
    before = _visible_edges(opened)
    opened.page.uncheck("#kg-types input[value=ACCUSE]")
    after = _visible_edges(opened)
    assert "ACCUSE" in before and "ACCUSE" not in after
    assert len(after) == len(before) - 2


@pytest.mark.parametrize(
    ("start", "end", "kept"),
    [
        ("2020-10-05", "2020-10-31", ["CONSULT", "THREATEN"]),
        ("2020-11-15", "", ["AID"]),  # "2020-11" overlaps the second half of November
        ("", "2020-10-01", ["ACCUSE", "ACCUSE"]),
    ],
)
def test_date_filter_keeps_events_in_range(opened: Opened, start: str, end: str, kept: list[str]) -> None:
    opened.page.fill("#kg-from", start)
    opened.page.fill("#kg-to", end)
    opened.page.dispatch_event("#kg-to", "change")
    assert _visible_edges(opened) == kept
    # actors left without any edge in range are hidden too
    hidden = opened.js("window.kgCy.nodes().filter(n => n.hasClass('hidden')).map(n => n.data('label'))")
    assert "Armenia" not in hidden


def test_search_marks_matching_actors(opened: Opened) -> None:
    opened.page.fill("#kg-search", "putin")
    assert opened.js("window.kgCy.nodes('.match').map(n => n.data('label'))") == ["Vladimir Putin"]
    assert "1 matching" in opened.page.inner_text("#kg-search-status")


def test_node_cap_keeps_the_top_actors_and_says_so(chain: Any, tmp_path: Path, tab: Any) -> None:
    path = tmp_path / "capped.html"
    path.write_text(render_html(chain, title="capped", max_nodes=10), encoding="utf-8")
    opened = Opened(tab, path.as_uri())
    assert opened.js("window.kgCy.nodes().length") == 10
    assert opened.js("window.kgCy.getElementById('hub').length") == 1
    assert "top 10 of 41 actors" in tab.inner_text("#kg-notice")
    assert opened.errors == []


def test_concentric_layout_for_big_graphs(chain: Any, tmp_path: Path, tab: Any) -> None:
    path = tmp_path / "big.html"
    path.write_text(render_html(chain, title="rings", layout="concentric"), encoding="utf-8")
    opened = Opened(tab, path.as_uri())
    assert opened.js("window.kgCy.nodes().length") == 41
    assert opened.requests == [opened.url] and opened.errors == []


def test_policy_allows_exactly_the_page_scripts(G: Any) -> None:
    page = render_html(G, title="t")
    scripts = re.findall(r"<script>(.*?)</script>", page, flags=re.DOTALL)
    assert len(scripts) == 6  # Cytoscape.js, layout-base, cose-base, fCoSE, the shared helpers, the page
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None
    text = html.unescape(policy.group(1))
    assert text == content_security_policy(scripts)
    assert "connect-src 'none'" in text and "default-src 'none'" in text
    assert "http" not in text and "*" not in text
