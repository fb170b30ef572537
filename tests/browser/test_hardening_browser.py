"""In Chromium: hostile text from data renders inert (no request, no javascript: link, no image
from data text) on every page; a broken data directory shows the Chinese notice, then recovers."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, open_in_session, wait_for_app
from tests.hostile.corpus import EVIL, hostile_data_dir

pytestmark = pytest.mark.browser

PATHS = ["", "targets", "clusters", "environment", "business", "tasks", "park?park=P001",
         "park?city=430100", "?present=1&park=P001", f"?city=![x](http://{EVIL}/u.png)"]
# Anything a page could fetch or follow that came from data text.
_LIVE = f"""() => {{
  const XLINK = 'http://www.w3.org/1999/xlink';
  const links = [...document.querySelectorAll('a')]  // HTML and SVG (plotly) anchors
    .map(a => a.getAttribute('href') || a.getAttributeNS(XLINK, 'href') || '');
  const sources = [...document.querySelectorAll('[src],[srcset],image')]
    .map(e => e.getAttribute('src') || e.getAttribute('srcset') || e.getAttributeNS(XLINK, 'href')
          || '');
  return {{
    js: links.filter(h => /^\\s*javascript:/i.test(h)),
    evil: [...links, ...sources].filter(v => v.includes('{EVIL}')),
    imgs: [...document.querySelectorAll('img')].map(i => i.getAttribute('src') || '')
          .filter(s => !/^(data:|blob:|\\/|\\.\\/|https?:\\/\\/(127\\.0\\.0\\.1|localhost))/.test(s)),
  }};
}}"""


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory) -> Iterator[str]:
    sys.path.insert(0, str(REPO / "scripts"))
    from screenshot import free_port, start_server

    root = hostile_data_dir(tmp_path_factory.mktemp("hostile") / "data")
    port = free_port()
    process = start_server(port, env={"HNPARKS_DATA_DIR": str(root)})
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_hostile_data_text_is_inert_on_every_page(hostile_server, browser_page):
    page = browser_page
    for path in PATHS:
        if path.startswith("?"):  # hostile parameters and the slides: a deep link's first load
            page.goto(f"{hostile_server}/{path}")
            wait_for_app(page)
        else:  # a page's text: opened in the session the first page started
            open_in_session(page, f"{hostile_server}/{path}")
        page.mouse.move(700, 450)  # hover the map/charts: tooltips are drawn from data text
        live = page.evaluate(_LIVE)
        assert live == {"js": [], "evil": [], "imgs": []}, (path, live)
        assert not page.locator('[data-testid="stException"]').count(), path
    assert page.external_requests == []


@pytest.fixture
def broken_server(tmp_path) -> Iterator[tuple[str, Path]]:
    sys.path.insert(0, str(REPO / "scripts"))
    from screenshot import free_port, start_server

    root = tmp_path / "data"
    shutil.copytree(REPO / "data", root, ignore=shutil.ignore_patterns("versions",
                                                                       "load_state.json"))
    port = free_port()
    process = start_server(port, env={"HNPARKS_DATA_DIR": str(root)})
    try:
        yield f"http://127.0.0.1:{port}", root
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_a_broken_catalog_shows_the_notice_then_recovers(broken_server, browser_page):
    """On a live server, one page: the notice as the browser draws it, then the next load after
    the fix recovers without a restart. The notice on every page (overview, targets, tasks,
    park, admin …) is tests/app/test_failsafe.py's, for each kind of damage."""
    base, root = broken_server
    page = browser_page
    good = (root / "catalog.yaml").read_bytes()
    (root / "catalog.yaml").write_text("datasets: [unclosed\n", encoding="utf-8")
    page.goto(f"{base}/targets")
    wait_for_app(page)
    text = page.inner_text("body")
    assert "数据暂时无法显示" in text and "catalog.yaml" in text
    assert "Traceback" not in text and str(root) not in text and ".py" not in text
    assert not page.locator('[data-testid="stException"]').count()
    (root / "catalog.yaml").write_bytes(good)
    page.goto(f"{base}/targets")
    wait_for_app(page)
    assert "数据暂时无法显示" not in page.inner_text("body")
    assert page.get_by_role("heading", name="目标达成").count()
    assert page.external_requests == []
