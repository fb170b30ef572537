"""生态环境整治 (/environment): the duties of 三(四): coverage, problems, circular, EIAs."""

import streamlit as st

from components.shell.context import set_city
from components.shell.page import page_header
from components.ui.data import datasets, figures, view, views
from components.ui.hunan_map import dots_note, legend_caption
from components.ui.kpi import empty_note, problems_or_all_clear
from components.ui.layout import (
    contents,
    headline_block,
    lazy_expander,
    paged_table,
    table_height,
)
from components.ui.map_widget import hunan_map, render_hunan_map
from components.ui.text import inert_figure
from components.views import environment_charts as _charts
from components.views import environment_panels as ui
from hnparks.core.metrics import definition
from hnparks.core.periods import period_label, year_of
from hnparks.derived import attainment as _attainment
from hnparks.views import environment as _env

charts = figures(_charts)

env = views(_env)
env_coverage = view(_attainment.env_coverage)
target_status = view(_attainment.target_status)

scope = page_header("生态环境整治", datasets=["env_status", "env_problems", "parks", "targets",
                                          "tasks", "task_progress"])
data, year, when = datasets(scope), year_of(scope.period), f"{period_label(scope.period)}末"
if env.coverage_counts(data, scope)["parks"] == 0:
    empty_note(f"{when}的园区生态环境报表")
    st.stop()
task_duty = env.task_status(data, "三(四)2", scope.period)

contents([("三项全覆盖", "coverage"), ("突出环境问题整治", "problems"),
          ("循环化改造与绿色园区", "circular"), ("环境影响跟踪评价", "eia"),
          ("“三线一单”与园区环境信用评价", "credit")])

# ---- 三项全覆盖 ------------------------------------------------------------------------------
st.subheader("工业污水集中处理、达标排放、在线监测全覆盖", anchor="coverage")
ui.quote(env.target_quote(data, "env_sewage", year), "三(四)2")
with headline_block():
    ui.duty_cards(data, scope)
by_city = env.coverage_by_city(data, scope.period)
uncovered = env.uncovered_parks(data, scope)
city_values, dots = env.coverage_map_values(data, scope)
left, right = st.columns([5, 4])
with left:
    deck = hunan_map("hunan_cities", city_values, metric_label="三项全覆盖率",
                           unit="%", parks=dots, park_metric_label="尚缺项数", park_unit="项",
                           selected_city=scope.city, digits=0)
    render_hunan_map(deck, key="environment_map", on_city=set_city, height=470)
    st.caption(legend_caption(city_values, "三项全覆盖率", "%", digits=0)
               + " 橙点为尚未全覆盖的园区（越大缺项越多）。" + dots_note(dots, "缺项最多")
               + "点击市州可下钻。")
with right:
    st.markdown("**各市州覆盖率（%，目标100%）**")
    # Streamlit returns no selection for heatmap clicks (streamlit#8760): the map drills down.
    st.plotly_chart(inert_figure(charts.coverage_heatmap(by_city, scope.city,
                                                             env.duty_lights(data, scope.period))), key="env_heatmap",
                    config={"displayModeBar": False})
    st.caption("口径：各市州报告期末已实现该项的园区数 ÷ 该市州园区数；▶ 为当前市州。"
               "三项的颜色为状态（绿 正常、黄 关注、红 滞后，按年初水平至年底全覆盖的直线路径判断；"
               "12月报告为终值，未达100%即为滞后），"
               "“三项均已实现”为蓝色深浅。")

st.markdown(f"**尚未全覆盖的园区（{len(uncovered)}家）**")
problems_or_all_clear(ui.uncovered_table(uncovered), key="env_uncovered",
                      clear=f"{when}，范围内园区均已实现三项全覆盖。")

# ---- 二、突出环境问题整治 -----------------------------------------------------------------
st.subheader("突出环境问题整治", anchor="problems")
ui.quote(str(task_duty["text"]), "三(四)2")
problems = ui.problem_cards(data, scope)
if problems["total"] == 0:
    empty_note("已发现的突出环境问题")
