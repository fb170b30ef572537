"""Every page on a phone (390×844), a tablet (768×1024) and a desktop (1440×900): nothing pushes
the page sideways, the headline numbers are on the first screen, and a long page prints on A4
landscape with its scope, period and 示意 line on every printed page."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from hnparks.core.periods import period_label
from tests.conftest import (
    ARTIFACTS,
    TEST_PASSWORD,
    open_in_session,
    served_app,
    sign_in,
    unfold,
    wait_for_app,
)

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not shutil.which("chromium") and
                                 not Path("/usr/bin/chromium").exists(),
                                 reason="needs Debian's chromium")]

SIZES = [(390, 844), (768, 1024), (1440, 900)]
PAGES = ["", "targets", "clusters", "environment", "business", "efficiency", "opening", "tasks",
         "park", "park?park=P016", "park?city=430100"]
PRESENT = "?mode=present"
HEADLINE_TOP = 500  # px at 1440×900: the headline numbers are on the first screen

# Elements whose right edge passes the viewport, other than those inside a container that
# scrolls (or, for chart internals, clips) them horizontally and itself fits the viewport.
_OVERFLOW = """() => {
  const width = window.innerWidth;
  const app = new Set(['stApp', 'stAppViewContainer', 'stMain']);
  const offenders = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.right <= width + 1 || box.right <= 0) continue;
    if (getComputedStyle(el).visibility === 'hidden') continue;
    let held = false;
    for (let up = el.parentElement; up && !held; up = up.parentElement) {
      if (app.has(up.dataset.testid) || up === document.body) break;
      const overflow = getComputedStyle(up).overflowX;
      const scrolls = overflow === 'auto' || overflow === 'scroll';
      const clips = (overflow === 'hidden' || overflow === 'clip') && el instanceof SVGElement;
      held = (scrolls || clips) && up.getBoundingClientRect().right <= width + 1;
    }
    if (!held) offenders.push(`${el.tagName}[${el.dataset.testid || el.className}]`
                              + ` right=${Math.round(box.right)}: ${(el.innerText || '').slice(0, 30)}`);
  }
  return {scrollWidth: document.scrollingElement.scrollWidth, width, offenders};
}"""

# The headline block and its first number: a metric's value, a table, or a card's figure.
_HEADLINE = """() => {
  const block = document.querySelector('.st-key-page_headline');
  if (!block) return null;
  const first = [...block.querySelectorAll('[data-testid="stMetricValue"],'
    + ' [data-testid="stDataFrame"], [data-testid="stTable"], h3')]
    .find(el => el.dataset.testid === 'stDataFrame' || /[0-9]/.test(el.textContent));
  return {block: block.getBoundingClientRect().top,
          numbers: first ? first.getBoundingClientRect().top : null};
}"""


def _shot_name(path: str, width: int) -> str:
    name = re.sub(r"[^A-Za-z0-9]+", "_", path).strip("_") or "overview"
    return f"layout_{name}_{width}.png"


def _assert_fits(page, path: str, width: int) -> None:
    result = page.evaluate(_OVERFLOW)
    page.screenshot(path=str(ARTIFACTS / _shot_name(path, width)))
    assert result["scrollWidth"] <= width, (path, width, result)
    assert result["offenders"] == [], (path, width, result["offenders"][:10])


def _resize(page, width: int, height: int) -> None:
    """Widen the window: the page re-lays out without a script run, and charts and tables
    redraw when their resize observers fire (an element still drawn for the old width is
    waited for; the assertion that follows reports whatever is left)."""
    page.set_viewport_size({"width": width, "height": height})
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    _wait_fits(page)


def _wait_fits(page) -> None:
    """Wait (up to 15 s) until nothing overflows. Polled every 200 ms: the check walks every
    element's style, too heavy to run on each animation frame as Playwright does by default."""
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(f"() => ({_OVERFLOW})().offenders.length === 0", timeout=15_000,
                               polling=200)


