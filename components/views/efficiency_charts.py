"""Chart builders for 亩均效益与用地: pure functions returning plotly figures."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from components.ui.theme import (
    BLUE,
    CHART_FONT,
    GRID,
    INK,
    LAND,
    PALE,
    REMAINING,
    TASK_COLORS,
    TIER_COLORS,
)
from hnparks.views.efficiency import TIER_NAMES, TIERS


def _layout(fig: go.Figure, height: int, **kwargs) -> go.Figure:
    fig.update_layout(height=height, margin={"l": 10, "r": 20, "t": 40, "b": 10},
                      font=CHART_FONT, plot_bgcolor="white", dragmode=False,
                      legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0},
                      uniformtext={"minsize": 11, "mode": "hide"}, **kwargs)
    fig.update_xaxes(gridcolor=GRID, zeroline=False)
    fig.update_yaxes(gridcolor=GRID, zeroline=False)
    return fig


def tier_bar(dist: pd.DataFrame, selected: str | None = None) -> go.Figure:
    """Each city's parks by tier (A类 / B类 / C类), stacked; the selected city marked ▶."""
    rows = dist.iloc[::-1]
    names = [f"▶ {n}" if c == selected else n
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
                         orientation="h", name="本年已再开发", marker={"color": BLUE},
                         hovertemplate="%{y}<br>本年已再开发 %{x:,.0f}亩<extra></extra>"))
    fig.add_trace(go.Bar(x=rows["inefficient_land_mu"], y=rows["city_name"], orientation="h",
                         name="期末尚存", marker={"color": REMAINING},
                         hovertemplate="%{y}<br>期末尚存 %{x:,.0f}亩<extra></extra>"))
    fig.update_xaxes(title="低效用地（亩）")
    return _layout(fig, 460, barmode="stack")


def export_share_bar(cities: pd.DataFrame, selected: str | None = None) -> go.Figure:
    """Each city's 外向度 (%) now, with last year's same month as a tick."""
    rows = cities.sort_values("share")
    widths = [3 if c == selected else 0 for c in rows["city_code"]]
    fig = go.Figure(go.Bar(
        x=rows["share"], y=rows["city_name"], orientation="h", name="本年",
        marker={"color": BLUE, "line": {"color": INK, "width": widths}},
        text=[f"{v:.1f}%" for v in rows["share"]], textposition="outside",
        hovertemplate="%{y}<br>外向度 %{x:.1f}%<extra></extra>"))
    fig.add_trace(go.Scatter(
        x=rows["share_ly"], y=rows["city_name"], mode="markers", name="上年同期",
        marker={"symbol": "line-ns-open", "size": 16, "color": INK, "line": {"width": 2}},
        hovertemplate="%{y}<br>上年同期 %{x:.1f}%<extra></extra>"))
    top = max(rows["share"].max(), rows["share_ly"].max())
    fig.update_xaxes(title="外向度（%）；竖线为上年同期", range=[0, top * 1.2])
    return _layout(fig, 460)


# Where the incubators are to be set up (三(六)3), as (lon, lat); 广东 drawn at Guangzhou.
PLACES = {"香港": (114.17, 22.32), "广东": (113.26, 23.13), "上海": (121.47, 31.23),
          "北京": (116.40, 39.90)}
CHANGSHA = (112.98, 28.20)


def incubator_map(geo: dict, rows: pd.DataFrame) -> go.Figure:
    """Hunan's city outlines and the incubator places (by milestone status), linked to Changsha:
    plain axes in degrees, no tiles or web map, so it draws offline."""
    fig = go.Figure()
    for feature in geo["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" \
            else [geometry["coordinates"]]
        for polygon in polygons:
            ring = polygon[0]
            fig.add_trace(go.Scatter(x=[p[0] for p in ring], y=[p[1] for p in ring],
                                     mode="lines", line={"color": PALE, "width": 0.8},
                                     fill="toself", fillcolor=LAND, hoverinfo="skip",
                                     showlegend=False))
    for row in rows.itertuples():
        lon, lat = PLACES.get(row.subject, (math.nan, math.nan))
        color = TASK_COLORS.get(row.status, PALE)
        fig.add_trace(go.Scatter(x=[CHANGSHA[0], lon], y=[CHANGSHA[1], lat], mode="lines",
                                 line={"color": color, "width": 1.5, "dash": "dot"},
                                 hoverinfo="skip", showlegend=False))
        fig.add_trace(go.Scatter(x=[lon], y=[lat], mode="markers+text", text=[row.subject],
                                 textposition="middle right",
                                 marker={"size": 14, "color": color, "line": {"color": "white",
                                                                              "width": 1}},
                                 hovertemplate=f"{row.subject}：{row.status}<extra></extra>",
                                 showlegend=False))
    fig.update_xaxes(visible=False, range=[107.5, 124])
    fig.update_yaxes(visible=False, range=[21, 41], scaleanchor="x", scaleratio=1.15)
    return _layout(fig, 420)
