"""Screenshot pages of the running app in headless Chromium, to look at what users see.

Usage: python scripts/screenshot.py [--width 1440] [--height 900] PATH [PATH ...]
where PATH is a url path with parameters, e.g. "targets?period=2020-06&city=430200".
Starts its own Streamlit server on a free local port; writes test-artifacts/<name>.png.
"""

from __future__ import annotations

import argparse
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic",
                 "--no-first-run"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, env: dict[str, str] | None = None) -> subprocess.Popen:
    """Streamlit for app.py on 127.0.0.1:`port` (`env`: extra variables, e.g. the data dir)."""
    import os

    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "server.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false"],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        # Tools that look at the views (screenshots, load tests, benchmarks) see them as an
        # anonymous read-only viewer unless told otherwise: env={"HNPARKS_ANONYMOUS_VIEW": "0"}.
        env={"HNPARKS_ANONYMOUS_VIEW": "1", **os.environ, **(env or {})})
    if wait_healthy([f"http://127.0.0.1:{port}/_stcore/health"], 60, process):
        return process
    process.terminate()
    raise RuntimeError("Streamlit did not start within 60 s")


def answers(url: str, timeout: float = 2) -> bool:
    """True when `url` replies 200 (a health check); False while nothing answers there yet."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as reply:
            return reply.status == 200
    except OSError:
        return False


def wait_healthy(urls: list[str], seconds: float, process: subprocess.Popen | None = None,
                 ) -> bool:
    """Wait until every url answers 200 (True); False after `seconds` or as soon as `process`
    (the server starting) has exited. A server's health check is the one thing to poll."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if all(answers(url) for url in urls):
            return True
        if process is not None and process.poll() is not None:
            return False
        time.sleep(0.2)
    return False


# Streamlit 1.67's frontend marks the app root with its state:
# <div data-testid="stApp" data-test-script-state="initial|running|notRunning|rerunRequested|…"
#      data-test-connection-state="CONNECTED|…">, shows [data-testid="stStatusWidget"] while a
# run is in progress and marks elements of the previous run data-stale="true" until redrawn.
APP_IDLE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.dataset.testConnectionState === 'CONNECTED'
    && app.dataset.testScriptState === 'notRunning'
    && !document.querySelector('[data-testid="stStatusWidget"]');
}"""
# Every st.pydeck_chart ([data-testid="stDeckGlJsonChart"]) has mounted its WebGL canvas.
MAPS_DRAWN = """() => [...document.querySelectorAll('[data-testid="stDeckGlJsonChart"]')]
  .every(chart => chart.querySelector('canvas'))"""
# Settled: idle, nothing stale or still loading, every map and Plotly chart drawn, and all of it continuously for
# `quiet` ms since the wait began (a click's rerun, or the rerun that syncs the URL, starts a
# moment after the action; any sign of it restarts the count).
APP_SETTLED = f"""(quiet) => {{
  const now = performance.now();
  const settled = ({APP_IDLE})() && ({MAPS_DRAWN})()
    && !document.querySelector('[data-stale="true"], [data-testid^="stSkeleton"], '
                               + '[data-testid="stAppSkeleton"]')
    && [...document.querySelectorAll('[data-testid="stPlotlyChart"], .js-plotly-plot')]
      .every(p => p.querySelector('.main-svg'));
  if (!settled || window.__hnparksBusy === undefined) window.__hnparksBusy = now;
  return settled && now - window.__hnparksBusy >= quiet;
}}"""


def wait_until_settled(page, timeout_ms: int = 60_000, quiet_ms: int = 600) -> None:
    """Wait until the app has settled: Streamlit idle (no script run, no stale element or loading
    placeholder), maps and charts drawn, continuously for `quiet_ms` from now (no fixed sleep: a
    run that starts in that window, such as the rerun that syncs the URL, resets it). The wait of
    the browser tests too (tests/conftest.wait_for_app)."""
    page.evaluate("() => { window.__hnparksBusy = performance.now(); }")
    page.wait_for_function(APP_SETTLED, arg=quiet_ms, timeout=timeout_ms, polling=100)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--width", type=int, default=1440)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--full-page", action="store_true")
    parser.add_argument("--out", type=Path, default=REPO / "test-artifacts")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    args.out.mkdir(exist_ok=True)
    port = free_port()
    server = start_server(port)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": args.width, "height": args.height})
            for path in args.paths:
                page.goto(f"http://127.0.0.1:{port}/{path.lstrip('/')}")
                wait_until_settled(page)
                name = re.sub(r"[^A-Za-z0-9_-]+", "_", path.strip("/")) or "overview"
                target = args.out / f"{name}.png"
                page.screenshot(path=str(target), full_page=args.full_page)
                errors = page.locator('[data-testid="stException"]').count()
                print(f"{target}  exceptions={errors}")
            browser.close()
    finally:
        server.terminate()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
