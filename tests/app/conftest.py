"""AppTest helpers: run the app (optionally on a page, with URL parameters) and read it."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.runtime import pages_manager
from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parents[2]

_original_init = pages_manager.PagesManager.__init__


def _init_as_navigation_app(self, *args, **kwargs) -> None:
    """AppTest resets Streamlit's "pages/ directory" flag before every run, so a page switch
    would run the page file on its own (old multipage mode). A real server clears the flag
    for good on the first `st.navigation` call; do the same here so app.py always runs."""
    _original_init(self, *args, **kwargs)
    pages_manager.PagesManager.uses_pages_directory = False


pages_manager.PagesManager.__init__ = _init_as_navigation_app


def open_app(page: str | None = None, **params: str) -> AppTest:
    """Run app.py as a browser would open `/<page>?period=…&city=…&park=…`."""
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(f"pages/{page}.py")
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    # app.py turns any page error into a notice (components.failsafe): that is a failure here
    assert not [e.value for e in at.error if "数据暂时无法显示" in e.value], \
        [c.value for c in at.caption if "错误编号" in c.value]
    return at


@pytest.fixture
def app():
    return open_app
