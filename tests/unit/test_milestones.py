"""Task milestones and homes: every one of the 24 tasks shows an indicator or a milestone with a
status, links to a page section that exists, and milestones quote the document's own task text."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from hnparks.derived.milestones import milestone_status, milestones_at
from hnparks.views.tasks import ledger_for

REPO = Path(__file__).resolve().parents[2]
STATUSES = {"已完成", "推进中", "未启动", "滞后"}


@pytest.mark.parametrize("period", ["2020-03", "2020-06", "2020-12"])
def test_no_task_is_left_as_a_bare_percentage(data, period):
    ledger = ledger_for(data, period)
    assert len(ledger) == 24
    rows = milestones_at(data["task_milestones"], period)
    for task in ledger.itertuples():
        mine = rows[rows["task_id"] == task.task_id]
        has_indicator = bool(task.indicator_text) and task.indicator_light in (
            "green", "amber", "red")
        assert has_indicator or len(mine), f"{task.task_id} has neither indicator nor milestone"
        assert set(mine["status"]) <= STATUSES
        assert task.milestones == len(mine)
        assert task.milestones_done == int((mine["status"] == "已完成").sum())


def test_every_task_links_to_a_page_section_that_exists(data):
    app = (REPO / "app.py").read_text(encoding="utf-8")
    for task in ledger_for(data, "2020-06").itertuples():
        page = REPO / "pages" / f"{task.home_page}.py"
        assert page.exists() and f'"pages/{task.home_page}.py"' in app, task.task_id
        assert task.home_section in page.read_text(encoding="utf-8"), \
            f"{task.task_id}: section “{task.home_section}” not on {page.name}"


def test_milestones_quote_their_task_and_carry_a_deadline_basis(data):
    tasks = data["tasks"].set_index("task_id")
    normal = lambda text: re.sub(r"\s", "", text)  # noqa: E731 — "五个 100" vs "五个100"
    for ms in data["task_milestones"].itertuples():
        assert normal(ms.milestone) in normal(tasks.at[ms.task_id, "text"]), ms.milestone_id
        assert ms.deadline_basis.startswith(("推定", "文件明确")), ms.milestone_id
        if ms.subject and isinstance(ms.subject, str):
            assert ms.subject in ms.milestone


@pytest.mark.parametrize(("started", "completed", "deadline", "period", "expected"), [
    ("2020-04-10", "2020-06-30", "2020-12-31", "2020-06", "已完成"),
    ("2020-04-10", "2020-07-01", "2020-12-31", "2020-06", "推进中"),
    (None, None, "2020-12-31", "2020-06", "未启动"),
    ("2020-04-10", None, "2020-06-30", "2020-07", "滞后"),
    ("2020-04-10", None, "2020-06-30", "2020-06", "推进中"),
    ("2020-04-10", "2020-08-15", "2020-06-30", "2020-09", "已完成"),
])
def test_milestone_status_rule(started, completed, deadline, period, expected):
    assert milestone_status(pd.Timestamp(started) if started else pd.NaT,
                            pd.Timestamp(completed) if completed else pd.NaT,
                            pd.Timestamp(deadline), period) == expected


def test_what_had_not_happened_by_the_month_is_not_shown(data):
    rows = milestones_at(data["task_milestones"], "2020-05")
    end = pd.Timestamp("2020-05-31")
    assert (rows["completed_date"].dropna() <= end).all()
    assert (rows["started_date"].dropna() <= end).all()
    assert rows.loc[rows["status"] == "未启动", "evidence"].isna().all()


def test_milestones_agree_with_the_reported_progress(data):
    """A task reported at 100% has every milestone done; one never reported past 0 has none."""
    progress = data["task_progress"]
    rows = milestones_at(data["task_milestones"], "2020-12")
    december = progress[progress["period"] == "2020-12"].set_index("task_id")["progress_pct"]
    for task_id, mine in rows.groupby("task_id"):
        if december[task_id] >= 100:
            assert (mine["status"] == "已完成").all(), task_id
        if december[task_id] < 100:
            assert (mine["status"] != "已完成").sum() >= 1, task_id


def test_a_milestone_target_that_is_behind_puts_its_task_on_the_slides(data, store):
    """T05 (岳阳、娄底) is judged by its milestones: when the store marks it 滞后, task 三(三)1 is
    滞后 in the ledger and on the 滞后的重点任务 slide."""
    from hnparks.core.scope import Scope
    from hnparks.views.present import tasks_slide

    row = store[(store["metric_key"] == "new_national_hitech") & (store["period"] == "2020-09")
                & (store["level"] == "province")].iloc[0]
    ledger = ledger_for(data, "2020-09").set_index("task_id")
    assert ledger.at["三(三)1", "indicator_light"] == row["status"]
    assert row["status"] == "red"  # none of the two zones approved by September (committed data)
    assert ledger.at["三(三)1", "status"] == "滞后"
    assert "三(三)1" in set(tasks_slide(data, Scope("2020-09")).table["task_id"])