else:
    left, right = st.columns(2)
    with left:
        st.markdown(f"**整改进展（{year}年各月末）**")
        st.plotly_chart(inert_figure(charts.problem_trend_chart(env.rectification_trend(data, scope))),
                        key="env_trend", config={"displayModeBar": False})
    with right:
        area = env.problems_by_area(data, scope)
        by = {"province": "各市州", "city": "各园区", "park": "各类别"}[scope.level]
        st.markdown(f"**{by}问题整改情况**")
        event = st.plotly_chart(inert_figure(charts.problems_by_area_chart(area)), on_select="rerun",
                                selection_mode="points", config={"displayModeBar": False},
                                key=f"env_area_{scope.city}_{scope.park}")
        if scope.level == "province":
            ui.click_city(event, key="env_area", current=scope.city)
        elif scope.level == "city":
            ui.click_park(event, key="env_area", current=scope.park)
    overdue = env.overdue_problems(data, scope)
    st.markdown(f"**逾期未整改问题（{len(overdue)}个，按逾期天数排序）**")
    problems_or_all_clear(ui.overdue_table(overdue), key="env_overdue",
                          clear=f"{when}，范围内没有逾期未整改的问题。")
    lazy_expander(f"全部问题清单（{problems['total']}个，逾期在前）",
                  lambda: paged_table(ui.problem_list(env.scope_problems(data, scope)),
                                      lambda rows: st.dataframe(rows, hide_index=True,
                                                                key="env_problem_list"),
                                      key="env_problem_list"),
                  key="env_problem_list_open")

# ---- 三、循环化改造与绿色园区 -------------------------------------------------------------
st.subheader("循环化改造与绿色园区", anchor="circular")
ui.quote(env.target_quote(data, "circular_national", year), "三(四)4")
national = target_status(data, scope, "circular_national")
provincial = target_status(data, scope, "circular_provincial")
levels = env.circular_by_level(data, scope).set_index("level")
left, mid, right = st.columns([2, 2, 3])
for col, status, level in ((left, national, "国家级"), (mid, provincial, "省级")):
    with col:
        ui.target_card(status, f"{level}园区循环化改造比例", definition(env_coverage),
                       base=f"{level}园区 {levels.loc[level, 'implementing']} / "
                            f"{levels.loc[level, 'parks']} 家已实施" if levels.loc[level, "parks"]
                       else f"本范围无{level}园区")
with right:
    st.plotly_chart(inert_figure(charts.circular_chart(levels.reset_index(),
                                          {"国家级": national.target, "省级": provincial.target})),
                    key="env_circular", config={"displayModeBar": False})
green = env.green_parks(data, scope)
green_status = target_status(data, scope, "green_parks")
left, right = st.columns([2, 5])
with left:
    in_progress = env.green_summary(data, scope)[env.GREEN_IN_PROGRESS]
    ui.target_card(green_status, "绿色园区（已创建）", green_status.basis,
                   base=f"另有创建中 {in_progress} 家")
with right:
    if green.empty:
        empty_note("已创建或正在创建的绿色园区")
    else:
        paged_table(ui.park_list(green, "green_park_status", "绿色园区创建"),
                    lambda rows: st.dataframe(rows, hide_index=True, key="env_green"),
                    key="env_green")

# ---- 四、环境影响跟踪评价 -----------------------------------------------------------------
st.subheader("环境影响跟踪评价", anchor="eia")
task_eia = env.task_status(data, "三(四)3", scope.period)
ui.quote(str(task_eia["text"]).split("。")[0] + "。", "三(四)3")
tracking = env.tracking_eia(data, scope)
left, right = st.columns([2, 5])
with left:
    summary = env.tracking_summary(data, scope)
    ui.count_card("跟踪评价完成率", env.tracking_eia_completion(data, scope) * 100, "%",
                  definition(env.tracking_eia_completion),
                  [f"须开展 {summary['needed']} 家：已完成 {summary[env.TRACKING_DONE]} 家，"
                   f"进行中 {summary[env.TRACKING_ONGOING]} 家，"
                   f"未开展 {summary[env.TRACKING_NOT_STARTED]} 家",
                   definition(env.tracking_eia_needed)])
with right:
    if tracking.empty:
        empty_note(f"规划或规划环评已满{env.TRACKING_YEARS}年、须开展跟踪评价的园区")
    else:
        paged_table(ui.tracking_table(tracking),
                    lambda rows: st.dataframe(rows, hide_index=True, key="env_tracking",
                                              height=table_height(len(rows), max_px=320)),
                    key="env_tracking")

# ---- 五、三线一单与环境信用评价 -----------------------------------------------------------
st.subheader("“三线一单”与园区环境信用评价", anchor="credit")
st.caption("以下两项为全省层面工作，进度由责任单位报送，不随市州、园区筛选变化；试点园区名单随范围筛选。")
left, right = st.columns(2)
with left:
    ui.task_panel(env.task_status(data, "三(四)1", scope.period), scope.period, "“三线一单”")
with right:
    ui.task_panel(task_eia, scope.period, "环境影响跟踪评价与园区环境信用评价")
    pilots = env.credit_pilots(data, scope)
    st.markdown(f"**园区环境信用评价试点（{len(pilots)}家）**")
    if pilots.empty:
        empty_note("园区环境信用评价试点")
    else:
        paged_table(ui.park_list(pilots),
                    lambda rows: st.dataframe(rows, hide_index=True, key="env_credit_pilots"),
                    key="env_credit_pilots")
