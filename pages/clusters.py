"""产业集群 (/clusters): the eight clusters side by side, one in depth, and investment attraction."""

import streamlit as st

from components.shell.auth import peers
from components.shell.context import set_city
from components.shell.page import page_header
from components.ui.data import datasets, figures, views
from components.ui.kpi import empty_note
from components.ui.layout import contents, headline_block
from components.ui.map_widget import hunan_map, render_hunan_map
from components.ui.text import inert_figure, md_escape
from components.views import clusters_charts as _charts
from components.views import clusters_panels as ui
from hnparks.core.formats import fmt
from hnparks.core.metrics import definition
from hnparks.views import clusters as _hc

charts = figures(_charts)

hc = views(_hc)

scope = page_header("产业集群", datasets=[
    "clusters", "cluster_output", "park_indicators", "parks", "key_projects", "project_progress",
    "specialty_parks", "specialty_output", "enterprises", "attraction"])
data = datasets(scope)
table = hc.cluster_table(data, scope)
present = hc.clusters_present(data, scope)
names = dict(zip(table["cluster_id"], table["cluster_name"], strict=True))

# ---- 八大产业集群 ----------------------------------------------------------------------------
st.header("八大产业集群", anchor="overview")
if scope.park:
    if present:
        st.caption("本园区关联集群：" + "、".join(md_escape(names[c]) for c in present))
    else:
        st.info("本园区未纳入八大产业集群（园区名录中无关联集群），以下集群指标均不涉及本园区。",
                icon=":material/info:")
with headline_block():
    for tier in hc.TIERS:
        st.subheader(tier)
        ui.cluster_cards(table, tier, scope, present)
st.caption("文件三(三)1：推进打造工程机械、轨道交通装备、航空航天三大世界级产业集群，支持自主可控计算机及"
           "信息安全、生态绿色食品、生物医药、先进储能材料及动力电池、新型轻合金等打造成为国内具有重要"
           "影响力的产业集群。产值为当年1月至报告期末累计。")
contents([("八大产业集群", "overview"), ("集群详情", "detail"), ("产业链招商", "attraction")])

left, right = st.columns([3, 2])
with left:
    if table["output"].sum() > 0:
        st.plotly_chart(inert_figure(charts.cluster_output_bars(table)), key="clusters_bars")
        st.caption(f"口径：{definition(hc.cluster_output)}在下方“集群详情”中选择集群查看详情。")
    else:
        empty_note("八大产业集群产值")
with right:
    st.markdown("**国家先进制造业集群竞赛**")
    ui.competition_panel(data["clusters"], {c: hc.cluster_by_city(data, scope.period, c)
                                            for c in ("C01", "C02")})
with st.expander("八大集群对比表（含口径）", icon=":material/table:"):
    ui.comparison_table(table, scope)

# ---- 集群详情 --------------------------------------------------------------------------------
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
               "该集群产值。橙点为有该集群产值的园区，点越大产值越高。点击市州可下钻。")
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

left, right = st.columns(2)
with left:
    st.markdown("**龙头企业**（公开资料整理，待核）")
    ui.enterprise_table(hc.leading_enterprises(data, scope, selected), name)
with right:
    st.markdown("**特色产业园**")
    ui.specialty_table(hc.cluster_specialty_parks(data, scope, selected), name)

st.subheader(f"{name_md}“五个100”重点项目")
ui.project_section(hc.project_status(data, scope, selected), name)

# ---- 招商引资 --------------------------------------------------------------------------------
st.header("产业链招商", anchor="attraction")
st.caption("文件三(三)4：支持园区大力引进“三类500强”企业、新兴优势产业链龙头企业以及外向型实体企业；"
           "聚焦园区优势产业和特色产业，大力开展产业链招商。")
ui.attraction_cards(hc.attraction_in_scope(data, scope))
left, right = st.columns(2)
with left:
    by_place = (hc.attraction_by_city(data, scope) if scope.level == "province"
                else hc.attraction_by_park(data, scope))
    label = "city_short" if scope.level == "province" else "park_name"
    st.markdown("**分市州**" if scope.level == "province" else "**分园区**")
    if len(by_place):
        st.plotly_chart(inert_figure(charts.attraction_bars(by_place, label)), key="clusters_attr_place")
        st.caption(f"口径：{definition(hc.attraction_in_scope)}")
    else:
        empty_note("招商引资数据")
with right:
    st.markdown("**按集群分摊（估算）**")
    ui.attraction_by_cluster(hc.attraction_by_cluster(data, scope))
