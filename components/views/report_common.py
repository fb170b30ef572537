"""Pieces shared by 数据填报 (/report) and 审核与发布 (/review): one way to call the reporting
workflow and say its outcome, round labels, the status column."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pandas as pd
import streamlit as st

from components.ui.data import catalog, dataset, forget_data_version
from components.ui.text import md_escape
from hnparks.commands import reporting
from hnparks.core.access import AccessDenied
from hnparks.core.periods import period_label
from hnparks.data.workflow.db import WorkflowBusy, WorkflowUnavailable

T = TypeVar("T")
# What a workflow step may answer instead of doing it, each with a Chinese message: no right,
# a reason the person can act on, the database busy or out of reach.
REFUSALS = (AccessDenied, reporting.ReportingError, WorkflowBusy, WorkflowUnavailable)
_FLASH = "{page}_outcome"  # (kind, message) said once after the rerun an action ends with

# How each submission status sorts in the tables.
STATUS_ORDER = [reporting.NOT_REPORTED, reporting.DRAFT, reporting.RETURNED, reporting.SUBMITTED,
                reporting.APPROVED, reporting.PUBLISHED]


def title(name: str) -> str:
    """A dataset's Chinese title (园区主要经济指标 …)."""
    info = catalog().get(name)
    return info.title if info else name


def round_label(row: pd.Series | object) -> str:
    """'<年>年6月 · 园区主要经济指标（截止 <日期>）' for a round row."""
    due = getattr(row, "due", None)
    tail = f"（截止 {md_escape(due)}）" if due is not None and str(due) not in ("", "nan") else ""
    return f"{period_label(str(row.period))} · {title(str(row.dataset))}{tail}"


def round_state(row: object) -> str:
    """开放 / 已关闭, and 已发布 once the office has published the round."""
    return "已发布" if getattr(row, "published_at", "") else str(row.state)


def choose_round(rounds: pd.DataFrame, key: str, empty: str,
                 label: Callable[[object], str] = round_label) -> pd.Series | None:
    """A 填报任务 selector over `rounds` (newest month first): the chosen round's row, named by
    its round_id; `empty` (said as a note) and None when there is none."""
    if rounds.empty:
        st.info(empty, icon=":material/event_busy:")
        return None
    rounds = rounds.sort_values(["period", "round_id"], ascending=False)
    by_id = {int(r.round_id): r for r in rounds.itertuples()}
    chosen = st.selectbox("填报任务", list(by_id), key=key, format_func=lambda i: label(by_id[i]))
    return rounds.set_index("round_id").loc[chosen].rename(chosen)


def park_names() -> dict[str, str]:
    """park_id → name (names as every page shows them)."""
    parks = dataset("parks")
    return dict(zip(parks["park_id"], parks["park_name"], strict=True))


def act(page: str, action: Callable[[], T], done: str | Callable[[T], str],
        *, data_changed: bool = False, forget: tuple[str, ...] = ()) -> T | None:
    """Run a workflow action; on success say `done` (or `done(result)`) after a rerun, on a
    refusal say the domain's Chinese message and change nothing (what the person typed stays).
    `data_changed`: the action published data, so every page reads the new version on its next
    run; `forget`: session keys dropped on success (an uploaded table, a check, a comment)."""
    try:
        result = action()
    except REFUSALS as error:
        st.error(md_escape(error), icon=":material/error:")
        return None
    if data_changed:
        forget_data_version()
    for key in forget:
        st.session_state.pop(key, None)
    st.session_state[_FLASH.format(page=page)] = (
        "success", done(result) if callable(done) else done)
    st.rerun()
    return result  # not reached: st.rerun ends the run


def flash(page: str) -> None:
    """The outcome of the action the last run ended with, said once."""
    outcome = st.session_state.pop(_FLASH.format(page=page), None)
    if outcome:
        st.success(outcome[1], icon=":material/check_circle:")


def status_column(label: str = "状态") -> st.column_config.Column:
    """The submission status (未报 / 草稿 / 已报 / 退回 / 已审核 / 已发布)."""
    return st.column_config.TextColumn(label, help="未报：未保存也未提交；草稿：已保存未提交；"
                                       "已报：已提交待市州审核；退回：市州退回待修改；"
                                       "已审核：市州已通过；已发布：省园区办已发布到驾驶舱")
