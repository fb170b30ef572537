"""OpenID Connect end to end: st.login against a real provider (panva/oidc-provider on Node.js,
installed by `make install-test` into tests/oidc) started here on loopback."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Iterator

import pytest

from hnparks.core.access import Identity
from hnparks.data import accounts
from tests.conftest import ARTIFACTS, REPO, wait_for_app

pytestmark = pytest.mark.browser
PROVIDER = REPO / "tests" / "oidc"


def _free_port() -> int:
    sys.path.insert(0, str(REPO / "scripts"))
    from screenshot import free_port

    return free_port()


def _wait(url: str, process: subprocess.Popen, what: str) -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    from screenshot import wait_healthy

    if not wait_healthy([url], 90, process):
        assert process.poll() is None, f"{what} exited"
        raise RuntimeError(f"{what} did not start within 90 s")


@pytest.fixture(scope="module")
def oidc_app(tmp_path_factory) -> Iterator[str]:
    """The provider and the dashboard configured for it (login required); yields the app URL."""
    node = shutil.which("node")
    assert node and (PROVIDER / "node_modules" / "oidc-provider").is_dir(), \
        "需要 Node.js 与 tests/oidc 的 npm 依赖：make install-test"
    tmp = tmp_path_factory.mktemp("oidc")
    app_port, idp_port = _free_port(), _free_port()
    client_secret = secrets.token_urlsafe(24)
    redirect = f"http://localhost:{app_port}/oauth2callback"
    (tmp / "secrets.toml").write_text(
        "[auth]\n"
        f'redirect_uri = "{redirect}"\n'
        f'cookie_secret = "{secrets.token_urlsafe(32)}"\n'
        'client_id = "hnparks-dashboard"\n'
        f'client_secret = "{client_secret}"\n'
        f'server_metadata_url = "http://localhost:{idp_port}/.well-known/openid-configuration"\n'
        'client_kwargs = { prompt = "login" }\n', encoding="utf-8")
    path = tmp / "accounts.json"
    office = Identity("office", "省园区办 张三", "admin")
    accounts.add_user("lisi@hnparks.test", "长沙市工信局 李四", "city", office, city="430100",
                      oidc=True, path=path)
    provider = subprocess.Popen([node, "provider.mjs", str(idp_port), redirect, client_secret],
                                cwd=PROVIDER, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
    env = {**os.environ, accounts.ACCOUNTS_ENV: str(path), "HNPARKS_ANONYMOUS_VIEW": "0"}
    app = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(app_port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--secrets.files", str(tmp / "secrets.toml")],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(f"http://localhost:{idp_port}/.well-known/openid-configuration", provider,
              "oidc-provider")
        _wait(f"http://127.0.0.1:{app_port}/_stcore/health", app, "Streamlit")
        yield f"http://localhost:{app_port}"
    finally:
        for process in (app, provider):
            process.terminate()
            process.wait(timeout=20)


def _sign_in_with_provider(page, base: str, login: str) -> None:
    page.get_by_role("button", name="使用统一身份认证登录").click()
    page.wait_for_url("**/interaction/**")  # the provider's own sign-in page
    page.fill('input[name="login"]', login)
    page.fill('input[name="password"]', "any")  # development interactions accept any password
    page.click('button[type="submit"]')
    page.wait_for_load_state()
    if "/interaction/" in page.url:  # the provider's consent step
        page.click('button[type="submit"]')
    page.wait_for_url(f"{base}/**")
    wait_for_app(page)
    # The provider's development pages link a web font (blocked by the fixture); only the
    # dashboard's own requests are checked from here on.
    page.external_requests.clear()


def test_a_provider_user_with_an_account_signs_in_with_their_role(oidc_app, browser_page):
    page = browser_page
    page.goto(f"{oidc_app}/?period=2020-06")
    wait_for_app(page)
    assert page.locator('[data-testid="stMetric"]').count() == 0
    _sign_in_with_provider(page, oidc_app, "lisi")
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert "长沙市工信局 李四" in sidebar and "数据管理" not in sidebar
    assert "范围：长沙市" in page.locator("main").inner_text()
    assert page.locator('[data-testid="stMetric"]').count() >= 4
    page.screenshot(path=str(ARTIFACTS / "oidc_city_user.png"))
    # the identity cookie signs them in on a new page too; the role still narrows the link
    page.goto(f"{oidc_app}/park?period=2020-06&city=430200")
    wait_for_app(page)
    assert "市州用户只能查看本市州" in page.locator('[data-testid="stSidebar"]').inner_text()
    assert "范围：长沙市" in page.locator("main").inner_text()
    assert page.external_requests == []


def test_a_provider_user_without_an_account_sees_no_numbers(oidc_app, browser_page):
    page = browser_page
    page.goto(oidc_app)
    wait_for_app(page)
    _sign_in_with_provider(page, oidc_app, "stranger")
    assert "尚未为您开通本系统账号" in page.inner_text("body")
    assert page.locator('[data-testid="stMetric"]').count() == 0
    assert page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').count() == 0
