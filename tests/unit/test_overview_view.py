"""The overview's alerts and briefing lines (hnparks.views.overview), on the hand-made data of
test_targets_view."""

from __future__ import annotations

import pandas as pd
import pytest

from hnparks.core.scope import Scope
from hnparks.derived.attainment import headline_targets
from hnparks.views import overview as ov
from tests.unit.test_targets_view import hand_data

T = pd.Timestamp


@pytest.fixture
def data() -> dict[str, pd.DataFrame]:
    return hand_data()


def test_overdue_items_at_the_period_end(data):
    assert ov.overdue_tasks(data, "2020-06")["task_id"].tolist() == ["K1"]
    problems = ov.overdue_env_problems(data, Scope("2020-06"))
    assert problems["problem_id"].tolist() == ["E1", "E3"]
    assert problems.iloc[0]["days_overdue"] == 91
    assert ov.late_assessments(data, Scope("2020-06")).empty  # deadline not yet passed
    late = ov.late_assessments(data, Scope("2020-07")).set_index("park_id")
    assert late.loc["B", "open_items"] == 1 and late.loc["A", "open_items"] == 0
    assert "C" not in late.index  # not applicable


def test_alerts_link_to_the_page_that_explains_them(data):
    items = ov.alerts(data, Scope("2020-06"))
    kinds: dict[str, ov.Alert] = {}
    for a in items:  # the first (most severe) line of each kind
        kinds.setdefault(a.kind, a)
    assert kinds[ov.CITY_BEHIND].params == {"period": "2020-06", "city": "C2"}
    assert kinds[ov.PARK_BEHIND].page == "pages/park.py"
    assert kinds[ov.PARK_BEHIND].params["park"] == "C"
    assert kinds[ov.TASK_OVERDUE].page == "pages/tasks.py"
    assert kinds[ov.ENV_OVERDUE].params["park"] == "A"


def test_briefing_names_the_lagging_target_and_the_dragging_city(data):
    scope = Scope("2020-06")
    lines = ov.briefing(data, scope, headline_targets(data, scope))
    assert 3 <= len(lines) <= 5
    text = "".join(lines)
    # Constant monthly flows: the seasonal 序时进度 is the straight 6 ÷ 12.
    assert "按差距金额，拖累最大的市州：乙" in text and "落后序时进度（50.0%）" in text
