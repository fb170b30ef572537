"""Shared fixtures: the data directory, and for browser tests a live server and a Chromium page."""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


# Test accounts, one per role, in a private accounts file (never the repo's instance/): AppTests
# sign in as them (tests/app/conftest.open_app), browser tests through the real login form.
TEST_PASSWORD = "Test-password-2020"
TEST_USERS = {  # username: (name, role, city, park)
    "leader": ("省领导 测试", "leader", None, None),
    "dept": ("省发展改革委 测试", "department", None, None),
    "office": ("省园区办 张三", "admin", None, None),
    "changsha": ("长沙市工信局 李四", "city", "430100", None),
    "zhuzhou_park": ("株洲高新区管委会 王五", "park", None, "P016"),
}


def _create_test_accounts(path: Path) -> None:
    from hnparks.core.access import Identity
    from hnparks.data import accounts

    setup = Identity("pytest", "测试环境", "admin", via="测试")
    for username, (name, role, city, park) in TEST_USERS.items():
        once = accounts.add_user(username, name, role, setup, city, park, path=path)
        accounts.change_password(username, once, TEST_PASSWORD, path=path)


def pytest_configure(config: pytest.Config) -> None:
    """The test environment, set explicitly: its own accounts file with one account per role,
    and anonymous read-only viewing switched on for the many view tests that are not about
    access (tests about access switch it off). Production defaults stay: login required."""
    import tempfile

    from hnparks.data.accounts import ACCOUNTS_ENV

    if os.environ.get(ACCOUNTS_ENV, "").startswith(tempfile.gettempdir()):
        return  # a pytest started by a test
    path = Path(tempfile.mkdtemp(prefix="hnparks-accounts-")) / "accounts.json"
    _create_test_accounts(path)
    os.environ[ACCOUNTS_ENV] = str(path)
    os.environ["HNPARKS_ANONYMOUS_VIEW"] = "1"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The curated data directory the app reads ($HNPARKS_DATA_DIR or data/)."""
    return Path(os.environ.get("HNPARKS_DATA_DIR", REPO / "data"))


# ---- the committed data, loaded once per session (docs/DEVELOPING.md, "Tests that stay fast") --

class Datasets(dict):
    """Datasets by name, as `load_dataset` gives them, for one test module. The frames are
    copy-on-write views (pandas 3) of one load per session, so a test may change them without
    touching another module's. The indicator store (`data[STORE]`, what `store_of` reads) is the
    session's one build, until a test puts a store input in: then `store_of` builds afresh."""

    def __init__(self, frames: dict[str, pd.DataFrame], store: Callable[[], pd.DataFrame]):
        super().__init__({name: frame.copy(deep=False) for name, frame in frames.items()})
        self._store: Callable[[], pd.DataFrame] | None = store

    def __missing__(self, name: str) -> pd.DataFrame:
        from hnparks.derived.indicator_store import STORE

        if name != STORE or self._store is None:
            raise KeyError(name)
        self[name] = self._store().copy(deep=False)
        return self[name]

    def __setitem__(self, name: str, frame: pd.DataFrame) -> None:
        from hnparks.derived.indicator_store import INPUTS, STORE

        if name in INPUTS:  # the shared store no longer matches these data
            self._store = None
            self.pop(STORE, None)
        super().__setitem__(name, frame)


class _Committed:
    """The committed data directory, read once: every dataset, and the store built on first use."""

    def __init__(self, root: Path) -> None:
        from hnparks.core.schemas import SCHEMAS
        from hnparks.data.loading import load_dataset

        self.frames = {name: load_dataset(name, root) for name in SCHEMAS}
        self._store: pd.DataFrame | None = None

    def store(self) -> pd.DataFrame:
        if self._store is None:
            from hnparks.derived.indicator_store import build_store

            self._store = build_store(self.frames)
        return self._store


@pytest.fixture(scope="session")
def committed_data(data_dir: Path) -> _Committed:
    return _Committed(data_dir)


@pytest.fixture(scope="module")
def data(committed_data: _Committed) -> Datasets:
    """Every curated dataset of data/ by name (validated), shared by a module's tests; loaded
    once per session. Use it rather than loading datasets in a module's own fixture."""
    return Datasets(committed_data.frames, committed_data.store)


