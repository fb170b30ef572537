"""AppTest helpers: run the app (optionally on a page, with URL parameters) and read it."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from streamlit.components.v2.component_manager import BidiComponentManager
from streamlit.runtime import pages_manager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.runtime.scriptrunner import ScriptRunnerEvent
from streamlit.testing.v1 import AppTest, app_test, local_script_runner

from hnparks.data import accounts

REPO = Path(__file__).resolve().parents[2]

_original_init = pages_manager.PagesManager.__init__


def _init_as_navigation_app(self, *args, **kwargs) -> None:
    """AppTest resets Streamlit's "pages/ directory" flag before every run, so a page switch
    would run the page file on its own (old multipage mode). A real server clears the flag
    for good on the first `st.navigation` call; do the same here so app.py always runs."""
    _original_init(self, *args, **kwargs)
    pages_manager.PagesManager.uses_pages_directory = False


pages_manager.PagesManager.__init__ = _init_as_navigation_app

_original_app_test_init = AppTest.__init__
_components: BidiComponentManager | None = None


def _init_with_discovered_components(self, *args, **kwargs) -> None:
    """Every new AppTest scans the metadata of every installed package for custom components
    on its first run (0.4 s of CPU, most of a page's run; the app has none). A real server scans
    once per process, at start: do the same here, one scan shared by every AppTest."""
    global _components
    _original_app_test_init(self, *args, **kwargs)
    assert hasattr(self, "_bidi_component_manager"), "Streamlit renamed AppTest's component manager"
    if _components is None:
        _components = BidiComponentManager()
        _components.discover_and_register_components(start_file_watching=False)
    self._bidi_component_manager = _components


AppTest.__init__ = _init_with_discovered_components


def _wait_for_script(runner: local_script_runner.LocalScriptRunner, timeout: float = 3) -> None:
    """Streamlit's `require_widgets_deltas`, waiting for the run's SHUTDOWN event instead of
    polling for it every millisecond (each poll took the GIL from the script thread); the same
    timeout and error."""
    done = threading.Event()

    def on_event(sender, event: ScriptRunnerEvent, **kwargs) -> None:
        if event == ScriptRunnerEvent.SHUTDOWN:
            done.set()

    runner.on_event.connect(on_event, weak=False)
    try:
        if runner.script_stopped() or done.wait(timeout):
            return
    finally:
        runner.on_event.disconnect(on_event)
    runner.request_stop()
    runner.join()
    raise RuntimeError(f"AppTest script run timed out after {timeout}(s)")


assert local_script_runner.require_widgets_deltas.__code__.co_argcount == 2, \
    "Streamlit changed how AppTest waits for a run"
local_script_runner.require_widgets_deltas = _wait_for_script


def sign_in(at: AppTest, username: str | None) -> AppTest:
    """Start the session signed in as one of the test accounts (tests/conftest.TEST_USERS), as
    the login form leaves it; None: nobody signed in."""
    if username is not None:
        identity = accounts.active_identity(username)
        assert identity is not None, username
        at.session_state["auth_identity"] = identity
        at.session_state["auth_last_seen"] = time.time()
    return at


def open_app(page: str | None = None, user: str | None = "leader", **params: str) -> AppTest:
    """Run app.py as a browser would open `/<page>?period=…&city=…&park=…`, signed in as
    `user` (a test account; 省领导 unless said otherwise): one run, straight onto the page
    (the page's url_path is its file name, so AppTest finds it before the first run)."""
    at = sign_in(AppTest.from_file(str(REPO / "app.py"), default_timeout=60), user)
    for key, value in params.items():
        at.query_params[key] = value
    if page:
        at.switch_page(f"pages/{page}.py")
    at.run()
    # the page asked for ran (not the default page: e.g. a page outside the user's navigation)
    assert not page or at._finished_page_script_hash == at._page_hash, f"{page} did not open"
    assert not at.exception, [e.value for e in at.exception]
    # app.py turns any page error into a notice (components.shell.failsafe): that is a failure here
    assert not [e.value for e in at.error if "数据暂时无法显示" in e.value], \
        [c.value for c in at.caption if "错误编号" in c.value]
    return at


def whole_table(at: AppTest, key: str) -> AppTest:
    """Choose 全部N行 in the pager of table `key` and rerun (a table longer than a page shows one
    page at a time, `components.ui.layout.paged_table`); a table without a pager is whole already."""
    pagers = [s for s in at.selectbox if str(s.key).startswith(f"{key}_page_")]
    if pagers:
        pagers[0].set_value(len(pagers[0].options) - 1).run()
        assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def app():
    return open_app


class _KeepingStorage(MemoryMediaFileStorage):
    """Media storage that keeps every file's bytes by URL, so a test can read a download."""

    files: dict[str, bytes] = {}

    def load_and_get_id(self, path_or_data, mimetype, kind, filename=None):
        file_id = super().load_and_get_id(path_or_data, mimetype, kind, filename)
        _KeepingStorage.files[self.get_url(file_id)] = self.get_file(file_id).content
        return file_id


@pytest.fixture
def downloads(monkeypatch):
    _KeepingStorage.files = {}
    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", _KeepingStorage)
    return _KeepingStorage.files


def unfold(at: AppTest) -> AppTest:
    """Open every folded section of the page (a `lazy_expander`, keyed `…_open`: built and sent
    only when opened) and run once, as a person opening each of them would see the page."""
    keys = [e.key for e in at.expander if e.key and e.key.endswith("_open")]
    assert keys, "the page has no folded section"
    for key in keys:
        at.session_state[key] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at
