"""Shared fixtures: the data directory, and for browser tests a live server and a Chromium page."""

from __future__ import annotations

import contextlib
import json
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
if str(REPO / "scripts") not in sys.path:
    sys.path.insert(0, str(REPO / "scripts"))  # the server and browser tools tests share


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


# ---- the order files run in: the costliest first (issue 24) --------------------------------
# `make test` runs `-n auto --dist loadfile --no-loadscope-reorder`: each worker takes the next
# file in this order when it is free, so the long files start at once and the short ones fill
# the end (xdist's own reorder, by number of tests, left the few-test browser files last and
# one worker running alone for minutes). Seconds per file measured on 2 cores; refresh with
# `pytest --record-file-costs …` (it updates the files that ran).
FILE_COSTS = Path(__file__).with_name("file_costs.json")
NEW_BROWSER_FILE = 60.0  # a browser file not measured yet: it starts a browser, maybe a server


def _file_of(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


def _order_by_cost(items: list[pytest.Item]) -> None:
    costs = json.loads(FILE_COSTS.read_text(encoding="utf-8")) if FILE_COSTS.exists() else {}

    def cost(item: pytest.Item) -> float:
        known = costs.get(_file_of(item.nodeid))
        if known is None:
            return NEW_BROWSER_FILE if "browser" in item.keywords else 0.0
        return float(known)

    items.sort(key=lambda item: -cost(item))  # stable: a file's tests keep their order


# Files whose tests share no module fixture worth keeping on one worker: under `--dist loadfile`
# each of their tests is a unit of its own, so one long file no longer runs on one worker alone.
SPLIT_FILES = {"tests/browser/test_layout_browser.py",
               "tests/browser/test_hardening_browser.py",
               "tests/unit/test_store_crash.py"}


def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """`--dist loadfile`, with the tests of SPLIT_FILES scheduled one by one."""
    if config.getoption("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class SplitCostlyFiles(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return nodeid if _file_of(nodeid) in SPLIT_FILES else _file_of(nodeid)

    return SplitCostlyFiles(config, log)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--record-file-costs", action="store_true",
                     help=f"write each file's seconds (setup, call, teardown) to {FILE_COSTS.name}")


_SECONDS: dict[str, float] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    _SECONDS[_file_of(report.nodeid)] = _SECONDS.get(_file_of(report.nodeid), 0.0) + report.duration


def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    if not config.getoption("--record-file-costs") or hasattr(config, "workerinput"):
        return  # only the controller writes (xdist's workers send it their reports)
    costs = json.loads(FILE_COSTS.read_text(encoding="utf-8")) if FILE_COSTS.exists() else {}
    costs.update({name: round(seconds, 1) for name, seconds in _SECONDS.items()})
    FILE_COSTS.write_text(json.dumps(dict(sorted(costs.items())), indent=1) + "\n",
                          encoding="utf-8")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The costliest files first (above). Browser tests run in CI (CI set) or when
    RUN_BROWSER_TESTS=1; skipped otherwise."""
    _order_by_cost(items)
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


# Requests to any other host go to a proxy that is not there, so they fail at once (loopback
# bypasses a proxy). Blocking them in Chromium, not with Playwright's request routing, keeps the
# HTTP cache on and spares a Python round trip per request (a page opened in 2/3 of the time).
_BLOCK_OTHER_HOSTS = ["--proxy-server=http://127.0.0.1:9"]


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(REPO / "scripts"))
    from screenshot import CHROMIUM_ARGS

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                     args=[*CHROMIUM_ARGS, *_BLOCK_OTHER_HOSTS])
        yield browser
        browser.close()


def _external(url: str) -> bool:
    host = urlparse(url).hostname or ""
    return not url.startswith(("data:", "blob:")) and host not in LOCAL_HOSTS


VIEWPORT = {"width": 1440, "height": 900}


def app_context(chromium, viewport: dict = VIEWPORT):
    """A new browser context for the app's pages: generous timeouts (the machine may be loaded;
    no test sleeps) and the message count `click_and_wait` relies on."""
    context = chromium.new_context(viewport=viewport)
    context.set_default_timeout(60_000)
    context.add_init_script(COUNT_MESSAGES)
    return context


class _Tab:
    """The worker's one browser context and page, reused by every test that takes `browser_page`
    (a new context costs a new renderer, a cold HTTP cache and the app's JavaScript compiled
    again: about 3.5 s per test). Between tests it is reset to what a new context gives:
    blank page, no cookies, no granted permissions, no stored data, 1440×900 screen media,
    online, and none of the previous test's listeners."""

    def __init__(self, chromium) -> None:
        self.chromium = chromium
        self.context = self.page = None
        self.listeners: list[tuple[str, Callable]] = []
        self.open()

    def open(self) -> None:
        context = app_context(self.chromium)
        page = context.new_page()
        page.external_requests = []
        context.on("request", lambda r: self.page.external_requests.append(r.url)
                   if _external(r.url) else None)
        self.context, self.page = context, page

    def lend(self):
        """The page for one test: its `on` remembers each listener the test adds."""
        page = self.page
        page.external_requests = []

        def on(event: str, handler: Callable) -> None:
            self.listeners.append((event, handler))
            type(page).on(page, event, handler)

        page.on = on
        return page

    def reset(self) -> None:
        """Back to a new context's state; a context that will not reset is replaced."""
        page = self.page
        try:
            del page.on
            for event, handler in self.listeners:
                page.remove_listener(event, handler)
            self.listeners.clear()
            if page.url.startswith("http"):
                page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
            page.goto("about:blank")  # ends the app's session (its websocket closes)
            self.context.clear_cookies()
            self.context.clear_permissions()
            self.context.set_offline(False)
            page.emulate_media(media="null")
            page.set_viewport_size(VIEWPORT)
        except Exception:  # a crashed or closed page: start afresh
            with contextlib.suppress(Exception):
                self.context.close()
            self.listeners.clear()
            self.open()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.context.close()


