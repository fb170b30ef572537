"""tests.app.conftest waits for an AppTest run by its SHUTDOWN event (no 1 ms polling): a run
still ends when the script does, and one that outlasts its timeout still fails as Streamlit's."""

from __future__ import annotations

import time

import pytest
from streamlit.testing.v1 import AppTest, local_script_runner

from tests.app import conftest


def test_the_event_wait_is_the_one_in_use_and_returns_when_the_script_ends():
    assert local_script_runner.require_widgets_deltas is conftest._wait_for_script
    at = AppTest.from_string("import streamlit as st\nst.write('done')", default_timeout=5)
    start = time.monotonic()
    at.run()
    assert [m.value for m in at.markdown] == ["done"]
    assert time.monotonic() - start < 5


def test_a_run_past_its_timeout_still_fails():
    at = AppTest.from_string("import time\ntime.sleep(1)", default_timeout=0.2)
    with pytest.raises(RuntimeError, match="timed out after 0.2"):
        at.run()
