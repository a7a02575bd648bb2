"""The page in a real headless Chromium: library query, entity page, graph; offline and clean."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser import browser_page, wait_until
from tests.server.conftest import SCRIPT_PERSON, Server


@pytest.fixture
def page(server: Server) -> Iterator[Any]:
    """A browser page that records every request and every console error."""
    with browser_page() as browser:
        browser.requests_seen = []
        browser.errors_seen = []
        browser.on("request", lambda request: browser.requests_seen.append(request.url))
        browser.on("console", lambda message: message.type == "error" and browser.errors_seen.append(message.text))
        browser.on("pageerror", lambda error: browser.errors_seen.append(str(error)))
        yield browser
        outside = [url for url in browser.requests_seen if not url.startswith(server.url + "/")]
        assert outside == [], f"requests outside the server: {outside}"
        assert browser.errors_seen == []


def set_query(page: Any, text: str) -> None:
    """Put ``text`` in the CodeMirror editor of the page."""
    page.wait_for_selector(".CodeMirror")
    page.evaluate("text => window.kgEditor.setValue(text)", text)


def test_editor_highlights_and_runs_with_ctrl_enter(server: Server, page: Any) -> None:
    page.goto(server.url + "/")
    set_query(page, "SELECT ?label WHERE { ?c a ckg:Country ; rdfs:label ?label } ORDER BY ?label")
    # SPARQL highlighting: keywords and prefixed names get their own classes
    assert page.locator(".CodeMirror .cm-keyword").count() >= 2
    page.click(".CodeMirror-line")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#results tr td")
    assert page.eval_on_selector_all("#results th", "cells => cells.map(c => c.textContent)") == ["label"]


def test_editor_completes_terms_and_library_names(server: Server, page: Any) -> None:
    page.goto(server.url + "/")
    page.wait_for_selector("#query-select option[value='actors_by_mentions']", state="attached")
    set_query(page, "SELECT * WHERE { ?x a ckg:Coun")
    page.evaluate("window.kgEditor.focus(); window.kgEditor.setCursor(window.kgEditor.lineCount(), 0)")
    page.keyboard.press("Control+Space")
    page.wait_for_selector(".CodeMirror-hints")
    assert "ckg:Country" in page.inner_text(".CodeMirror-hints")
    page.keyboard.press("Escape")
    set_query(page, "")
    page.evaluate("window.kgEditor.focus()")
    page.keyboard.type("#actors_by")
    page.keyboard.press("Control+Space")
    page.wait_for_selector(".CodeMirror-hints")
    page.keyboard.press("Enter")
    wait_until(page, "window.kgEditor.getValue().includes('Actors by number of mentions')")


def test_results_show_labels_a_chart_and_a_link_to_the_query(server: Server, page: Any) -> None:
    page.goto(server.url + "/")
    query = "SELECT ?actor (COUNT(?m) AS ?mentions) WHERE { ?m ckg:mentionOf ?actor } GROUP BY ?actor ORDER BY DESC(?mentions) LIMIT 5"
    set_query(page, query)
    page.click("#run")
    page.wait_for_selector("#results tr td a")
    first = page.text_content("#results tr:nth-child(2) td a")
    assert first and not first.startswith(("person/", "org/", "country/"))  # a label, not the IRI's path
    page.wait_for_selector("#chart:not([hidden]) rect.bar")
    assert page.locator("#chart rect.bar").count() == page.locator("#results tr").count() - 1
    page.click("#share")
    link = page.get_attribute("#share-link", "href")
    assert link and "query=" in link
    page.goto(link)
    page.wait_for_selector("#results tr td a")
    assert page.evaluate("window.kgEditor.getValue()") == query


def test_library_query_fills_the_table(server: Server, page: Any) -> None:
    page.goto(server.url + "/")
    page.wait_for_selector("#query-select option[value='actors_by_mentions']", state="attached")
    page.select_option("#query-select", "actors_by_mentions")
    assert "mentions" in page.text_content("#query-description").lower()
    page.fill("#param-country", "xnv")
    page.click("#load-query")
    wait_until(page, "window.kgEditor.getValue().includes('\"XNV\"')")
    page.click("#run")
    page.wait_for_selector("#results tr td")
    headers = page.eval_on_selector_all("#results th", "cells => cells.map(c => c.textContent)")
    assert headers[:2] == ["actor", "label"]
    labels = page.eval_on_selector_all("#results tr td:nth-child(2)", "cells => cells.map(c => c.textContent)")
    assert labels and all(labels)
    assert "rows 1–" in page.text_content("#page-info")
    assert page.is_enabled("#download-csv")
    with page.expect_download() as download:
        page.click("#download-csv")
    text = open(download.value.path(), encoding="utf-8").read()
    assert text.splitlines()[0].startswith("actor,label") and labels[0] in text


def test_paging(server: Server, page: Any) -> None:
    page.goto(server.url + "/")
    set_query(page, "SELECT ?n WHERE { ?f ckg:filler ?n } ORDER BY ?n LIMIT 60")
    page.click("#run")
    page.wait_for_selector("#results tr td")
    assert page.text_content("#page-info") == "rows 1–25 of 60"
    first = page.text_content("#results tr:nth-child(2) td")
    page.click("#next")
    assert page.text_content("#page-info") == "rows 26–50 of 60"
    assert page.text_content("#results tr:nth-child(2) td") != first
    page.click("#prev")
    assert page.text_content("#results tr:nth-child(2) td") == first


def test_truncated_result_is_announced(server: Server, page: Any) -> None:
    page.goto(server.url + "/")
    set_query(page, "SELECT * WHERE { ?s ?p ?o }")
    page.click("#run")
    page.wait_for_selector("#notice:not([hidden])")
    assert "100" in page.text_content("#notice")


def test_construct_draws_a_graph(server: Server, page: Any) -> None:
    page.goto(server.url + "/")
    set_query(page, "CONSTRUCT { ?p ckg:affiliatedWith ?o } WHERE { ?p ckg:affiliatedWith ?o }")
    page.click("#run")
    page.wait_for_selector("#graph:not([hidden]) canvas")
    assert int(page.get_attribute("#graph", "data-edges")) >= 2
    assert int(page.get_attribute("#graph", "data-nodes")) >= 3


def test_entity_page(server: Server, page: Any) -> None:
    page.goto(server.url + "/entity/person/mara-olin")
    assert page.text_content("#entity-label") == "Mara Olin"
    assert "Northern Watch Mission" in page.text_content("#relations")
    assert "monitors would reach" in page.text_content("#evidence")
    page.wait_for_selector("#graph canvas")
    assert int(page.get_attribute("#graph", "data-nodes")) >= 2
    page.click("#relations a")
    page.wait_for_url("**/entity/org/northern-watch-mission")
    assert page.text_content("#entity-label") == "Northern Watch Mission"


def test_script_in_text_stays_text(server: Server, page: Any) -> None:
    page.goto(server.url + "/entity/" + SCRIPT_PERSON.split("/id/", 1)[1])
    assert "<script>window.__pwned = 1</script>" in page.text_content("#evidence")
    timeline = page.text_content("#events-agent")
    assert "2024-01-04" in timeline and "Statement" in timeline and "<script>" in timeline
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.click("#evidence a")
    page.wait_for_selector("#article-text")
    assert page.text_content("#entity-label") == "Council <b>board</b> notes"  # the title, as text
    assert "<script>" in page.text_content("#article-text")
    assert page.evaluate("typeof window.__pwned") == "undefined"
