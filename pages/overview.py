"""总览 (/): the map of Hunan with 技工贸总收入 by city and park (headline cards come next)."""

import streamlit as st

from components.data import dataset, geojson
from components.hunan_map import build_hunan_map, legend_caption, render_hunan_map
from components.page import page_header
from hnparks.aggregate import by_city, by_park
from hnparks.attainment import revenue_ytd
from hnparks.metrics import definition

scope = page_header("湖南省产业园区工作要点 · 总览", datasets=["park_indicators", "parks"])
cities, parks, facts = dataset("cities"), dataset("parks"), dataset("park_indicators")

city_values = by_city(facts, parks, cities, scope.period, ["revenue_ytd"])
park_values = by_park(facts, parks, scope, ["revenue_ytd"]).merge(parks[["park_id", "lon", "lat"]])
deck = build_hunan_map(
    geojson("hunan_cities"),
    city_values.rename(columns={"revenue_ytd": "value"})[["city_code", "value"]],
    metric_label="技工贸总收入（1月至报告期末累计）", unit="亿元",
    parks=park_values.rename(columns={"revenue_ytd": "value"}),
    park_metric_label="技工贸总收入（累计）", park_unit="亿元", selected_city=scope.city,
)
st.subheader("技工贸总收入分布")
render_hunan_map(deck, key="overview_map")
st.caption(legend_caption(city_values.rename(columns={"revenue_ytd": "value"}),
                          "技工贸总收入", "亿元") + f"。口径：{definition(revenue_ytd)} 点击市州可下钻。")
