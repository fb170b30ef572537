"""UI pieces for 生态环境整治: target cards, display tables, task panels and chart clicks."""

from __future__ import annotations

import math
from collections.abc import Callable

import pandas as pd
import streamlit as st

from components.shell.context import set_city, set_park
from components.ui.clicks import act_once, clicked_code
from components.ui.data import view, views
from components.ui.kpi import kpi_card
from components.ui.text import md_escape
from components.views.tasks_panels import status_rule, task_badge
from hnparks.core.formats import fmt, fmt_amount, fmt_pct
from hnparks.core.metrics import STATUS_LABELS, definition
from hnparks.core.periods import period_label
from hnparks.core.scope import Scope
from hnparks.derived import attainment as _attainment
from hnparks.derived.attainment import TargetStatus
from hnparks.views import environment as _env

env = views(_env)
env_coverage = view(_attainment.env_coverage)
target_status = view(_attainment.target_status)


def target_card(status: TargetStatus, label: str, definition: str, *, base: str) -> None:
    """A target-register entry as a card: value, light, base (x/y 家) and target with deadline."""
    target = "" if math.isnan(status.target) else f"目标 {fmt(status.target, status.unit, 0)}"
    lines = [base, target_line(status) if target else "目标按全省考核，本范围不单列目标"]
    if status.light != "grey" and not math.isnan(status.target):
        lines.append(f"序时进度 {fmt_pct(status.elapsed)} · {STATUS_LABELS[status.light]}")
    kpi_card(label, fmt_amount(status.value, status.unit), definition=definition,
             light=status.light if not math.isnan(status.target) else None, lines=lines)


def target_line(status: TargetStatus) -> str:
    """'目标 100%（期限 <year>年12月31日）' for a target of the register; '目标 2个（推定）（期限
    <year>年12月31日（推定））' where the document states neither."""
    return (f"目标 {fmt(status.target, status.unit, 0)}{status.target_note}"
            f"（期限 {status.deadline_text}）")


def quote(text: str, ref: str) -> None:
    """The document's words for a section, with where they stand (e.g. 三(四)2)."""
    st.caption(f"文件要求（{ref}）：{md_escape(text)}")


def duty_cards(data: env.Data, scope: Scope) -> None:
    """Four cards: coverage of each of the three duties against 100%, and of all three."""
    counts = env.coverage_counts(data, scope)
    cards = st.columns(4)
    status = None
    for col, (column, label) in zip(cards, env.DUTIES.items(), strict=False):
        status = target_status(data, scope, env.DUTY_TARGET_KEYS[column])
        with col:
            target_card(status, f"{label}覆盖率", definition(env_coverage),
                        base=f"已实现 {counts[column]} / {counts['parks']} 家")
    with cards[3]:
        count_card(env.ALL_DUTIES_LABEL, env.all_duties_coverage(data, scope) * 100, "%",
                   definition(env.all_duties_coverage),
                   [f"三项均已实现 {counts[env.ALL_DUTIES]} / {counts['parks']} 家",
                    target_line(status) if status else ""])


def problem_cards(data: env.Data, scope: Scope) -> dict[str, int]:
    """Four cards: problems found, rectified, in progress, overdue at the period end."""
    counts = env.problem_counts(data, scope)
    when = f"{period_label(scope.period)}末"
    cards = st.columns(4)
    items = [("突出环境问题", counts["total"], env.problem_counts, f"截至{when}已发现"),
             ("已整改", counts[env.RECTIFIED], env.rectification_rate,
              f"整改完成率 {fmt_pct(env.rectification_rate(data, scope))}"),
             ("整改中（未过期限）", counts[env.IN_PROGRESS], env.problem_counts,
              "未整改且整改期限未到"),
             ("逾期未整改", counts[env.OVERDUE], env.problem_counts, "已过整改期限仍未完成")]
    for col, (label, value, metric, line) in zip(cards, items, strict=True):
        with col:
            count_card(label, value, "个", definition(metric), [line])
    return counts


def count_card(label: str, value: float, unit: str, definition: str,
               lines: list[str] | None = None) -> None:
    """A card for a plain count or share without a target light."""
    kpi_card(label, fmt_amount(value, unit), definition=definition,
             lines=lines)


