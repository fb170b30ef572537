"""In Chromium: the presenter's 导出PPT downloads a deck named by scope and period that opens in
python-pptx with a cover and one slide per briefing slide; slide badges are readable at 3 m."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation

from tests.conftest import ARTIFACTS, wait_for_app

pytestmark = pytest.mark.browser


def test_the_presenter_downloads_an_editable_deck(app_server, browser_page):
    page = browser_page  # its context accepts downloads (Playwright's default)
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{app_server}/?mode=present&period=2020-12&city=433100")
    wait_for_app(page)
    title = page.locator("h1", has_text="/6").first.inner_text()
    badge = page.locator(".stMarkdownBadge").first
    assert badge.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 20
    page.mouse.move(400, 300)  # the control bar hides while the mouse rests; moving shows it
    page.get_by_role("button", name="导出PPT（可编辑）").click()  # built on request
    ready = page.get_by_role("button", name="下载PPT（可编辑）")
    ready.wait_for()
    with page.expect_download(timeout=60_000) as info:
        ready.click()
    download = info.value
    assert download.suggested_filename == "园区工作要点汇报_湘西土家族苗族自治州_2020-12.pptx"
    deck = Presentation(io.BytesIO(download.path().read_bytes()))
    slides = list(deck.slides)
    assert len(slides) == 7  # the cover and six briefing slides
    texts = [" ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
             for slide in slides]
    assert "湘西土家族苗族自治州" in texts[0] and "示意数据" in texts[0]
    assert title.split(" · ")[-1] in texts[1]  # the slide on screen is the deck's first
    assert sum(any(shape.has_chart for shape in slide.shapes) for slide in slides) >= 5
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "present_pptx_button.png"))
