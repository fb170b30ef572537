"""A click on a chart or the map acts once (components.ui.clicks): Streamlit keeps a selection
across reruns, so without this every rerun would open the same park again."""

from __future__ import annotations

from types import SimpleNamespace

from components.ui import clicks


def _event(*customdata):
    return SimpleNamespace(selection={"points": [{"customdata": c} for c in customdata]})


def test_the_code_of_the_first_point_that_carries_one():
    assert clicks.clicked_code(_event(["430100", "长沙"])) == "430100"
    assert clicks.clicked_code(_event("P017")) == "P017"
    assert clicks.clicked_code(_event(None, ["P002"])) == "P002"
    assert clicks.clicked_code(_event(["430100", "长沙"]), index=1) == "长沙"
    assert clicks.clicked_code(_event()) is None
    assert clicks.clicked_code(None) is None


def test_a_click_acts_once_and_again_after_the_selection_is_cleared(monkeypatch):
    monkeypatch.setattr(clicks.st, "session_state", {})
    done: list[str] = []
    for code in ["430100", "430100", None, "430100"]:
        clicks.act_once("chart", code, done.append)
    assert done == ["430100", "430100"]


def test_a_click_on_what_is_already_the_context_does_nothing(monkeypatch):
    monkeypatch.setattr(clicks.st, "session_state", {})
    done: list[str] = []
    clicks.act_once("chart", "430100", done.append, current="430100")
    assert done == []
