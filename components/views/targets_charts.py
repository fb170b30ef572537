"""Chart builders for 目标达成 (/targets): pure functions returning plotly figures."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from components.ui.charts import plain_layout
from components.ui.theme import (
    BAD,
    BLUE,
    CONNECTOR,
    GOOD,
    INK,
    NEUTRAL_TEXT,
    PALE,
    PATH,
    PROJECTED,
    STATUS_COLORS,
)
from hnparks.core.bounded import CHART_ROWS
from hnparks.core.formats import fmt, fmt_pct, pct_labels
from hnparks.core.metrics import STATUS_LABELS


def _layout(fig: go.Figure, height: int, **kwargs) -> go.Figure:
    return plain_layout(fig, height, clickmode="event+select", **kwargs)


def city_completion_bar(cities: pd.DataFrame, selected: str | None = None) -> go.Figure:
    """Cities' completion of their allocated target (%), coloured by the store's light, with
    each city's own 序时进度 (its seasonal share due by now) as a tick on its bar."""
    rows = cities.sort_values("completion")
    colors = [STATUS_COLORS[light] for light in rows["light"]]
    widths = [3 if c == selected else 0 for c in rows["city_code"]]
    fig = go.Figure(go.Bar(
        x=rows["completion"] * 100, y=rows["city_short"], orientation="h", name="完成率",
        marker={"color": colors, "line": {"color": INK, "width": widths}},
        customdata=list(zip(rows["city_code"], rows["revenue_ytd"], rows["target"],
                            rows["target_share"] * 100, rows["yoy"] * 100,
                            [STATUS_LABELS[x] for x in rows["light"]], rows["elapsed"] * 100,
                            strict=True)),
        # One more decimal where two cities of different lights would read alike.
        text=pct_labels(rows["completion"], 1, rows["light"]), textposition="outside",
        hovertemplate=("<b>%{y}</b><br>完成率 %{x:.1f}%（%{customdata[5]}）<br>"
                       "序时进度 %{customdata[6]:.1f}%<br>"
                       "累计 %{customdata[1]:,.1f}亿元 / 分解目标 %{customdata[2]:,.0f}亿元"
                       "<br>目标占全省 %{customdata[3]:.1f}%<br>同比 %{customdata[4]:+.1f}%"
                       "<extra></extra>"),
    ))
    fig.add_trace(go.Scatter(
        x=rows["elapsed"] * 100, y=rows["city_short"], mode="markers", name="序时进度",
        marker={"symbol": "line-ns-open", "size": 16, "color": INK, "line": {"width": 2}},
        hoverinfo="skip"))
    top = max(rows["elapsed"].max(), rows["completion"].max()) * 100
    fig.update_xaxes(title="完成率（%）；竖线为该市州序时进度（按上年季节性）",
                     range=[0, top * 1.15])
    return _layout(fig, 440, showlegend=False)


def park_ranking_bar(parks: pd.DataFrame, top: int = 15, highlight: str | None = None) -> go.Figure:
    """Top parks by 技工贸总收入 (亿元), coloured by light against the reference target.

    A highlighted park is outlined, and kept in the chart even when it ranks below `top`.
    """
    rows = parks.head(top)
    if highlight and highlight not in set(rows["park_id"]):
        rows = pd.concat([rows, parks[parks["park_id"] == highlight]])
    rows = rows.iloc[::-1]
    labels = [f"第{r}名 {n}" for r, n in zip(rows["rank"], rows["park_name"], strict=True)]
    fig = go.Figure(go.Bar(
        x=rows["revenue_ytd"], y=labels, orientation="h",
        marker={"color": [STATUS_COLORS[light] for light in rows["light"]],
                "line": {"color": INK,
                         "width": [3 if p == highlight else 0 for p in rows["park_id"]]}},
        customdata=list(zip(rows["park_id"], rows["share"] * 100, rows["yoy"] * 100,
                            rows["completion"] * 100, rows["target"], strict=True)),
        text=[f"{fmt(v, '亿元', 0)}  同比{fmt_pct(y, signed=True)}" if not math.isnan(y) else fmt(v, "亿元", 0)
              for v, y in zip(rows["revenue_ytd"], rows["yoy"], strict=True)],
        textposition="outside",
        hovertemplate=("<b>%{y}</b><br>累计 %{x:,.1f}亿元（占范围 %{customdata[1]:.1f}%）"
                       "<br>同比 %{customdata[2]:+.1f}%<br>参考目标 %{customdata[4]:,.0f}亿元，"
                       "完成 %{customdata[3]:.1f}%<extra></extra>"),
    ))
    fig.update_xaxes(title="技工贸总收入（亿元，1月至报告期末累计）",
                     range=[0, rows["revenue_ytd"].max() * 1.35])
    return _layout(fig, max(260, 28 * len(rows) + 80), showlegend=False)


