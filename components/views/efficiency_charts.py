"""Chart builders for 亩均效益与用地: pure functions returning plotly figures."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.ui.charts import legend_layout
from components.ui.theme import (
    BLUE,
    REMAINING,
    TIER_COLORS,
)
from hnparks.views.efficiency import TIER_NAMES, TIERS


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
    return legend_layout(fig, 460, barmode="stack")


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
    return legend_layout(fig, 460, barmode="stack")
