"""Chart builders for the task ledger: pure functions returning plotly figures."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.ui.data import shared_figure
from components.ui.theme import TASK_COLORS

_BARS = [("done", "已完成"), ("on_track", "推进中"), ("not_started", "未启动"), ("late", "滞后"),
         ("overdue", "逾期")]


@shared_figure
def scoreboard_chart(board: pd.DataFrame) -> go.Figure:
    """Horizontal stacked bars: each department's tasks split into done / on track / late."""
    board = board.iloc[::-1]  # plotly draws the first row at the bottom
    fig = go.Figure()
    for column, label in _BARS:
        fig.add_bar(
            y=board["department"], x=board[column], name=label, orientation="h",
            marker_color=TASK_COLORS[label],
            marker_pattern_shape="x" if label == "逾期" else "",  # red too, told apart
            hovertemplate="%{y}<br>" + label + "：%{x}项<extra></extra>",
        )
    fig.update_layout(
        barmode="stack", height=max(260, 28 * len(board) + 90),
        margin={"l": 10, "r": 10, "t": 30, "b": 30},
        legend={"orientation": "h", "y": 1.08, "x": 0, "traceorder": "normal"},
        xaxis={"title": "任务数（项）", "dtick": 1 if board["tasks"].max() <= 12 else 2},
        yaxis={"title": None},
        font={"size": 13},
    )
    return fig
