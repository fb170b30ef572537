"""Browser history as a person uses it: one entry per change they make; Back undoes them in turn.

Streamlit pushes a history entry for every URL rewrite, and the app rewrites the URL itself
after each change (context sync, page reopened with its parameters): Back used to stay on the
page dropping park → city → 全省 one step at a time (issue 18).
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.test_context_sequence_browser import _choose, _sidebar_values
from tests.conftest import ARTIFACTS, wait_for_app

pytestmark = pytest.mark.browser

PARK = "株洲高新技术产业开发区（待核）"


def _state(page) -> tuple[str, dict[str, str]]:
    """The page's URL path and parameters."""
    url = urlparse(page.url)
    return url.path, {k: v[0] for k, v in parse_qs(url.query).items()}


# The location is this path with exactly these parameters.
_AT = """([path, params]) => location.pathname === path
  && JSON.stringify(Object.fromEntries([...new URLSearchParams(location.search)].sort()))
     === JSON.stringify(Object.fromEntries(Object.entries(params).sort()))"""


def _assert_on_screen(page, title: str, period: str, city: str, park: str | None) -> None:
    assert page.get_by_role("heading", name=title).count(), title
    period_box, city_box, park_box = _sidebar_values(page)[:3]
    assert period in period_box and city in city_box, (period_box, city_box)
    assert (park or "全部园区") in park_box, park_box
    assert f"范围：{park or city}" in page.locator("main").inner_text()


def test_five_changes_then_back_five_times_retraces_them(app_server, new_browser_page):
    # A tab of its own: it counts history entries, and the shared tab's history is at
    # Chromium's cap of 50 after a few tests, where a new entry no longer adds to the count.
    page = new_browser_page
    page.goto(f"{app_server}/business?period=2020-06")
    wait_for_app(page)
    start = page.evaluate("history.length")
    # (URL path and parameters, page title, on-screen period, city, park) after each change
    seen = [(_state(page), ("营商环境改革", "2020年6月", "全省", None))]

    _choose(page, "市州", "株洲市")
    seen.append((_state(page), ("营商环境改革", "2020年6月", "株洲市", None)))
    _choose(page, "园区", PARK)
    seen.append((_state(page), ("营商环境改革", "2020年6月", "株洲市", PARK)))
    _choose(page, "报告期", "2020年5月")
    seen.append((_state(page), ("营商环境改革", "2020年5月", "株洲市", PARK)))
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="重点任务台账").click()
    page.wait_for_url("**/tasks?*", timeout=60_000)
    wait_for_app(page)
    seen.append((_state(page), ("重点任务台账", "2020年5月", "株洲市", PARK)))
    page.get_by_role("button", name="进入汇报模式").click()
    page.wait_for_url("**mode=present*", timeout=60_000)
    wait_for_app(page)
    assert page.locator("h1", has_text="1/").count()  # the slides, in the same context
    assert _state(page)[1]["park"] == "P016" and _state(page)[1]["period"] == "2020-05"
    assert page.evaluate("history.length") == start + 5  # one entry per change, no more

    for number, (state, (title, period, city, park)) in enumerate(reversed(seen), start=1):
        page.go_back()
        page.wait_for_function(_AT, arg=list(state), timeout=60_000)
        wait_for_app(page)
        assert _state(page) == state, (number, _state(page), state)
        _assert_on_screen(page, title, period, city, park)
        page.screenshot(path=str(ARTIFACTS / f"history_back_{number}.png"))
    assert page.external_requests == []
