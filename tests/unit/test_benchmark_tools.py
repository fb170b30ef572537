"""The benchmark's own code (never its timings): statistics, tables, ratios, the bare page."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))

from bench import report  # noqa: E402
from bench.browser import VIEW, lonlat_to_offset  # noqa: E402
from bench.concurrency import steps  # noqa: E402
from bench.server import RunTimes  # noqa: E402
from bench.stats import (  # noqa: E402
    fmt_bytes,
    fmt_ratio,
    markdown_table,
    median,
    p95,
    percentile,
    ratio,
)


def test_percentiles_interpolate_and_ignore_nothing():
    assert median([3, 1, 2]) == 2 and median([1, 2, 3, 4]) == 2.5
    assert p95(list(range(1, 101))) == pytest.approx(95.05)
    assert percentile([5.0], 95) == 5.0 and math.isnan(median([]))


def test_ratio_and_formatting():
    assert ratio(0.3, 0.1) == pytest.approx(3.0)
    assert math.isnan(ratio(1.0, 0.0)) and math.isnan(ratio(math.nan, 1.0))
    assert fmt_ratio(3.0) == "3.0×" and fmt_ratio(math.nan) == "–"
    assert fmt_bytes(2048) == "2.0 KB" and fmt_bytes(3 * (1 << 20)) == "3.0 MB"


def test_markdown_table_aligns_numbers_right_and_text_left():
    table = markdown_table(["页面", "秒", "比"], [["总览", "0.250", "2.5×"], ["目标", "–", "–"]])
    lines = table.splitlines()
    assert lines[0] == "| 页面 | 秒 | 比 |"
    assert lines[1] == "| --- | ---: | ---: |"
    assert len(lines) == 4


def test_server_table_puts_the_bare_page_first_and_divides_by_it():
    bare, page = RunTimes(), RunTimes()
    for value in (0.05, 0.05, 0.05):
        bare.warm_cpu.add(value)
        bare.warm_wall.add(value)
    for value in (0.10, 0.10, 0.20):
        page.warm_cpu.add(value)
        page.warm_wall.add(value)
    rows = report.server_table({("overview", "全省"): page}, bare).splitlines()
    assert rows[2].startswith("| 空白对照页 |") and "1.0×" in rows[2]
    assert rows[3].startswith("| overview | 全省 |") and "2.0×" in rows[3]


def test_map_projection_is_centred_on_the_dashboards_view():
    from components.ui.hunan_map import VIEW as DASHBOARD_VIEW

    assert {k: DASHBOARD_VIEW[k] for k in VIEW} == VIEW
    assert lonlat_to_offset(VIEW["longitude"], VIEW["latitude"]) == (0.0, 0.0)
    dx, dy = lonlat_to_offset(113.0, 28.2)  # north-east of the centre: right and up
    assert dx > 0 and dy < 0


def test_concurrent_sessions_change_something_at_every_step():
    for dashboard in (True, False):
        for i in range(30):
            options = [option for _, option in steps(i, dashboard)]
            start = "长沙市" if not dashboard else None
            assert options[0] != start and options[1] != options[0] and options[2] != options[1]


def test_the_bare_page_renders_in_apptest():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(REPO / "scripts" / "bare_page.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert len(at.metric) == 4 and len(at.sidebar.selectbox) == 1
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) == 144
    at.sidebar.selectbox[0].select("株洲市").run()
    assert not at.exception and "株洲市" in at.title[0].value


def test_every_page_and_the_presenter_are_benchmarked():
    """Each page of app.py and the presenter are in both the server and the browser parts."""
    import re

    from bench.clicks import PAGES, PRESENTER, page_url
    from bench.server import NAV_PAGES, ROLE_PAGES

    app_pages = re.findall(r'st\.Page\("pages/(\w+)\.py"', (REPO / "app.py").read_text("utf-8"))
    assert set(app_pages) == set(NAV_PAGES)
    assert {p for p in app_pages if p not in ROLE_PAGES} == {
        "present" if v == PRESENTER else v or "overview" for v in PAGES.values()}
    assert page_url("http://h", PRESENTER) == "http://h/?mode=present&period=2020-06"
    assert page_url("http://h", "targets") == "http://h/targets?period=2020-06"
