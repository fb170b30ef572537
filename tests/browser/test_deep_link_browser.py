"""`make run` (Streamlit alone, no nginx): the tests' server is the one `make start` runs. That a
deep link to every page opens on it with no failed request and no console error (#29) is checked
where each page is opened anyway: tests/browser/test_layout_browser.py."""

from __future__ import annotations

import re

from tests.conftest import REPO


def test_the_tests_serve_what_make_start_serves():
    start = re.search(r"^start:.*?\n((?:\t.*\n)+)", (REPO / "Makefile").read_text(), re.M)
    assert start and "streamlit run server.py" in start.group(1)
    screenshot = (REPO / "scripts" / "screenshot.py").read_text()
    assert '"streamlit", "run", "server.py"' in screenshot  # tests.conftest.app_server
