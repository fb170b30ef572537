"""园区档案 (/park): one park, or one city with its parks ranked, on one page."""

import streamlit as st

from components.shell.page import page_header
from components.ui.data import datasets, views
from components.ui.layout import contents, headline_block
from components.ui.text import md_escape
from components.views import park_panels as view
from components.views import park_work as work
from components.views.corrected import corrected_note
from hnparks.views import park as _pf

pf = views(_pf)

DATASETS = ["parks", "park_indicators", "cluster_output", "specialty_parks", "specialty_output",
            "env_status", "env_problems", "assessments", "key_projects", "project_progress",
            "land_use", "enterprises"]
scope = page_header("园区档案", datasets=DATASETS)
data = datasets(scope)


SECTIONS = [("产业集群", "clusters"), ("特色产业园", "specialty"), ("生态环境", "environment"),
            ("区域评估", "assessments"), ("“五个100”重点项目", "projects"), ("园区用地", "land")]


def common_sections(with_park: bool) -> None:
    """The lists shared by the park and the city profile."""
    st.subheader("产业集群", anchor="clusters")
    view.clusters_table(pf.clusters_in_scope(data, scope), key="park_clusters")
    view.enterprises(pf.enterprises_in_scope(data, scope))
    st.subheader("特色产业园", anchor="specialty")
    view.specialty_table(pf.specialty_in_scope(data, scope), key="park_specialty",
                         with_park=not with_park)

    st.subheader("生态环境", anchor="environment")
    if with_park:
        work.env_park(pf.env_park_status(data, scope.park, scope.period))
    else:
        work.env_city(pf.env_checklist(data, scope), key="park_env")
    st.markdown("**突出环境问题整治**")
    work.problems_table(pf.env_problems_in_scope(data, scope), key="park_problems",
                        with_park=not with_park)

    st.subheader("区域评估（12项）", anchor="assessments")
    if with_park:
        work.assessments_park(pf.park_assessments(data, scope.park, scope.period),
                              key="park_assessments")
    else:
        work.assessments_city(pf.city_assessments(data, scope), key="park_assessments")

    st.subheader("“五个100”重点项目", anchor="projects")
    work.projects_table(pf.key_projects_in_scope(data, scope), key="park_projects",
                        with_park=not with_park)

    st.subheader("园区用地", anchor="land")
    view.land_use(pf.land_use_table(data, scope))


if scope.park:
    ident = pf.park_identity(data, scope.park)
    st.header(md_escape(ident["name"]))
    st.subheader("主要经济指标")
    table = pf.indicator_table(pf.park_values(data, scope.period), "park_id", scope.park,
                               "city_code")
    with headline_block():  # the numbers first, then who the park is
        view.headline_cards(table, "全省", str(ident["city"]))
    contents(SECTIONS)
    view.park_identity(ident)
    view.indicator_table(table, key="park_indicator_table", scope_word="全省",
                         group_word="市州内")
    corrected_note("park_indicators", scope, "主要经济指标")
    common_sections(with_park=True)
elif scope.city:
    ident = pf.city_identity(data, scope.city)
    st.header(md_escape(ident["name"]))
    st.subheader("主要经济指标")
    table = pf.indicator_table(pf.city_values(data, scope.period), "city_code", scope.city)
    with headline_block():
        view.headline_cards(table, "14个市州中", None)
    contents([("园区排名", "ranking"), *SECTIONS])
    view.city_identity(ident)
    view.indicator_table(table, key="park_indicator_table", scope_word="市州", group_word=None)
    corrected_note("park_indicators", scope, "主要经济指标")
    st.subheader("园区排名", anchor="ranking")
    st.caption("按技工贸总收入（1月至报告期末累计）排序。")
    view.park_ranking(pf.park_ranking(data, scope), key="park_ranking")
    common_sections(with_park=False)
else:
    st.info("请在左侧选择市州或园区查看档案，或在下表中点选一个市州。", icon=":material/touch_app:")
    st.subheader("市州排名")
    st.caption("按技工贸总收入（1月至报告期末累计）排序；"
               "亩均税收为市州内园区税收之和 ÷ 工业用地之和。")
    with headline_block():
        view.city_ranking(pf.city_ranking(data, scope.period), key="park_city_ranking")
