"""Presentation mode on projectors (1920×1080, 1280×720): keyboard, the control bar, Esc and Back;
the export opens offline."""

from __future__ import annotations

import re

import pytest

from components.views.present_export import briefing_html
from hnparks.core.scope import Scope
from hnparks.views.present import build_slides
from tests.browser.test_context_sequence_browser import _sidebar_values
from tests.conftest import ARTIFACTS, wait_for_app

pytestmark = pytest.mark.browser


def _title(page) -> str:
    return page.locator("h1").first.inner_text()


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)], ids=["1920", "1280"])
def test_every_slide_by_keyboard_on_a_projector(app_server, browser_page, size):
    """→ and space step through all six slides, ← goes back; the title leads the screen, the
    control bar hides while the mouse rests and comes back when it moves."""
    width, height = size
    page = browser_page
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{app_server}/?mode=present&period=2020-06")
    wait_for_app(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.count() == 0 or not sidebar.is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    seen = []
    for number in range(1, 7):
        page.wait_for_function("n => document.querySelector('h1')?.innerText.startsWith(n + '/6')",
                               arg=str(number), timeout=60_000)
        wait_for_app(page)
        seen.append(_title(page))
        title_box = page.locator("h1").first.bounding_box()
        assert title_box["y"] < height * 0.2  # the slide's title at the top
        headline_size = page.locator('[data-testid="stMetricValue"]').first.evaluate(
            "e => parseFloat(getComputedStyle(e).fontSize)")
        assert headline_size >= (48 if width >= 1920 else 40)
        footer = page.locator('[data-testid="stCaptionContainer"]', has_text="口径：").last
        box = footer.bounding_box()  # the whole slide, down to its 口径 and source, on one screen
        assert box["y"] + box["height"] <= height, (number, box)
        page.screenshot(path=str(ARTIFACTS / f"present_{width}_slide_{number}.png"))
        page.keyboard.press(" " if number % 2 else "ArrowRight")
    assert len(set(seen)) == 6
    page.wait_for_function("() => document.querySelector('h1')?.innerText.startsWith('1/6')")
    page.keyboard.press("ArrowLeft")  # wraps around to the last slide
    page.wait_for_function("() => document.querySelector('h1')?.innerText.startsWith('6/6')")
    assert seen[-1] == _title(page)

    bar = page.locator(".st-key-present_bar")
    page.wait_for_function(  # no mouse movement: the bar fades out
        "() => getComputedStyle(document.querySelector('.st-key-present_bar')).opacity === '0'")
    page.mouse.move(width / 2, height / 2)
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector('.st-key-present_bar')).opacity === '1'")
    box = bar.bounding_box()
    assert abs(box["y"]) <= 1 and box["height"] <= 64 and box["width"] <= width  # one slim row
    for name in ("上一页", "下一页", "退出汇报", "导出离线汇报（HTML）"):
        button = page.get_by_role("button", name=name)
        assert button.is_visible() and button.bounding_box()["y"] < 64, name
    assert page.locator("h1").first.bounding_box()["y"] >= box["height"] - 8  # bar clears it
    page.screenshot(path=str(ARTIFACTS / f"present_{width}_controls.png"))
    page.keyboard.press("f")  # full screen, and back
    page.wait_for_function("() => document.fullscreenElement === document.documentElement")
    page.keyboard.press("f")
    page.wait_for_function("() => document.fullscreenElement === null")
    assert _title(page) == seen[-1]  # F turned no slide
    assert page.locator('[data-testid="stException"]').count() == 0


def test_escape_leaves_to_the_same_page_and_context(app_server, new_browser_page):
    page = new_browser_page  # as before the shared tab: it failed once there under load (#24)
    page.goto(f"{app_server}/tasks?period=2020-05&city=430200&park=P016")
    wait_for_app(page)
    page.get_by_role("button", name="进入汇报模式").click()
    page.wait_for_url("**mode=present*", timeout=60_000)
    wait_for_app(page)
    assert "株洲高新技术产业开发区（待核）汇报" in page.locator("main").inner_text()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('h1')?.innerText.startsWith('2/')")
    page.keyboard.press("Escape")
    page.wait_for_function("() => !location.search.includes('mode=')", timeout=60_000)
    wait_for_app(page)
    assert page.url.split("?")[0].endswith("/tasks")
    assert page.get_by_role("heading", name="重点任务台账").count()
    assert "范围：株洲高新技术产业开发区（待核）" in page.locator("main").inner_text()
    period_box, city_box, park_box = _sidebar_values(page)[:3]
    assert "2020年5月" in period_box and "株洲市" in city_box and "株洲高新" in park_box
    for name, value in (("period", "2020-05"), ("city", "430200"), ("park", "P016")):
        assert f"{name}={value}" in page.url
    page.go_back()  # Back returns to the slides it left
    page.wait_for_url("**mode=present*", timeout=60_000)
    # The URL changes first; the rerun it starts may begin after a quiet moment, so wait for
    # the slides themselves (a Back that left the ledger on screen fails here after 60 s).
    page.wait_for_function(r"() => /^\d+\/\d+ · /.test(document.querySelector('h1')?.innerText || '')",
                           timeout=60_000)
    wait_for_app(page)
    assert re.match(r"\d+/\d+ · ", _title(page))
    assert "株洲高新技术产业开发区（待核）汇报" in page.locator("main").inner_text()


def test_exported_file_shows_every_chart_with_the_network_off(browser_page, data, tmp_path):
    slides = build_slides(data, Scope("2020-06"))
    path = tmp_path / "briefing.html"
    path.write_text(briefing_html(slides, scope_label="全省", cutoff="统计截止：2020年6月末",
                                  document="湘园区〔2020〕1号", notes={}), encoding="utf-8")
    page = browser_page
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.context.set_offline(True)  # the fixture puts the network back after the test
    requests = []
    page.on("request", lambda r: requests.append(r.url) if not r.url.startswith(
        ("file:", "data:", "blob:")) else None)
    page.goto(path.as_uri())
    charts = sum(not s.table.empty for s in slides)
    page.wait_for_function("n => document.querySelectorAll('.plotly-graph-div .main-svg').length >= n",
                           arg=charts, timeout=60_000)
    drawn = page.locator(".plotly-graph-div .main-svg").count()
    assert page.locator(".plotly-graph-div").count() == charts
    assert drawn >= charts  # each chart rendered its SVG
    assert requests == []
    page.screenshot(path=str(ARTIFACTS / "present_export.png"), full_page=False)


def test_the_present_path_opens_without_page_not_found(app_server, browser_page):
    """/present?mode=present shows the slides, /present without the mode the overview; neither
    shows Streamlit's "Page not found" dialog."""
    page = browser_page
    page.goto(f"{app_server}/present?mode=present&period=2020-06&city=430200")
    wait_for_app(page)
    assert re.match(r"1/6 · ", _title(page))
    assert "株洲市汇报" in page.locator("main").inner_text()
    assert "Page not found" not in page.locator("body").inner_text()
    page.goto(f"{app_server}/present?period=2020-06&city=430200")
    page.wait_for_url(lambda url: "/present" not in url, timeout=60_000)
    wait_for_app(page)
    assert page.get_by_role("heading", name="总览").count()
    assert "范围：株洲市" in page.locator("main").inner_text()
    assert "Page not found" not in page.locator("body").inner_text()
