"""Presentation mode at 1920×1080: a screenshot of every slide; the export opens offline."""

from __future__ import annotations

import pytest

from components.present_export import briefing_html
from hnparks.briefing import build_slides
from hnparks.loading import load_dataset
from hnparks.schemas import SCHEMAS
from hnparks.scope import Scope
from tests.conftest import ARTIFACTS, wait_for_app

pytestmark = pytest.mark.browser


def test_every_slide_at_1920(app_server, chromium):
    context = chromium.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    page.goto(f"{app_server}/?mode=present&period=2020-06")
    wait_for_app(page)
    assert page.locator('[data-testid="stSidebar"]').count() == 0 or \
        not page.locator('[data-testid="stSidebar"]').is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    seen = []
    for number in range(1, 7):
        page.wait_for_function(
            "n => [...document.querySelectorAll('h1')].some(h => h.innerText.startsWith(n + '/6'))",
            arg=str(number), timeout=60_000)
        page.wait_for_timeout(1500)
        heading = page.locator("h1", has_text=f"{number}/6").first.inner_text()
        seen.append(heading)
        headline_size = page.locator('[data-testid="stMetricValue"]').first.evaluate(
            "e => parseFloat(getComputedStyle(e).fontSize)")
        assert headline_size >= 48
        page.screenshot(path=str(ARTIFACTS / f"present_slide_{number}.png"))
        page.get_by_role("button", name="下一页").click()
    assert len(set(seen)) == 6
    assert page.locator('[data-testid="stException"]').count() == 0
    context.close()


def test_exported_file_shows_every_chart_with_the_network_off(chromium, data_dir, tmp_path):
    data = {name: load_dataset(name, data_dir) for name in SCHEMAS}
    slides = build_slides(data, Scope("2020-06"))
    path = tmp_path / "briefing.html"
    path.write_text(briefing_html(slides, scope_label="全省", cutoff="统计截止：2020年6月末",
                                  document="湘园区〔2020〕1号", notes={}), encoding="utf-8")
    context = chromium.new_context(viewport={"width": 1920, "height": 1080}, offline=True)
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url) if not r.url.startswith(
        ("file:", "data:", "blob:")) else None)
    page.goto(path.as_uri())
    page.wait_for_timeout(3000)
    drawn = page.locator(".plotly-graph-div .main-svg").count()
    charts = sum(not s.table.empty for s in slides)
    assert page.locator(".plotly-graph-div").count() == charts
    assert drawn >= charts  # each chart rendered its SVG
    assert requests == []
    page.screenshot(path=str(ARTIFACTS / "present_export.png"), full_page=False)
    context.close()
