"""The plan's work in one park or city on the profile page (园区档案, /park): environmental
items and problems, regional assessments, the “五个100” key projects."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.ui.data import views
from components.ui.kpi import empty_note
from components.ui.text import md_escape
from components.views.park_tables import (
    date_column,
    park_list,
    park_table,
    percent_column,
    share_table,
)
from hnparks.core import metrics as m
from hnparks.views import environment as _env
from hnparks.views import park as _pf
from hnparks.views.business import assessment_status

env = views(_env)
pf = views(_pf)


def env_park(status: dict) -> None:
    """A park's environmental items at the period end, as a row of ticks."""
    if not status:
        empty_note("生态环境状况报送")
        return
    items = [
        (label, "已实现" if status[col] else "未实现", bool(status[col]))
        for col, label in pf.ENV_ITEMS.items()
    ]
    items.append(
        ("绿色园区", str(status["green_park_status"]), status["green_park_status"] == "已创建")
    )
    with st.container(border=True):
        for col, (label, state, ok) in zip(st.columns(len(items)), items, strict=True):
            col.caption(label)
            icon = ":green[:material/check_circle:]" if ok else ":orange[:material/pending:]"
            col.markdown(f"{icon} **{md_escape(state)}**")
        st.caption(
            f"规划批复 {status['plan_approval_year']}年，"
            f"规划环评 {status['plan_eia_year']}年；"
            f"环境影响跟踪评价：{status['tracking_eia_status']}"
            + ("；园区环境信用评价试点" if status.get("env_credit_pilot") else "")
            + "。均为报告期末状态。"
        )


def env_city(checklist: pd.DataFrame, key: str) -> None:
    """Coverage of each environmental item among the city's parks."""
    share_table(checklist, key, name=("item", "事项"),
                counts={"done": "已实现（家）", "parks": "园区（家）"},
                share=("share", "覆盖率", "报告期末已实现的园区数 ÷ 园区数"), width=640)


def problems_table(problems: pd.DataFrame, key: str, with_park: bool) -> None:
    """Prominent environmental problems found by the period end, overdue first."""
    if problems.empty:
        empty_note("报告期末前发现的突出环境问题")
        return
    counts = problems["status"].value_counts()
    st.caption(
        f"共{len(problems)}个：已整改{counts.get('已整改', 0)}个，整改中"
        f"{counts.get(env.IN_PROGRESS, 0)}个，逾期未整改{counts.get(env.OVERDUE, 0)}个。"
        f"口径：{m.definition(env.problem_status)}"
    )
    park_list(problems, key, with_park, {
        "status": "状态",
        "category": "类别",
        "description": "问题",
        "found_date": date_column("发现日期"),
        "deadline": date_column("整改期限"),
        "rectified_date": date_column("整改完成"),
    })


def assessments_park(items: pd.DataFrame, key: str) -> None:
    """A park's twelve assessment items with state and dates."""
    counts = items["state"].value_counts()
    applicable = int(items["applicable"].sum())
    st.caption(
        f"适用{applicable}项，已完成{counts.get('已完成', 0)}项，"
        f"进行中{counts.get('进行中', 0)}项，未启动{counts.get('未启动', 0)}项；"
        f"期限{items['deadline'].iloc[0]}。"
        f"口径：{m.definition(assessment_status)}"
    )
    park_table(
        items[["item_name", "state", "start_date", "completion_date", "published_date"]],
        key,
        column_config={
            "item_name": "评估事项",
            "state": "状态",
            "start_date": date_column("启动日期"),
            "completion_date": date_column("完成日期"),
            "published_date": date_column("成果发布"),
        },
    )


def assessments_city(items: pd.DataFrame, key: str) -> None:
    """Per assessment item: parks where it applies, completed, rate."""
    share_table(items, key, name=("item_name", "评估事项"),
                counts={"applicable": "适用园区（家）", "completed": "已完成（家）"},
                share=("rate", "完成率", "报告期末已完成的园区数 ÷ 适用的园区数"))


def projects_table(projects: pd.DataFrame, key: str, with_park: bool) -> None:
    """Key projects (“五个100”) in the scope with status and investment done this year."""
    if projects.empty:
        empty_note("“五个100”重点项目")
        return
    park_list(projects, key, with_park, {
        "project_name": "项目",
        "category": "类别",
        "status": "状态",
        "total_investment": st.column_config.NumberColumn("总投资（亿元）", format="%.1f"),
        "plan_investment": st.column_config.NumberColumn("年度计划（亿元）", format="%.1f"),
        "completed_investment_ytd": st.column_config.NumberColumn(
            "已完成投资（亿元）", format="%.2f", help="当年1月至报告期末累计"),
        "plan_rate": percent_column("年度计划完成率", m.definition(m.completion_rate)),
    }, percent=("plan_rate",))
