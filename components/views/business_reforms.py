"""The reform checklist (三(一)、三(七)): every reform item with lead departments and status."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from components.ui.data import views
from components.ui.text import md_escape
from components.ui.theme import CELL_DONE, CELL_NOT_STARTED, CELL_ONGOING
from hnparks.core.formats import fmt
from hnparks.views import business as _b

b = views(_b)

REFORM_CELL_COLORS = {b.REFORM_NOT_STARTED: CELL_NOT_STARTED, b.REFORM_ONGOING: CELL_ONGOING,
                      b.REFORM_LANDED: CELL_DONE}
# Section headings as the document words them (三、重点任务).
SECTION_TITLES = {"三(一)": "（一）全面启动市场化改革，激发转型发展活力",
                  "三(七)": "（七）着力优化营商环境，提升政务服务水平"}


def reform_counts_line(checklist: pd.DataFrame) -> str:
    """'已落地 3 项 · 推进中 15 项 · 未启动 2 项（共 20 项）'."""
    counts = b.reform_status_counts(checklist)
    parts = " · ".join(f"{s} {counts[s]} 项" for s in reversed(b.REFORM_STATUSES))
    return f"{parts}（共 {len(checklist)} 项）"


def reform_table(checklist: pd.DataFrame, name: str) -> Styler:
    """The checklist for `st.table` (text wraps, so departments show in full), status coloured;
    `name` is its fixed id (an unchanged table is then served from the browser's cache)."""
    table = pd.DataFrame({
        "改革举措": checklist["reform_name"].map(md_escape),  # st.table renders Markdown
        "责任单位": checklist["lead_departments"].map(md_escape),
        "推进状态": checklist["status"],
        "推进进度（%）": checklist["progress_pct"].map(
            lambda p: fmt(p, "%", 0)),
        "最新佐证说明": checklist["evidence_note"].map(md_escape),
        "报送月份": checklist["reported_period"].fillna("—"),
    })
    return table.style.set_uuid(name).hide(axis="index").map(
        lambda s: f"background-color: {REFORM_CELL_COLORS.get(s, 'white')}", subset=["推进状态"])


def render_reform_table(checklist: pd.DataFrame) -> None:
    """Draw the checklist by section (one row per reform item, document order) and its text."""
    for number, (section, rows) in enumerate(checklist.groupby("section", sort=False)):
        st.markdown(f"**{SECTION_TITLES.get(section, section)}**")
        st.table(reform_table(rows, f"reforms_{number}"))
    with st.expander("文件原文（三(一)、三(七)）", icon=":material/description:"):
        for row in checklist.itertuples():
            st.markdown(f"- **{md_escape(row.task_id)} {md_escape(row.reform_name)}**："
                        f"{md_escape(row.quote)}")
