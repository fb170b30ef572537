"""A bounded load test on loopback: N concurrent Chromium sessions, with and without the proxy.

Usage: python scripts/loadtest.py [--sessions 8] [--changes 3] [--replicas 2]
                                  [--modes direct,proxy] [--step-timeout 90]

Each session opens the overview for a city (a fresh Streamlit session), then moves through
`--changes` other pages in the same session (the context travels with it), timing each step
from the click to Streamlit's idle state. `direct` is one Streamlit process as `make run`
starts it; `proxy` is `make serve` (scripts/serve.py: replicas behind nginx). The script starts
and stops its own servers on free loopback ports, every wait has a timeout, and it stops by
itself. It prints errors and p50/p95 per mode, for the README's benchmark table.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
from screenshot import APP_IDLE, CHROMIUM_ARGS, free_port, start_server  # noqa: E402

CITIES = ["430100", "430200", "430300", "430400", "430500", "430600", "430700", "430800",
          "430900", "431000", "431100", "431200", "431300", "433100"]
PAGES = ["目标达成", "产业集群", "生态环境整治", "重点任务台账", "营商环境改革", "园区档案"]
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")


@contextmanager
def direct_server():
    port = free_port()
    process = start_server(port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


@contextmanager
def proxy_server(replicas: int):
    port = free_port()
    ports = ",".join(str(free_port()) for _ in range(replicas))
    process = subprocess.Popen(
        [sys.executable, "scripts/serve.py", "--port", str(port), "--replica-ports", ports,
         "--run-dir", f"/tmp/hnparks-loadtest-{port}"],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    try:
        while True:
            try:
                checks = [urllib.request.urlopen(f"{base}/_replica/{i}/health", timeout=2)
                          for i in range(replicas)]
                if all(c.status == 200 for c in checks):
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("make serve did not start")
            time.sleep(0.5)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


async def _idle(page, timeout_ms: int) -> None:
    """Streamlit has finished the run (checked twice: syncing the URL may rerun)."""
    await page.wait_for_function(APP_IDLE, timeout=timeout_ms)
    await page.wait_for_timeout(500)
    await page.wait_for_function(APP_IDLE, timeout=timeout_ms)


async def session(browser, base: str, number: int, changes: int, timeout_ms: int,
                  results: dict[str, list]) -> None:
    context = await browser.new_context(viewport={"width": 1440, "height": 900})
    page = await context.new_page()
    blocked: list[str] = []

    async def guard(route):
        if route.request.url.startswith(LOCAL):
            await route.continue_()
        else:
            blocked.append(route.request.url)
            await route.abort()

    await page.route("**/*", guard)
    try:
        started = time.monotonic()
        await page.goto(f"{base}/?city={CITIES[number % len(CITIES)]}", timeout=timeout_ms)
        await _idle(page, timeout_ms)
        results["first"].append(time.monotonic() - started)
        for step in range(changes):
            name = PAGES[(number + step) % len(PAGES)]
            started = time.monotonic()
            await page.get_by_role("link", name=name).first.click(timeout=timeout_ms)
            await _idle(page, timeout_ms)
            if await page.locator('[data-testid="stException"]').count():
                raise RuntimeError(f"exception shown on {name}")
            results["change"].append(time.monotonic() - started)
    except Exception as error:  # noqa: BLE001 — counted and reported, the run goes on
        results["errors"].append(f"session {number}: {type(error).__name__}: {error}"[:200])
    finally:
        if blocked:
            results["errors"].append(f"session {number}: non-local requests {blocked[:3]}")
        await context.close()


async def run_mode(base: str, sessions: int, changes: int, timeout_ms: int) -> dict[str, list]:
    from playwright.async_api import async_playwright

    results: dict[str, list] = {"first": [], "change": [], "errors": []}
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path="/usr/bin/chromium",
                                           args=CHROMIUM_ARGS)
        await asyncio.gather(*(session(browser, base, i, changes, timeout_ms, results)
                               for i in range(sessions)))
        await browser.close()
    return results


def _pct(values: list[float], q: float) -> str:
    if not values:
        return "—"
    ordered = sorted(values)
    return f"{ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]:.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--changes", type=int, default=3)
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--modes", default="direct,proxy")
    parser.add_argument("--step-timeout", type=float, default=90, help="秒")
    args = parser.parse_args(argv)
    rows = []
    for mode in args.modes.split(","):
        server = direct_server() if mode == "direct" else proxy_server(args.replicas)
        with server as base:
            started = time.monotonic()
            results = asyncio.run(run_mode(base, args.sessions, args.changes,
                                           int(args.step_timeout * 1000)))
            wall = time.monotonic() - started
        label = "direct (1 process)" if mode == "direct" else f"proxy ({args.replicas} replicas)"
        rows.append((label, results, wall))
        for error in results["errors"]:
            print(f"[{mode}] {error}", file=sys.stderr)
    print(f"\n{args.sessions} concurrent sessions, each: first load + {args.changes} page "
          "changes (seconds, loopback)\n")
    print("| mode | sessions ok | errors | first load p50 | p95 | page change p50 | p95 | wall |")
    print("|---|---|---|---|---|---|---|---|")
    for label, r, wall in rows:
        ok = args.sessions - len({e.split(":")[0] for e in r["errors"]})
        print(f"| {label} | {ok}/{args.sessions} | {len(r['errors'])} | "
              f"{_pct(r['first'], .5)} | {_pct(r['first'], .95)} | "
              f"{_pct(r['change'], .5)} | {_pct(r['change'], .95)} | {wall:.0f} |")
    if any(r["change"] for _, r, _ in rows):
        print("\n(mean page change: "
              + ", ".join(f"{label} {statistics.mean(r['change']):.1f} s"
                          for label, r, _ in rows if r["change"]) + ")")
    return 1 if any(r["errors"] for _, r, _ in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
