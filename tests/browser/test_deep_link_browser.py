"""`make run` (Streamlit alone, no nginx): a deep link opens with no failed request and no console
error (#29: the page probed /<page>/_stcore/health and host-config, two 404s, before finding its
server at /; server.py now tells it, as make serve's nginx does)."""

from __future__ import annotations

import re

import pytest

from tests.conftest import REPO, wait_for_app

pytestmark = pytest.mark.browser

LINKS = ["targets?period=2020-06&city=430100", "park?park=P001&period=2020-09",
         "efficiency?period=2020-12&city=430300", "?mode=present&period=2020-06"]


def test_the_tests_serve_what_make_start_serves():
    start = re.search(r"^start:.*?\n((?:\t.*\n)+)", (REPO / "Makefile").read_text(), re.M)
    assert start and "streamlit run server.py" in start.group(1)
    screenshot = (REPO / "scripts" / "screenshot.py").read_text()
    assert '"streamlit", "run", "server.py"' in screenshot  # tests.conftest.app_server


def test_a_deep_link_on_the_plain_server_has_no_404(app_server, browser_page):
    page = browser_page
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400
            else None)
    page.on("console", lambda m: failed.append(f"console: {m.text}") if m.type == "error"
            else None)
    page.on("pageerror", lambda e: failed.append(f"pageerror: {e}"))
    for link in LINKS:
        page.goto(f"{app_server}/{link}")
        wait_for_app(page)
        assert failed == [], (link, failed)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.locator("h1").first.inner_text()  # the page itself drew
    assert "期" in page.locator('[data-testid="stApp"]').inner_text()
