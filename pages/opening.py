"""开放与创新 (/opening): 外向度, foreign-trade bases and functional headquarters (三(三)4), “五个100”
and the Yueyang and Loudi national high-tech zone bids (三(三)1), innovation platforms and smart
parks (三(六)2–3) and the incubators in Hong Kong, Guangdong, Shanghai and Beijing (三(六)3)."""

import streamlit as st

from components.shell.page import page_header
from components.ui.data import datasets, figures, view, views
from components.ui.layout import contents, headline_block
from components.ui.text import inert_figure
from components.views import opening_charts as _charts
from components.views import opening_panels as ui
from components.views.environment_panels import target_card
from components.views.tasks_milestones import task_milestones
from hnparks.core.scope import Scope
from hnparks.derived.attainment import target_status as _target_status
from hnparks.views import opening as _op

op = views(_op)
charts = figures(_charts)
target_status = view(_target_status)

scope = page_header("开放与创新", datasets=["park_indicators", "park_platforms", "key_projects",
                                           "attraction", "efficiency_inputs", "task_milestones"])
data = datasets(scope)
where = scope.where
province = Scope(scope.period)

contents([("园区产业外向度", "export"), ("外贸转型升级基地与功能性总部", "bases"),
          ("“五个100”与国家级高新区创建", "hitech"), ("创新平台与智慧园区", "platforms"),
          ("科技企业孵化器", "incubators")])
st.header("园区产业外向度", anchor="export")
st.caption("文件三(三)4：扩大园区外贸综合服务覆盖面，打造一批产业集聚度高、产品竞争力强的外贸转型升级"
           "基地，提高园区产业外向度。")
with headline_block():
    ui.export_cards(op.export_summary(data, scope), where)
left, right = st.columns([1, 1.2], gap="large")
with left:
    st.markdown("**各市州外向度**")
    st.plotly_chart(inert_figure(charts.export_share_bar(op.export_by_city(data, scope.period),
                                                         scope.city)),
                    key="opening_export_chart", config={"displayModeBar": False})
with right:
    st.markdown("**本园区外向度**" if scope.park else f"**{where}园区外向度**（由高到低）")
    ui.number_table(ui.export_rows(op.export_by_park(data, scope)), "opening_export_parks")

st.header("外贸转型升级基地与功能性总部", anchor="bases")
st.caption("文件三(三)4：大力引进企业区域总部以及采购中心、结算中心、研发中心等功能性总部……打造一批"
           "外贸转型升级基地。")
ui.number_table(ui.platform_rows(op.platform_counts(data, scope, _op.OPENING_KINDS)),
                "opening_bases", {"已有（个）": "%d", "其中本年新增（个）": "%d"})

st.header("“五个100”与国家级高新区创建", anchor="hitech")
st.caption("文件三(三)1：加快“五个 100”重点项目建设……推动岳阳、娄底创建国家级高新区。")
left, right = st.columns([1.3, 1], gap="large")
with left:
    st.markdown(f"**{where}“五个100”**")
    st.dataframe(ui.five_rows(op.five_hundreds(data, scope)), key="opening_five", hide_index=True)
with right:
    target_card(target_status(data, province, "new_national_hitech"),
                "创建国家级高新区（全省）", "岳阳、娄底获批国家级高新区的个数（里程碑完成数）。",
                base="全省目标，不分解到市州、园区")
task_milestones(["三(三)1"], scope.period, "opening_hitech_milestones")

st.header("创新平台与智慧园区", anchor="platforms")
st.caption("文件三(六)2–3：搭建一批工业互联网平台……建设一批产业创新服务综合体、潇湘科技要素大市场分市场"
           "（工作站）。支持园区建设知识产权综合服务分中心。")
left, right = st.columns([1.2, 1], gap="large")
with left:
    ui.number_table(ui.platform_rows(op.platform_counts(data, scope, _op.INNOVATION_KINDS)),
                    "opening_platforms", {"已有（个）": "%d", "其中本年新增（个）": "%d"})
with right:
    rd = op.rd_by_city(data, scope.period)
    st.markdown("**各市州研发投入强度**（研发经费 ÷ 技工贸总收入，1月至报告期末）")
    ui.number_table(ui.rd_rows(rd), "opening_rd")
task_milestones(["三(六)2"], scope.period, "opening_smart_milestones")

st.header("科技企业孵化器", anchor="incubators")
st.caption("文件三(六)3：推动在香港、广东、上海、北京设立科技企业孵化器。")
left, right = st.columns([1, 1.3], gap="large")
with left:
    target_card(target_status(data, province, "overseas_incubators"), "科技企业孵化器（全省）",
                "在香港、广东、上海、北京已设立（挂牌）的科技企业孵化器个数。",
                base="全省目标，不分解到市州、园区")
with right:
    st.markdown("**孵化器所在地**（颜色为里程碑状态：绿 已完成、蓝 推进中、灰 未启动、红 逾期）")
    st.plotly_chart(inert_figure(charts.incubator_map(
        "hunan_cities", op.milestone_track(data, scope.period, "T13"))),
        key="opening_incubator_map", config={"displayModeBar": False})
task_milestones(["三(六)3"], scope.period, "opening_incubator_milestones")
