"""产业集群 (/clusters): the eight clusters side by side, one in depth, and investment attraction."""

import streamlit as st

from components.shell.page import page_header
from components.ui.data import datasets, figures, views
from components.ui.kpi import empty_note
from components.ui.layout import contents, headline_block, lazy_expander, lazy_tabs
from components.ui.text import inert_figure, md_escape
from components.views import clusters_charts as _charts
from components.views import clusters_panels as ui
from components.views.clusters_detail import cluster_detail
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
lazy_expander("八大集群对比表（含口径）", lambda: ui.comparison_table(table, scope),
              key="clusters_comparison_open", icon=":material/table:")  # built when opened

# ---- 集群详情 (a fragment: choosing a cluster reruns this section only) --------------------
cluster_detail(data, scope, table, present)

# ---- 招商引资 --------------------------------------------------------------------------------
st.header("产业链招商", anchor="attraction")
st.caption("文件三(三)4：支持园区大力引进“三类500强”企业、新兴优势产业链龙头企业以及外向型实体企业；"
           "聚焦园区优势产业和特色产业，大力开展产业链招商。")
ui.attraction_cards(hc.attraction_in_scope(data, scope))
by_place = hc.attraction_by_city if scope.level == "province" else hc.attraction_by_park
lazy_tabs(["分市州" if scope.level == "province" else "分园区", "按集群分摊（估算）"],
          [lambda: ui.attraction_by_place(by_place(data, scope), scope.level,  # built when open
                                          definition(hc.attraction_in_scope)),
           lambda: ui.attraction_by_cluster(hc.attraction_by_cluster(data, scope))],
          key="clusters_attraction_tab")