@pytest.fixture(scope="module")
def store(committed_data: _Committed) -> pd.DataFrame:
    """The indicator store built from data/'s datasets (`build_store`), once per session."""
    return committed_data.store().copy(deep=False)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Browser tests run in CI (CI set) or when RUN_BROWSER_TESTS=1; skipped otherwise."""
    if os.environ.get("RUN_BROWSER_TESTS") == "1" or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason="browser test: set RUN_BROWSER_TESTS=1 (always on in CI)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@contextlib.contextmanager
def served_app(env: dict[str, str] | None = None) -> Iterator[str]:
    """A real Streamlit server for app.py on a free local port (`env`: extra variables, e.g.
    the data dir); yields its base URL and stops it afterwards."""
    sys.path.insert(0, str(REPO / "scripts"))
    from screenshot import free_port, start_server

    process = start_server(port := free_port(), env=env)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="session")
def app_server() -> Iterator[str]:
    """The app as `make start` serves it (anonymous viewing as the tests set it up)."""
    with served_app() as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(REPO / "scripts"))
    from screenshot import CHROMIUM_ARGS

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium, request):
    """A fresh 1440×900 page that blocks and records every request to a non-local host
    (in `page.external_requests`); its last state is saved as test-artifacts/<test>.png."""
    context = chromium.new_context(viewport={"width": 1440, "height": 900})
    context.set_default_timeout(60_000)  # generous: the machine may be loaded; no test sleeps
    page = context.new_page()
    page.external_requests = []

    def guard(route):
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            page.external_requests.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    ARTIFACTS.mkdir(exist_ok=True)
    yield page
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    with contextlib.suppress(Exception):  # a closed or crashed page must not mask the result
        page.screenshot(path=str(ARTIFACTS / f"last_{name}.png"))
    context.close()


# Streamlit 1.67's frontend marks the app root with its state:
# <div data-testid="stApp" data-test-script-state="initial|running|notRunning|rerunRequested|…"
#      data-test-connection-state="CONNECTED|…">, shows [data-testid="stStatusWidget"] while a
# run is in progress and marks elements of the previous run data-stale="true" until redrawn.
_APP_IDLE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.dataset.testConnectionState === 'CONNECTED'
    && app.dataset.testScriptState === 'notRunning'
    && !document.querySelector('[data-testid="stStatusWidget"]');
}"""
# Every st.pydeck_chart ([data-testid="stDeckGlJsonChart"]) has mounted its WebGL canvas.
_MAPS_DRAWN = """() => [...document.querySelectorAll('[data-testid="stDeckGlJsonChart"]')]
  .every(chart => chart.querySelector('canvas'))"""
# Settled: idle, nothing stale or still loading, every map and Plotly chart drawn, and all of it continuously for
# `quiet` ms since the wait began (a click's rerun, or the rerun that syncs the URL, starts a
# moment after the action; any sign of it restarts the count).
_APP_SETTLED = f"""(quiet) => {{
  const now = performance.now();
  const settled = ({_APP_IDLE})() && ({_MAPS_DRAWN})()
    && !document.querySelector('[data-stale="true"], [data-testid^="stSkeleton"], '
                               + '[data-testid="stAppSkeleton"]')
    && [...document.querySelectorAll('[data-testid="stPlotlyChart"], .js-plotly-plot')]
      .every(p => p.querySelector('.main-svg'));
  if (!settled || window.__hnparksBusy === undefined) window.__hnparksBusy = now;
  return settled && now - window.__hnparksBusy >= quiet;
}}"""


def wait_for_app(page, timeout_ms: int = 90_000, quiet_ms: int = 600) -> None:
    """Wait until the app has settled: Streamlit idle (no script run, no stale element), maps
    and charts drawn, continuously for `quiet_ms` from now (no fixed sleep: a run that starts
    in that window, such as the rerun that syncs the URL, resets it)."""
    page.evaluate("() => { window.__hnparksBusy = performance.now(); }")
    page.wait_for_function(_APP_SETTLED, arg=quiet_ms, timeout=timeout_ms, polling=100)


# ---- the reporting workflow's database (issue 25): SQLite and PostgreSQL ---------------------

@pytest.fixture(scope="session")
def postgres_socket() -> Iterator[str]:
    """A PostgreSQL server for this test session (tests.workflow.postgres_server)."""
    from tests.workflow import postgres_server

    with postgres_server() as socket_dir:
        yield socket_dir


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def workflow_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """A copy of data/ and an empty workflow database for a module's tests, on SQLite and on
    PostgreSQL: sets HNPARKS_DATA_DIR and HNPARKS_DATABASE_URL; yields (url, data root)."""
    import shutil

    from hnparks.data.workflow import DATABASE_URL_ENV, dispose
    from tests.workflow import new_database

    root = tmp_path_factory.mktemp(f"workflow-{request.param}") / "data"
    shutil.copytree(REPO / "data", root,
                    ignore=shutil.ignore_patterns("geo", "workflow.sqlite*", "evidence"))
    if request.param == "sqlite":
        url = f"sqlite:///{root / 'workflow.sqlite'}"
    else:
        url = new_database(request.getfixturevalue("postgres_socket"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HNPARKS_DATA_DIR", str(root))
        patch.setenv(DATABASE_URL_ENV, url)
        yield url, root
    dispose(url)
