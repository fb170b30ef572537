"""产业集群's 集群详情 as a fragment: choosing a cluster reruns this section alone (its trend,
chain, map, rankings, enterprises, specialty parks and projects), not the page; a click on the map
or a park (set_city, open_park) reruns the whole page as before. The lists under the rankings
(leading firms, specialty parks, the projects) are folded, built and sent when opened (#27)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.shell.auth import peers
from components.shell.context import set_city
from components.ui.data import figures, views
from components.ui.hunan_map import dots_note
from components.ui.kpi import empty_note
from components.ui.layout import lazy_expander
from components.ui.map_widget import hunan_map, render_hunan_map
from components.ui.text import inert_figure, md_escape
from components.views import clusters_charts as _charts
from components.views import clusters_panels as ui
from hnparks.core.formats import fmt
from hnparks.core.metrics import definition
from hnparks.core.scope import Scope
from hnparks.views import clusters as _hc

charts = figures(_charts)
hc = views(_hc)


@st.fragment
def cluster_detail(data: dict, scope: Scope, table: pd.DataFrame, present: list[str]) -> None:
    """The selected cluster in depth (selector `clusters_selected`)."""
    st.header("集群详情", anchor="detail")
    selected = ui.cluster_selector(table, present[0] if present else table["cluster_id"].iloc[0])
    row = table.set_index("cluster_id").loc[selected]
    name = row["cluster_name"]
    name_md = md_escape(name)  # for Markdown; charts and tables take the plain name
    st.caption(f"{md_escape(row['tier'])} · 核心市州：" + "、".join(map(md_escape,
        data["cities"].set_index("city_code").loc[str(row["center_cities"]).split(";"), "city_name"])))

    trend = hc.monthly_trend(data, scope, selected)
    segments = hc.chain_segments(data, scope, selected)
    left, right = st.columns(2)
    with left:
        if trend["output_ytd"].sum() > 0:
            st.plotly_chart(inert_figure(charts.trend_lines(trend, name)), key="clusters_trend")
            st.caption(f"口径：{definition(hc.monthly_trend)}")
        else:
            empty_note(f"{name}的月度产值")
    with right:
        st.markdown(f"**{name_md}产业链环节（上游 / 中游 / 下游）**")
        if segments["output"].sum() > 0:
            st.plotly_chart(inert_figure(charts.chain_treemap(segments, name)), key="clusters_chain")
            st.caption(f"口径：{definition(hc.chain_segments)}")
        else:
            empty_note(f"{name}的产业链环节产值")

    st.subheader(f"{name_md}在哪里")
    by_city = hc.cluster_by_city(data, scope.period, selected)
    by_park = hc.cluster_by_park(data, scope, selected)
    province_parks = hc.cluster_by_park(data, peers(scope, "province"), selected)
    left, right = st.columns([3, 2])
    with left:
        city_values = by_city.rename(columns={"output": "value"})[["city_code", "value"]]
        city_values = city_values.assign(value=city_values["value"].where(city_values["value"] > 0))
        deck = hunan_map("hunan_cities", city_values,
                               metric_label=f"{name}产值（累计）", unit="亿元",
                               parks=province_parks.rename(columns={"output": "value"}),
                               park_metric_label=f"{name}产值（累计）", park_unit="亿元",
                               selected_city=scope.city)
        render_hunan_map(deck, key="clusters_map", on_city=set_city, height=460)
        lead = by_city.iloc[0]
        st.caption(f"{name_md}产值（亿元，累计）：颜色越深产值越高，{int((by_city['output'] > 0).sum())}个"
                   f"市州有该集群产值，最高为{md_escape(lead['city_name'])}{fmt(lead['output'], '亿元')}；灰色市州无"
                   "该集群产值。橙点为有该集群产值的园区，点越大产值越高。"
                   f"{dots_note(province_parks, '该集群产值最高')}点击市州可下钻。")
    with right:
        ranked = by_city[by_city["output"] > 0]
        st.markdown("**分市州排名**")
        st.plotly_chart(inert_figure(charts.ranking_bars(ranked, "city_short", "output", "亿元",
                                            highlight=scope.city, key_column="city_code",
                                            axis_title="产值（亿元，累计）")), key="clusters_city_rank")
        st.caption(f"口径：{definition(hc.cluster_by_city)}")
    st.markdown(f"**分园区排名**（{md_escape(scope.label(data['cities'], data['parks']))}，选中一行打开园区档案）")
    if len(by_park):
        ui.park_ranking(by_park, key="clusters_park_rank")
    else:
        empty_note(f"{name}产值的园区")

    firms = hc.leading_enterprises(data, scope, selected)
    specialty = hc.cluster_specialty_parks(data, scope, selected)
    lazy_expander(f"龙头企业（{len(firms)}家，公开资料整理，待核）与特色产业园（{len(specialty)}个）",
                  lambda: _firms_and_specialty(firms, specialty, name),
                  key="clusters_firms_open", icon=":material/factory:")  # built when opened

    st.subheader(f"{name_md}“五个100”重点项目")
    ui.project_section(hc.project_status(data, scope, selected), name)


def _firms_and_specialty(firms: pd.DataFrame, specialty: pd.DataFrame, name: str) -> None:
    left, right = st.columns(2)
    with left:
        st.markdown("**龙头企业**（公开资料整理，待核）")
        ui.enterprise_table(firms, name)
    with right:
        st.markdown("**特色产业园**")
        ui.specialty_table(specialty, name)
