"""总览's map panel as a fragment: its own selector (地图着色指标) reruns the panel only; a click
on a city sets the context (`set_city`), which reruns the whole page."""

from __future__ import annotations

import streamlit as st

from components.shell.context import set_city
from components.ui.data import view
from components.ui.hunan_map import dots_note, legend_caption
from components.ui.map_widget import hunan_map, render_hunan_map
from hnparks.core.formats import digits_for
from hnparks.core.scope import Scope
from hnparks.derived.attainment import HEADLINE_KEYS
from hnparks.views import overview as _overview_view

map_values = view(_overview_view.map_values)
park_dots = view(_overview_view.park_dots)

MAP_TARGETS = {"revenue_total": "技工贸总收入", "parks_over_1000": "千亿园区",
               "tax_per_mu": "亩均税收", "specialty_over_100": "百亿级特色产业园区"}


@st.fragment
def map_panel(data: dict, scope: Scope) -> None:
    """The target selector, the map of Hunan coloured by it (park dots in scope) and its legend."""
    chosen = st.segmented_control("地图着色指标", list(MAP_TARGETS), format_func=MAP_TARGETS.get,
                                  default=HEADLINE_KEYS[0], required=True,
                                  key="overview_map_target")
    city_values, label, unit = map_values(data, scope.period, chosen)
    dots = park_dots(data, scope)
    deck = hunan_map("hunan_cities", city_values, metric_label=label, unit=unit,
                     parks=dots, park_metric_label="技工贸总收入（累计）",
                     park_unit="亿元", selected_city=scope.city, digits=digits_for(unit))
    render_hunan_map(deck, key="overview_map", on_city=set_city)
    split = chosen in ("revenue_total", "tax_per_mu")
    note = "" if split else "该目标不分解到市州，按各市州现有数着色；"
    st.caption(legend_caption(city_values, label, unit, digits=digits_for(unit))
               + f"{note}圆点为园区，大小表示技工贸总收入。{dots_note(dots, '技工贸总收入最高')}"
               "点击市州可下钻。")
