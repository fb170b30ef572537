"""The sidebar as a leader uses it, across every page: city → period → park → city → period.

A selector whose label depended on another selector (the park list's "全部园区（N家）") made the
browser send back a label that matched no option after a city change, and the next change
crashed the page (issue 19). AppTest has no frontend, so only a real browser can see this.
"""

from __future__ import annotations

import pytest

from tests.conftest import ARTIFACTS, wait_for_app

pytestmark = pytest.mark.browser

PAGES = ["", "targets", "clusters", "environment", "business", "tasks", "park"]


def _choose(page, label: str, option: str) -> None:
    """Pick `option` in the sidebar selectbox labelled `label`, as a person would."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(
        has_text=label)
    page.mouse.move(0, 0)  # no tooltip left open over the list
    box.locator("input").first.click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option, exact=True).wait_for()
    page.keyboard.press("Enter")
    page.wait_for_function(  # the selector shows the choice; the rerun it sent follows
        "o => [...document.querySelectorAll('[data-testid=\"stSidebar\"] input')]"
        ".some(i => i.value === o)", arg=option)
    wait_for_app(page)


def _sidebar_values(page) -> list[str]:
    return page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').evaluate_all(
        "els => els.map(e => (e.innerText + ' ' + [...e.querySelectorAll('input')]"
        ".map(i => i.value).join(' ')).trim())")


def _assert_context(page, period: str, city: str, park: str | None) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator(
        '[data-testid="stException"]').first.inner_text()
    period_box, city_box, park_box = _sidebar_values(page)[:3]
    assert period in period_box and city in city_box, (period_box, city_box)
    assert (park or "全部园区") in park_box, park_box
    assert f"范围：{park or city}" in page.locator("main").inner_text()


def _open_from_the_sidebar(page, path: str) -> None:
    """Go to another page through the sidebar's navigation, as a person would (the session,
    and with it the context, carries over)."""
    page.mouse.move(0, 0)
    page.locator(f'[data-testid="stSidebarNav"] a[href$="/{path}"]').first.click()
    page.wait_for_url(f"**/{path}?**")
    wait_for_app(page)


# The sequence of the issue on the first page; on every other page a city change (the step
# that used to break the next one) and then the next kind of change, alternately the period
# and the park, so each page sees a change right after a city change.
_ZHUZHOU, _CHANGSHA = "株洲市", "长沙市"
_ZHUZHOU_PARK = "株洲高新技术产业开发区（待核）"
_MONTHS = ["2020年5月", "2020年4月", "2020年3月"]


def test_city_period_park_city_period_never_crashes_on_any_page(app_server, browser_page):
    page = browser_page
    page.goto(f"{app_server}/{PAGES[0]}?period=2020-06")
    wait_for_app(page)
    _choose(page, "市州", _ZHUZHOU)
    _assert_context(page, "2020年6月", _ZHUZHOU, None)
    _choose(page, "报告期", "2020年5月")
    _assert_context(page, "2020年5月", _ZHUZHOU, None)
    _choose(page, "园区", _ZHUZHOU_PARK)
    _assert_context(page, "2020年5月", _ZHUZHOU, _ZHUZHOU_PARK)
    _choose(page, "市州", _CHANGSHA)
    _assert_context(page, "2020年5月", _CHANGSHA, None)
    _choose(page, "报告期", "2020年4月")
    period, city, park = "2020年4月", _CHANGSHA, None
    _assert_context(page, period, city, park)

    for number, path in enumerate(PAGES[1:]):
        _open_from_the_sidebar(page, path)
        _assert_context(page, period, city, park)
        city = _ZHUZHOU if city == _CHANGSHA else _CHANGSHA
        _choose(page, "市州", city)
        park = None
        _assert_context(page, period, city, park)
        if number % 4 == 0:  # 株洲市 (even pages): its high-tech zone
            _choose(page, "园区", park := _ZHUZHOU_PARK)
        else:
            _choose(page, "报告期", period := _MONTHS[number % len(_MONTHS)])
        _assert_context(page, period, city, park)
        page.screenshot(path=str(ARTIFACTS / f"context_sequence_{path}.png"))
    assert page.external_requests == []
