"""The map of Hunan on a page: built once per input and shared, drawn, and a click on a city
handed to the shell (`set_city` on every page)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pandas as pd
import pydeck
import streamlit as st

from components.ui.data import geojson, shared_figure
from components.ui.hunan_map import CITY_LAYER, SELECTED_LAYER, build_hunan_map
from components.ui.map_asset import asset_url, city_asset_path, city_asset_url


def _clicked_city(deck: pydeck.Deck, event: Any) -> str | None:
    """The city_code of the object selected in the cities layer, if any."""
    selection = (
        getattr(event, "selection", None) or (event or {}).get("selection") or {}
    )
    indices = (selection.get("indices") or {}).get(CITY_LAYER) or []
    objects = (selection.get("objects") or {}).get(CITY_LAYER) or []
    if objects:
        obj = objects[0] or {}
        code = (obj.get("properties") or {}).get("city_code") or obj.get("city_code")
        if code:
            return str(code)
    if indices:
        for layer in deck.layers:
            if getattr(layer, "id", None) == CITY_LAYER and isinstance(
                layer.data, dict
            ):
                features = layer.data.get("features", [])
                if 0 <= indices[0] < len(features):
                    return str(features[indices[0]]["properties"]["city_code"])
    return None


def _outlined_city(deck: pydeck.Deck) -> str | None:
    """The city the deck was built with as selected_city (its outline layer's city), if any."""
    for layer in deck.layers:
        if getattr(layer, "id", None) == SELECTED_LAYER:
            return getattr(layer, "city_code", None)
    return None


def hunan_map(geo_name: str, city_values: pd.DataFrame, **options: Any) -> pydeck.Deck:
    """`build_hunan_map` over a bundled boundary file (data/geo), built and serialised once per
    input and shared by every session. The browser fetches the boundaries themselves once, from
    their static copy (`components.ui.map_asset`), and the selected city's own outline file;
    the deck carries colours, labels and dots."""
    selected = options.get("selected_city")
    if selected is not None and city_asset_path(geo_name, str(selected)).exists():
        options["outline_url"] = city_asset_url(geo_name, str(selected))
    return _cached_map(geo_name, asset_url(geo_name), city_values,
                       tuple(sorted(options.items())))


@shared_figure  # cached frames found by identity (`frame_keys`): no hashing of them per rerun
def _cached_map(geo_name: str, url: str, city_values: pd.DataFrame,
                options: tuple) -> pydeck.Deck:
    deck = build_hunan_map(geojson(geo_name), city_values, boundaries_url=url, **dict(options))
    # Compact (pydeck indents by 2 and escapes every Chinese character): a third of the bytes.
    spec = json.dumps(json.loads(deck.to_json()), ensure_ascii=False, separators=(",", ":"))
    deck.to_json = lambda: spec  # st.pydeck_chart serialises on every run: do it once
    return deck


def render_hunan_map(deck: pydeck.Deck, *, key: str, on_city: Callable[[str], None],
                     height: int = 520) -> str | None:
    """Draw the map; return the clicked city_code (a new click is also passed to `on_city`, the
    shell's `set_city` on every page)."""
    # Streamlit dims every unselected object while its own click selection is active, and that
    # selection survives reruns of the same widget. So a click is acted on once and the next
    # run draws a fresh widget (a new key: a new deck.gl, undimmed; the outline then marks the
    # city). Any other change (period, a city from the sidebar) keeps the widget, which redraws
    # in place: no new WebGL context, no shaders compiled again (#27).
    generation = f"_{key}_generation"
    event = st.pydeck_chart(
        deck,
        on_select="rerun",
        selection_mode="single-object",
        key=f"{key}-{st.session_state.get(generation, 0)}",
        height=height,
        width="stretch",
    )
    code = _clicked_city(deck, event)
    if code is not None:
        st.session_state[generation] = st.session_state.get(generation, 0) + 1
        if code != _outlined_city(deck):
            on_city(code)  # the shell's set_city: reruns
        st.rerun()  # the city clicked was already the context: only the dimming to clear
    return code
