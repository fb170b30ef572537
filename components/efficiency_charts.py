"""Chart builders for 亩均效益与用地: pure functions returning plotly figures."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.targets_charts import FONT
from hnparks.efficiency import TIER_NAMES, TIERS

TIER_COLORS = {"A类": "#2E7D32", "B类": "#9aa5b1", "C类": "#C62828"}


def _layout(fig: go.Figure, height: int, **kwargs) -> go.Figure:
    fig.update_layout(height=height, margin={"l": 10, "r": 20, "t": 40, "b": 10},
                      font={"family": FONT, "size": 13}, plot_bgcolor="white", dragmode=False,
                      legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0},
                      uniformtext={"minsize": 11, "mode": "hide"}, **kwargs)
    fig.update_xaxes(gridcolor="#eceff3", zeroline=False)
    fig.update_yaxes(gridcolor="#eceff3", zeroline=False)
    return fig


def tier_bar(dist: pd.DataFrame, selected: str | None = None) -> go.Figure:
    """Each city's parks by tier (A类 / B类 / C类), stacked; the selected city in bold."""
    rows = dist.iloc[::-1]
    names = [f"<b>{n}</b>" if c == selected else n
             for c, n in zip(rows["city_code"], rows["city_name"], strict=True)]
    fig = go.Figure()
    for tier in TIERS:
        fig.add_trace(go.Bar(
            x=rows[tier], y=names, orientation="h", name=TIER_NAMES[tier],
            marker={"color": TIER_COLORS[tier]}, text=rows[tier].where(rows[tier] > 0),
            textposition="inside", textangle=0, insidetextanchor="middle",
            hovertemplate=f"%{{y}}<br>{TIER_NAMES[tier]} %{{x}}家<extra></extra>"))
    fig.update_xaxes(title="园区数（家）")
    return _layout(fig, 460, barmode="stack")


def land_bar(land: pd.DataFrame) -> go.Figure:
    """Per city: 低效用地 disposed this year and still outstanding (亩), stacked to the year's
    starting stock."""
    rows = land.sort_values("inefficient_start_mu")
    fig = go.Figure()
    fig.add_trace(go.Bar(x=rows["inefficient_redeveloped_mu_ytd"], y=rows["city_name"],
                         orientation="h", name="本年已再开发", marker={"color": "#1f5fa8"},
                         hovertemplate="%{y}<br>本年已再开发 %{x:,.0f}亩<extra></extra>"))
    fig.add_trace(go.Bar(x=rows["inefficient_land_mu"], y=rows["city_name"], orientation="h",
                         name="期末尚存", marker={"color": "#f0a35e"},
                         hovertemplate="%{y}<br>期末尚存 %{x:,.0f}亩<extra></extra>"))
    fig.update_xaxes(title="低效用地（亩）")
    return _layout(fig, 460, barmode="stack")


def export_share_bar(cities: pd.DataFrame, selected: str | None = None) -> go.Figure:
    """Each city's 外向度 (%) now, with last year's same month as a tick."""
    rows = cities.sort_values("share")
    widths = [3 if c == selected else 0 for c in rows["city_code"]]
    fig = go.Figure(go.Bar(
        x=rows["share"], y=rows["city_name"], orientation="h", name="本年",
        marker={"color": "#1f5fa8", "line": {"color": "#111827", "width": widths}},
        text=[f"{v:.1f}%" for v in rows["share"]], textposition="outside",
        hovertemplate="%{y}<br>外向度 %{x:.1f}%<extra></extra>"))
    fig.add_trace(go.Scatter(
        x=rows["share_ly"], y=rows["city_name"], mode="markers", name="上年同期",
        marker={"symbol": "line-ns-open", "size": 16, "color": "#111827", "line": {"width": 2}},
        hovertemplate="%{y}<br>上年同期 %{x:.1f}%<extra></extra>"))
    top = max(rows["share"].max(), rows["share_ly"].max())
    fig.update_xaxes(title="外向度（%）；竖线为上年同期", range=[0, top * 1.2])
    return _layout(fig, 460)
