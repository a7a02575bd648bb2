"""A real headless Chromium for page tests, driven by Playwright.

Playwright's own browser download is not used: the tests drive the system's
Chromium (Debian package ``chromium``, installed by ``scripts/setup-test-env``).
The flags keep Chromium from opening any connection of its own, so that a page
test can assert that the page itself makes no network request.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str:
    """Path of the system Chromium; skip the test when there is none."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no Chromium on this machine: run scripts/setup-test-env")
    raise AssertionError  # unreachable


@contextmanager
def browser_page(*, width: int = 1280, height: int = 900) -> Iterator[Any]:
    """Yield a Playwright page in a fresh headless Chromium; closed afterwards."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": width, "height": height})
            yield context.new_page()
        finally:
            browser.close()


def wait_until(page: Any, expression: str, *, timeout: float = 30.0) -> None:
    """Poll ``expression`` (JavaScript) until it is true.

    Playwright's ``wait_for_function`` builds its predicate with ``new Function``
    once it has to poll, which a page's Content-Security-Policy without
    ``unsafe-eval`` forbids; ``page.evaluate`` runs outside the page's policy.
    """
    import time

    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"{expression} still false after {timeout} s")
        page.wait_for_timeout(50)


@contextmanager
def offline_page(url: str) -> Iterator[Any]:
    """A page opened at ``url`` that records its requests and console errors; both checked on exit.

    The page must ask for nothing but ``url`` and log no error.
    """
    with browser_page() as page:
        errors: list[str] = []
        requests: list[str] = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(url)
        wait_until(page, "window.kgReady === true", timeout=60)
        yield page
        assert errors == [], errors
        assert requests == [url], requests
