"""The app in headless Chromium: it renders, stays offline, and the URL drives the context."""

from __future__ import annotations

import pytest

from tests.conftest import ARTIFACTS, wait_for_app

pytestmark = pytest.mark.browser


def test_overview_renders_offline_with_sidebar_and_map_in_the_urls_context(app_server,
                                                                            browser_page):
    """One opening: the overview draws offline (sidebar selectors, its map), in the context the
    URL gives (the bare address opens in tests/browser/test_serve_browser.py and
    test_hardening_browser.py)."""
    page = browser_page
    page.goto(f"{app_server}/?period=2020-06&city=430200")
    wait_for_app(page)
    page.screenshot(path=str(ARTIFACTS / "overview_zhuzhou.png"), full_page=True)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.external_requests == []
    sidebar = page.locator('[data-testid="stSidebar"]')
    for label in ("报告期", "市州", "园区"):
        assert sidebar.get_by_text(label, exact=True).count() >= 1
    assert page.get_by_text("湖南省产业园区", exact=False).count() >= 1
    assert page.locator('[data-testid="stDeckGlJsonChart"] canvas').count() >= 1  # deck.gl map
    shown = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').evaluate_all(
        "els => els.map(e => (e.innerText + ' ' + [...e.querySelectorAll('input')]"
        ".map(i => i.value).join(' ')).trim())")
    assert "2020年6月" in shown[0] and "株洲市" in shown[1], shown
    assert "范围：株洲市" in page.locator("main").inner_text()


def test_a_deep_link_works_as_the_first_request_of_a_fresh_server(browser_page):
    """A link pasted into a meeting chat opens that page and context, even on a new server."""
    import sys

    from tests.conftest import REPO

    sys.path.insert(0, str(REPO / "scripts"))
    from screenshot import free_port, start_server

    port = free_port()
    server = start_server(port)
    try:
        page = browser_page  # a fresh server; the browser need not be
        page.goto(f"http://127.0.0.1:{port}/targets?period=2020-06&city=430200")
        wait_for_app(page)
        page.screenshot(path=str(ARTIFACTS / "deep_link_targets.png"))
        assert page.locator('[data-testid="stException"]').count() == 0
        main = page.locator("main").inner_text()
        assert "目标达成" in main and "范围：株洲市" in main
        assert "/targets" in page.url
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_the_test_browser_records_and_refuses_requests_to_other_hosts(browser_page):
    """What every browser test's `external_requests == []` rests on: a request to another host,
    by name or by address, is recorded and never answered."""
    page = browser_page
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    urls = ["http://198.51.100.7/a.png", "https://tiles.example.org/b.png"]
    page.set_content("".join(f'<img src="{url}">' for url in urls))
    page.wait_for_function("() => [...document.images].every(i => i.complete)")
    assert sorted(page.external_requests) == sorted(urls)
    assert sorted(failed) == sorted(urls)
