"""Headless Chromium against a real server: page views (time, bytes) and timed interactions.

An interaction is timed in the page's own clock: from the Enter key or pointer press to the
moment Streamlit's script state last became idle ('notRunning', no status widget) and stayed
so for QUIET_MS (a URL sync may start a second run, which is counted).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from urllib.parse import parse_qs, urlparse

QUIET_MS = 600
TIMEOUT_MS = 180_000
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
VIEW = {"longitude": 111.7, "latitude": 27.6, "zoom": 5.6}  # components.ui.hunan_map.VIEW

# Records script-state changes and the time of the armed interaction (page clock, ms).
INIT_SCRIPT = """
window.__bench = {armed: false, t0: null, changes: [], messages: [], lastState: null};
const arm = e => {
  if (!window.__bench.armed) return;
  if (e.type === 'keydown' && !['Enter', 'ArrowRight'].includes(e.key)) return;
  window.__bench.armed = false; window.__bench.t0 = e.timeStamp;
};
window.addEventListener('keydown', arm, true);
window.addEventListener('pointerdown', arm, true);
new MutationObserver(records => {
  for (const r of records) {
    window.__bench.changes.push({state: r.target.dataset.testScriptState, t: performance.now()});
  }
}).observe(document, {subtree: true, attributes: true,
                      attributeFilter: ['data-test-script-state']});
// A very fast rerun may never show 'running' in the DOM; its websocket messages still arrive.
const NativeWebSocket = window.WebSocket;
window.WebSocket = class extends NativeWebSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener('message', () => window.__bench.messages.push(performance.now()));
  }
};
"""
ARM = """() => { const b = window.__bench;
  b.armed = true; b.t0 = null; b.changes = []; b.messages = []; }"""
# Time of the last sign of work after the interaction (a state change or a message), or null.
LAST = """const b = window.__bench;
  const times = [...b.changes.map(c => c.t), ...b.messages].filter(t => b.t0 !== null && t >= b.t0);
  const last = times.length ? Math.max(...times) : null;"""
SETTLED = """(quiet) => {
  """ + LAST + """
  const app = document.querySelector('[data-testid="stApp"]');
  if (last === null || !app) return false;
  const idle = app.dataset.testConnectionState === 'CONNECTED'
    && app.dataset.testScriptState === 'notRunning'
    && !document.querySelector('[data-testid="stStatusWidget"]');
  return idle && performance.now() - last >= quiet;
}"""
ELAPSED = """() => { """ + LAST + """ return last - b.t0; }"""
IDLE = """(quiet) => {
  const app = document.querySelector('[data-testid="stApp"]'), b = window.__bench;
  const last = Math.max(0, ...b.changes.map(c => c.t), ...b.messages);
  return !!app && app.dataset.testConnectionState === 'CONNECTED'
    && app.dataset.testScriptState === 'notRunning'
    && !document.querySelector('[data-testid="stStatusWidget"]')
    && last > 0 && performance.now() - last >= quiet;
}"""
LOADED = """() => { const b = window.__bench;
  return Math.max(0, ...b.changes.map(c => c.t), ...b.messages) / 1000; }"""


@dataclass
class PageView:
    """One fresh page view: seconds to idle, websocket bytes received, HTTP bytes received."""

    seconds: float
    ws_bytes: int
    http_bytes: int
    exceptions: int


async def new_page(browser):
    """A fresh context (empty HTTP cache) whose page may only reach loopback hosts."""
    context = await browser.new_context(viewport={"width": 1440, "height": 900})

    async def guard(route):
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            await route.continue_()
        else:
            await route.abort()

    await context.route("**/*", guard)
    await context.add_init_script(INIT_SCRIPT)
    page = await context.new_page()
    page.bench_ws_bytes = 0

    def on_ws(ws) -> None:
        def received(payload) -> None:
            page.bench_ws_bytes += len(payload.encode() if isinstance(payload, str) else payload)

        ws.on("framereceived", received)

    page.on("websocket", on_ws)
    return page


async def view(page, url: str) -> PageView:
    """Open `url` and wait until the app is idle and quiet; count bytes and exceptions."""
    requests = []

    def finished(request) -> None:
        requests.append(request)

    page.on("requestfinished", finished)
    ws_before = page.bench_ws_bytes
    await page.goto(url, timeout=TIMEOUT_MS)
    await page.wait_for_function(IDLE, arg=1000, timeout=TIMEOUT_MS)
    # performance.now() counts from the navigation's start; take the last change to idle
    seconds = await page.evaluate(LOADED)
    page.remove_listener("requestfinished", finished)
    http = 0
    for request in requests:
        sizes = await request.sizes()
        http += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    exceptions = await page.locator('[data-testid="stException"]').count()
    return PageView(seconds, page.bench_ws_bytes - ws_before, http, exceptions)


async def _settle(page, timeout_ms: int = TIMEOUT_MS) -> float:
    await page.wait_for_function(SETTLED, arg=QUIET_MS, timeout=timeout_ms)
    return await page.evaluate(ELAPSED) / 1000


async def choose(page, label: str, option: str) -> float:
    """Pick `option` in the sidebar selectbox `label` (type it, Enter); seconds to idle."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(
        has_text=label)
    await page.mouse.move(0, 0)
    await box.locator("input").first.click(timeout=TIMEOUT_MS)
    await page.keyboard.type(option)
    await page.get_by_role("option", name=option, exact=True).wait_for(timeout=TIMEOUT_MS)
    await page.evaluate(ARM)
    await page.keyboard.press("Enter")
    return await _settle(page)


async def press(page, key: str) -> float:
    """Press `key` on the page (the presenter's → turns a slide); seconds to idle."""
    await page.mouse.move(0, 0)
    await page.evaluate(ARM)
    await page.keyboard.press(key)
    return await _settle(page)


def lonlat_to_offset(lon: float, lat: float, view: dict[str, float] = VIEW) -> tuple[float, float]:
    """Pixel offset from the map centre of (lon, lat) in deck.gl's Web Mercator (512-px tiles)."""
    scale = 512 * 2 ** view["zoom"] / (2 * math.pi)

    def merc_y(latitude: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2))

    dx = scale * math.radians(lon - view["longitude"])
    dy = -scale * (merc_y(lat) - merc_y(view["latitude"]))
    return dx, dy


async def map_click(page, lon: float, lat: float) -> tuple[float, str | None]:
    """Click the 总览 map at (lon, lat); seconds to idle and the city now in the URL."""
    canvas = page.locator('[data-testid="stDeckGlJsonChart"] canvas').first
    await canvas.scroll_into_view_if_needed()
    box = await canvas.bounding_box()
    dx, dy = lonlat_to_offset(lon, lat)
    x, y = box["x"] + box["width"] / 2 + dx, box["y"] + box["height"] / 2 + dy
    await page.mouse.move(x, y)
    # deck.gl picks the hovered city first (its tooltip shows); a click before that is dropped
    await page.locator(".deck-tooltip").wait_for(state="visible", timeout=30_000)
    await page.evaluate(ARM)
    await page.mouse.click(x, y)
    seconds = await _settle(page, 60_000)  # a miss reruns nothing: do not wait 3 minutes
    city = parse_qs(urlparse(page.url).query).get("city", [None])[0]
    return seconds, city


async def exception_count(page) -> int:
    return await page.locator('[data-testid="stException"]').count()