def revenue_trend_chart(trend: pd.DataFrame, year: int, unit: str = "亿元") -> go.Figure:
    """Cumulative 技工贸总收入 by month: this year to the report period, last year, target path."""
    months = [f"{m}月" for m in trend["month"]]
    fig = go.Figure()
    fig.add_scatter(x=months, y=trend["target_path"], name="目标路径（按上年季节性分摊）",
                    mode="lines", line={"color": PALE, "dash": "dash", "width": 2})
    fig.add_scatter(x=months, y=trend["last_year"], name=f"{year - 1}年", mode="lines+markers",
                    line={"color": PATH, "width": 2})
    fig.add_scatter(x=months, y=trend["this_year"], name=f"{year}年", mode="lines+markers",
                    line={"color": BLUE, "width": 3})
    fig.update_traces(hovertemplate=f"%{{y:,.1f}}{unit}")
    fig.update_yaxes(title=f"累计（{unit}）", rangemode="tozero", tickformat=",.0f")
    return _layout(fig, 360, hovermode="x unified",
                   legend={"orientation": "h", "y": 1.12, "x": 0})


def gap_waterfall(gaps: pd.DataFrame, total: float, total_label: str = "全省") -> go.Figure:
    """Each unit's contribution to the 序时 gap (亿元), adding up to the total (top down)."""
    values = [*gaps["gap"], total]
    fig = go.Figure(go.Waterfall(
        y=[*gaps["name"], total_label], x=values, orientation="h",
        measure=["relative"] * len(gaps) + ["total"],
        text=[_amount(v, values) for v in values], textposition="outside", cliponaxis=False,
        increasing={"marker": {"color": BAD}}, decreasing={"marker": {"color": GOOD}},
        totals={"marker": {"color": NEUTRAL_TEXT}}, connector={"line": {"color": CONNECTOR}},
        hovertemplate="%{y}：%{x:,.1f}亿元<extra></extra>",
    ))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title="序时差距（亿元；红色为落后，绿色为超前）", tickformat=",.0f")
    return _layout(fig, max(300, 26 * len(values) + 90), showlegend=False)


def _amount(value: float, values: list[float]) -> str:
    """An amount label, with one decimal when every value is small."""
    small = max((abs(v) for v in values if not math.isnan(v)), default=0) < 20
    return fmt(value, "", 1 if small else 0)


def gap_change_bar(change: pd.DataFrame) -> go.Figure:
    """Change of each city's 序时 gap since last month (亿元): red widened, green closed."""
    rows = change.dropna(subset=["change"]).sort_values("change")
    fig = go.Figure(go.Bar(
        x=rows["change"], y=rows["name"], orientation="h",
        marker={"color": [BAD if v > 0 else GOOD for v in rows["change"]]},
        customdata=list(zip(rows["key"], rows["gap_prev"], rows["gap"], strict=True)),
        text=[("+" if v > 0 else "") + _amount(v, list(rows["change"])) for v in rows["change"]],
        textposition="outside", cliponaxis=False,
        hovertemplate=("<b>%{y}</b><br>上月差距 %{customdata[1]:,.1f}亿元 → 本月 "
                       "%{customdata[2]:,.1f}亿元<extra></extra>"),
    ))
    lo, hi = min(rows["change"].min(), 0), max(rows["change"].max(), 0)
    pad = (hi - lo) * 0.15 or 1
    fig.update_xaxes(title="较上月变化（亿元；正数为扩大，负数为缩小）", tickformat=",.0f",
                     range=[lo - pad if lo < 0 else 0, hi + pad if hi > 0 else 0])
    return _layout(fig, max(300, 26 * len(rows) + 90), showlegend=False)


def tax_per_mu_boxes_note(parks: pd.DataFrame) -> str:
    """What the strip shows instead of dots when it draws boxes (`tax_per_mu_strip`), or ''."""
    count = int(parks["projection"].notna().sum())
    if count <= CHART_ROWS:
        return ""
    return f"园区较多（{count}家），每个市州以箱线表示其园区的分布；最高、最低的园区见下表。"


def tax_per_mu_strip(parks: pd.DataFrame, target: float, cities: pd.DataFrame | None = None,
                     highlight: str | None = None) -> go.Figure:
    """Each park's projected full-year 亩均税收 (万元/亩) by city, city averages, target line."""
    rows = parks.dropna(subset=["projection"])
    if len(rows) > CHART_ROWS:  # national scale: a box per city instead of thousands of dots
        return tax_per_mu_boxes(rows, target, cities, highlight)
    colors = [STATUS_COLORS["green"] if v >= target else STATUS_COLORS["red"]
              for v in rows["projection"]]
    order = rows.groupby("city_short")["projection"].median().sort_values().index.tolist()
    fig = go.Figure(go.Scatter(
        x=rows["projection"], y=rows["city_short"], mode="markers", name="园区",
        marker={"color": colors, "size": [18 if p == highlight else 10 for p in rows["park_id"]],
                "opacity": 0.85,
                "line": {"color": [INK if p == highlight else "white"
                                   for p in rows["park_id"]],
                         "width": [3 if p == highlight else 1 for p in rows["park_id"]]}},
        customdata=list(zip(rows["park_id"], rows["park_name"], rows["tax_per_mu"], strict=True)),
        hovertemplate=("<b>%{customdata[1]}</b><br>预计全年 %{x:.2f}万元/亩<br>"
                       "1月至报告期末 %{customdata[2]:.2f}万元/亩<extra></extra>"),
    ))
    if cities is not None:
        shown = cities[cities["city_short"].isin(order)].dropna(subset=["projection"])
        fig.add_scatter(x=shown["projection"], y=shown["city_short"], mode="markers",
                        name="市州整体", marker={"symbol": "diamond", "size": 13,
                                             "color": INK},
                        hovertemplate="%{y}整体：预计全年 %{x:.2f}万元/亩<extra></extra>")
    fig.add_vline(x=target, line_dash="dash", line_color=NEUTRAL_TEXT,
                  annotation_text=f"目标 {target:g}万元/亩", annotation_position="top")
    fig.update_yaxes(categoryorder="array", categoryarray=order)
    fig.update_xaxes(title="亩均税收（万元/亩，按上年季节性预计全年）")
    return _layout(fig, max(280, 30 * len(order) + 110), showlegend=cities is not None,
                   legend={"orientation": "h", "y": -0.18, "x": 0})


