"""Chart builders for 生态环境整治: pure functions returning plotly figures (no Streamlit calls)."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from components.ui.theme import CHART_FONT, INK, NAVY, RAMP_LOW, REMEDYING, STATUS_COLORS
from hnparks.core.formats import fmt_pct, pct_places
from hnparks.core.periods import month_of
from hnparks.views.environment import (
    ALL_DUTIES,
    ALL_DUTIES_LABEL,
    DUTIES,
    IN_PROGRESS,
    OVERDUE,
    PROBLEM_STATUSES,
    RECTIFIED,
)

STATUS_PALETTE = {RECTIFIED: STATUS_COLORS["green"], IN_PROGRESS: REMEDYING,
                  OVERDUE: STATUS_COLORS["red"]}
TARGET_LINE = INK
# Heatmap codes: 0-3 the status lights (discrete), 4-5 a neutral blue ramp for a share that
# is not judged against a target of its own.
LIGHT_CODES = {"red": 0, "amber": 1, "green": 2, "grey": 3}
LIGHT_SCALE = [[0.0, STATUS_COLORS["red"]], [0.2, STATUS_COLORS["red"]],
               [0.2, STATUS_COLORS["amber"]], [0.4, STATUS_COLORS["amber"]],
               [0.4, STATUS_COLORS["green"]], [0.6, STATUS_COLORS["green"]],
               [0.6, STATUS_COLORS["grey"]], [0.79, STATUS_COLORS["grey"]],
               [0.8, RAMP_LOW], [1.0, NAVY]]


def _layout(fig: go.Figure, height: int, **kwargs) -> go.Figure:
    settings = {"margin": {"l": 10, "r": 10, "t": 36, "b": 10},
                "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0}}
    fig.update_layout(height=height, font=CHART_FONT, **{**settings, **kwargs})
    return fig


def _integer_ticks(top: float) -> dict:
    """Whole-number ticks for small counts (no '0.5 个')."""
    return {"dtick": 1, "tick0": 0} if top and top <= 8 else {"tickformat": ",d"}


def coverage_heatmap(table: pd.DataFrame, selected: str | None = None,
                     lights: pd.DataFrame | None = None) -> go.Figure:
    """Cities × duties coverage (%), lowest 三项均已实现 at the top; the selected city marked.

    `table` is `hnparks.views.environment.coverage_by_city`; each cell carries its city's park
    count (customdata) for the hover, nothing else: a click on it selects nothing (streamlit#8760).
    `lights` is `hnparks.views.environment.duty_lights` (missing: 无数据 grey).
    """
    columns = [*DUTIES, ALL_DUTIES]
    labels = [*DUTIES.values(), ALL_DUTIES_LABEL]
    rows = table.sort_values([ALL_DUTIES, "city_code"], ascending=[False, True])
    names = [f"▶ {n}" if c == selected else n for c, n in zip(rows["city_code"], rows["city_short"],
                                                              strict=True)]
    z = rows[columns].to_numpy(dtype=float)
    # Each duty's cell takes the status engine's light (not a shade of its rounded value);
    # 三项均已实现 is no target of its own, so it keeps a neutral blue scale. One more decimal
    # where cells of different lights would otherwise read alike.
    light = (pd.DataFrame(index=rows["city_code"], columns=list(DUTIES)) if lights is None
             else lights.reindex(rows["city_code"])).fillna("grey")
    places = pct_places([v for c in columns for v in rows[c]], 0,
                        [x for c in DUTIES for x in light[c]] + [None] * len(rows))
    text = [[f"{v * 100:.{places}f}%" if not math.isnan(v) else "—" for v in line] for line in z]
    codes = [[LIGHT_CODES[light[c].iloc[i]] for c in DUTIES] + [4 + min(z[i][-1], 1)]
             for i in range(len(rows))]
    custom = [[int(n or 0)] * len(columns) for n in rows["parks"].fillna(0)]
    fig = go.Figure(go.Heatmap(
        z=codes, x=labels, y=names, text=text, texttemplate="%{text}", customdata=custom,
        zmin=0, zmax=5, colorscale=LIGHT_SCALE, showscale=False, xgap=2, ygap=2,
        hovertemplate="%{y} · %{x}<br>覆盖率 %{text}（园区 %{customdata} 家）<extra></extra>",
        textfont={"size": 13}))
    fig.update_xaxes(side="top", tickfont={"size": 13})
    fig.update_yaxes(tickfont={"size": 13})
    return _layout(fig, height=60 + 30 * len(rows), margin={"l": 10, "r": 10, "t": 40, "b": 10})


def problem_trend_chart(trend: pd.DataFrame) -> go.Figure:
    """Month-end counts of problems by status (stacked), January to the report period."""
    months = [f"{month_of(p)}月" for p in trend["period"]]
    fig = go.Figure()
    for status in PROBLEM_STATUSES:
        fig.add_bar(x=months, y=trend[status], name=status,
                    marker_color=STATUS_PALETTE[status],
                    hovertemplate=f"%{{x}}末 · {status}：%{{y}} 个<extra></extra>")
    rate = [r / t * 100 if t else math.nan for r, t in zip(trend[RECTIFIED], trend["total"],
                                                           strict=True)]
    fig.add_scatter(x=months, y=rate, name="整改完成率（右轴）", yaxis="y2", mode="lines+markers",
                    line={"color": TARGET_LINE, "width": 2},
                    hovertemplate="%{x}末 · 整改完成率 %{y:.1f}%<extra></extra>")
    fig.update_xaxes(tickangle=0)
    fig.update_yaxes(title_text="问题数（个）", rangemode="tozero",
                     **_integer_ticks(trend["total"].max()))
    return _layout(fig, height=380, barmode="stack",
                   legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0,
                           "entrywidth": 0, "font": {"size": 12}},
                   yaxis2={"overlaying": "y", "side": "right", "range": [0, 105],
                           "tickvals": [0, 25, 50, 75, 100],
                           "ticktext": ["0%", "25%", "50%", "75%", "100%"],
                           "title": {"text": "整改完成率"}, "showgrid": False})


def problems_by_area_chart(table: pd.DataFrame, limit: int = 15) -> go.Figure:
    """Horizontal stacked bars: problems by status for each city (or park), most overdue on top.

    `table` is `hnparks.views.environment.problems_by_area`; bars carry the code as customdata.
    """
    rows = table.head(limit).iloc[::-1]
    fig = go.Figure()
    for status in PROBLEM_STATUSES:
        fig.add_bar(y=rows["name"], x=rows[status], name=status, orientation="h",
                    marker_color=STATUS_PALETTE[status], customdata=rows["code"],
                    hovertemplate=f"%{{y}} · {status}：%{{x}} 个<extra></extra>")
    fig.update_xaxes(title_text="问题数（个）", **_integer_ticks(rows["total"].max()))
    return _layout(fig, height=110 + 28 * len(rows), barmode="stack")


def circular_chart(levels: pd.DataFrame, targets: dict[str, float]) -> go.Figure:
    """Share of parks implementing circular transformation per level, each against its target.

    `levels` is `hnparks.views.environment.circular_by_level`; `targets` maps level → target (%).
    Each level is compared only with its own target (国家级 75%, 省级 50%).
    """
    rows = levels[levels["parks"] > 0].iloc[::-1]
    names = [f"{lvl}园区<br>{i}/{p}家" for lvl, i, p in
             zip(rows["level"], rows["implementing"], rows["parks"], strict=True)]
    share = [s * 100 if p else 0 for s, p in zip(rows["share"], rows["parks"], strict=True)]
    text = [fmt_pct(s) if p else "本范围无此级别园区"
            for s, p in zip(rows["share"], rows["parks"], strict=True)]
    colors = [STATUS_COLORS["green"] if p and s * 100 >= targets.get(lvl, math.inf)
              else REMEDYING for s, p, lvl in zip(rows["share"], rows["parks"], rows["level"],
                                                  strict=True)]
    fig = go.Figure(go.Bar(y=names, x=share, orientation="h", text=text, textposition="inside",
                           insidetextanchor="start", marker_color=colors, name="实施比例",
                           textfont={"color": "white", "size": 14},
                           hovertemplate="%{y}：%{text}<extra></extra>"))
    target_x = [targets.get(lvl, math.nan) for lvl in rows["level"]]
    fig.add_scatter(y=names, x=target_x, mode="markers+text", name="目标",
                    marker={"symbol": "line-ns", "size": 40,
                            "line": {"width": 3, "color": TARGET_LINE}},
                    text=[f" 目标{t:.0f}%" for t in target_x], textposition="middle right",
                    textfont={"size": 13, "color": TARGET_LINE},
                    hovertemplate="目标 %{x:.0f}%<extra></extra>")
    fig.update_xaxes(range=[0, 106], tickvals=[0, 25, 50, 75, 100], ticksuffix="%", title_text="实施循环化改造的园区占比（%）")
    return _layout(fig, height=130 + 60 * len(rows), showlegend=False, bargap=0.35,
                   margin={"l": 10, "r": 10, "t": 20, "b": 10})