@pytest.fixture(scope="session")
def browser_tab(chromium) -> Iterator[_Tab]:
    """The worker's one reused context and page (`browser_page` lends it to one test; a module
    fixture may `lend()` it for the module's tests and `reset()` it afterwards)."""
    tab = _Tab(chromium)
    yield tab
    tab.close()


@pytest.fixture
def browser_page(browser_tab, request):
    """A 1440×900 page in the worker's one reused browser context (reset between tests, see
    `_Tab`), recording every request to a non-local host (in `page.external_requests`;
    Chromium refuses them, see `_BLOCK_OTHER_HOSTS`); its last state is saved as
    test-artifacts/last_<test>.png. A test about a cold browser (first fetch of a file, a
    fresh HTTP cache) takes `new_browser_page`."""
    page = browser_tab.lend()
    ARTIFACTS.mkdir(exist_ok=True)
    yield page
    _save_last(page, request)
    browser_tab.reset()


@pytest.fixture
def new_browser_page(chromium, request):
    """As `browser_page`, in a new browser context of its own (cold HTTP cache)."""
    tab = _Tab(chromium)
    ARTIFACTS.mkdir(exist_ok=True)
    yield tab.page
    _save_last(tab.page, request)
    tab.close()


def _save_last(page, request) -> None:
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    with contextlib.suppress(Exception):  # a closed or crashed page must not mask the result
        page.screenshot(path=str(ARTIFACTS / f"last_{name}.png"))


def wait_for_app(page, timeout_ms: int = 90_000, quiet_ms: int = 600) -> None:
    """Wait until the app has settled (`screenshot.wait_until_settled`: Streamlit idle, nothing
    stale, maps and charts drawn, continuously for `quiet_ms`); generous on a loaded machine."""
    from screenshot import wait_until_settled  # scripts/ is on sys.path (conftest's top)

    wait_until_settled(page, timeout_ms, quiet_ms)



