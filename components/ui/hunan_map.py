"""Offline Hunan choropleth (cities) with optional park dots: the pure pydeck builder and its
legend line. (Drawing it on a page and its clicks: `components.ui.map_widget`.)"""

from __future__ import annotations

import hashlib
import json
import math
from typing import Any

import pandas as pd
import pydeck

from components.ui.map_asset import city_outline, served_boundaries
from components.ui.text import html_text
from components.ui.theme import (
    FONT_STACK,
    MAP_BLUES,
    MAP_HOVER,
    MAP_INK,
    MAP_INK_HOVER,
    MAP_NO_DATA,
    MAP_PARK,
    MAP_SOFT_WHITE,
    MAP_WHITE,
    TOOLTIP_BORDER,
    TOOLTIP_TEXT,
)
from hnparks.core.bounded import MAP_DOTS, first_rows, left_out_note
from hnparks.core.formats import fmt

CITY_LAYER = "cities"
PARK_LAYER = "parks"
LABEL_LAYER = "city-labels"
SELECTED_LAYER = "selected-city"
SELECTED_HALO_LAYER = "selected-city-halo"
NO_DATA = "暂无数据"
VIEW = {"longitude": 111.7, "latitude": 27.6, "zoom": 5.6, "pitch": 0, "bearing": 0}
# pydeck turns every string layer argument into an expression ("@@=…") unless it is quoted,
# hence "'pixels'" below.
# pydeck's own "no style given" marker. With map_provider=None it reaches the browser as-is and
# Streamlit then draws no basemap; a missing/None mapStyle would make Streamlit fetch Carto tiles.
NO_BASEMAP = "__MAP_STYLE__"

# The blues are interpolated linearly.
_BLUES = MAP_BLUES
_TOOLTIP = {
    "html": "<b>{tt_name}</b><br/>{tt_text}",
    "style": {
        "backgroundColor": "rgba(255,255,255,0.95)",
        "color": TOOLTIP_TEXT,
        "fontFamily": FONT_STACK,
        "fontSize": "13px",
        "border": f"1px solid {TOOLTIP_BORDER}",
        "borderRadius": "4px",
        "padding": "6px 8px",
    },
}


def short_city_name(name: str) -> str:
    """'长沙市' -> '长沙', '湘西土家族苗族自治州' -> '湘西州'."""
    if name.endswith("自治州"):
        return name[:2] + "州"
    if name.endswith(("市", "州", "地区")) and len(name) > 2:
        return name[:-2] if name.endswith("地区") else name[:-1]
    return name


