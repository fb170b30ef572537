"""Login in Chromium on a server started as `make start` does on a fresh machine: the first
administrator's one-time password on the console, roles, refused URLs, exports, throttled
sign-ins, expiry."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from hnparks.__main__ import main as hnparks_cli
from hnparks.core.access import Identity
from hnparks.data import accounts
from tests.conftest import (
    ARTIFACTS,
    REPO,
    TEST_PASSWORD,
    click_and_wait,
    served_app,
    sign_in,
    wait_for_app,
)
from tests.unit.test_ingest import indicator_rows, xlsx

pytestmark = pytest.mark.browser
SHOTS = ARTIFACTS / "access"
ZHUZHOU_PARKS: list[str] = []


def _free_port() -> int:
    sys.path.insert(0, str(REPO / "scripts"))
    from screenshot import free_port

    return free_port()


def _wait_healthy(port: int, process: subprocess.Popen) -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    from screenshot import wait_healthy

    if not wait_healthy([f"http://127.0.0.1:{port}/_stcore/health"], 90, process):
        assert process.poll() is None, "server exited"
        raise RuntimeError("Streamlit did not start within 90 s")


@pytest.fixture(scope="module")
def fresh_server(tmp_path_factory) -> Iterator[tuple[str, Path, str]]:
    """`make start` with no accounts file yet, login required (the production default), on a
    copy of data/ that already has one load made with the CLI. Yields (url, accounts file,
    the one-time password the console printed)."""
    tmp = tmp_path_factory.mktemp("access")
    root = tmp / "data"
    shutil.copytree(REPO / "data", root, ignore=shutil.ignore_patterns("versions",
                                                                       "load_state.json"))
    report = tmp / "2020年12月园区月报.xlsx"
    report.write_bytes(xlsx(root, [indicator_rows(root, "P001", "2020-12", 7)]))
    assert hnparks_cli(["ingest", str(report), "--dataset", "park_indicators",
                        "--user", "省园区办 张三", "--data-dir", str(root)]) == 0
    path = tmp / "private" / "accounts.json"
    env = {**os.environ, "HNPARKS_DATA_DIR": str(root), accounts.ACCOUNTS_ENV: str(path),
           "HNPARKS_ANONYMOUS_VIEW": "0"}
    port = _free_port()
    log = tmp / "console.txt"
    with open(log, "wb") as out:
        process = subprocess.Popen(["make", "start", f"PORT={port}", f"PYTHON={sys.executable}"],
                                   cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    try:
        _wait_healthy(port, process)
        console = log.read_text(encoding="utf-8")
        password = re.search(r"一次性密码：(\S+)", console).group(1)
        office = Identity("admin", "省园区办管理员", "admin")
        for username, (name, role, city, park) in {
                "changsha": ("长沙市工信局 李四", "city", "430100", None),
                "dept": ("省发展改革委 测试", "department", None, None)}.items():
            once = accounts.add_user(username, name, role, office, city, park, path=path)
            accounts.change_password(username, once, TEST_PASSWORD, path=path)
        parks = pd.read_parquet(root / "curated" / "parks.parquet")
        ZHUZHOU_PARKS[:] = parks.loc[parks["city_code"] == "430200", "park_name"].tolist()
        SHOTS.mkdir(parents=True, exist_ok=True)
        yield f"http://127.0.0.1:{port}", path, password
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # make and the Streamlit server it started
        process.wait(timeout=30)




# What the report uploader shows: every piece of text drawn with a visible size, including the
# Chinese that CSS puts in place of Streamlit's English "Upload" and "5MB per file".
_UPLOADER_WORDS = """() => {
  const zone = document.querySelector('[data-testid="stFileUploaderDropzone"]');
  const words = [];
  for (const el of zone.querySelectorAll('button p, [data-testid="stFileUploaderDropzoneInstructions"] span')) {
    if (parseFloat(getComputedStyle(el).fontSize) > 0 && el.textContent.trim()) words.push(el.textContent.trim());
    const after = getComputedStyle(el, '::after');
    if (after.content && after.content !== 'none' && parseFloat(after.fontSize) > 0)
      words.push(JSON.parse(after.content));
  }
  return words;
}"""


def _uploader_words(page) -> list[str]:
    """The uploader's words once the page's CSS has mounted (st.html styles may land a moment
    after the widget): wait for the Chinese, then read whatever is shown."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.locator('[data-testid="stFileUploaderDropzone"]').wait_for(state="attached")
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(f"() => ({_UPLOADER_WORDS})().includes('选择文件')", timeout=20_000)
    return page.evaluate(_UPLOADER_WORDS)


def _main_text(page) -> str:
    return page.locator("main").inner_text()


def test_first_administrator_changes_the_console_password_and_sees_the_audit(fresh_server,
                                                                             browser_page):
    base, path, once = fresh_server
    assert once not in path.read_text(encoding="utf-8")  # only its hash is stored
    page = browser_page
    page.set_viewport_size({"width": 1440, "height": 1600})
    page.goto(f"{base}/admin")  # the fresh server's first request runs pages/admin.py alone
    wait_for_app(page)
    assert page.get_by_label("用户名").count() == 1  # it hands over to app.py's login form
    sign_in(page, "admin", once)
    assert "首次登录，请修改密码" in _main_text(page)
    assert page.locator('[data-testid="stMetric"]').count() == 0
    page.get_by_label("当前密码（一次性密码）").fill(once)
    page.get_by_label("新密码", exact=True).fill("Office-2020-abc")
    page.get_by_label("再次输入新密码").fill("Office-2020-abc")
    click_and_wait(page, page.get_by_role("button", name="修改密码并进入"))
    assert "/admin" in page.url
    text = _main_text(page)
    assert "导入记录与回退" in text and "账号管理" in text
    assert _uploader_words(page) == ["选择文件", "或将文件拖到此处；每个文件不超过 5 MB"]
    history = page.locator('[data-testid="stDataFrame"]').nth(1)  # after the status table
    history.scroll_into_view_if_needed()
    history.locator('[role="gridcell"]').first.wait_for(state="attached")  # the grid's a11y cells
    cells = " ".join(history.locator('[role="gridcell"]').all_text_contents())
    assert "省园区办 张三" in cells and "命令行（系统用户" in cells and "sha256:" in cells
    page.screenshot(path=str(SHOTS / "admin_history.png"), full_page=True)
    accounts_log = accounts.account_history(path)
    assert accounts_log[0]["action"] == "修改密码"
    assert {row["action"] for row in accounts_log} >= {"新增账号", "修改密码"}
    assert page.external_requests == []