def uncovered_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Display frame: parks not yet covered and what each still lacks."""
    out = rows[["park_name", "city_name", "level", "missing", "missing_count"]]
    return out.rename(columns={"park_name": "园区", "city_name": "市州", "level": "级别",
                               "missing": "尚未实现", "missing_count": "尚缺项数（项）"})


def overdue_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Display frame: overdue problems, longest overdue first, with days overdue."""
    out = rows[["days_overdue", "park_name", "city_name", "category", "description",
                "found_date", "deadline"]].copy()
    for col in ("found_date", "deadline"):
        out[col] = out[col].dt.strftime("%Y-%m-%d")
    return out.rename(columns={"days_overdue": "逾期天数（天）", "park_name": "园区",
                               "city_name": "市州", "category": "类别", "description": "问题",
                               "found_date": "发现日期", "deadline": "整改期限"})


def problem_list(rows: pd.DataFrame) -> pd.DataFrame:
    """Display frame: every problem in scope, overdue first, then in progress, then rectified."""
    order = {"逾期未整改": 0, "整改中": 1, "已整改": 2}
    rows = rows.assign(_o=rows["status"].map(order)).sort_values(
        ["_o", "days_overdue", "deadline"], ascending=[True, False, True])
    out = rows[["problem_id", "status", "days_overdue", "park_name", "city_name", "category",
                "description", "found_date", "deadline", "rectified_date"]].copy()
    for col in ("found_date", "deadline", "rectified_date"):
        out[col] = out[col].dt.strftime("%Y-%m-%d")
    return out.rename(columns={"problem_id": "编号", "status": "状态",
                               "days_overdue": "逾期天数（天）", "park_name": "园区",
                               "city_name": "市州", "category": "类别", "description": "问题",
                               "found_date": "发现日期", "deadline": "整改期限",
                               "rectified_date": "整改完成日期"})


def tracking_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Display frame: parks needing a tracking EIA, with the years and status."""
    out = rows[["tracking_eia_status", "park_name", "city_name", "plan_approval_year",
                "plan_eia_year", "years_since"]]
    return out.rename(columns={"tracking_eia_status": "跟踪评价", "park_name": "园区",
                               "city_name": "市州", "plan_approval_year": "规划批复（年）",
                               "plan_eia_year": "规划环评审查（年）",
                               "years_since": "已满（年）"})


def park_list(rows: pd.DataFrame, status_col: str | None = None,
              status_label: str = "状态") -> pd.DataFrame:
    """Display frame: a list of parks (name, city, level, optional status)."""
    cols = {"park_name": "园区", "city_name": "市州", "level": "级别"}
    if status_col:
        cols[status_col] = status_label
    return rows[list(cols)].rename(columns=cols)


def task_panel(task: dict[str, object], period: str, quote_intro: str) -> None:
    """A key task as the document frames it: its words, lead departments, reported progress."""
    with st.container(border=True):
        st.markdown(f"**{md_escape(task['task_id'])}** {quote_intro}")
        st.markdown(f"> {md_escape(task['text'])}")
        st.caption(f"责任单位：{md_escape(task['departments_text'])} ｜ 期限：{md_escape(task['deadline_text'])}")
        pct = float(task["progress_pct"])  # type: ignore[arg-type]
        st.progress(min(max(pct / 100, 0.0), 1.0), text=f"{period_label(period)}末报送进度 {pct:.0f}%")
        # In a caption, not the progress bar's one-line label, so a long update wraps in full.
        st.caption(f"最新进展：{md_escape(str(task['latest_update']))}")
        task_badge(st.container(horizontal=True), str(task["status"]))
        measured = (f"量化指标：{md_escape(task['indicator_text'])}。"
                    if task.get("indicator_text") else "")
        st.caption(f"{measured}序时进度 {fmt_pct(float(task['elapsed']), 0)}。状态口径：{status_rule()}")


def handle_click(event: object, *, key: str, current: str | None,
                 action: Callable[[str | None], None]) -> None:
    """Apply a chart click (a code in customdata) once, via set_city / set_park."""
    act_once(key, clicked_code(event), action, current=current)


def click_city(event: object, *, key: str, current: str | None) -> None:
    """A click on a city in a chart sets the shared city."""
    handle_click(event, key=key, current=current, action=set_city)


def click_park(event: object, *, key: str, current: str | None) -> None:
    """A click on a park in a chart sets the shared park."""
    handle_click(event, key=key, current=current, action=set_park)
