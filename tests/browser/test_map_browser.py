"""The map in Chromium: boundaries arrive once over HTTP (static/geo), a city click sets the city
in the URL, and the click's websocket payload carries colours and the outline, not geometry."""

from __future__ import annotations

import io
import sys

import pytest

from tests.conftest import ARTIFACTS, REPO, wait_for_app

pytestmark = pytest.mark.browser
ASSET = "app/static/geo/hunan_cities.json"
SHAOYANG = ("430500", 110.9, 27.0)  # a point inside 邵阳市, away from labels and park dots
YONGZHOU = (111.3, 25.6)  # inside 永州市 (never clicked here), away from labels and park dots


def _pixel(page, x: float, y: float) -> tuple[int, int, int]:
    from PIL import Image

    shot = page.screenshot(clip={"x": x, "y": y, "width": 1, "height": 1})
    return Image.open(io.BytesIO(shot)).convert("RGB").getpixel((0, 0))


def _click_city(page, x: float, y: float, name: str, code: str, tries: int = 3) -> None:
    """Hover until the city's tooltip shows, click, wait for the city in the URL. deck.gl in a
    GPU-less, loaded Chromium now and then drops a click (before this change too): retried."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(tries):
        page.mouse.move(x - 3, y)
        page.mouse.move(x, y)
        page.locator(".deck-tooltip").filter(has_text=name).wait_for()  # hover: name shown
        page.mouse.click(x, y)
        try:
            page.wait_for_url(f"**city={code}**", timeout=20_000)
            return
        except PlaywrightTimeout:
            if attempt == tries - 1:
                raise


def test_a_map_click_sends_no_geometry_and_sets_the_city(app_server, new_browser_page):
    sys.path.insert(0, str(REPO / "scripts"))
    from bench.browser import lonlat_to_offset

    page = new_browser_page  # a cold HTTP cache: the boundaries' one fetch is seen
    frames = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: frames.append(f)))
    with page.expect_response(lambda r: ASSET in r.url, timeout=90_000) as boundaries:
        page.goto(f"{app_server}/?period=2020-06")
    assert boundaries.value.status == 200  # the boundaries come over HTTP, as a file
    assert boundaries.value.json()["features"][0]["geometry"]["coordinates"]
    wait_for_app(page)
    canvas = page.locator('[data-testid="stDeckGlJsonChart"] canvas').first
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    code, lon, lat = SHAOYANG
    dx, dy = lonlat_to_offset(lon, lat)
    x, y = box["x"] + box["width"] / 2 + dx, box["y"] + box["height"] / 2 + dy
    odx, ody = lonlat_to_offset(*YONGZHOU)
    ox, oy = box["x"] + box["width"] / 2 + odx, box["y"] + box["height"] / 2 + ody
    other_before = _pixel(page, ox, oy)

    frames.clear()
    with page.expect_response(lambda r: f"app/static/geo/hunan_cities/{code}.json" in r.url,
                              timeout=90_000) as outline:
        _click_city(page, x, y, "邵阳市", code)
    assert outline.value.status == 200  # the outline: the clicked city's own boundary file
    assert [f["properties"]["city_code"] for f in outline.value.json()["features"]] == [code]
    wait_for_app(page)
    page.screenshot(path=str(ARTIFACTS / "overview_map_click.png"))
    assert "范围：邵阳市" in page.locator("main").inner_text()
    page.mouse.move(0, 0)  # no hover highlight or tooltip over the pixel
    page.locator(".deck-tooltip").filter(has_text="邵阳市").wait_for(state="hidden")
    # The city is filled by its value's blue (drawn from the fetched boundaries), not blank.
    red, green, blue = _pixel(page, x, y)
    assert blue > red and (red, green, blue) != (255, 255, 255), (red, green, blue)
    # The click's selection is gone once acted on: no "Clear selection" button, and another
    # city keeps its colour (Streamlit greys unselected objects while a selection lasts).
    assert page.get_by_role("button", name="Clear selection").count() == 0
    assert _pixel(page, ox, oy) == other_before
    payload = b"".join(f if isinstance(f, bytes) else f.encode() for f in frames)
    assert payload and b"hunan_cities.json" in payload  # the map was re-sent …
    assert b"coordinates" not in payload and b"Polygon" not in payload  # … without geometry
    assert page.external_requests == []