# Counts the messages the app's server sends the page (its websocket), from the page's first
# script on: an action has been answered once one more has come. The script state on stApp is not
# enough: a short run on a loaded machine can start and finish between two renders of the page,
# so the DOM never shows it running (two CI runs waited 90 s for that, 2026-12-04).
COUNT_MESSAGES = """(() => {
  const Native = window.WebSocket;
  window.__hnparksMessages = 0;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => { window.__hnparksMessages += 1; });
    }
  };
})();"""
_MARK_CLICK = """() => { window.__hnparksClicked = true; return window.__hnparksMessages ?? null; }"""
# Answered: a message since the click, or a new document (the click reloaded the page).
_ANSWERED = """before => window.__hnparksClicked !== true || window.__hnparksMessages > before"""


def click_and_wait(page, target, timeout_ms: int = 90_000, may_not_run: bool = False) -> None:
    """Click `target` (a locator) and wait for the server's answer, then for the app to settle.
    `wait_for_app` alone can return before a busy server has begun that run (it sees the page as
    it was before the click), so this first waits for a message from the server (or a reload).
    `may_not_run`: a click that may start no run (choosing the option already chosen) waits
    10 s at most for one. The page's context must come from `app_context` (as `browser_page`'s
    and `new_browser_page`'s do): it counts the messages."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    before = page.evaluate(_MARK_CLICK)
    if before is None:
        raise RuntimeError("click_and_wait: this page does not count the app's messages "
                           "(open its context with app_context)")
    target.click()
    try:
        page.wait_for_function(_ANSWERED, arg=before, polling=50,
                               timeout=10_000 if may_not_run else timeout_ms)
    except PlaywrightTimeout:
        if not may_not_run:
            raise
    wait_for_app(page, timeout_ms)


def unfold(page, title: str):
    """Open the folded section whose label contains `title` (a `lazy_expander`: built and sent
    when opened) and wait for its content; returns the section. The browser counterpart of
    `tests.app.conftest.unfold`."""
    section = page.get_by_test_id("stExpander").filter(has_text=title)
    click_and_wait(page, section.locator("summary"))
    return section


def sign_in(page, username: str, password: str) -> None:
    """Fill the app's login form and submit it; returns once the app has answered: the form gone
    (signed in) or a message under it (refused, throttled)."""
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码", exact=True).fill(password)
    submit = page.get_by_role("button", name="登录", exact=True)
    click_and_wait(page, submit)
    # Twice in CI on a loaded machine (2026-12-03/04, both on /?mode=present), the run after the
    # click showed the form again, filled, with no message: the submit never reached the app.
    # Not reproduced alone or under synthetic load; a second click then is what a person does.
    unanswered = (submit.count() == 1 and page.get_by_label("用户名").input_value() == username
                  and page.locator('[data-testid="stAlert"]').count() == 0)
    if unanswered:
        click_and_wait(page, submit)


_SWITCH = """url => {
  history.replaceState(history.state, '', url);
  dispatchEvent(new PopStateEvent('popstate', {state: history.state}));
}"""


def open_in_session(page, url: str) -> None:
    """Open `url` (same server) in the session the tab already holds, as Back and Forward do:
    the app reruns the page the URL names with its parameters, without reloading itself (no new
    session, no second sign-in, no JavaScript parsed again: about half the browser's work of a
    page load). A tab not yet on that server loads `url` (`page.goto`). For checks of what a
    page shows; a test of the first load itself (a deep link, a reply's headers, the requests a
    load makes) uses `page.goto`."""
    target, current = urlparse(url), urlparse(page.url)
    if (target.scheme, target.netloc) != (current.scheme, current.netloc):
        page.goto(url)
    else:
        page.evaluate(_SWITCH, url)
    wait_for_app(page)

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
