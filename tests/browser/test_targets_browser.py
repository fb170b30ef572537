"""Clicks on the target page's charts in a real browser: a city bar sets the city, a park bar
(in the folded 园区排名, opened first) opens the park's profile with the period kept."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import wait_for_app

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not shutil.which("chromium") and
                                 not Path("/usr/bin/chromium").exists(),
                                 reason="needs Debian's chromium")]


def _bars(page, chart_index):
    chart = page.locator(".js-plotly-plot").nth(chart_index)
    chart.scroll_into_view_if_needed()
    bars = chart.locator("g.point path")
    bars.first.wait_for()
    return bars


def _open_targets(page, app_server: str) -> None:
    page.goto(f"{app_server}/targets?period=2020-06")
    wait_for_app(page)


@pytest.fixture
def page(browser_page):
    browser_page.set_viewport_size({"width": 1440, "height": 1200})
    return browser_page


def test_clicking_a_city_bar_sets_the_city(page, app_server):
    _open_targets(page, app_server)
    bars = _bars(page, 0)
    assert bars.count() == 14
    bars.nth(0).click(force=True)  # the bottom bar: the city with the lowest completion
    page.wait_for_url("**city=*", timeout=60_000)
    wait_for_app(page)
    assert "city=" in page.url and "period=2020-06" in page.url


def test_clicking_a_park_bar_opens_its_profile_for_the_same_period(page, app_server):
    _open_targets(page, app_server)
    assert page.locator(".js-plotly-plot").count() == 4  # the ranking is folded: not yet sent
    page.get_by_text("全省园区排名（", exact=False).first.click()
    page.locator(".js-plotly-plot").nth(4).wait_for()
    wait_for_app(page)
    bars = _bars(page, 2)  # city completion, monthly trend, park ranking (then the gap charts)
    bars.nth(bars.count() - 1).click(force=True)  # the top bar: the largest park
    page.wait_for_url("**/park?*park=*", timeout=60_000)
    wait_for_app(page)
    assert "/park?" in page.url and "park=" in page.url and "period=2020-06" in page.url
