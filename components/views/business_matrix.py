"""Regional-assessment matrix (园区 × 12项评估事项): a categorical heatmap and a sortable table."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pandas.io.formats.style import Styler

from components.ui.data import shared_figure
from components.ui.kpi import CITY_PX
from components.ui.layout import table_height
from components.ui.theme import (
    CELL_DONE,
    CELL_INK,
    CELL_NONE,
    CELL_NOT_STARTED,
    CELL_ONGOING,
    GREY,
    NOT_APPLICABLE_FILL,
    STATUS_COLORS,
)
from hnparks.core.formats import fmt_pct
from hnparks.views.business import (
    ASSESSMENT_STATUSES,
    DONE,
    IN_PROGRESS,
    NOT_APPLICABLE,
    NOT_STARTED,
)

# Assessment states take the status lights' colours (one palette).
STATE_COLORS = {DONE: STATUS_COLORS["green"], IN_PROGRESS: STATUS_COLORS["amber"],
                NOT_STARTED: STATUS_COLORS["red"], NOT_APPLICABLE: NOT_APPLICABLE_FILL}
# Lighter fills for table cells, so the status text stays legible on them.
CELL_COLORS = {DONE: CELL_DONE, IN_PROGRESS: CELL_ONGOING, NOT_STARTED: CELL_NOT_STARTED,
               NOT_APPLICABLE: CELL_NONE}
# Text written in heatmap cells: done cells stay plain, so what is behind stands out.
CELL_TEXT = {DONE: "", IN_PROGRESS: "进行中", NOT_STARTED: "未启动", NOT_APPLICABLE: "—"}
ROW_PX = 17
TICK_ANGLE = -45  # the column names' slant (degrees)
HEADER_PX = 175  # above the rows: the legend and the slanted column names (11 characters at most)


@shared_figure
def build_matrix_figure(matrix: pd.DataFrame, item_names: list[str],
                        grouped: bool = True) -> go.Figure:
    """Heatmap of parks (rows, in the matrix's order) × items; one colour per status.

    `matrix` is `hnparks.views.business.status_matrix`; with `grouped`, rows carry their city as an
    outer label (plotly multicategory axis), which needs rows sorted by city.
    """
    codes = {s: i for i, s in enumerate(ASSESSMENT_STATUSES)}
    statuses = matrix[item_names]
    # One byte per cell: plotly sends numpy arrays as typed binary (144 × 12 float64 was 18 KB).
    z = statuses.apply(lambda col: col.map(codes)).to_numpy(dtype="int8")
    text = statuses.apply(lambda col: col.map(CELL_TEXT)).to_numpy()
    rate = matrix["rate"].map(lambda r: fmt_pct(r, 0))
    parks = matrix["park_name"] + "（" + rate + "）"
    # Ungrouped rows name their city in the label, so a ranked list still says where each is.
    y = [matrix["city_name"].tolist(), parks.tolist()] if grouped else \
        (matrix["city_name"] + " · " + parks).tolist()
    n = len(ASSESSMENT_STATUSES)
    scale = []
    for i, status in enumerate(ASSESSMENT_STATUSES):
        scale += [[i / n, STATE_COLORS[status]], [(i + 1) / n, STATE_COLORS[status]]]
    # The hover names the cell's park and item; its status is the cell's own colour and word
    # (legend above). A per-cell status for the hover was 20 KB of every period change (#27).
    fig = go.Figure(go.Heatmap(
        z=z, x=item_names, y=y, text=text,
        texttemplate="%{text}", textfont={"size": 10, "color": CELL_INK},
        colorscale=scale, zmin=-0.5, zmax=n - 0.5, showscale=False, xgap=1, ygap=1,
        hovertemplate="%{y}<br>%{x}<extra></extra>"))
    for status in ASSESSMENT_STATUSES:  # legend entries only (no data points)
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=status,
                                 marker={"size": 12, "symbol": "square",
                                         "color": STATE_COLORS[status]}))
    fig.update_layout(
        height=max(260, ROW_PX * len(matrix) + HEADER_PX + 35),
        margin={"l": 10, "r": 10, "t": HEADER_PX, "b": 10},
        legend={"orientation": "h", "yref": "container", "y": 1.0, "yanchor": "top", "x": 0,
                "xanchor": "left", "title": {"text": "报告期末状态："}},
        plot_bgcolor="white",
        # Full names on one slanted line each: side by side they overlapped in 12 columns of a
        # 768 px screen (about 31 px each); slanted they never touch, at any width.
        xaxis={"side": "top", "tickangle": TICK_ANGLE, "tickfont": {"size": 11},
               "fixedrange": True, "automargin": True},
        yaxis={"autorange": "reversed", "tickfont": {"size": 11}, "fixedrange": True,
               "dividercolor": GREY})
    return fig


def matrix_table(matrix: pd.DataFrame, item_names: list[str]) -> Styler:
    """The matrix as a table for `st.dataframe`: one coloured cell per park × item."""
    table = matrix.assign(rate_pct=matrix["rate"] * 100)[
        ["park_id", "city_name", "park_name", "level", "rate_pct", "done", "applicable",
         "published", *item_names]]
    # A fixed id (pandas' is random per Styler): an unchanged table is served from the cache.
    return table.style.set_uuid("business_matrix").map(
        lambda s: f"background-color: {CELL_COLORS.get(s, 'white')}", subset=item_names)


def matrix_column_config(item_names: list[str], item_help: str) -> dict:
    """Chinese headers, units and 口径 tooltips for the matrix table."""
    config = {
        "park_id": None,
        "city_name": st.column_config.TextColumn("市州", pinned=True, width=CITY_PX),
        "park_name": st.column_config.TextColumn("园区", pinned=True, width="medium"),
        "level": st.column_config.TextColumn("级别", width="small"),
        "rate_pct": st.column_config.ProgressColumn(
            "完成率", format="%.0f%%", min_value=0.0, max_value=100.0, width="small",
            help="已完成的适用事项 ÷ 适用事项（不适用事项不计）"),
        "done": st.column_config.NumberColumn("已完成（项）", format="%d", width="small"),
        "applicable": st.column_config.NumberColumn("适用（项）", format="%d", width="small"),
        "published": st.column_config.NumberColumn(
            "成果已发布（项）", format="%d", width="small",
            help="成果公开发布日期不晚于报告期末的适用事项数"),
    }
    for name in item_names:
        config[name] = st.column_config.TextColumn(name, width="small", help=item_help)
    return config


def render_matrix_table(matrix: pd.DataFrame, item_names: list[str], item_help: str,
                        key: str) -> str | None:
    """Draw the sortable matrix table; returns the park_id of a selected row, if any."""
    event = st.dataframe(
        matrix_table(matrix, item_names), column_config=matrix_column_config(item_names, item_help),
        hide_index=True, height=table_height(len(matrix), max_px=640), key=key, on_select="rerun",
        selection_mode="single-row")
    rows = event.selection.rows if event else []
    return str(matrix.iloc[rows[0]]["park_id"]) if rows else None


def park_items_table(long: pd.DataFrame) -> Styler:
    """One park's twelve items with status and dates, for a park context."""
    table = long[["item_name", "status", "start_date", "completion_date", "published_date",
                  "published"]].copy()
    for column in ("start_date", "completion_date", "published_date"):
        table[column] = table[column].dt.strftime("%Y-%m-%d").fillna("—")
    table["published"] = table["published"].map({True: "已发布", False: "未发布"})
    table.loc[long["status"] == NOT_APPLICABLE, "published"] = "—"
    return table.style.set_uuid("business_park_items").map(
        lambda s: f"background-color: {CELL_COLORS.get(s, 'white')}", subset=["status"])


PARK_ITEMS_CONFIG = {
    "item_name": st.column_config.TextColumn("评估事项", width="medium"),
    "status": st.column_config.TextColumn("报告期末状态"),
    "start_date": st.column_config.TextColumn("启动日期"),
    "completion_date": st.column_config.TextColumn("完成日期"),
    "published_date": st.column_config.TextColumn("成果发布日期"),
    "published": st.column_config.TextColumn("成果发布（报告期末）"),
}
