"""Chart builders for 开放与创新 (/opening): 外向度 by city and the incubator places; pure
functions returning plotly figures."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from components.ui.charts import legend_layout
from components.ui.data import geojson
from components.ui.map_asset import asset_url, outline_bounds
from components.ui.theme import BLUE, INK, PALE, TASK_COLORS
from hnparks.core.formats import fmt


def export_share_bar(cities: pd.DataFrame, selected: str | None = None) -> go.Figure:
    """Each city's 外向度 (%) now, with last year's same month as a tick."""
    rows = cities.sort_values("share")
    widths = [3 if c == selected else 0 for c in rows["city_code"]]
    fig = go.Figure(go.Bar(
        x=rows["share"], y=rows["city_name"], orientation="h", name="本年",
        marker={"color": BLUE, "line": {"color": INK, "width": widths}},
        text=[fmt(v, "%") for v in rows["share"]], textposition="outside",
        hovertemplate="%{y}<br>外向度 %{x:.1f}%<extra></extra>"))
    fig.add_trace(go.Scatter(
        x=rows["share_ly"], y=rows["city_name"], mode="markers", name="上年同期",
        marker={"symbol": "line-ns-open", "size": 16, "color": INK, "line": {"width": 2}},
        hovertemplate="%{y}<br>上年同期 %{x:.1f}%<extra></extra>"))
    top = max(rows["share"].max(), rows["share_ly"].max())
    fig.update_xaxes(title="外向度（%）；竖线为上年同期", range=[0, top * 1.2])
    return legend_layout(fig, 460)


# Where the incubators are to be set up (三(六)3), as (lon, lat); 广东 drawn at Guangzhou.
PLACES = {"香港": (114.17, 22.32), "广东": (113.26, 23.13), "上海": (121.47, 31.23),
          "北京": (116.40, 39.90)}
CHANGSHA = (112.98, 28.20)


def incubator_map(geo_name: str, rows: pd.DataFrame) -> go.Figure:
    """Hunan's city outlines (the static drawing of the bundled boundary file `geo_name`, fetched
    once by the browser: a new month sends the four places, not the geometry) and the incubator
    places (by milestone status), linked to Changsha: plain axes in degrees, no tiles or web map,
    so it draws offline."""
    fig = go.Figure()
    west, south, east, north = outline_bounds(geojson(geo_name))
    fig.add_layout_image(source=asset_url(geo_name, "svg"), xref="x", yref="y", x=west, y=north,
                         sizex=east - west, sizey=north - south, sizing="stretch",
                         xanchor="left", yanchor="top", layer="below")
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
    return legend_layout(fig, 420)
