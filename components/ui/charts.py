"""The frame every plotly chart of the dashboard shares: the theme's font, a white plot, a light
grid, no zero line, no dragging. Chart builders pass what differs (margins, legend, height)."""

from __future__ import annotations

import plotly.graph_objects as go

from components.ui.theme import CHART_FONT, GRID


def plain_layout(fig: go.Figure, height: int, **kwargs) -> go.Figure:
    """`fig` in the dashboard's frame, `height` pixels tall; `kwargs` add to or override the
    layout (margin, legend, barmode, …)."""
    settings = {"margin": {"l": 10, "r": 20, "t": 30, "b": 10}, "font": CHART_FONT,
                "plot_bgcolor": "white", "dragmode": False} | kwargs
    fig.update_layout(height=height, **settings)
    fig.update_xaxes(gridcolor=GRID, zeroline=False)
    fig.update_yaxes(gridcolor=GRID, zeroline=False)
    return fig


def legend_layout(fig: go.Figure, height: int, **kwargs) -> go.Figure:
    """`plain_layout` with the legend in a row above the plot (room made for it) and bar labels
    that do not fit left out."""
    return plain_layout(fig, height, margin={"l": 10, "r": 20, "t": 40, "b": 10},
                        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0},
                        uniformtext={"minsize": 11, "mode": "hide"}, **kwargs)
