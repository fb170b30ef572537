"""生态环境整治 in headless Chromium: charts draw offline and a click on a city's bar drills down."""

from __future__ import annotations

import pytest

from tests.conftest import ARTIFACTS, wait_for_app

pytestmark = pytest.mark.browser


def test_environment_draws_its_charts_and_a_bar_click_sets_the_city(app_server, browser_page):
    page = browser_page
    page.goto(f"{app_server}/environment?period=2020-09")
    wait_for_app(page, 120_000)
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length >= 4",
                           timeout=120_000)
    page.screenshot(path=str(ARTIFACTS / "environment_browser.png"))
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.external_requests == []
    # The third plotly chart is 问题整改 by city; bars are drawn bottom-up, so the last point of
    # the first trace is the top row: the city with the most overdue problems.
    bars = page.locator(".js-plotly-plot").nth(2).locator(".trace").first.locator(".point path")
    bars.nth(bars.count() - 1).click(force=True)
    page.wait_for_url("**city=*", timeout=60_000)
    wait_for_app(page, 120_000)
    assert "范围：" in page.locator("main").inner_text()
    assert "全省" not in page.locator("main").inner_text().split("统计截止")[0]