def tax_per_mu_boxes(rows: pd.DataFrame, target: float, cities: pd.DataFrame | None = None,
                     highlight: str | None = None) -> go.Figure:
    """The strip's figures when it would have more than CHART_ROWS dots: per city one box of its
    parks' projected full-year 亩均税收 (quartiles, lowest to highest), the city averages, the
    target line and the park in context as a dot."""
    by_city = rows.groupby("city_short")["projection"]
    stats = pd.DataFrame({"q1": by_city.quantile(0.25), "median": by_city.median(),
                          "q3": by_city.quantile(0.75), "low": by_city.min(),
                          "high": by_city.max(), "parks": by_city.size(),
                          "behind": by_city.agg(lambda v: int((v < target).sum()))})
    stats = stats.sort_values("median")
    order = stats.index.tolist()
    fig = go.Figure(go.Box(
        y=order, q1=stats["q1"], median=stats["median"], q3=stats["q3"],
        lowerfence=stats["low"], upperfence=stats["high"], orientation="h", name="园区分布",
        marker={"color": BLUE}, fillcolor=PALE, line={"color": BLUE}, hoverinfo="x+y"))
    if cities is not None:
        shown = cities[cities["city_short"].isin(order)].dropna(subset=["projection"])
        fig.add_scatter(x=shown["projection"], y=shown["city_short"], mode="markers",
                        name="市州整体", marker={"symbol": "diamond", "size": 13, "color": INK},
                        hovertemplate="%{y}整体：预计全年 %{x:.2f}万元/亩<extra></extra>")
    park = rows[rows["park_id"] == highlight]
    if len(park):
        fig.add_scatter(x=park["projection"], y=park["city_short"], mode="markers", name="本园区",
                        marker={"size": 16, "color": STATUS_COLORS["green"]
                                if park["projection"].iloc[0] >= target else STATUS_COLORS["red"],
                                "line": {"color": INK, "width": 3}},
                        customdata=list(zip(park["park_id"], park["park_name"], strict=True)),
                        hovertemplate="<b>%{customdata[1]}</b><br>预计全年 %{x:.2f}万元/亩"
                                      "<extra></extra>")
    fig.add_vline(x=target, line_dash="dash", line_color=NEUTRAL_TEXT,
                  annotation_text=f"目标 {target:g}万元/亩", annotation_position="top")
    fig.update_yaxes(categoryorder="array", categoryarray=order, tickvals=order,
                     ticktext=[f"{c}（{n}家，{b}家未达）" for c, n, b in
                               zip(order, stats["parks"], stats["behind"], strict=True)])
    fig.update_xaxes(title="亩均税收（万元/亩，按上年季节性预计全年；箱为中间一半园区，须为最低至最高）")
    return _layout(fig, max(280, 30 * len(order) + 110), showlegend=True,
                   legend={"orientation": "h", "y": -0.18, "x": 0})


def specialty_bar(rows: pd.DataFrame, threshold: float, top: int = 20) -> go.Figure:
    """Specialty parks' projected full-year output (亿元) with year-to-date and the 100亿 line."""
    rows = rows.head(top).iloc[::-1]
    fig = go.Figure()
    fig.add_bar(x=rows["projection"], y=rows["specialty_name"], orientation="h",
                name="预计全年", marker={"color": PROJECTED},
                customdata=rows[["park_id"]].to_numpy(),
                hovertemplate="%{y}<br>预计全年 %{x:,.1f}亿元<extra></extra>")
    fig.add_bar(x=rows["output_ytd"], y=rows["specialty_name"], orientation="h",
                name="1月至报告期末累计", marker={"color": BLUE},
                customdata=rows[["park_id"]].to_numpy(),
                hovertemplate="%{y}<br>累计 %{x:,.1f}亿元<extra></extra>")
    fig.add_vline(x=threshold, line_dash="dash", line_color=NEUTRAL_TEXT,
                  annotation_text=f"{threshold:g}亿元", annotation_position="top")
    fig.update_xaxes(title="主导产业产值（亿元）")
    return _layout(fig, max(260, 26 * len(rows) + 100), barmode="overlay",
                   legend={"orientation": "h", "y": -0.15, "x": 0})
