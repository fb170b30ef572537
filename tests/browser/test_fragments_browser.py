"""In-page controls rerun their part only (#27): choosing a cluster on 产业集群 and filtering the
重点任务台账 redraw what they control, and the server re-sends neither the sidebar nor the parts
of the page above them (a full rerun re-sends every element, the sidebar's “查看范围” included).
The 产业集群 page's own checks (it renders offline, the selector picks the cluster) share its
opening."""

from __future__ import annotations

import pytest

from tests.conftest import ARTIFACTS, wait_for_app

pytestmark = pytest.mark.browser
SIDEBAR = "查看范围".encode()


def _recording(page) -> list:
    frames: list = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: frames.append(f)))
    return frames


def _payload(frames: list) -> bytes:
    return b"".join(f if isinstance(f, bytes) else f.encode() for f in frames)


def _open(page, url: str) -> None:
    """A deep link (on a fresh server too: components/shell/deep_link.py)."""
    page.goto(url)
    wait_for_app(page)
    assert page.locator('[data-testid="stException"]').count() == 0


def _detail_choice(page) -> str:
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text="选择集群")
    return box.inner_text() + " " + " ".join(box.locator("input").evaluate_all(
        "els => els.map(e => e.value)"))


def test_the_clusters_page_renders_and_choosing_a_cluster_reruns_the_detail_only(
        app_server, browser_page):
    page = browser_page
    frames = _recording(page)
    _open(page, f"{app_server}/clusters?period=2020-06")
    assert SIDEBAR in _payload(frames)  # a full run sends the sidebar
    main = page.locator("main").inner_text()
    for text in ("世界级产业集群", "国内具有重要影响力的产业集群", "国家先进制造业集群竞赛",
                 "支持长沙工程机械和株洲轨道交通装备在国家先进制造业集群竞赛中取得良好成绩"):
        assert text in main
    assert "工程机械" in _detail_choice(page)

    frames.clear()
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text="选择集群")
    box.locator("input").first.click()
    page.keyboard.type("轨道交通")
    page.keyboard.press("Enter")
    page.get_by_text("轨道交通装备在哪里").wait_for(timeout=90_000)
    wait_for_app(page)
    page.screenshot(path=str(ARTIFACTS / "clusters_fragment.png"))
    payload = _payload(frames)
    assert "轨道交通装备在哪里".encode() in payload  # the detail was redrawn …
    assert SIDEBAR not in payload  # … and nothing outside it
    assert "国家先进制造业集群竞赛".encode() not in payload  # the panel above stays as sent
    assert "轨道交通装备" in _detail_choice(page)
    assert "轨道交通装备在哪里" in page.locator("main").inner_text()
    assert page.external_requests == []


def test_a_ledger_filter_reruns_the_ledger_only(app_server, browser_page):
    page = browser_page
    frames = _recording(page)
    _open(page, f"{app_server}/tasks?period=2020-06")
    assert "状态：全部" in page.locator("main").inner_text()
    frames.clear()
    page.locator('[data-testid="stButtonGroup"]').get_by_text("滞后", exact=True).first.click()
    page.get_by_text("状态：滞后").first.wait_for(timeout=90_000)
    wait_for_app(page)
    page.screenshot(path=str(ARTIFACTS / "tasks_fragment.png"))
    payload = _payload(frames)
    assert "状态：滞后".encode() in payload  # the ledger was redrawn, filtered …
    assert SIDEBAR not in payload  # … without the sidebar
    assert "状态：全部" not in page.locator("main").inner_text()
    assert page.external_requests == []
