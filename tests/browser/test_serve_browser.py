"""`make serve`: two replicas behind nginx, loaded in Chromium through the proxy on loopback.

Checks what a reviewer would: the app works under the Content-Security-Policy (no violation in
the console, maps and charts drawn), the security headers and gzip are there, each replica
answers its health check, and a browser stays on one replica (its route cookie).
"""

from __future__ import annotations

import gzip
import os
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, click_and_wait, open_in_session, wait_for_app

sys.path.insert(0, str(REPO / "scripts"))
from screenshot import wait_healthy  # noqa: E402

pytestmark = pytest.mark.browser


def _get(url: str, headers: dict[str, str] | None = None):
    return urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10)


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    if not Path("/usr/sbin/nginx").exists() and not os.popen("command -v nginx").read():
        pytest.fail("nginx is not installed (make install-test installs it)")
    sys.path.insert(0, str(REPO / "scripts"))
    from serve import free_port

    port, first, second = free_port(), free_port(), free_port()
    run_dir = tmp_path_factory.mktemp("serve")
    process = subprocess.Popen(
        [sys.executable, "scripts/serve.py", "--port", str(port), "--replica-ports",
         f"{first},{second}", "--run-dir", str(run_dir)],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    if not wait_healthy([f"{base}/_replica/{i}/health" for i in (0, 1)], 120, process):
        os.killpg(process.pid, signal.SIGTERM)
        pytest.fail("make serve did not come up")
    try:
        yield base, run_dir
    finally:
        process.terminate()  # serve.py stops nginx and the replicas
        try:
            process.wait(timeout=30)
        finally:
            os.killpg(process.pid, signal.SIGKILL) if process.poll() is None else None


PRESENT = "?mode=present&period=2020-06"
PAGES = ["", "targets", "clusters", "environment", "business", "efficiency", "opening", "tasks",
         "park?park=P001", PRESENT]
# Opened by their own link through nginx (a page's path, a page with parameters, the slides);
# the others in the session. A deep link to each page on the plain server, where #29's probes
# came from, is tests/browser/test_layout_browser.py's opening.
DEEP_LINKS = {"targets", "park?park=P001", PRESENT}


def _csp_violations(console: list[str]) -> list[str]:
    return [m for m in console if "Content Security Policy" in m or "Refused to" in m]


def test_every_page_works_through_nginx_under_the_security_headers(served, browser_page):
    """One walk through nginx for what a reviewer checks, each page opened once: the security
    headers on a page's reply; the sidebar's links switch pages; every page loads with no
    failed request and no console error, maps and charts drawn, no Content-Security-Policy
    violation: a page, a page with parameters and the slides by their own link (a deep link
    reloads the app; #29: Streamlit probed /<page>/_stcore/health and host-config, two 404s per
    page, before finding its server at /), the others in the session, as Back opens them; the page
    scripts (components/shell/js) run under the CSP: → turns a slide; one browser, one
    replica (its route cookie)."""
    base, run_dir = served
    page = browser_page
    console: list[str] = []
    failed: list[str] = []
    page.on("console", lambda m: console.append(f"{m.text} @ {m.location.get('url', '')}"))
    page.on("console", lambda m: failed.append(f"console: {m.text} @ {m.location.get('url')}")
            if m.type == "error" else None)
    page.on("pageerror", lambda e: (console.append(str(e)), failed.append(f"pageerror: {e}")))
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400
            else None)
    reply = page.goto(f"{base}/?city=430100")
    headers = reply.headers
    assert headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    wait_for_app(page)  # includes the deck.gl map drawing its canvas
    assert page.get_by_role("heading", name=re.compile("总览")).count()
    for name in ("目标达成", "重点任务台账", "产业集群"):  # 产业集群 last: its charts are drawn
        click_and_wait(page, page.get_by_role("link", name=name).first)
        assert page.get_by_role("heading", name=name).count(), name
    assert page.locator(".js-plotly-plot, [data-testid='stVegaLiteChart']").count()
    assert failed == [], failed
    for path in PAGES:
        if path in DEEP_LINKS:  # a new load of the app under the headers
            page.goto(f"{base}/{path}")
            wait_for_app(page)
        else:  # the page's own charts, maps and scripts, in the session (as Back does)
            open_in_session(page, f"{base}/{path}")
        assert failed == [], (path, failed)
        if path == PRESENT:  # the presenter's keys
            page.wait_for_function("() => window.__hnparksPresenter && window.__hnparksHistory")
            assert page.locator("h1").first.inner_text().startswith("1/")
            page.keyboard.press("ArrowRight")
            page.wait_for_function(
                "() => document.querySelector('h1')?.innerText.startsWith('2/')")
    assert _csp_violations(console) == [], "\n".join(_csp_violations(console))
    assert failed == [], failed
    assert page.external_requests == []
    route = next(c["value"] for c in page.context.cookies() if c["name"] == "hnparks_route")
    upstreams = set(re.findall(rf"route={route} upstream=(\S+)",
                               (run_dir / "access.log").read_text()))
    assert len(upstreams) == 1, upstreams  # one browser, one replica (websocket included)


