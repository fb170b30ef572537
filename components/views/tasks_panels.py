"""UI pieces of the task ledger (重点任务台账): summary, filters, task cards, scoreboard, export."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from components.shell.context import get_scope, query_params_for
from components.shell.exports import export_button as shell_export
from components.ui.data import catalog, computed, views
from components.ui.kpi import empty_note
from components.ui.layout import table_height
from components.ui.text import inert_figure, md_escape
from components.views.tasks_charts import scoreboard_chart
from components.views.tasks_milestones import home_link
from hnparks.commands import exports as _exports
from hnparks.core import tasks as task_rules
from hnparks.core.formats import fmt_pct
from hnparks.core.metrics import definition
from hnparks.core.periods import period_label
from hnparks.core.text import neutralise_frame
from hnparks.views import tasks as _lg

lg = views(_lg)
lgc = computed(_lg)  # its pure functions of the (cached) ledger: computed once, shared

ALL_DEPARTMENTS = "all"
TAB_KEY, LIST_TAB, BOARD_TAB = "tasks_tab", "任务清单", "责任单位记分牌"
_PENDING = "tasks_pending_department"  # a scoreboard click, applied before the filters draw
_HANDLED = "tasks_scoreboard_handled"
_BADGE = {"已完成": ("green", ":material/check_circle:"),
          "推进中": ("blue", ":material/autorenew:"),
          "未启动": ("gray", ":material/schedule:"), "滞后": ("red", ":material/warning:"),
          "逾期": ("red", ":material/alarm:")}


def task_badge(container, status: str) -> None:
    """A task's status as a coloured badge (逾期 is a status of its own: not done by the report
    of its deadline month)."""
    color, icon = _BADGE[status]
    container.badge(status, color=color, icon=icon, help=status_rule())


def status_rule() -> str:
    """The status rule and the time-elapsed rule, in words, for captions and tooltips."""
    return (f"{definition(task_rules.measured_status)} 其他任务按报送进度：{definition(task_rules.task_status)} "
            f"{definition(task_rules.task_elapsed)} {definition(task_rules.is_overdue)}")


def summary_cards(ledger: pd.DataFrame) -> None:
    """Six cards: tasks in view and how many are in each status."""
    counts = lgc.status_counts(ledger)
    cols = st.columns(6)
    cols[0].metric("任务数", f"{len(ledger)}项", help="当前筛选范围内的重点任务数（全文共24项）。",
                   border=True)
    for col, status in zip(cols[1:], ["已完成", "推进中", "滞后", "逾期", "未启动"],
                           strict=True):
        col.metric(status, f"{counts[status]}项", help=status_rule(), border=True)


def filters(all_tasks: pd.DataFrame) -> tuple[str | None, list[str], list[str]]:
    """Department, status and section selectors →  (department or None, statuses, sections)."""
    pending = st.session_state.pop(_PENDING, None)
    if pending:
        st.session_state["tasks_department"] = pending
        st.session_state[TAB_KEY] = LIST_TAB
    depts = task_rules.departments(all_tasks)
    sections = all_tasks.drop_duplicates("section_no")
    headings = dict(zip(sections["section_no"],
                        [task_rules.section_heading(n, t) for n, t in
                         zip(sections["section_no"], sections["section_title"], strict=True)],
                        strict=True))
    if st.session_state.get("tasks_department") not in (ALL_DEPARTMENTS, *depts):
        st.session_state["tasks_department"] = ALL_DEPARTMENTS  # a stale or unknown label
    # The five status pills need about 360 px on one row: at 1440 px the middle column gives
    # them that; narrower, they wrap onto a second row (never cut off or scrolled out of view).
    c1, c2, c3 = st.columns([1, 1.55, 1.45])
    dept = c1.selectbox("责任单位", [ALL_DEPARTMENTS, *depts], key="tasks_department",
                        format_func=lambda d: "全部责任单位" if d == ALL_DEPARTMENTS else d,
                        help=f"只显示责任单位中列有该单位的任务（牵头或共同负责）；共{len(depts)}个单位。")
    if dept not in depts:
        dept = ALL_DEPARTMENTS
    statuses = c2.pills("状态", task_rules.STATUSES, selection_mode="multi", key="tasks_status",
                        help=status_rule(), wrap=True) or []
    chosen = c3.multiselect("方面", list(headings), key="tasks_section",
                            format_func=lambda n: headings[n], placeholder="全部七个方面")
    return (None if dept == ALL_DEPARTMENTS else dept), list(statuses), list(chosen)


def status_markdown(status: str) -> str:
    """A task's status as a Markdown badge (the colours and icons of `task_badge`), for a card
    written as one Markdown block."""
    color, icon = _BADGE[status]
    return f":{color}-badge[{icon} {status}]"


def card_markdown(row: Mapping[str, Any]) -> str:
    """A task card as one Markdown block: id and text; status, reported progress against the
    time elapsed; departments and deadline; the indicator, milestones and latest update (a
    card of one element instead of ten: the ledger's 24 cards were 260 messages a rerun, #27).
    Every value from data goes through `md_escape`."""
    lines = [f"**{md_escape(row['task_id'])}**　{md_escape(row['text'])}",
             f"{status_markdown(row['status'])}　**报送进度 {row['progress_pct']:.0f}%**"
             f"（序时 {fmt_pct(row['elapsed'], 0)}）",
             f":small[:gray[责任单位：{md_escape(row['departments_text'])}　｜　"
             f"期限：{md_escape(row['deadline_text'])}]]"]
    if row.get("indicator_text"):
        lines.append(f":small[按量化指标判定：{md_escape(row['indicator_text'])}]")
    if row.get("milestone_text"):
        lines.append(f":small[{md_escape(row['milestone_text'])}（见下方任务里程碑）]")
    lines.append(f":small[最新进展：{md_escape(row['latest_update'])}]")
    return "  \n".join(lines)


def _task_card(row: Mapping[str, Any], params: dict[str, str]) -> None:
    with st.container(border=True):
        st.markdown(card_markdown(row))
        if row.get("home_page"):
            home_link(row, params)


def task_list(ledger: pd.DataFrame) -> None:
    """The tasks under their section headings, each with full text, status and progress."""
    if ledger.empty:
        empty_note("符合筛选条件的重点任务")
        return
    params = query_params_for(get_scope())  # one lookup for the 24 cards' links
    sections: dict[tuple, list[dict]] = {}  # in the ledger's order (rows as dicts: no per-row
    for row in ledger.to_dict("records"):   # Series, a tenth of a warm rerun, #27)
        sections.setdefault((row["section_no"], row["section_title"]), []).append(row)
    for (number, title), rows in sections.items():
        st.markdown(f"##### {md_escape(task_rules.section_heading(number, title))}")
        for row in rows:
            _task_card(row, params)


def scoreboard(ledger: pd.DataFrame) -> None:
    """Per department: tasks named, done, on track, late — a chart and the table behind it."""
    board = lgc.department_scoreboard(ledger)
    if board.empty:
        empty_note("责任单位")
        return
    chart, table = st.columns([1, 1.15])
    chart.plotly_chart(inert_figure(scoreboard_chart(board)), key="tasks_scoreboard_chart",
                       config={"displayModeBar": False})
    table.caption("单位：项；平均进度为所负责任务完成进度的简单平均。点选一行即按该单位筛选任务清单。")
    event = table.dataframe(
        board, key="tasks_scoreboard", hide_index=True, height=table_height(len(board), max_px=600),
        on_select="rerun", selection_mode="single-row",
        column_order=["department", "tasks", "done", "on_track", "late", "overdue",
                      "avg_progress"],
        column_config={
            "department": st.column_config.TextColumn("责任单位"),
            "tasks": st.column_config.NumberColumn("负责", help="责任单位中列有该单位的任务数"),
            "done": st.column_config.NumberColumn("已完成", help="项"),
            "on_track": st.column_config.NumberColumn("推进中", help="项"),
            "late": st.column_config.NumberColumn("滞后", help=status_rule()),
            "overdue": st.column_config.NumberColumn("逾期", help=definition(task_rules.is_overdue)),
            "avg_progress": st.column_config.NumberColumn(
                "平均进度", format="%.0f%%", help="所负责任务完成进度的简单平均"),
        })
    rows = event.selection.rows if event else []
    if not rows:
        st.session_state[_HANDLED] = None
        return
    # Act on a new click only: the selection survives the rerun that applies it.
    department = str(board.iloc[rows[0]]["department"])
    if st.session_state.get(_HANDLED) != department:
        st.session_state[_HANDLED] = department
        st.session_state[_PENDING] = department
        st.rerun()


@st.cache_data(show_spinner=False, max_entries=500)
def _workbook(ledger: pd.DataFrame, period: str, document: str, filter_text: str,
              notice: str) -> bytes:
    return _exports.ledger_excel(neutralise_frame(ledger), period, document, filter_text,
                                 notice=notice)


def ledger_workbook(ledger: pd.DataFrame, period: str, document: str, filter_text: str) -> bytes:
    """The Excel ledger with every text cell formula-safe (a task update may start with '='),
    its second row saying whether any of its figures of the period's year is 示意."""
    return _workbook(ledger, period, document, filter_text,
                     _exports.ledger_notice(catalog(), period))


def export_button(ledger: pd.DataFrame, period: str, document: str, filter_text: str) -> None:
    """Build, then download, the filtered ledger as the office's Excel table (built on request)."""
    # the rows' text: the same rows, the same file (pandas' hashing cost a warm rerun 40 ms, #27)
    fingerprint = hashlib.blake2b(repr(ledger.to_dict("split")["data"]).encode(),
                                  digest_size=16).hexdigest()
    shell_export(
        f"导出Excel（{len(ledger)}项）", f"下载Excel（{len(ledger)}项）",
        lambda: ledger_workbook(ledger, period, document, filter_text), key="tasks_export",
        inputs=(period, document, filter_text, fingerprint),
        file_name=f"重点任务台账_{period_label(period)}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table_view:", disabled=ledger.empty,
        help=f"导出当前筛选结果。{filter_text}")
