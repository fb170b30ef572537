"""Presentation mode: no sidebar, slides ordered by severity, next/previous, city briefing."""

from __future__ import annotations

from hnparks.core.scope import Scope
from hnparks.views.present import SEVERITY, build_slides
from tests.app.conftest import open_app
from tests.rules import expected_task_statuses


def _slide_title(at) -> str:
    return next(t.value for t in at.title if "·" in t.value)


def test_present_mode_has_no_sidebar_content():
    at = open_app(mode="present", period="2020-06")
    assert len(at.sidebar.selectbox) == 0 and len(at.sidebar.button) == 0
    assert _slide_title(at).startswith("1/6")


def test_slides_put_red_first_and_next_prev_step_through(data):
    at = open_app(mode="present", period="2020-06")
    slides = build_slides(data, Scope("2020-06"))
    assert [SEVERITY[s.light] for s in slides] == sorted(SEVERITY[s.light] for s in slides)
    assert _slide_title(at) == f"1/6 · {slides[0].title}"
    at.button(key="present_next").click().run()
    assert _slide_title(at) == f"2/6 · {slides[1].title}"
    at.button(key="present_prev").click().run()
    at.button(key="present_prev").click().run()
    assert _slide_title(at) == f"6/6 · {slides[-1].title}"  # wraps around


def test_the_task_slide_counts_late_tasks_from_the_parquet(data_dir):
    at = open_app(mode="present", period="2020-09")
    late = [t for t, status in expected_task_statuses(data_dir, "2020-09").items()
            if status in ("滞后", "逾期")]
    for _ in range(6):
        if "滞后或逾期的重点任务" in _slide_title(at):
            break
        at.button(key="present_next").click().run()
    assert any(m.value == f"{len(late)}项" for m in at.metric)


def test_a_city_chosen_before_entering_gives_a_city_briefing():
    at = open_app(period="2020-12", city="430200")
    at.sidebar.button[0].click().run()  # 进入汇报模式
    assert at.query_params.get("mode") == "present"
    assert len(at.sidebar.selectbox) == 0
    assert any("株洲市汇报" in c.value for c in at.caption)
    titles = []
    for _ in range(6):
        titles.append(_slide_title(at))
        at.button(key="present_next").click().run()
    assert any("各园区技工贸总收入" in t for t in titles)


def test_leaving_present_mode_keeps_the_context():
    at = open_app(mode="present", period="2020-06", city="430100")
    at.button(key="present_exit").click().run()
    assert "mode" not in at.query_params
    assert next(s for s in at.sidebar.selectbox if s.label == "市州").value == "430100"
