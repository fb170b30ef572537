"""A chart sends what it draws: the default template's per-trace defaults for trace types the
figure does not have are left out, and its colour scales when no trace can be coloured by them
(#27); nothing the figure shows changes."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import plotly.io as pio
import streamlit  # noqa: F401 — registers Streamlit's template, the default the app's figures get

from components.ui.text import inert_figure


def _figure() -> go.Figure:
    fig = go.Figure(go.Heatmap(z=[[0, 1], [1, 0]], x=["甲", "乙"], y=["一", "二"]))
    fig.add_scatter(x=["甲"], y=["一"], mode="markers", name="本园区")
    return fig


def test_a_chart_keeps_the_template_of_its_own_trace_types_only():
    assert pio.templates.default == "streamlit"
    fig = _figure()
    full = fig.layout.template.to_plotly_json()
    sent = inert_figure(fig).layout.template.to_plotly_json()
    assert len(full["data"]) > 2  # the default template styles many trace types
    assert set(sent["data"]) == {"heatmap", "scatter"}
    assert sent["data"]["heatmap"] == full["data"]["heatmap"]
    assert sent["data"]["scatter"] == full["data"]["scatter"]
    assert sent["layout"] == full["layout"]  # colours, fonts, colour scales: all kept


def test_the_figure_itself_is_unchanged_and_smaller():
    fig = _figure()
    sent = inert_figure(fig)
    assert [t.to_plotly_json() for t in sent.data] == [t.to_plotly_json() for t in fig.data]
    before, after = json.loads(fig.to_json()), json.loads(sent.to_json())
    before["layout"].pop("template"), after["layout"].pop("template")
    assert after == before
    assert len(sent.to_json()) < len(fig.to_json()) * 0.6


def test_the_template_colour_scales_go_only_with_a_trace_they_can_colour():
    full = go.Figure().layout.template.to_plotly_json()["layout"]
    assert {"colorscale", "coloraxis", "colorway"} <= set(full)

    def sent_layout(fig: go.Figure) -> dict:
        return inert_figure(fig).layout.template.to_plotly_json()["layout"]

    bars = go.Figure(go.Bar(x=["甲", "乙"], y=[1, 2], marker_color=["#2E7D32", "#C62828"]))
    own_scale = go.Figure(go.Heatmap(z=[[0, 1]], colorscale=[[0, "#fff"], [1, "#000"]]))
    for fig in (bars, own_scale):  # coloured by their own colours or scale: no template scale
        layout = sent_layout(fig)
        assert "colorscale" not in layout and "coloraxis" not in layout
        assert layout["colorway"] == full["colorway"]  # the default colours stay
    by_numbers = go.Figure(go.Scatter(x=[1, 2], y=[1, 2], mode="markers", marker_color=[3, 7]))
    treemap = go.Figure(go.Treemap(labels=["甲", "乙"], parents=["", "甲"], marker_colors=[1, 2]))
    for fig in (by_numbers, treemap, _figure()):  # coloured by the template's scale: kept
        layout = sent_layout(fig)
        assert layout["colorscale"] == full["colorscale"], fig.data[0].type
        assert layout["coloraxis"] == full["coloraxis"]