def _open_sidebar(page) -> None:
    """Unfold the sidebar (folded on a phone) as a desktop user sees it."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    if sidebar.get_attribute("data-collapsed") == "true":
        page.locator('[data-testid="stExpandSidebarButton"]').click()
        page.wait_for_function(
            "() => document.querySelector('[data-testid=\"stSidebar\"]')"
            ".getAttribute('data-collapsed') === 'false'")


# Where the headline block and the first map start (None: not on the page).
_ORDER = """() => {
  const top = el => el ? el.getBoundingClientRect().top : null;
  return {headline: top(document.querySelector('.st-key-page_headline')),
          map: top(document.querySelector('[data-testid="stDeckGlJsonChart"]'))};
}"""


def _failures(page) -> list[str]:
    """What goes wrong while the page loads: a reply 4xx/5xx, a console error, a page error."""
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400
            else None)
    page.on("console", lambda m: failed.append(f"console: {m.text}") if m.type == "error"
            else None)
    page.on("pageerror", lambda e: failed.append(f"pageerror: {e}"))
    return failed


def _assert_phone_first_screen(page, path: str) -> None:
    """On a phone the sidebar starts folded (not over the page) and the page's numbers come
    before its map (the headline block above the first map)."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.get_attribute("data-collapsed") == "true", path
    box = sidebar.bounding_box()
    assert box is None or box["x"] + box["width"] <= 0, (path, box)  # not over the page
    order = page.evaluate(_ORDER)
    assert order["headline"] is not None, path
    if path == "":  # the overview's map of Hunan
        assert order["map"] is not None
    if order["map"] is not None:
        assert order["headline"] < order["map"], (path, order)


@pytest.mark.parametrize("path", [*PAGES, PRESENT], ids=lambda p: p or "overview")
def test_every_page_fits_the_screen_without_sideways_scrolling(app_server, browser_page, path):
    """Opened on a phone, then the window widened to a tablet and a desktop (sidebar unfolded):
    at each size every page and the slides read without horizontal scrolling (wide tables and
    charts scroll inside themselves), and at 1440×900 the headline numbers start within the
    first 500 px. On the phone the sidebar starts folded and the numbers come before the map.
    One opening per page: widening re-lays out without a new run (narrowing would not:
    Streamlit keeps a table at the width it had, wider than the new window). The opening is a
    deep link on the plain server (`make run`): it loads with no failed request and no console
    error (#29: the page probed /<page>/_stcore/health and host-config, two 404s, before
    finding its server at /; server.py now tells it, as make serve's nginx does)."""
    page = browser_page
    failed = _failures(page)
    (width, height), *wider = SIZES
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{app_server}/{path}{'&' if '?' in path else '?'}period=2020-06")
    wait_for_app(page)
    assert failed == [], (path, failed)
    assert not page.locator('[data-testid="stException"]').count(), path
    assert page.locator("h1").first.inner_text(), path  # the page itself drew
    if path != PRESENT:
        _assert_phone_first_screen(page, path)
    _assert_fits(page, path, width)
    for width, height in wider:
        _resize(page, width, height)
        if width >= 1440 and path != PRESENT:
            _open_sidebar(page)
            _resize(page, width, height)
        _assert_fits(page, path, width)
    if path != PRESENT:
        top = page.evaluate(_HEADLINE)
        assert top is not None, f"{path}: no headline block"
        assert top["numbers"] is not None, f"{path}: headline block without numbers"
        assert top["numbers"] <= HEADLINE_TOP, (path, top)
    assert page.external_requests == []


# Pills and segmented controls (st.pills, st.segmented_control) whose options do not all show:
# an option past the group's right edge, or a group that scrolls sideways to reach one.
_CUT_OPTIONS = """() => [...document.querySelectorAll('[data-testid="stButtonGroup"]')]
  .flatMap(group => {
    const edge = group.getBoundingClientRect().right;
    return [...group.querySelectorAll('button')]
      .filter(b => b.getBoundingClientRect().right > edge + 1
                   || group.scrollWidth > group.clientWidth + 1)
      .map(b => b.innerText.trim());
  })"""


