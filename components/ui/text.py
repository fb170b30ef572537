"""Text from data shown inert: one escaping helper for Markdown, one for HTML-ish chart text.

Why: Streamlit renders Markdown in st.markdown, captions, alerts, titles, metric labels, page
links and tooltips. A park name, task update or URL parameter holding `![x](http://…)`,
`[点我](javascript:…)` or `:red[…]` would otherwise become an image fetched from that host, a
live link or styled text. Every data value interpolated into such a string goes through
`md_escape`; URL parameters echoed back go through `url_text` (escaped and cut short).
"""

from __future__ import annotations

import html
import re

from hnparks.core.text import one_line

# Characters that start Markdown or Streamlit syntax anywhere in a line: emphasis, code, links
# and images ([ ]), HTML (< >), headings, tables, strikethrough, :colour[…] / :material/…: /
# :emoji: directives and $maths$. Other punctuation (. % ( ) + -) stays as typed, except list
# markers at the start (below).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~:$])")
_LIST_START = re.compile(r"^(\s*)(\d{0,9})([-+.)])(?=\s|$)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
# GFM turns http://…, www.… and a@b.c into links *after* escapes are resolved, so backslashes
# can't stop it; an invisible word joiner (U+2060) inside the pattern does.
_AUTOLINK = re.compile(r"(?i)(?<=:)(?=//)|(?<=www)(?=\.)|(?=@)")


def md_escape(text: object) -> str:
    """Text shown literally in st.markdown and friends (no emphasis, links, images or HTML);
    line breaks and control characters become spaces so it can't start a new block."""
    text = _AUTOLINK.sub("\u2060", _CONTROL.sub(" ", str(text)))
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _LIST_START.sub(r"\1\2\\\3", text)  # "- x", "+ x", "1. x" would start a list


def url_text(value: object, limit: int = 40) -> str:
    """A URL parameter echoed in a message: one line, at most `limit` characters, escaped."""
    return md_escape(one_line(value, limit))


def html_text(text: object) -> str:
    """Data text for HTML contexts (plotly labels and hovers, deck.gl tooltips, HTML export)."""
    return html.escape(str(text), quote=True)


# Plotly draws a few HTML tags in labels, hovers and titles, links included (<a href=…>). The
# app's own figures use <br> for line breaks and hovertemplate markup; every other "<" in a
# figure is data and is escaped (plotly shows "&lt;" as "<").
_PLOTLY_TAG = re.compile(r"<(?!br\s*/?>)", re.I)
_PLOTLY_OWN = {"hovertemplate", "texttemplate", "template"}


def _inert(value: object) -> object:
    if isinstance(value, str):
        return _PLOTLY_TAG.sub("&lt;", value)
    if isinstance(value, dict):
        return {k: v if k in _PLOTLY_OWN else _inert(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_inert(v) for v in value]
    if getattr(getattr(value, "dtype", None), "kind", "") in ("O", "U"):  # numpy text arrays
        return [_inert(v) for v in value]
    return value


# Trace types plotly colours by a colour scale (the template's, unless the trace sets its own).
_SCALED = {"heatmap", "contour", "histogram2d", "histogram2dcontour", "choropleth",
           "choroplethmap", "choroplethmapbox", "densitymap", "densitymapbox", "surface", "mesh3d",
           "cone", "streamtube", "volume", "isosurface"}


def _numbers(values: object) -> bool:
    kind = getattr(getattr(values, "dtype", None), "kind", "")
    if kind:
        return kind in "iuf"
    return isinstance(values, list | tuple) and any(
        isinstance(v, int | float) and not isinstance(v, bool) for v in values)


def _takes_template_scale(trace: dict) -> bool:
    """Whether plotly may colour `trace` by the template's colour scale: a scaled trace type, or
    markers or lines coloured by numbers, without a scale of its own; or a shared colour axis."""
    if trace.get("coloraxis") or (trace.get("marker") or {}).get("coloraxis"):
        return True
    if trace.get("type") in _SCALED:
        return "colorscale" not in trace
    marker = trace.get("marker") or {}
    for part in (marker, marker.get("line") or {}, trace.get("line") or {}):
        colours = part.get("color", part.get("colors"))
        if _numbers(colours) and "colorscale" not in part:
            return True
    return False


def _used_template(spec: dict) -> dict:
    """`spec` with its template's defaults kept only where they can change it: the per-trace
    defaults of the trace types it draws (Streamlit's template holds them for 13 types, about 2.5
    KB sent with every chart and every change of it), and the colour scales and colour axis
    (about 1.4 KB) only if a trace may be coloured by them (`_takes_template_scale`)."""
    template = spec.get("layout", {}).get("template")
    if isinstance(template, dict) and isinstance(template.get("data"), dict):
        traces = spec.get("data", [])
        drawn = {trace.get("type", "scatter") for trace in traces}
        template["data"] = {kind: v for kind, v in template["data"].items() if kind in drawn}
        layout = template.get("layout")
        if (isinstance(layout, dict) and "coloraxis" not in spec["layout"]
                and not any(_takes_template_scale(trace) for trace in traces)):
            layout.pop("colorscale", None)
            layout.pop("coloraxis", None)
    return spec


def inert_figure(fig):  # noqa: ANN001, ANN201 — a plotly Figure in, a plotly Figure out
    """The figure with data text unable to become a link or markup in plotly's labels.
    A figure already made inert (the shared, cached ones) is returned as it is."""
    import plotly.graph_objects as go

    if getattr(fig, "_inert", False):
        return fig
    out = go.Figure(_inert(_used_template(fig.to_dict())))
    out._inert = True  # plotly allows private attributes on a figure
    return out
