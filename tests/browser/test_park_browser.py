"""园区档案 in a real browser: clicking a park in a city's ranking opens that park's profile."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from tests.conftest import wait_for_app

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def server_page(browser_page, app_server):
    if not shutil.which(CHROMIUM):
        pytest.skip("Debian chromium not installed")
    browser_page.set_viewport_size({"width": 1440, "height": 1400})
    return browser_page, int(app_server.rsplit(":", 1)[1]), wait_for_app


def test_clicking_a_park_in_the_city_ranking_opens_its_profile(server_page, data_dir):
    facts = pd.read_parquet(data_dir / "curated/park_indicators.parquet")
    parks = pd.read_parquet(data_dir / "curated/parks.parquet")
    june = facts[facts["period"] == "2020-06"].merge(parks[parks["city_code"] == "430200"])
    top = june.sort_values("revenue_ytd", ascending=False).iloc[0]
    page, port, wait = server_page
    page.goto(f"http://127.0.0.1:{port}/park?period=2020-06&city=430200")
    wait(page)
    assert page.get_by_role("heading", name="园区排名").count() == 1
    grid = page.locator('[data-testid="stDataFrame"]').nth(1)  # after the indicator table
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 12, box["y"] + 35 + 17)  # selection box of the first row
    page.wait_for_url(f"**park={top['park_id']}*", timeout=60_000)
    wait(page)
    assert f"park={top['park_id']}" in page.url
    assert page.get_by_role("heading", name=top["park_name"]).count() == 1
    assert page.locator('[data-testid="stException"]').count() == 0
