"""重点任务台账 below the page header as a fragment: its filters (责任单位, 状态, 篇章), the tabs
and the scoreboard's row selection rerun this part alone, not the sidebar and page header.
Only the open tab is built and sent, and the milestone table only when unfolded (#27)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.shell.page import document
from components.ui.data import computed, dataset, views
from components.ui.layout import contents, headline_block, lazy_expander
from components.ui.text import md_escape
from components.views import tasks_panels as view
from components.views.tasks_milestones import milestones_of, task_milestones
from hnparks.commands import exports as _exports
from hnparks.core import tasks as task_rules
from hnparks.core.periods import period_label
from hnparks.core.scope import Scope
from hnparks.views import tasks as _lg

lg = views(_lg)


@st.fragment
def ledger_page(scope: Scope, ledger: pd.DataFrame) -> None:
    """Counts, filters, the task list with its milestones and export, the scoreboard."""
    note = task_rules.all_tasks_note(dataset("tasks"))
    cards = headline_block()  # the counts first (filled below, once the filters are read)
    st.caption(f"任务均为全省性工作，不随市州、园区筛选变化；进度为{period_label(scope.period)}末"
               f"责任单位报送数。{'文件注明：' + md_escape(note) + '。' if note else ''}"
               "期限标“推定”的，文件未写明期限，按年度工作要点计至年底。"
               f"状态口径：{view.status_rule()}")

    department, statuses, sections = view.filters(ledger)
    shown = computed(_lg).filter_ledger(ledger, department, statuses, sections)
    filter_text = _exports.filter_description(department, statuses, sections)

    with cards:
        view.summary_cards(shown)
    contents([("任务一览", "task-list"), ("任务里程碑", "milestones")])
    st.subheader("任务一览", anchor="task-list")
    listing, board = st.tabs([view.LIST_TAB, view.BOARD_TAB], key=view.TAB_KEY, on_change="rerun")
    if listing.open:
        with listing:
            _listing(scope, shown, filter_text)
    if board.open:
        with board:
            st.caption("全部24项任务按责任单位统计（不受上方筛选影响）；一项任务列有多个单位时，"
                       "每个单位各计一项。排序：滞后与逾期任务多者在前。")
            view.scoreboard(ledger)


def _listing(scope: Scope, shown: pd.DataFrame, filter_text: str) -> None:
    """The 任务清单 tab: the export, the task cards, the milestones (folded)."""
    head, button = st.columns([3, 1], vertical_alignment="bottom")
    head.caption(f"筛选：{filter_text}")
    with button:
        view.export_button(shown, scope.period, document(scope), filter_text)
    view.task_list(shown)
    st.subheader("任务里程碑", anchor="milestones")
    st.caption("每项任务按文件原文拆分的工作节点（筛选同上）；没有量化指标的任务以里程碑衡量。")
    ids = list(shown["task_id"])
    rows = milestones_of(ids, scope.period)
    late = int((rows["status"] == "逾期").sum())
    lazy_expander(f"里程碑明细（{len(rows)}个工作节点{f'，逾期{late}个' if late else ''}）",
                  lambda: task_milestones(ids, scope.period, "tasks_milestones"),
                  key="tasks_milestones_open")
