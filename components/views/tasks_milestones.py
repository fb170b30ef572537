"""UI pieces for task milestones (里程碑) and each task's home (the page that measures it)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from components.shell.context import get_scope, query_params_for
from components.ui.data import dataset, views
from components.ui.kpi import empty_note
from components.ui.layout import table_height
from components.ui.text import md_escape
from hnparks.core.metrics import definition
from hnparks.derived import milestones as _ms
from hnparks.derived.milestones import evidence_date, milestone_status

ms = views(_ms)

_SYMBOL = {"已完成": "● 已完成", "推进中": "◐ 推进中", "未启动": "○ 未启动", "逾期": "■ 逾期"}


def status_rule() -> str:
    """The milestone status rule in words (tooltips and captions), with when evidence shows."""
    return f"{definition(milestone_status)}{definition(evidence_date)}报告期末之后日期的佐证不显示。"


def milestone_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Milestones as the table shows them, with Chinese headers."""
    return pd.DataFrame({
        "任务": rows["task_id"], "里程碑（文件原文）": rows["label"],
        "状态": rows["status"].map(_SYMBOL), "期限": rows["deadline"].dt.strftime("%Y-%m-%d"),
        "期限依据": rows["deadline_basis"],
        "启动日期": rows["started_date"].dt.strftime("%Y-%m-%d").fillna("—"),
        "完成日期": rows["completed_date"].dt.strftime("%Y-%m-%d").fillna("—"),
        "佐证": rows["evidence"].fillna("—"),
    })


def milestone_table(rows: pd.DataFrame, key: str) -> None:
    """The milestones of some tasks with status, dates and evidence (a table, never empty)."""
    if rows.empty:
        empty_note("任务里程碑")
        return
    table = milestone_rows(rows)
    st.dataframe(table, key=key, hide_index=True, height=table_height(len(table), max_px=560),
                 column_config={"状态": st.column_config.TextColumn(help=status_rule()),
                                "里程碑（文件原文）": st.column_config.TextColumn(width="large")})
    st.caption(f"里程碑取自文件原文；状态口径：{status_rule()}启动、完成日期与佐证为示意数据，"
               "由责任单位报送后替换（数据管理 → 重点任务里程碑）。")


def home_link(row: Mapping[str, Any], params: dict[str, str] | None = None) -> None:
    """A link to the page and section that measures a task, keeping the report period
    (`params`: the scope's query parameters, if the caller has them for many links)."""
    label = f"{row['home_title']} · {row['home_section']}"
    st.page_link(f"pages/{row['home_page']}.py", label=md_escape(label),
                 icon=":material/arrow_forward:",
                 query_params=query_params_for(get_scope()) if params is None else params,
                 help="打开衡量这项任务的页面与章节")


def milestones_of(task_ids: list[str], period: str) -> pd.DataFrame:
    """The milestones of the given tasks at the report month (status by `milestone_status`)."""
    rows = ms.milestones_at(dataset("task_milestones"), period)
    return rows[rows["task_id"].isin(task_ids)]


def task_milestones(task_ids: list[str], period: str, key: str) -> None:
    """The milestones of the given tasks at the report month, as a table."""
    milestone_table(milestones_of(task_ids, period), key)
