"""The map of Hunan on a page: built once per input and shared, drawn, and a click on a city
handed to the shell (`set_city` on every page)."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from typing import Any

import pandas as pd
import pydeck
import streamlit as st

from components.ui.data import geojson, shared_figure
from components.ui.hunan_map import CITY_LAYER, SELECTED_LAYER, build_hunan_map
from components.ui.map_asset import asset_url


def _clicked_city(deck: pydeck.Deck, event: Any, layer_id: str = CITY_LAYER) -> str | None:
    """The city_code of the object selected in the cities layer (drawn as `layer_id`), if any."""
    selection = (
        getattr(event, "selection", None) or (event or {}).get("selection") or {}
    )
    indices = (selection.get("indices") or {}).get(layer_id) or []
    objects = (selection.get("objects") or {}).get(layer_id) or []
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


def city_layer_id(generation: int) -> str:
    """The cities layer's id in the deck drawn after `generation` clicks on the map."""
    return CITY_LAYER if generation == 0 else f"{CITY_LAYER}-{generation}"


def _drawn_as(deck: pydeck.Deck, layer_id: str) -> pydeck.Deck:
    """`deck` (shared, not changed) with its cities layer renamed `layer_id`."""
    if layer_id == CITY_LAYER:
        return deck
    named, found = re.subn(f'"id":\\s*"{CITY_LAYER}"', f'"id":"{layer_id}"', deck.to_json())
    if found != 1:
        raise ValueError(f"a deck without exactly one {CITY_LAYER} layer")
    drawn = copy.copy(deck)
    drawn.to_json = lambda: named
    return drawn


def _outlined_city(deck: pydeck.Deck) -> str | None:
    """The city the deck was built with as selected_city (its outline layer's city), if any."""
    for layer in deck.layers:
        if getattr(layer, "id", None) == SELECTED_LAYER:
            return getattr(layer, "city_code", None)
    return None


def hunan_map(geo_name: str, city_values: pd.DataFrame, **options: Any) -> pydeck.Deck:
    """`build_hunan_map` over a bundled boundary file (data/geo), built and serialised once per
    input and shared by every session. The browser fetches the boundaries themselves once, from
    their static copy (`components.ui.map_asset`); the deck carries colours, labels and dots."""
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
    # Streamlit keeps a click's selection across reruns and, while it lasts, greys every other
    # object of the selected layer. So a click is acted on once, and the next run draws the
    # cities layer under a new id: the frontend drops a selection whose layer is gone (no grey),
    # and the widget, keyed the same, redraws in place: no new deck.gl, no new WebGL context,
    # no shaders compiled again (#27: a new deck cost 2–3 CPU-s in a GPU-less browser).
    generation_key = f"_{key}_generation"
    generation = st.session_state.get(generation_key, 0)
    layer_id = city_layer_id(generation)
    event = st.pydeck_chart(
        _drawn_as(deck, layer_id),
        on_select="rerun",
        selection_mode="single-object",
        key=key,
        height=height,
        width="stretch",
    )
    code = _clicked_city(deck, event, layer_id)
    if code is not None:
        st.session_state[generation_key] = generation + 1
        if code != _outlined_city(deck):
            on_city(code)  # the shell's set_city: reruns
        st.rerun()  # the city clicked was already the context: only the selection to clear
    return code
