"""Chart builders for briefing slides: pure functions, one plotly figure per slide, big type."""

from __future__ import annotations

import plotly.graph_objects as go

from components.ui.theme import (
    BAD,
    DARK_TEXT,
    FONT_STACK,
    GOOD,
    INK,
    LIGHT_BLUE,
    NAVY,
    RED,
    SLIDE_GRID,
    STATUS_COLORS,
    TASK_COLORS,
)
from hnparks.core.formats import fmt, fmt_pct, pct_labels
from hnparks.core.status import NO_TARGET
from hnparks.views.present import Slide


def _layout(fig: go.Figure, height: int, font_size: int) -> go.Figure:
    fig.update_layout(height=height, margin={"l": 20, "r": 40, "t": 40, "b": 20},
                      font={"family": FONT_STACK, "size": font_size}, paper_bgcolor="white",
                      plot_bgcolor="white", showlegend=False)
    fig.update_xaxes(automargin=True, gridcolor=SLIDE_GRID)
    fig.update_yaxes(automargin=True, gridcolor=SLIDE_GRID)
    return fig


def _targets(slide: Slide) -> go.Figure:
    t = slide.table
    fig = go.Figure(go.Bar(
        y=t["指标"], x=t["完成率"] * 100, orientation="h",
        marker_color=[STATUS_COLORS[light] for light in t["状态"]],
        # A target the document sets for the province only reads 不分解, not a blank.
        text=[NO_TARGET if target != target else label for target, label
              in zip(t["目标"], pct_labels(t["完成率"], 1, t["状态"]), strict=True)],
        textposition="outside"))
    for i, elapsed in enumerate(t["序时进度"]):
        fig.add_shape(type="line", x0=elapsed * 100, x1=elapsed * 100, y0=i - 0.45, y1=i + 0.45,
                      line={"color": DARK_TEXT, "width": 4, "dash": "dot"})
    fig.update_xaxes(title="完成率（%）；虚线为序时进度", range=[0, 115])
    fig.update_yaxes(autorange="reversed")
    return fig


def _cities(slide: Slide) -> go.Figure:
    t = slide.table
    fig = go.Figure(go.Bar(
        x=t["name"], y=t["completion"] * 100,
        marker_color=[STATUS_COLORS[light] for light in t["light"]],
        # One more decimal where two cities would read alike in different colours.
        text=pct_labels(t["completion"], 1, t["light"]), textposition="outside"))
    fig.update_yaxes(title="完成率（%）", range=[0, max(110, float(t["completion"].max() * 110))])
    return fig


def _parks_yoy(slide: Slide) -> go.Figure:
    t = slide.table
    fig = go.Figure(go.Bar(
        y=t["name"], x=t["yoy"] * 100, orientation="h",
        marker_color=[BAD if v < 0 else GOOD for v in t["yoy"]],
        text=[fmt_pct(v, signed=True) for v in t["yoy"]], textposition="outside"))
    fig.update_xaxes(title="技工贸总收入同比（%）")
    fig.update_yaxes(autorange="reversed")
    return fig


def _clusters(slide: Slide) -> go.Figure:
    t = slide.table.dropna(subset=["output"])
    colors = [NAVY if tier == "世界级产业集群" else LIGHT_BLUE for tier in t["tier"]]
    fig = go.Figure(go.Bar(
        x=t["cluster_name"], y=t["output"], marker_color=colors,
        text=[f"{fmt(v, '亿元', 0)}<br>{fmt_pct(g, signed=True)}" if g == g else fmt(v, "亿元", 0)
              for v, g in zip(t["output"], t["yoy"], strict=True)], textposition="outside"))
    fig.update_yaxes(title="产值（亿元，累计）；深色为世界级产业集群")
    return fig


def _environment(slide: Slide) -> go.Figure:
    t = slide.table
    fig = go.Figure(go.Bar(
        x=t["duty"], y=t["coverage"] * 100,
        marker_color=[STATUS_COLORS[light] for light in t["light"]],
        text=pct_labels(t["coverage"], 1, t["light"]), textposition="outside"))
    fig.add_trace(go.Scatter(x=t["duty"], y=t["expected"] * 100, mode="markers", name="序时进度",
                             marker={"symbol": "line-ew-open", "size": 48, "color": INK,
                                     "line": {"width": 3}}))
    fig.add_hline(y=100, line_dash="dot", line_color=RED,
                  annotation_text=f"{slide.year_end_label or '年底目标'} 100%")
    fig.update_yaxes(title="覆盖率（%）", range=[0, 115])
    return fig


def _assessments(slide: Slide) -> go.Figure:
    t = slide.table
    fig = go.Figure(go.Bar(
        y=t["item_name"], x=t["completion"] * 100, orientation="h", marker_color=NAVY,
        text=pct_labels(t["completion"], 1),
        textposition="outside"))
    fig.update_xaxes(title="完成率（%）", range=[0, 115])
    fig.update_yaxes(autorange="reversed")
    return fig


def _tasks(slide: Slide) -> go.Figure:
    t = slide.table.head(10)
    labels = list(t["name"])
    fig = go.Figure(go.Bar(
        y=labels, x=t["progress_pct"], orientation="h", name="完成进度",
        customdata=list(zip(t["text"], t["departments_text"], t["deadline_text"], strict=True)),
        hovertemplate="%{customdata[0]}<br>责任单位：%{customdata[1]}<br>"
                      "期限：%{customdata[2]}<extra></extra>",
        marker_color=[TASK_COLORS[s] for s in t["status"]],  # the ledger's status: 滞后 is red
        text=[fmt(p, "%（已逾期）" if o else "%", 0) for p, o
              in zip(t["progress_pct"], t["overdue"], strict=True)], textposition="outside"))
    fig.add_trace(go.Scatter(y=labels, x=t["elapsed"] * 100, mode="markers", name="序时进度",
                             marker={"symbol": "line-ns", "size": 28,
                                     "line": {"width": 4, "color": DARK_TEXT}}))
    shown = "" if len(slide.table) <= 10 else f"（显示最慢的10项，共{len(slide.table)}项）"
    # Room on the right for an overdue bar's "95%（已逾期）" label.
    fig.update_xaxes(title=f"完成进度（%）；竖线为序时进度{shown}",
                     range=[0, 135 if t["overdue"].any() else 115])
    fig.update_yaxes(autorange="reversed")
    return fig


BUILDERS = {"targets": _targets, "cities": _cities, "parks_yoy": _parks_yoy,
            "clusters": _clusters, "environment": _environment, "assessments": _assessments,
            "tasks": _tasks}


def slide_figure(slide: Slide, *, height: int = 520, font_size: int = 22) -> go.Figure:
    """The one chart of a slide, sized for a 1920×1080 screen."""
    return _layout(BUILDERS[slide.chart](slide), height, font_size)