def test_a_visitor_sees_only_the_login_form_and_a_city_user_gets_their_city(fresh_server,
                                                                           browser_page):
    """Before signing in, a link shows the login form only; signed in, a city user gets their
    city whatever the link asks."""
    base, _, _ = fresh_server
    page = browser_page
    page.goto(f"{base}/targets?period=2020-06&city=430200&park=P016")
    wait_for_app(page)
    page.screenshot(path=str(SHOTS / "login.png"))
    text = page.inner_text("body")
    assert "登录" in text and "用户名" in text
    assert "亿元" not in text and "株洲" not in text and "目标达成" not in text
    assert page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').count() == 0
    assert page.locator('[data-testid="stMetric"]').count() == 0
    assert page.external_requests == []
    sign_in(page, "changsha", TEST_PASSWORD)
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert "市州用户只能查看本市州" in sidebar
    assert "/targets" in page.url and "city=430100" in page.url and "park=" not in page.url
    text = _main_text(page)
    assert "目标达成" in text and "范围：长沙市" in text
    assert not [name for name in ZHUZHOU_PARKS if name in page.inner_text("body")]
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').nth(1).click()
    options = page.locator('[role="option"]').all_inner_texts()
    assert options == ["长沙市"], options
    page.keyboard.press("Escape")
    assert "数据管理" not in sidebar
    click_and_wait(page, page.get_by_role("link", name="总览"))
    assert "范围：长沙市" in _main_text(page)
    page.screenshot(path=str(SHOTS / "city_overview.png"))
    assert page.external_requests == []


def test_a_city_users_briefing_export_holds_only_their_city(fresh_server, browser_page):
    base, _, _ = fresh_server
    page = browser_page
    page.goto(f"{base}/?mode=present&period=2020-06&city=430200")
    wait_for_app(page)
    sign_in(page, "changsha", TEST_PASSWORD)
    assert "长沙市汇报" in page.inner_text("body")
    page.mouse.move(400, 300)  # the control bar hides while the mouse rests; moving shows it
    page.wait_for_function("() => !document.body.classList.contains('hnparks-idle')")
    page.get_by_role("button", name="导出离线汇报（HTML）").click()  # built on request
    ready = page.get_by_role("button", name="下载离线汇报（HTML）")
    ready.wait_for()
    page.mouse.move(420, 320)  # keep the control bar shown
    with page.expect_download() as download:
        ready.click()
    html = Path(download.value.path()).read_text(encoding="utf-8")
    assert "湖南省产业园区工作要点汇报 · 长沙市" in html
    assert not [name for name in ZHUZHOU_PARKS if name in html]


def test_failed_sign_ins_read_the_same_and_then_slow_down(fresh_server, browser_page,
                                                          monkeypatch):
    """Unknown name or wrong password: the same words, no count; after a few, a wait (#29)."""
    base, path, _ = fresh_server
    monkeypatch.setenv(accounts.ACCOUNTS_ENV, str(path))
    page = browser_page
    page.goto(base)
    wait_for_app(page)
    replies = []
    for username in ("no-such-user", "dept", "dept"):
        sign_in(page, username, "not-the-password")
        replies.append(_main_text(page))
    assert all(accounts.FAILED in r for r in replies)
    assert not [r for r in replies if re.search(r"\d+\s*次|锁定|停用", r)]  # no count, no state
    for _ in range(8):  # waits of 1, 2, 4 … s: one of these lands in a wait
        sign_in(page, "dept", "not-the-password")
        if "登录尝试过于频繁" in _main_text(page):
            break
    assert "登录尝试过于频繁" in _main_text(page)
    assert page.locator('[data-testid="stMetric"]').count() == 0
    page.screenshot(path=str(SHOTS / "throttled.png"))
    assert hnparks_cli(["users", "unthrottle", "--all"]) == 0
    sign_in(page, "dept", TEST_PASSWORD)
    page.locator('[data-testid="stMetric"]').first.wait_for()


@pytest.fixture(scope="module")
def short_session_server() -> Iterator[str]:
    """Login required and sessions that expire after 6 s of inactivity (test accounts)."""
    with served_app({"HNPARKS_ANONYMOUS_VIEW": "0", "HNPARKS_IDLE_MINUTES": "0.1"}) as url:
        yield url


def test_an_idle_session_signs_out(short_session_server, browser_page):
    page = browser_page
    page.goto(f"{short_session_server}/?period=2020-06")
    wait_for_app(page)
    sign_in(page, "leader", TEST_PASSWORD)
    assert page.locator('[data-testid="stMetric"]').count() >= 4
    page.wait_for_timeout(8000)  # the inactivity itself is what is tested
    click_and_wait(page, page.get_by_role("link", name="目标达成"))
    text = page.inner_text("body")
    assert "未操作，已自动退出登录" in text and "用户名" in text
    assert page.locator('[data-testid="stMetric"]').count() == 0
    page.screenshot(path=str(SHOTS / "expired.png"))
