"""Task rules: deadlines (stated or 推定), departments as the document writes them, and a task's
status from its progress, time elapsed and deadline."""

from __future__ import annotations

import math
import re

import pandas as pd

from hnparks.core.periods import date_label, january_of
from hnparks.core.status import due, light, linear_elapsed

DONE, ON_TRACK, NOT_STARTED, LATE, OVERDUE = "已完成", "推进中", "未启动", "滞后", "逾期"
STATUSES = [NOT_STARTED, ON_TRACK, DONE, LATE, OVERDUE]
BEHIND = (LATE, OVERDUE)  # the statuses a leader is warned about (红)
DEPT_SEP = "、"
SECTION_NUMERALS = "一二三四五六七八九十"
def split_departments(lead_departments: str) -> list[str]:
    """The departments named in a task's lead_departments ('省发展改革委、省科技厅' → two names)."""
    return [d.strip() for d in str(lead_departments).split(DEPT_SEP) if d.strip()]


def department_text(lead_note: str) -> str:
    """The responsible departments exactly as the document names them, "等" and "等相关部门"
    included ('省生态环境厅、省发展改革委等'): the note without '按职责分工负责' and what follows."""
    return re.sub(r"(按职责分工)?负责.*$", "", str(lead_note)).strip("，, ")


def departments_as_written(tasks: pd.DataFrame) -> pd.Series:
    """task_id → its responsible departments exactly as the document writes them
    (`department_text` of the task's note; the bare list when a task has no note)."""
    notes = tasks["lead_note"] if "lead_note" in tasks else pd.Series(None, index=tasks.index)
    text = [department_text(n) if isinstance(n, str) and n else d
            for n, d in zip(notes, tasks["lead_departments"], strict=True)]
    return pd.Series(text, index=tasks["task_id"].to_numpy())


INFERRED_MARK = "推定"
NOT_NAMED = "文件未列明"  # a department (责任单位) the document does not name


def inferred(basis: object) -> bool:
    """True when the document does not state a value (a deadline counted to year end, a count
    read from an enumeration: the `deadline_basis` / `value_basis` '文件未明确…')."""
    return str(basis).startswith("文件未明确")


def inferred_mark(basis: object) -> str:
    """'（推定）' after a value the document does not state, else ''."""
    return f"（{INFERRED_MARK}）" if inferred(basis) else ""


def deadline_text(deadline: object, basis: object) -> str:
    """'<year>年12月31日（推定）' for a deadline the document does not state, else the date."""
    return date_label(deadline) + inferred_mark(basis)


def all_tasks_note(tasks: pd.DataFrame) -> str:
    """The document's note that applies to every task (三(一)1: '各工作均需各市州人民政府、各园区
    管委会参与'), or '' when the plan has none."""
    for note in tasks["lead_note"].dropna():
        hit = re.search(r"各工作均需[^，。）)]*", str(note))
        if hit:
            return hit.group(0)
    return ""


def departments(tasks: pd.DataFrame) -> list[str]:
    """Every department named by any task, in order of first mention in the document."""
    seen: dict[str, None] = {}
    for text in tasks["lead_departments"]:
        for dept in split_departments(text):
            seen.setdefault(dept, None)
    return list(seen)


def task_elapsed(period: str, deadline: str, start: str = "") -> float:
    """任务序时进度 = 自文件印发当月起至报告期的月数 ÷ 自印发当月起至任务期限的月数，0至100%。

    The status engine's deadline rule (`status.linear_elapsed`), started at the issue month."""
    return linear_elapsed(period, deadline, start or january_of(period))


def is_overdue(done: bool, period: str, deadline: object) -> bool:
    """逾期：报告期为任务期限所在月或其后（该月报告即期限时点的结果）而任务尚未完成（进度未达100%或指标未达标）。"""
    return due(period, deadline) and not done


def task_status(progress_pct: float, elapsed: float, overdue: bool) -> str:
    """任务状态：进度100%为已完成；期限所在月及以后仍未完成为逾期；进度落后序时进度5个百分点及以上为滞后；进度为0为未启动；其余为推进中。"""
    if progress_pct is None or (isinstance(progress_pct, float) and math.isnan(progress_pct)):
        return OVERDUE if overdue else NOT_STARTED
    if progress_pct >= 100:
        return DONE
    if overdue:
        return OVERDUE
    if light(progress_pct / 100, elapsed) == "red":
        return LATE
    if progress_pct <= 0:
        return NOT_STARTED
    return ON_TRACK


def section_heading(section_no: str, section_title: str) -> str:
    """'（一）全面启动市场化改革，激发转型发展活力' as the document writes it."""
    return f"（{section_no}）{section_title}"


def measured_status(indicator_light: str, met: bool, overdue: bool) -> str:
    """有量化指标的任务：指标均达到目标为已完成；期限所在月及以后未达标为逾期；任一指标滞后为滞后；其余为推进中。"""
    if met:
        return DONE
    if overdue:
        return OVERDUE
    if indicator_light == "red":
        return LATE
    return ON_TRACK