def _is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _as_float(value: Any) -> float | None:
    """A plain float, or None for NaN/None/unparseable (JSON has no NaN)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) or math.isinf(number) else number


def _format(value: float | None, unit: str, digits: int) -> str:
    return NO_DATA if value is None else fmt(value, f" {unit}" if unit else "", digits)


def _blue(t: float) -> list[int]:
    """Colour at position t in [0, 1] on the light-to-dark blue scale (RGBA)."""
    t = min(max(t, 0.0), 1.0) * (len(_BLUES) - 1)
    i = min(int(t), len(_BLUES) - 2)
    f = t - i
    a, b = _BLUES[i], _BLUES[i + 1]
    return [round(a[k] + (b[k] - a[k]) * f) for k in range(3)] + [235]


def _city_value_map(city_values: pd.DataFrame) -> dict[str, float | None]:
    if city_values is None or city_values.empty:
        return {}
    out: dict[str, float | None] = {}
    for code, value in zip(city_values["city_code"], city_values["value"], strict=True):
        out.setdefault(str(code), _as_float(value))
    return out


def _label_point(feature: dict[str, Any]) -> list[float]:
    props = feature.get("properties", {})
    if "label_lon" in props and "label_lat" in props:
        return [float(props["label_lon"]), float(props["label_lat"])]
    xs: list[float] = []
    ys: list[float] = []

    def walk(coords: Any) -> None:
        if coords and isinstance(coords[0], (int, float)):
            xs.append(coords[0])
            ys.append(coords[1])
        else:
            for c in coords:
                walk(c)

    walk(feature["geometry"]["coordinates"])
    return [(min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2]


def _by_city(values: dict[str, Any], default: Any) -> str:
    """A deck.gl accessor expression: the value for the feature's city_code, else `default`.
    (Evaluated per feature in the browser; the codes are digits, so nothing needs quoting.)"""
    expr = json.dumps(default, separators=(",", ":"))
    for code, value in reversed(list(values.items())):
        if not str(code).isdigit():
            continue
        expr = (f"properties.city_code == '{code}' ? "
                f"{json.dumps(value, separators=(',', ':'))} : {expr}")
    return expr


def _trigger(*exprs: str) -> str:
    """deck.gl recomputes an accessor only when its update trigger changes: a short digest."""
    return hashlib.sha1("|".join(exprs).encode()).hexdigest()[:10]


def _outline(layer_id: str, outline: str | dict, selected: str, color: list[int],
             width: float) -> pydeck.Layer:
    """A line-only layer drawing `outline`, the boundary of city `selected` alone (its served
    file's URL, or the GeoJSON inline), not clickable."""
    return pydeck.Layer("GeoJsonLayer", id=layer_id, data=outline, pickable=False,
                        stroked=True, filled=False, get_line_color=color,
                        get_line_width=width, line_width_units="'pixels'",
                        city_code=f"'{selected}'")  # read back by map_widget; deck.gl ignores it


def build_hunan_map(
    cities_geojson: dict,
    city_values: pd.DataFrame,
    *,
    metric_label: str,
    unit: str,
    parks: pd.DataFrame | None = None,
    park_metric_label: str = "",
    park_unit: str = "",
    selected_city: str | None = None,
    digits: int = 1,
    boundaries_url: str | None = None,
    outline_url: str | None = None,
) -> pydeck.Deck:
    """Choropleth of the 14 cities (NaN = grey '暂无数据'), labels with each city's value and
    optional park dots. With `boundaries_url` (`components.ui.map_asset.asset_url`) the browser
    fetches the boundaries once and the deck carries only colours by city_code, the labels, the
    outline's city and the dots; without it the served boundaries go inline (tests, exports).
    `outline_url` (`map_asset.city_asset_url`) is the selected city's own boundary file; without
    it that boundary goes inline."""
    values = _city_value_map(city_values)
    present = [v for v in values.values() if v is not None]
    lo, hi = (min(present), max(present)) if present else (0.0, 0.0)
    boundaries = boundaries_url or served_boundaries(cities_geojson)

    fills = {}
    labels = []
    for feature in cities_geojson["features"]:
        props = feature["properties"]
        code = str(props["city_code"])
        value = values.get(code)
        fills[code] = (MAP_NO_DATA if value is None
                       else _blue((value - lo) / (hi - lo) if hi > lo else 0.5))
        short = short_city_name(str(props.get("city_name", code)))
        labels.append({"city_code": code, "name": f"{short}\n{_format(value, '', digits)}",
                       "value": value, "position": _label_point(feature), "color": MAP_INK})

    fill = _by_city(fills, MAP_NO_DATA)
    layers = [
        pydeck.Layer(
            "GeoJsonLayer",
            id=CITY_LAYER,
            data=boundaries,
            pickable=True,
            stroked=True,
            filled=True,
            get_fill_color=fill,
            get_line_color=MAP_WHITE,
            get_line_width=1,
            line_width_units="'pixels'",
            auto_highlight=True,
            highlight_color=MAP_HOVER,
            update_triggers={"getFillColor": _trigger(fill)},
        ),
    ]
    if selected_city is not None and str(selected_city) in fills:
        # The selected city: a white halo under a dark outline, readable on any fill.
        code = str(selected_city)
        outline = outline_url or city_outline(cities_geojson, code)
        layers += [_outline(SELECTED_HALO_LAYER, outline, code, MAP_WHITE, 6),
                   _outline(SELECTED_LAYER, outline, code, MAP_INK, 2.5)]

    if parks is not None and not parks.empty:
        parks = first_rows(parks, MAP_DOTS, by="value")  # the largest: see dots_note
        park_values = [_as_float(v) for v in parks["value"]]
        top = max((v for v in park_values if v is not None and v > 0), default=0.0)
        label = html_text(park_metric_label)
        rows = []
        for name, lon, lat, value in zip(
            parks["park_name"],
            parks["lon"],
            parks["lat"],
            park_values,
            strict=True,
        ):
            share = (
                math.sqrt(value / top)
                if value is not None and value > 0 and top
                else 0.0
            )
            rows.append(
                {  # what the dot and its tooltip draw, nothing more: no id (a dot opens nothing)
                    "position": [round(float(lon), 4), round(float(lat), 4)],
                    "radius": round(3.0 + 8.0 * share, 1),
                    "tt_name": html_text(name),
                    "tt_text": f"{label}：{_format(value, park_unit, digits)}",
                }
            )
        layers.append(
            pydeck.Layer(
                "ScatterplotLayer",
                id=PARK_LAYER,
                data=rows,
                pickable=True,
                get_position="position",
                get_radius="radius",
                radius_units="'pixels'",
                get_fill_color=MAP_PARK,
                stroked=True,
                get_line_color=MAP_SOFT_WHITE,
                line_width_min_pixels=1,
                auto_highlight=True,
                highlight_color=MAP_INK_HOVER,
            )
        )

    layers.append(
        pydeck.Layer(
            "TextLayer",
            id=LABEL_LAYER,
            data=labels,
            pickable=False,
            get_position="position",
            get_text="name",
            get_color="color",
            get_size=13,
            size_units="'pixels'",
            character_set="'auto'",
            font_family=f"'{FONT_STACK}'",
            font_weight=600,
            font_settings={"sdf": True},
            outline_width=3,
            outline_color=MAP_SOFT_WHITE,
            line_height=1.1,
        )
    )

    deck = pydeck.Deck(
        layers=layers,
        views=[pydeck.View(type="MapView", controller=True)],
        initial_view_state=pydeck.ViewState(**VIEW),
        map_provider=None,
        map_style=NO_BASEMAP,
        tooltip=_TOOLTIP,
    )
    for attr in ("mapbox_key", "google_maps_key", "carto_key", "maplibre_key"):
        setattr(deck, attr, None)
    return deck


def dots_note(parks: pd.DataFrame | None, what: str) -> str:
    """What a map with these park dots leaves out (it draws at most MAP_DOTS, those with the
    largest values; `what` names that order, e.g. '技工贸总收入最高'), or ''."""
    total = 0 if parks is None else len(parks)
    note = left_out_note(min(total, MAP_DOTS), total, what)
    return f"圆点{note}" if note else ""


def legend_caption(
    city_values: pd.DataFrame,
    metric_label: str,
    unit: str,
    *,
    digits: int = 1,
) -> str:
    """A one-line legend: the value range from light to dark blue, and what grey means."""
    values = list(_city_value_map(city_values).values())
    present = [v for v in values if v is not None]
    if not present:
        return f"{metric_label}：各市州{NO_DATA}（灰色）"
    lo, hi = (
        _format(min(present), unit, digits),
        _format(max(present), unit, digits),
    )
    text = (
        f"{metric_label}：颜色由浅到深表示由低到高，最低 {lo}，最高 {hi}"
        if lo != hi
        else f"{metric_label}：各市州均为 {lo}"
    )
    if len(present) < len(values):
        text += f"；灰色为{NO_DATA}"
    return text + "。"