def test_static_files_are_gzipped_and_each_replica_has_a_health_check(served):
    base, _ = served
    html = _get(f"{base}/").read().decode()
    script = re.search(r'src="\.?/?(static/js/[^"]+\.js)"', html).group(1)
    reply = _get(f"{base}/{script}", {"Accept-Encoding": "gzip"})
    assert reply.headers["Content-Encoding"] == "gzip"
    assert len(gzip.decompress(reply.read())) > 1000
    for i in (0, 1):
        assert _get(f"{base}/_replica/{i}/health").read() == b"ok"
    same = _get(f"{base}/_stcore/health", {"Origin": base})
    assert same.status == 200
    with pytest.raises(urllib.error.HTTPError) as refused:  # another site's page
        _get(f"{base}/_stcore/stream", {"Origin": "http://198.51.100.7", "Upgrade": "websocket",
                                        "Connection": "Upgrade"})
    assert refused.value.code == 403


def test_the_first_admin_password_reaches_the_console_only(tmp_path, browser_page):
    """The probe found the one-time admin password in a world-readable replica log (#29).
    `serve.py` on a fresh accounts file: the password is on the console, works in the browser
    (a replica has run the app), and no file serve.py or its children wrote holds it; the run
    directory is 0700 and every file in it 0600."""
    sys.path.insert(0, str(REPO / "scripts"))
    from serve import free_port

    port, replica = free_port(), free_port()
    private, run_dir = tmp_path / "private", tmp_path / "run"
    env = {**os.environ, "HNPARKS_ACCOUNTS_FILE": str(private / "accounts.json"),
           "HNPARKS_ANONYMOUS_VIEW": "0"}
    console_file = tmp_path / "console.txt"
    with open(console_file, "wb") as console:
        process = subprocess.Popen(
            [sys.executable, "scripts/serve.py", "--port", str(port), "--replica-ports",
             str(replica), "--run-dir", str(run_dir)], cwd=REPO, env=env, stdout=console,
            stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_healthy([f"{base}/_replica/0/health"], 150, process), \
            console_file.read_text(encoding="utf-8")
        password = re.search(r"一次性密码：(\S+)", console_file.read_text(encoding="utf-8")).group(1)
        page = browser_page
        page.goto(base)
        wait_for_app(page)
        page.get_by_label("用户名").fill("admin")
        page.get_by_label("密码", exact=True).fill(password)
        page.get_by_role("button", name="登录", exact=True).click()
        page.get_by_text("首次登录，请修改密码").wait_for()
        written = [p for p in [*run_dir.rglob("*"), *private.rglob("*")] if p.is_file()]
        assert any(p.name.startswith("replica-") for p in written)
        leaks = [str(p) for p in written if password.encode() in p.read_bytes()]
        assert leaks == []
        assert oct(run_dir.stat().st_mode)[-3:] == "700"
        modes = {str(p.relative_to(run_dir)): oct(p.stat().st_mode)[-3:]
                 for p in run_dir.rglob("*")}
        assert {m for m in modes.values()} <= {"600", "700"}, modes
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        finally:
            os.killpg(process.pid, signal.SIGKILL) if process.poll() is None else None
