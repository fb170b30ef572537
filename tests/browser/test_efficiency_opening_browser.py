"""亩均效益与用地 and 开放与创新 in headless Chromium at 1440 px: every chart draws offline, the
tables are there, and a task's link in the ledger opens the page that measures it."""

from __future__ import annotations

import pytest

from tests.conftest import ARTIFACTS, wait_for_app

pytestmark = pytest.mark.browser


def _open(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page, 120_000)


def _drawn_offline(page, app_server: str, path: str, shot: str, headings: tuple[str, ...]) -> str:
    """Open `path`, wait for its charts, check its sections, no error box and no request off
    the machine; the main text."""
    _open(page, f"{app_server}/{path}")
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length >= 2",
                           timeout=120_000)
    page.screenshot(path=str(ARTIFACTS / shot), full_page=True)
    text = page.locator("main").inner_text()
    for heading in headings:
        assert heading in text
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.external_requests == []
    return text


def test_efficiency_page_draws_offline(app_server, browser_page):
    _drawn_offline(browser_page, app_server, "efficiency?period=2020-09", "efficiency_browser.png",
                   ("亩均效益综合评价", "低效用地与周转用地", "标准地出让", "本页任务的里程碑"))
    assert browser_page.locator('[data-testid="stDataFrame"]').count() >= 4


def test_opening_page_draws_offline(app_server, browser_page):
    text = _drawn_offline(browser_page, app_server, "opening?period=2020-09&city=430600",
                          "opening_browser.png",
                          ("园区产业外向度", "外贸转型升级基地与功能性总部", "“五个100”与国家级高新区创建",
                           "创新平台与智慧园区", "科技企业孵化器"))
    assert "岳阳市" in text.split("统计截止")[0]
    # The incubator map's outline of Hunan is the served drawing (fetched once, not re-sent with
    # every month): placed in the chart, served as SVG, and a picture the browser can decode.
    outline = browser_page.evaluate("""async () => {
      const image = document.querySelector('.st-key-opening_incubator_map image');
      if (!image) return null;
      const href = image.getAttribute('href') || image.getAttribute('xlink:href');
      const reply = await fetch(href);
      const picture = new Image();
      picture.src = href;
      await picture.decode();
      const box = image.getBoundingClientRect();
      return {status: reply.status, type: reply.headers.get('content-type'),
              width: picture.naturalWidth > 0, drawn: box.width > 50 && box.height > 50};
    }""")
    assert outline == {"status": 200, "type": "image/svg+xml", "width": True, "drawn": True}


def test_a_task_link_opens_the_page_that_measures_it(app_server, browser_page):
    page = browser_page
    _open(page, f"{app_server}/tasks?period=2020-09")
    link = page.get_by_role("link", name="亩均效益与用地 · 亩均效益综合评价")
    link.scroll_into_view_if_needed()
    link.click()
    page.wait_for_url("**/efficiency?*", timeout=60_000)
    wait_for_app(page, 120_000)
    assert "period=2020-09" in page.url
    assert "亩均效益综合评价" in page.locator("main").inner_text()
