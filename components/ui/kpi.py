"""Small display pieces: status badges, KPI cards, empty-state notes (numbers: hnparks.core.formats)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.ui.layout import paged_table, table_height
from components.ui.text import md_escape
from components.ui.theme import STATUS_BADGE_COLORS
from hnparks.core.metrics import STATUS_LABELS

# Rows taller than 4rem let st.dataframe wrap long text (责任单位, T13's name, project names)
# over two lines inside a fixed-width column instead of cutting it off.
WRAP_ROW_PX = 66
# Wide enough for the longest city name in full (湘西土家族苗族自治州); auto-sized columns are
# measured on the first rows only and cut it off further down.
CITY_PX = 165
# Plain symbols (in every CJK font) rather than emoji, which offline machines may lack.
_BADGE_ICONS = {"green": "●", "amber": "▲", "red": "■", "grey": "○"}


def status_text(light: str) -> str:
    """'■ 滞后' style text for tables and sentences (symbol differs by status, not just colour)."""
    return f"{_BADGE_ICONS[light]} {STATUS_LABELS[light]}"


def status_badge(light: str, label: str | None = None) -> None:
    """A coloured badge: 正常 / 关注 / 滞后 / 无数据 (or `label`, e.g. '本页最差：滞后')."""
    st.badge(label or STATUS_LABELS[light], color=STATUS_BADGE_COLORS[light], icon=None)


def kpi_card(label: str, value: str, *, definition: str, light: str | None = None,
             delta: str | None = None, lines: list[str] | None = None) -> None:
    """A bordered card: label, big value, optional status badge and delta, and detail lines.

    `definition` (口径) is shown as the metric's tooltip, so every number says how it is counted.
    """
    with st.container(border=True):
        st.metric(label, value, delta=delta, help=definition, delta_color="normal")
        if light:
            status_badge(light)
        for line in lines or []:
            st.caption(line)  # built by the caller: data values in it escaped there


def empty_note(what: str) -> None:
    """Say plainly that a filter left nothing to show, instead of an empty chart."""
    st.info(f"当前范围内没有{md_escape(what)}。可在左侧调整报告期、市州或园区。")


def all_clear(text: str) -> None:
    """A green note that nothing in the scope is wrong (no overdue item, every park covered)."""
    st.success(text, icon=":material/check_circle:")


def problems_or_all_clear(table: pd.DataFrame, *, key: str, clear: str, max_px: int = 320) -> None:
    """A display table of what is wrong, every row shown up to `max_px`; `all_clear(clear)`
    when it is empty."""
    if table.empty:
        all_clear(clear)
    else:  # more than a page (national scale): paged, said in a note
        paged_table(table, lambda rows: st.dataframe(
            rows, hide_index=True, key=key, height=table_height(len(rows), max_px=max_px)), key=key)
