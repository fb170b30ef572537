"""The 产业集群 page in headless Chromium: it renders offline and the selector picks the cluster."""

from __future__ import annotations

import pytest

from tests.conftest import ARTIFACTS, wait_for_app

pytestmark = pytest.mark.browser


def _detail_choice(page) -> str:
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text="选择集群")
    return box.inner_text() + " " + " ".join(box.locator("input").evaluate_all(
        "els => els.map(e => e.value)"))


def test_clusters_page_renders_offline_and_the_selector_switches(app_server, browser_page):
    page = browser_page
    # Entry page first: on a fresh server a deep link as the very first request can run the
    # page file without app.py (pages/ auto-discovery; a shell issue reported to the lead).
    page.goto(app_server)
    wait_for_app(page)
    page.goto(f"{app_server}/clusters?period=2020-06")
    wait_for_app(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    main = page.locator("main").inner_text()
    for text in ("世界级产业集群", "国内具有重要影响力的产业集群", "国家先进制造业集群竞赛",
                 "支持长沙工程机械和株洲轨道交通装备在国家先进制造业集群竞赛中取得良好成绩"):
        assert text in main
    assert "工程机械" in _detail_choice(page)

    box = page.locator('[data-testid="stSelectbox"]').filter(has_text="选择集群")
    box.locator("input").first.click()
    page.keyboard.type("轨道交通")
    page.keyboard.press("Enter")
    page.get_by_text("轨道交通装备在哪里").wait_for(timeout=90_000)  # the rerun has drawn it
    wait_for_app(page)
    assert "轨道交通装备" in _detail_choice(page)
    assert "轨道交通装备在哪里" in page.locator("main").inner_text()
    page.screenshot(path=str(ARTIFACTS / "clusters_rail.png"))
    assert page.external_requests == []
