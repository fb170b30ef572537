"""营商环境改革 in headless Chromium: the matrix draws offline, tabs switch, a city bar drills down."""

from __future__ import annotations

import pytest

from tests.conftest import ARTIFACTS, open_in_session, unfold, wait_for_app

pytestmark = pytest.mark.browser


def _open(page, base: str, query: str) -> None:
    page.goto(base)  # the entry page first, so the server runs in st.navigation mode
    wait_for_app(page)
    open_in_session(page, f"{base}/business?{query}")


def _unfold_matrix(page):
    """Open the folded matrix section (built when opened); returns its expander."""
    return unfold(page, "评估事项完成矩阵")


def test_matrix_renders_offline_and_the_table_tab_opens(app_server, browser_page):
    page = browser_page
    _open(page, app_server, "period=2020-06")
    main = page.locator("main")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.external_requests == []
    matrix = _unfold_matrix(page).locator('[data-testid="stPlotlyChart"]').first
    matrix.wait_for()
    assert "长沙市" in matrix.inner_text() and "节能评价" in matrix.inner_text()
    page.screenshot(path=str(ARTIFACTS / "business_matrix.png"))
    tables = page.locator('[data-testid="stDataFrame"]').count()
    main.get_by_role("tab", name="明细表").click()
    # A lazy tab: the 144-row table is built and sent when its tab opens (the matrix alone reruns).
    page.wait_for_function(
        f"() => document.querySelectorAll('[data-testid=\"stDataFrame\"]').length > {tables}",
        timeout=60_000)
    wait_for_app(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    page.screenshot(path=str(ARTIFACTS / "business_matrix_table.png"))


def test_clicking_a_city_bar_sets_the_city(app_server, browser_page):
    page = browser_page
    _open(page, app_server, "period=2020-06")
    chart = page.locator('[data-testid="stPlotlyChart"]').nth(1)  # items, cities (matrix folded)
    chart.scroll_into_view_if_needed()
    label = chart.locator(".ytick text", has_text="株洲市")
    box = label.bounding_box()
    bar_x = box["x"] + box["width"] + 40  # just right of the axis label, on the bar
    page.mouse.click(bar_x, box["y"] + box["height"] / 2)
    page.wait_for_url("**city=430200*", timeout=60_000)
    wait_for_app(page)
    assert "范围：株洲市" in page.locator("main").inner_text()


_TICKS = """() => {
  const chart = document.querySelector('[data-testid="stExpander"] [data-testid="stPlotlyChart"]');
  return [...chart.querySelectorAll('.xtick text')].map(t => {
    const box = t.getBoundingClientRect();
    const angle = /rotate\\((-?[\\d.]+)/.exec(t.getAttribute('transform') || '');
    return {text: t.textContent, left: box.left, right: box.right,
            angle: angle ? +angle[1] : 0, size: parseFloat(getComputedStyle(t).fontSize)};
  });
}"""


@pytest.mark.parametrize("width", [768, 1440])
def test_the_matrix_column_names_do_not_overlap(app_server, browser_page, width):
    """The 12 item names above the matrix stay apart (at 768 px they overlapped): level names
    must not touch; slanted ones must be at least a line apart across the slant."""
    import math

    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    _open(page, app_server, "period=2020-06")
    _unfold_matrix(page).locator('[data-testid="stPlotlyChart"] .xtick text').first.wait_for()
    ticks = sorted(page.evaluate(_TICKS), key=lambda t: t["left"])
    assert [t["text"] for t in ticks][:2] == ["节能评价", "压覆重要矿产资源评估"]
    assert len(ticks) == 12  # every name drawn in full, one label each
    for left, right in zip(ticks, ticks[1:], strict=False):
        if right["angle"] == 0:
            assert left["right"] <= right["left"], (left["text"], right["text"])
        else:  # parallel slanted lines: their distance is the spacing times sin(angle)
            gap = (right["left"] - left["left"]) * abs(math.sin(math.radians(right["angle"])))
            assert gap >= right["size"], (left["text"], right["text"], gap)
    page.screenshot(path=str(ARTIFACTS / f"business_matrix_{width}.png"))
