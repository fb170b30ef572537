"""UI pieces for 目标达成 (/targets): the target register, click-to-drill charts, targets as
the document writes them. (The overview's cards, alerts and briefing: `overview_cards`.)"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.shell.context import open_park, set_city
from components.ui.clicks import act_once, clicked_code
from components.ui.text import inert_figure
from hnparks.core.formats import fmt_amount, fmt_pct, pct_labels
from hnparks.core.metrics import STATUS_LABELS
from hnparks.core.scope import Scope
from hnparks.core.status import NO_TARGET, PROJECTION, rule_text
from hnparks.derived.attainment import TargetStatus, target_register
from hnparks.derived.attainment import target_text as fmt_target  # '30个左右', '2个（推定）'


def count_line(t: TargetStatus, reached: str, province: TargetStatus) -> str:
    """A count target in one line: how many have `reached` the mark, the seasonal projection for
    the year and the province's target ('累计已达1000亿元 **9家**，按上年季节性预计全年 **12家**
    （全省目标14家）')."""
    return (f"{reached} **{fmt_amount(t.value, t.unit)}**，按上年季节性预计全年 "
            f"**{fmt_amount(t.projection, t.unit)}**（全省目标{fmt_target(province)}）")


def status_word(t: TargetStatus) -> str:
    """The status in words; a target the document does not split down to this scope reads
    不分解 (not 无数据: the data is there, the target is the province's)."""
    if math.isnan(t.target) and not math.isnan(t.value):
        return NO_TARGET
    return STATUS_LABELS[t.light]


def register_table(register: list[TargetStatus]) -> pd.DataFrame:
    """The target register as a display table (section, indicator, value, target, light…)."""
    rows = [{
        "目标": t.target_id, "指标": t.indicator, "实际值": fmt_amount(t.value, t.unit),
        "目标值": fmt_target(t), "完成率": pct_labels([t.completion])[0],  # never 100.0% short
        "序时进度": "按年末预计" if t.rule == PROJECTION else fmt_pct(t.elapsed, 1),
        "状态": status_word(t), "同比": fmt_pct(t.yoy, signed=True),
        "责任单位": t.lead_departments, "期限": t.deadline_text,
        "口径": f"{t.basis}；序时进度{rule_text(t.rule)}",
    } for t in register]
    return pd.DataFrame(rows)


def register_display(data: Mapping[str, pd.DataFrame], scope: Scope) -> pd.DataFrame:
    """`register_table` of the scope's target register (a view: `view(register_display)`)."""
    return register_table(target_register(data, scope))


def _clicked(fig: go.Figure, key: str, context_value: str | None) -> str | None:
    # Key the widget by the current context so a stale selection does not fire again.
    event = st.plotly_chart(inert_figure(fig), key=f"{key}-{context_value or 'all'}", on_select="rerun",
                            selection_mode="points", width="stretch",
                            config={"displayModeBar": False})
    return clicked_code(event)


def city_chart(fig: go.Figure, key: str, current_city: str | None) -> None:
    """Render a chart whose points carry a city code; a click sets the city."""
    act_once(key, _clicked(fig, key, current_city), set_city, current=current_city)


def park_chart(fig: go.Figure, key: str, current_park: str | None) -> None:
    """Render a chart whose points carry a park id; a click opens the park's profile (also the
    context park's: the click asks for its profile)."""
    act_once(key, _clicked(fig, key, current_park), open_park)
