"""亩均效益与用地 (/efficiency): the 亩均效益 evaluation (三(五)1), low-efficiency and turnover
land (三(五)2) and 标准地 (三(五)3), with the milestones of these tasks."""

import streamlit as st

from components.shell.page import page_header
from components.ui.data import computed, dataset, datasets, figures, views
from components.ui.kpi import empty_note
from components.ui.layout import contents, headline_block, lazy_tabs
from components.ui.text import inert_figure
from components.views import efficiency_charts as _charts
from components.views import efficiency_panels as ui
from components.views.notice_export import lists_buttons
from components.views.tasks_milestones import task_milestones
from hnparks.core.metrics import definition
from hnparks.views import efficiency as _ef
from hnparks.views import efficiency_land as _land
from hnparks.views import efficiency_lists as _lists

ef = views(_ef)
ld = views(_land)
lists = views(_lists)
charts = figures(_charts)
efc = computed(_ef)  # pure functions of cached frames: computed once, shared
ldc = computed(_land)

scope = page_header("亩均效益与用地", datasets=["park_indicators", "efficiency_inputs",
                                               "land_use", "standard_land_plan",
                                               "task_milestones"])
data = datasets(scope)
where = scope.where
table = ef.evaluation(data, scope.period)
shown = scope.select_parks(table)

contents([("亩均效益综合评价", "evaluation"), ("三级评价名单", "lists"),
          ("低效用地与周转用地", "land"),
          ("标准地出让", "standard-land"), ("本页任务的里程碑", "milestones")])
st.header("亩均效益综合评价", anchor="evaluation")
st.caption("文件三(五)1：完善亩均效益评价制度……建立企业、产业、园区三级高质量评价体系，定期发布优质企业"
           "名录、有竞争力产业集群名单、先进园区名单。下为园区层级的评价（全省统一排名）。")
with headline_block():
    ui.metric_cards(efc.scope_summary(shown), where,
                    shown.iloc[0] if scope.level == "park" and len(shown) else None)
st.caption(f"综合得分口径：{definition(_ef.composite_score)}权重为示意，省级评价办法发布后按其权重。"
           f"分档口径：{definition(_ef.tier)}各项指标为1月至报告期末累计；升降档对比上年同期的评价。")
if scope.level == "park":
    ui.park_table(shown, "efficiency_park_row")
else:
    dist = efc.tier_distribution(table, dataset("cities"))
    left, right = st.columns([1.1, 1], gap="large")
    with left:
        st.markdown("**各市州园区分档**")
        st.plotly_chart(inert_figure(charts.tier_bar(dist, scope.city)), key="efficiency_tiers",
                        config={"displayModeBar": False})
    with right:
        st.markdown("**分档分布（家）**")
        st.dataframe(ui.distribution_rows(dist), key="efficiency_dist", hide_index=True,
                     height=38 + 35 * len(dist))
    lazy_tabs(["先进园区名单（A类）", "待提升园区（C类）", "比上年同期升档", "比上年同期降档",
               f"{where}全部园区"],
              [lambda: ui.park_table(efc.tier_list(shown, "A类"), "efficiency_good"),
               lambda: ui.park_table(efc.tier_list(shown, "C类"), "efficiency_poor"),
               lambda: ui.park_table(efc.movers(shown, "升档"), "efficiency_up"),
               lambda: ui.park_table(efc.movers(shown, "降档"), "efficiency_down"),
               lambda: ui.park_table(shown, "efficiency_all")], key="efficiency_lists_tab")

st.header("三级评价名单", anchor="lists")
st.caption("文件三(五)1：定期发布优质企业名录、有竞争力产业集群名单、先进园区名单；三(一)2：劣汰扶强。"
           "园区、企业按当前范围列出（排名为全省统一排名），集群为全省口径。")
clusters = lists.competitive_clusters(data, scope.period)
firms = lists.quality_enterprises(data, table, clusters)
ui.evaluation_lists(efc.tier_list(shown, "A类"), clusters[clusters["listed"]],
                    firms[firms["listed"] & firms["park_id"].isin(shown["park_id"])],
                    scope.park_rows(lists.c_warnings(data, scope.period), data["parks"]),
                    _lists.method_lines(scope.period))
lists_buttons(scope, "efficiency_lists")

st.header("低效用地与周转用地", anchor="land")
st.caption("文件三(五)2：建立园区周转用地管理数据库……建立低效用地退出机制，利用全省低效用地数据库，"
           "制定每宗低效用地再开发方案，提高土地利用效率。")
land_parks = ld.land_by_park(data, scope.period)
land_shown = scope.select_parks(land_parks)
ui.land_cards(ldc.land_summary(land_shown), where)
st.caption(f"处置率口径：{definition(_land.disposal_rate)}")
if scope.level == "province":
    land_cities = ldc.land_by_city(land_parks, dataset("cities"))
    left, right = st.columns([1, 1.2], gap="large")
    with left:
        st.plotly_chart(inert_figure(charts.land_bar(land_cities)), key="efficiency_land_chart",
                        config={"displayModeBar": False})
    with right:
        ui.land_table(ui.land_rows(land_cities, "city_name", "市州"), "efficiency_land_cities")
elif land_shown.empty:
    empty_note("园区用地数据")
else:
    ui.land_table(ui.land_rows(land_shown, "park_name", "园区"), "efficiency_land_parks")

st.header("标准地出让", anchor="standard-land")
st.caption("文件三(五)3：推广产业园区“标准地”制度，推进建立全省园区标准地交易信息平台。探索"
           "“标准地+承诺制”制度。")
standard = ld.standard_land_by_city(data, scope.period)
ui.standard_land_cards(ldc.land_summary(land_shown),
                       ldc.standard_land_summary(standard, scope), where, scope.level)
st.caption(f"完成率口径：{definition(_land.plan_completion)}计划下达到市州，园区不单列计划。")
if scope.level == "province":
    ui.land_table(ui.standard_rows(standard), "efficiency_standard_cities")

st.header("本页任务的里程碑", anchor="milestones")
task_milestones(["三(五)1", "三(五)2", "三(五)3"], scope.period, "efficiency_milestones")
