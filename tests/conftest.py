"""Shared fixtures: the data directory, and for browser tests a live server and a Chromium page."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The curated data directory the app reads ($HNPARKS_DATA_DIR or data/)."""
    return Path(os.environ.get("HNPARKS_DATA_DIR", REPO / "data"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Browser tests run in CI (CI set) or when RUN_BROWSER_TESTS=1; skipped otherwise."""
    if os.environ.get("RUN_BROWSER_TESTS") == "1" or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason="browser test: set RUN_BROWSER_TESTS=1 (always on in CI)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def app_server() -> Iterator[str]:
    """A real Streamlit server for app.py on a free local port; yields its base URL."""
    sys.path.insert(0, str(REPO / "scripts"))
    from screenshot import free_port, start_server

    port = free_port()
    process = start_server(port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(REPO / "scripts"))
    from screenshot import CHROMIUM_ARGS

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium):
    """A fresh 1440×900 page that blocks and records every request to a non-local host."""
    context = chromium.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.external_requests = []

    def guard(route):
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            page.external_requests.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    ARTIFACTS.mkdir(exist_ok=True)
    yield page
    context.close()


def wait_for_app(page, timeout_ms: int = 60_000) -> None:
    """Wait until Streamlit has run the script and drawn its charts."""
    sys.path.insert(0, str(REPO / "scripts"))
    from screenshot import wait_until_idle

    wait_until_idle(page, timeout_ms)
