"""Any year's work points in a real browser: the server reads a data directory holding only the
fictitious 2031 test plan; every page's visible text cites that plan and names no other year."""

from __future__ import annotations

import pytest

from hnparks.core.paths import DATA_DIR_ENV
from tests.app.test_other_year import PAGES, PERIOD, PLAN, _foreign_years
from tests.conftest import open_in_session, served_app, wait_for_app
from tests.fixtures.year_fixture import build_fixture_data_dir

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page(browser_tab, tmp_path_factory):
    root = tmp_path_factory.mktemp("plan_year_browser")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(DATA_DIR_ENV, str(root))
        build_fixture_data_dir(root)
    with served_app({DATA_DIR_ENV: str(root)}) as url:
        tab = browser_tab.lend()  # the worker's tab, for this module's tests
        tab.set_viewport_size({"width": 1440, "height": 1200})
        tab.base = url
        yield tab
        browser_tab.reset()


@pytest.mark.parametrize("name", PAGES)
def test_the_page_shows_the_plan_of_its_year_and_no_other(page, name):
    open_in_session(page, f"{page.base}/{name or ''}?period={PERIOD}")
    text = page.inner_text("body")
    assert PLAN.document in text
    assert f"{PLAN.year}年10月" in text  # the period from the URL, in the sidebar and header
    assert not _foreign_years([text], rendered=True), _foreign_years([text], rendered=True)[:5]
    assert "2020" not in text  # the plan the code was first written for


def test_the_slides_show_the_plan_of_their_year(page):
    page.goto(f"{page.base}/?mode=present&period={PERIOD}")
    wait_for_app(page)
    seen = []
    for _ in range(6):
        seen.append(page.inner_text("body"))
        title = page.locator("h1").first.inner_text()
        page.keyboard.press("ArrowRight")  # the presenter's key: the control bar hides at rest
        page.wait_for_function("t => document.querySelector('h1')?.innerText !== t", arg=title)
        wait_for_app(page)
    assert f"{PLAN.year}年10月" in "\n".join(seen)
    assert not _foreign_years(seen, rendered=True), _foreign_years(seen, rendered=True)[:5]
    assert not [t for t in seen if "2020" in t]
