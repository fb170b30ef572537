"""公开报道对照: the published province figures beside the dashboard's own (总览, 目标达成)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.ui.kpi import WRAP_ROW_PX, empty_note
from hnparks.core.formats import COUNT_UNITS, fmt
from hnparks.views.published import confidence_legend

COLUMNS = {"指标": st.column_config.TextColumn(width=170),
           "单位": st.column_config.TextColumn(width=50),
           "公开报道": st.column_config.TextColumn(width=90),
           "本系统（示意）": st.column_config.TextColumn(width=110),
           "差距": st.column_config.TextColumn(width=80),
           "口径时点": st.column_config.TextColumn(width=100),
           "来源": st.column_config.TextColumn(width="large"),
           "可信度": st.column_config.TextColumn(width=60),
           "说明": st.column_config.TextColumn(width="large")}
CAPTION = ("公开报道为全省全年数，来自所列来源；本系统数为示意数据在该年最新月份的累计，"
           "差距 = 本系统 − 公开报道。园区数以工作要点文件为准。")


def published_comparison(table: pd.DataFrame, key: str) -> None:
    """The comparison table (hnparks.views.published.comparison) with its caption."""
    if table.empty:
        empty_note("本年度的公开报道数")
        return
    shown = table.copy()
    digits = [0 if unit in COUNT_UNITS else 1 for unit in table["单位"]]
    shown["本系统（示意）"] = [fmt(v, digits=d) for v, d in zip(table["本系统（示意）"], digits,
                                                            strict=True)]
    shown["差距"] = ["—" if pd.isna(v) else f"{v:+,.{d}f}"
                   for v, d in zip(table["差距"], digits, strict=True)]
    st.dataframe(shown, key=key, hide_index=True, column_config=COLUMNS, row_height=WRAP_ROW_PX,
                 height=WRAP_ROW_PX * len(table) + 38)
    st.caption(f"{CAPTION}可信度{confidence_legend(table['可信度'])}。")
