"""Regional-assessment summaries: headline cards, completion by item and by city."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.ui.data import shared_figure, views
from components.ui.kpi import CITY_PX, kpi_card
from components.ui.layout import table_height
from components.ui.theme import OTHERS, SELECTED
from components.views.business_matrix import STATE_COLORS
from hnparks.core.formats import fmt_pct
from hnparks.core.metrics import definition
from hnparks.core.periods import date_label
from hnparks.views import business as _b

b = views(_b)

SELECTED_COLOR = SELECTED
OTHER_COLOR = OTHERS


def assessment_cards(summary: b.AssessmentSummary) -> None:
    """Four headline cards: completion, the deadline, parks with all done, results published."""
    cols = st.columns(4)
    with cols[0]:
        kpi_card("区域评估完成率", fmt_pct(summary.rate),
                 definition=definition(b.assessment_completion),
                 lines=[f"已完成 {summary.done:,} 项 / 适用 {summary.applicable:,} 项"
                        "（园区×事项）"])
    with cols[1]:
        due = date_label(summary.deadline)
        if summary.days > 0:
            line = f"报告期末距{due}期限还有 {summary.days} 天"
        elif summary.days == 0:
            line = f"报告期末即{due}期限"
        else:
            line = f"报告期末已超过{due}期限 {-summary.days} 天"
        kpi_card(f"完成期限（{due}）", summary.deadline_label,
                 definition=definition(b.deadline_label) + " " + definition(b.days_to_deadline),
                 lines=[line])
    with cols[2]:
        share = summary.parks_all_done / summary.parks if summary.parks else None
        kpi_card("12项全部完成的园区", f"{summary.parks_all_done} 家",
                 definition=definition(b.parks_all_done),
                 lines=[f"范围内园区 {summary.parks} 家，占 {fmt_pct(share)}"])
    with cols[3]:
        rate = summary.published / summary.applicable if summary.applicable else None
        kpi_card("成果已公开发布", f"{summary.published:,} 项",
                 definition=definition(b.is_published),
                 lines=[f"占适用事项 {fmt_pct(rate)}（统一成果报省政府审定后向社会公开发布）"])


def _stacked_bar(labels: list[str], frame: pd.DataFrame, height: int) -> go.Figure:
    fig = go.Figure()
    for status, column in ((b.DONE, "done"), (b.IN_PROGRESS, "in_progress"),
                           (b.NOT_STARTED, "not_started")):
        fig.add_trace(go.Bar(
            y=labels, x=frame[column], name=status, orientation="h",
            marker_color=STATE_COLORS[status],
            hovertemplate="%{y}<br>" + status + "：%{x} 家<extra></extra>"))
    fig.add_trace(go.Scatter(
        y=labels, x=frame["applicable"], mode="text", showlegend=False, hoverinfo="skip",
        text=[f"  {fmt_pct(r)}" for r in frame["rate"]], textposition="middle right",
        textfont={"size": 12}))
    fig.update_layout(
        barmode="stack", height=height, margin={"l": 10, "r": 50, "t": 30, "b": 30},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0,
                "traceorder": "normal"},
        xaxis={"title": {"text": "园区数（家）"}, "fixedrange": True,
               "range": [0, float(frame["applicable"].max()) * 1.3]},
        yaxis={"autorange": "reversed", "fixedrange": True})
    return fig


@shared_figure
def build_item_chart(by_item: pd.DataFrame) -> go.Figure:
    """Per item: parks done / in progress / not started (家), labelled with the completion rate."""
    return _stacked_bar(by_item["item_name"].tolist(), by_item, height=35 * len(by_item) + 100)


@shared_figure
def build_city_chart(by_city: pd.DataFrame, selected_city: str | None) -> go.Figure:
    """Completion rate per city (%), highest first; the selected city highlighted."""
    ordered = by_city.sort_values("rate", ascending=False)
    colors = [SELECTED_COLOR if c == selected_city else
              (OTHER_COLOR if selected_city else STATE_COLORS[b.DONE])
              for c in ordered["city_code"]]
    fig = go.Figure(go.Bar(
        x=ordered["rate"] * 100, y=ordered["city_name"], orientation="h", marker_color=colors,
        customdata=ordered[["city_code", "done", "applicable"]].to_numpy(),
        text=[fmt_pct(r) for r in ordered["rate"]], textposition="outside",
        hovertemplate="%{y}：%{x:.1f}%（%{customdata[1]}/%{customdata[2]}项）<extra></extra>"))
    fig.update_layout(
        height=35 * len(ordered) + 80, margin={"l": 10, "r": 50, "t": 30, "b": 30},
        xaxis={"title": {"text": "完成率（%）"}, "range": [0, 112], "fixedrange": True},
        yaxis={"autorange": "reversed", "fixedrange": True}, showlegend=False)
    return fig


def clicked_city(event, by_city: pd.DataFrame) -> str | None:
    """The city_code of a clicked bar in the city chart, if any."""
    points = event.selection.points if event else []
    if not points:
        return None
    name = points[0].get("y")
    match = by_city.loc[by_city["city_name"] == name, "city_code"]
    return str(match.iloc[0]) if len(match) else None


def _progress_columns(rate: object, counted: str) -> dict:
    """The completion bar, the published count (in 家 or 项) and the deadline state, as both
    tables show them."""
    return {
        "rate_pct": st.column_config.ProgressColumn(
            "完成率", format="%.1f%%", min_value=0.0, max_value=100.0, help=definition(rate)),
        "published": st.column_config.NumberColumn(
            f"成果已发布（{counted}）", format="%d", help=definition(b.is_published)),
        "deadline_label": st.column_config.TextColumn("期限状态", help=definition(b.deadline_label)),
    }


ITEM_TABLE_CONFIG = {
    "item_name": st.column_config.TextColumn("评估事项", width="medium"),
    "applicable": st.column_config.NumberColumn("适用园区（家）", format="%d", width="small"),
    "done": st.column_config.NumberColumn("已完成（家）", format="%d", width="small"),
    **_progress_columns(b.completion_by_item, "家"),
}

CITY_TABLE_CONFIG = {
    "city_name": st.column_config.TextColumn("市州", width=CITY_PX),
    "parks": st.column_config.NumberColumn("园区（家）", format="%d", width="small"),
    "parks_all_done": st.column_config.NumberColumn(
        "12项全部完成（家）", format="%d", help=definition(b.parks_all_done)),
    "done": st.column_config.NumberColumn("已完成（项）", format="%d", width="small"),
    **_progress_columns(b.completion_by_city, "项"),
}


def item_table(by_item: pd.DataFrame) -> None:
    """Completion by item as a table (document order)."""
    table = by_item.assign(rate_pct=by_item["rate"] * 100)
    st.dataframe(table[list(ITEM_TABLE_CONFIG)], column_config=ITEM_TABLE_CONFIG,
                 hide_index=True, key="business_by_item_table", height=table_height(len(by_item)))


def city_table(by_city: pd.DataFrame) -> None:
    """Completion by city as a table (all 14 cities, code order)."""
    table = by_city.assign(rate_pct=by_city["rate"] * 100)
    st.dataframe(table[list(CITY_TABLE_CONFIG)], column_config=CITY_TABLE_CONFIG,
                 hide_index=True, key="business_by_city_table", height=table_height(len(by_city)))