def test_every_filter_option_shows_whole_on_a_desktop(app_server, browser_page):
    """At 1440 px every pill of a filter is whole (重点任务台账's 逾期 was cut off at 1440), on
    each page with filters, and on 重点任务台账 widened to 1920 px: the options fit or wrap, never
    hide behind the column's edge."""
    page = browser_page
    for path in ("", "business", "tasks"):  # tasks last: it is widened next
        open_in_session(page, f"{app_server}/{path}?period=2020-12")
        if path == "business":  # its sort control is inside the folded matrix: unfold it
            unfold(page, "评估事项完成矩阵")
        assert page.locator('[data-testid="stButtonGroup"]').count(), path
        page.screenshot(path=str(ARTIFACTS / _shot_name(f"options_{path}", 1440)))
        assert page.evaluate(_CUT_OPTIONS) == [], (path, 1440)
    page.set_viewport_size({"width": 1920, "height": 900})
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.screenshot(path=str(ARTIFACTS / _shot_name("options_tasks", 1920)))
    assert page.evaluate(_CUT_OPTIONS) == [], ("tasks", 1920)


@pytest.fixture(scope="module")
def admin_server() -> Iterator[str]:
    """The app with login required (no anonymous viewing), for the park office's page."""
    with served_app({"HNPARKS_ANONYMOUS_VIEW": "0"}) as url:
        yield url


def test_the_admin_page_fits_phone_and_tablet(admin_server, browser_page):
    """数据管理, signed in as the park office, at each size (resized in one session)."""
    page = browser_page
    page.goto(f"{admin_server}/admin")
    wait_for_app(page)
    sign_in(page, "office", TEST_PASSWORD)
    assert "/admin" in page.url and "导入记录与回退" in page.locator("main").inner_text()
    for width, height in reversed(SIZES):  # narrowing: this page's tables fill their column
        page.set_viewport_size({"width": width, "height": height})
        _wait_fits(page)
        _assert_fits(page, "admin", width)
    assert page.external_requests == []


def _pdf_text(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    # NFKC: the CJK font maps some characters to their compatibility forms (⽬ for 目)
    return [unicodedata.normalize("NFKC", p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]


def _pdf_sizes(pdf: bytes) -> list[tuple[float, float]]:
    from pypdf import PdfReader

    return [(float(p.mediabox.width), float(p.mediabox.height))
            for p in PdfReader(io.BytesIO(pdf)).pages]


def test_a_long_page_prints_on_a4_landscape_with_scope_period_and_flag_on_every_page(
        app_server, browser_page, data_dir):
    """目标达成 for a city, printed as the browser would (print media, the page's own @page
    size): A4 landscape, several pages, each headed by the scope, the period and the 示意 line;
    no sidebar, no contents list."""
    cities = pd.read_parquet(data_dir / "curated" / "cities.parquet")
    city = cities.set_index("city_code").at["430300", "city_name"]
    page = browser_page
    page.goto(f"{app_server}/targets?period=2020-06&city=430300")
    wait_for_app(page)
    assert page.locator(".st-key-page_contents a").count() >= 5  # on screen: the contents
    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    (ARTIFACTS / "layout_targets_print.pdf").write_bytes(pdf)
    sizes = _pdf_sizes(pdf)
    assert len(sizes) >= 3, "a long page prints on several pages"
    for width, height in sizes:  # A4 landscape: 297 × 210 mm = 841.9 × 595.3 pt
        assert width == pytest.approx(841.9, abs=2) and height == pytest.approx(595.3, abs=2)
    texts = _pdf_text(pdf)
    for number, text in enumerate(texts, 1):
        head = text[:200]
        assert f"范围:{city}" in head.replace(" ", ""), (number, head)
        assert f"统计截止:{period_label('2020-06')}末" in head.replace(" ", ""), (number, head)
        assert "示意数据" in head, (number, head)
    whole = "".join(texts)
    assert "本页目录" not in whole and "进入汇报模式" not in whole and "查看范围" not in whole
    assert "目标台账" in whole and "百亿级特色产业园区" in whole  # the whole page, not one screen
