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
STATUSES = {"已完成", "推进中", "未启动", "逾期"}


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
        # the page draws its sections itself or through its own view modules (a fragment)
        drawn = [page, *sorted((REPO / "components" / "views").glob(f"{task.home_page}_*.py"))]
        assert any(task.home_section in f.read_text(encoding="utf-8") for f in drawn), \
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
    ("2020-04-10", None, "2020-06-30", "2020-05", "推进中"),  # the month before its deadline
    ("2020-04-10", None, "2020-06-30", "2020-06", "逾期"),  # the deadline month's report
    ("2020-04-10", None, "2020-06-30", "2020-07", "逾期"),  # after
    ("2020-04-10", "2020-06-30", "2020-06-30", "2020-06", "已完成"),
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


@pytest.mark.parametrize(("period", "done"), [("2020-09", False), ("2020-10", True),
                                              ("2020-11", True)])
def test_evidence_dated_after_the_period_is_not_shown(data, period, done):
    """M11 (岳阳) was approved on 2020-10-12: before October it is neither done nor evidenced
    (no "已获批复"); from the October report on it is."""
    row = milestones_at(data["task_milestones"], period).set_index("milestone_id").loc["M11"]
    assert pd.Timestamp(data["task_milestones"].set_index("milestone_id").at[
        "M11", "completed_date"]) == pd.Timestamp("2020-10-12")
    assert (row["status"] == "已完成") == done
    assert (row["evidence"] == "已获批复") == done
    if not done:
        assert pd.isna(row["evidence"])


@pytest.mark.parametrize("period", ["2020-03", "2020-06", "2020-09"])
def test_no_evidence_is_dated_after_its_period(data, period):
    """Every milestone's evidence belongs to its completion date (or, not completed, its start):
    none is shown before that date."""
    source = data["task_milestones"].set_index("milestone_id")
    rows = milestones_at(data["task_milestones"], period).set_index("milestone_id")
    end = pd.Timestamp(period) + pd.offsets.MonthEnd(0)
    dated = source["completed_date"].fillna(source["started_date"])
    shown = rows["evidence"].notna()
    assert (dated[shown.index[shown]] <= end).all()
    assert not shown[dated[rows.index] > end].any()
    assert ((rows["status"] == "已完成") == (source["completed_date"][rows.index] <= end)).all()


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


@pytest.mark.parametrize(("target_id", "task_id"), [("T05", "三(三)1"), ("T13", "三(六)3")])
@pytest.mark.parametrize("period", ["2020-06", "2020-09", "2020-11", "2020-12"])
def test_a_milestone_target_and_its_milestones_agree(data, store, target_id, task_id, period):
    """T05 (岳阳、娄底) and T13 (four incubators) are judged by their milestones, not a straight
    line: the target is 滞后 exactly when one of its milestones is 逾期 — so in June, with no
    milestone due, nothing is "40% due"; in December T05 1/2 and T13 3/4 are 滞后 because 娄底
    and 北京 are 逾期 (the December report is final) — and the task follows onto the slides."""
    from hnparks.core.scope import Scope
    from hnparks.views.present import tasks_slide

    row = store[(store["target_id"] == target_id) & (store["period"] == period)
                & (store["level"] == "province")].iloc[0]
    mine = milestones_at(data["task_milestones"], period)
    mine = mine[mine["target_id"] == target_id]
    assert row["value"] == (mine["status"] == "已完成").sum()
    assert (row["status"] == "red") == (mine["status"] == "逾期").any()
    assert row["status"] in ("red", "green")
    assert row["expected"] == (mine["deadline"].dt.to_period("M")
                               <= pd.Period(period, "M")).sum()
    ledger = ledger_for(data, period).set_index("task_id")
    assert ledger.at[task_id, "indicator_light"] == row["status"]
    if period == "2020-12":
        assert row["status"] == "red" and ledger.at[task_id, "status"] == "逾期"
        assert task_id in set(tasks_slide(data, Scope(period)).table["task_id"])
    if period == "2020-06":
        assert row["expected"] == 0 and row["status"] == "green"
