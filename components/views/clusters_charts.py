"""Chart builders for the 产业集群 view: pure functions returning plotly figures (no `st.*`)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.ui.theme import (
    CHART_FONT,
    DOWNSTREAM,
    HIGHLIGHT,
    LAST_YEAR,
    NATIONAL_BLUE,
    NAVY,
    ROOT_FILL,
    UPSTREAM,
)
from hnparks.core.formats import fmt, fmt_amount, fmt_pct
from hnparks.views.clusters import NATIONAL, STAGES, WORLD_CLASS

TIER_COLORS = {WORLD_CLASS: NAVY, NATIONAL: NATIONAL_BLUE}
STAGE_COLORS = {"上游": UPSTREAM, "中游": NAVY, "下游": DOWNSTREAM}
BASE = NATIONAL_BLUE


def _layout(fig: go.Figure, height: int, **kwargs) -> go.Figure:
    settings = {"margin": {"l": 10, "r": 20, "t": 40, "b": 10},
                "legend": {"orientation": "h", "y": 1.08, "x": 0}} | kwargs
    fig.update_layout(height=height, font=CHART_FONT, **settings)
    return fig


def cluster_output_bars(table: pd.DataFrame) -> go.Figure:
    """Horizontal bars of cluster output (亿元), coloured by tier, with YoY in the label."""
    rows = table.iloc[::-1]  # plotly draws the first category at the bottom
    fig = go.Figure()
    for tier in (WORLD_CLASS, NATIONAL):
        part = rows[rows["tier"] == tier]
        yoy = [f"同比 {fmt_pct(v, signed=True)}" for v in part["yoy"]]
        fig.add_bar(
            y=part["cluster_name"], x=part["output"], orientation="h", name=tier,
            marker_color=TIER_COLORS[tier],
            text=[f"{fmt_amount(v, '亿元')} · {y}" for v, y in zip(part["output"], yoy, strict=True)],
            textposition="auto", cliponaxis=False,
            hovertemplate="%{y}<br>产值 %{x:,.1f}亿元<extra>%{fullData.name}</extra>",
        )
    fig.update_xaxes(title_text="产值（亿元，当年累计）", rangemode="tozero")
    fig.update_yaxes(categoryorder="array", categoryarray=list(rows["cluster_name"]))
    return _layout(fig, 360, barmode="overlay")


def trend_lines(trend: pd.DataFrame, cluster_name: str) -> go.Figure:
    """Monthly year-to-date output: this year (to the report month) against last year."""
    fig = go.Figure()
    years = sorted(trend["year"].unique())
    for year in years:
        part = trend[trend["year"] == year]
        current = year == years[-1]
        fig.add_scatter(
            x=part["month"], y=part["output_ytd"], mode="lines+markers", name=f"{year}年",
            line={"color": HIGHLIGHT if current else LAST_YEAR, "width": 3 if current else 2,
                  "dash": "solid" if current else "dash"},
            hovertemplate=f"{year}年%{{x}}月末累计 %{{y:,.1f}}亿元<extra></extra>",
        )
    fig.update_xaxes(title_text="月份", tickmode="array", tickvals=list(range(1, 13)),
                     ticktext=[f"{m}月" for m in range(1, 13)], range=[0.5, 12.5])
    fig.update_yaxes(title_text="累计产值（亿元）", rangemode="tozero")
    return _layout(fig, 340, title={"text": f"{cluster_name}：当年累计产值走势", "x": 0,
                                    "font": {"size": 14}})


def chain_treemap(segments: pd.DataFrame, cluster_name: str) -> go.Figure:
    """Treemap of the chain: cluster → stage (上游/中游/下游) → segment, sized by output (亿元)."""
    stages = [s for s in STAGES if s in set(segments["chain_stage"])]
    stage_totals = segments.groupby("chain_stage")["output"].sum()
    total = float(segments["output"].sum())
    ids = [cluster_name, *stages,
           *(f"{r.chain_stage}/{r.chain_segment}" for r in segments.itertuples())]
    labels = [cluster_name, *stages, *segments["chain_segment"]]
    parents = ["", *(cluster_name for _ in stages), *segments["chain_stage"]]
    values = [total, *(float(stage_totals[s]) for s in stages), *segments["output"]]
    colors = [ROOT_FILL, *(STAGE_COLORS[s] for s in stages),
              *(STAGE_COLORS.get(s, BASE) for s in segments["chain_stage"])]
    fig = go.Figure(go.Treemap(
        ids=ids, labels=labels, parents=parents, values=values, branchvalues="total",
        marker={"colors": colors, "line": {"color": "white", "width": 2}},
        texttemplate="<b>%{label}</b><br>%{value:,.1f}亿元<br>占%{percentRoot:.1%}",
        textfont={"size": 15}, pathbar={"visible": False},
        hovertemplate="%{label}<br>产值 %{value:,.1f}亿元<br>占集群 %{percentRoot:.1%}"
                      "<extra></extra>",
    ))
    return _layout(fig, 340, margin={"l": 0, "r": 0, "t": 10, "b": 0})


def ranking_bars(frame: pd.DataFrame, label: str, value: str, unit: str, *,
                 highlight: str | None = None, key_column: str | None = None,
                 axis_title: str = "", height: int | None = None) -> go.Figure:
    """Horizontal ranking bars, largest on top; the row whose key equals `highlight` stands out."""
    rows = frame.sort_values(value, ascending=True)
    keys = rows[key_column] if key_column else rows[label]
    colors = [HIGHLIGHT if highlight is not None and k == highlight else BASE for k in keys]
    fig = go.Figure(go.Bar(
        y=rows[label], x=rows[value], orientation="h", marker_color=colors,
        text=[fmt(v, unit) for v in rows[value]], textposition="outside",
        cliponaxis=False, hovertemplate=f"%{{y}}：%{{x:,.1f}}{unit}<extra></extra>",
    ))
    fig.update_xaxes(title_text=axis_title, range=[0, float(rows[value].max() or 1) * 1.3])
    return _layout(fig, height or 34 * len(rows) + 100, showlegend=False, bargap=0.3)


def attraction_bars(frame: pd.DataFrame, label: str, *, estimate: bool = False) -> go.Figure:
    """Grouped bars: projects signed and started (个) by city, park or cluster.

    Each category's label carries its “三类500强” count (家); `estimate` marks apportioned values.
    """
    rows = frame.iloc[::-1].copy()
    approx = "约" if estimate else ""
    rows[label] = [f"{name}（500强{approx}{n:,.0f}家）" for name, n in
                   zip(rows[label], rows["top500_introduced_ytd"], strict=True)]
    fig = go.Figure()
    # Horizontal groups stack the first trace at the bottom: add 开工 first so 签约 sits on top.
    for column, name, color in (("projects_started_ytd", "开工项目", NATIONAL_BLUE),
                                ("projects_signed_ytd", "签约项目", NAVY)):
        fig.add_bar(y=rows[label], x=rows[column], orientation="h", name=name,
                    marker_color=color, text=[f"{v:,.0f}" for v in rows[column]],
                    textposition="outside", cliponaxis=False,
                    hovertemplate=f"%{{y}}<br>{name} %{{x:,.1f}}个<extra></extra>")
    top = float(rows[["projects_signed_ytd", "projects_started_ytd"]].max().max() or 1)
    fig.update_xaxes(title_text="项目（个，当年累计）", range=[0, top * 1.15])
    fig.update_yaxes(categoryorder="array", categoryarray=list(rows[label]))
    return _layout(fig, 44 * len(rows) + 110, barmode="group", bargap=0.25,
                   legend={"orientation": "h", "y": 1.02, "x": 0, "yanchor": "bottom",
                           "traceorder": "reversed"})
