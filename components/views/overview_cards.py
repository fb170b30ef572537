"""UI pieces for 总览 (/): the headline target cards, the alert list and the briefing lines."""

from __future__ import annotations

import math

import streamlit as st

from components.ui.kpi import all_clear, kpi_card
from components.ui.text import md_escape
from hnparks.core import metrics as m
from hnparks.core.formats import COUNT_UNITS, fmt_amount, fmt_pct
from hnparks.core.status import PROJECTION, lights, rule_text
from hnparks.derived.attainment import TargetStatus
from hnparks.derived.attainment import target_text as fmt_target
from hnparks.views.overview import (
    ASSESSMENT_LATE,
    CITY_BEHIND,
    ENV_OVERDUE,
    PARK_BEHIND,
    TASK_OVERDUE,
    Alert,
)

_SHORT_LABELS = {"园区工业用地亩均税收": "亩均税收"}
_ALERT_ICONS = {CITY_BEHIND: ":material/trending_down:",
                PARK_BEHIND: ":material/trending_down:",
                TASK_OVERDUE: ":material/event_busy:", ENV_OVERDUE: ":material/eco:",
                ASSESSMENT_LATE: ":material/assignment_late:"}


def pace_sentence(t: TargetStatus) -> str:
    """The pace a target needs, in words: seasonal projection and (sums) monthly run-rate."""
    if math.isnan(t.projection) or math.isnan(t.target):
        return ""
    final = t.year_elapsed >= 1  # at year end the "projection" is the actual full year
    lead = "全年实际" if final else "按上年季节性预计全年"
    if t.unit in COUNT_UNITS:
        short = t.target - t.projection
        reached = "达到目标" if final else "可达目标"
        verdict = f"较目标少{fmt_amount(short, t.unit)}" if short > 0 else reached
        return f"{lead}{fmt_amount(t.projection, t.unit)}，{verdict}。"
    text = f"{lead}{fmt_amount(t.projection, t.unit)}"
    if t.projection >= t.target:
        return text + ("，达到目标。" if final else "，可达目标。")
    text += f"，较目标差{fmt_amount(t.target - t.projection, t.unit)}"
    if not math.isnan(t.required_monthly):
        text += f"；达标需余下每月完成{fmt_amount(t.required_monthly, t.unit)}"
    return text + "。"


def progress_line(t: TargetStatus) -> str:
    """'完成率 41.6% ｜ 序时进度 46.5%'; a count judged at year end compares its projection."""
    if t.rule == PROJECTION:
        return (f"完成率 **{fmt_pct(t.completion)}** ｜ 按年末预计判断："
                f"预计达目标的 {fmt_pct(m.completion_rate(t.projection, t.target))}")
    return f"完成率 **{fmt_pct(t.completion)}** ｜ 序时进度 {fmt_pct(t.elapsed)}"


def headline_card(t: TargetStatus, province_target: str | None = None) -> None:
    """One headline target: value, target, completion, 序时进度, light, YoY and (at risk) pace."""
    label = _SHORT_LABELS.get(t.indicator, t.indicator)
    definition = (f"口径：{t.basis}。完成率 = 实际 ÷ 目标；序时进度{rule_text(t.rule)}；"
                  f"{m.definition(lights)}")
    # Streamlit reads the direction of a delta from its leading sign, so the sign comes first.
    yoy = t.value - t.last_year if t.unit in COUNT_UNITS else t.yoy
    if math.isnan(yoy) or round(yoy, 3) == 0:
        delta = None
    elif t.unit in COUNT_UNITS:
        delta = f"{yoy:+.0f}{t.unit}（同比）"
    else:
        delta = f"{fmt_pct(yoy, signed=True)}（同比）"
    flat = "同比持平 ｜ " if delta is None and not math.isnan(yoy) else ""
    lines = [f"{flat}年度目标 **{fmt_target(t)}**" if not math.isnan(t.target)
             else f"全省目标 {province_target}，不分解到本范围"]
    if not math.isnan(t.target):
        lines.append(progress_line(t))
    if t.light in ("red", "amber") or (t.unit in COUNT_UNITS and not math.isnan(t.projection)):
        sentence = pace_sentence(t)
        if sentence:
            lines.append(sentence)
    kpi_card(label, fmt_amount(t.value, t.unit), definition=definition,
             light=t.light if not math.isnan(t.target) else None, delta=delta, lines=lines)


def headline_cards(targets: list[TargetStatus], province: list[TargetStatus]) -> None:
    """Four cards in a row; `province` gives the provincial targets for scopes below it."""
    for column, t, p in zip(st.columns(len(targets)), targets, province, strict=True):
        with column:
            headline_card(t, fmt_target(p))


def alert_list(items: list[Alert]) -> None:
    """The alert list: one line each, linking to the page that explains it, with the context."""
    if not items:
        all_clear("当前范围内暂无滞后、逾期事项。")
        return
    columns = st.columns(2, gap="medium")
    kinds = list(dict.fromkeys(a.kind for a in items))
    for i, kind in enumerate(kinds):
        with columns[i % 2]:
            st.markdown(f"**{kind}**")
            for a in (x for x in items if x.kind == kind):
                st.page_link(a.page, label=md_escape(a.text), icon=_ALERT_ICONS.get(a.kind),
                             query_params=a.params, help=md_escape(a.detail) if a.detail else None,
                             width="stretch")


def briefing_block(lines: list[str]) -> None:
    """The staff-officer briefing: plain numbered sentences."""
    st.markdown("\n".join(f"{i}. {md_escape(line)}" for i, line in enumerate(lines, start=1)))
