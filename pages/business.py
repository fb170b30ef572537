"""营商环境改革 (/business): the 12 regional assessments of 144 parks and the reform checklist."""

import streamlit as st

from components.shell.context import set_city
from components.shell.page import page_header
from components.ui.data import datasets, views
from components.ui.kpi import empty_note
from components.ui.layout import contents, headline_block
from components.ui.text import inert_figure, md_escape
from components.views import business_matrix as bm
from components.views import business_reforms as br
from components.views import business_summary as bs
from components.views.business_matrix_panel import matrix_panel
from hnparks.core.metrics import definition
from hnparks.core.periods import date_label
from hnparks.views import business as _b

b = views(_b)

scope = page_header("营商环境改革", datasets=[
    "assessment_items", "assessments", "reform_items", "reform_progress", "parks", "cities"])
data = datasets(scope)
items = b.assessment_items(data, scope.period)
item_names = items["item_name"].tolist()

contents([("区域评估", "assessment"), ("改革事项清单", "reforms")])
st.header("区域评估", anchor="assessment")
summary = b.assessment_summary(data, scope) if len(items) else None
if summary is None or summary.applicable == 0:
    empty_note("区域评估事项")
else:
    st.caption(f"文件原文：{md_escape(items['quote'].iloc[0])}（三(七)1；"
               f"责任单位：{md_escape(items['lead_departments'].iloc[0])}）")
    with headline_block():
        bs.assessment_cards(summary)

    if scope.level == "park":
        st.subheader("本园区12项评估事项")
        st.dataframe(bm.park_items_table(b.park_items(data, scope)),
                     column_config=bm.PARK_ITEMS_CONFIG, hide_index=True,
                     key="business_park_items", height=35 * 13 + 5)
        st.caption(f"状态口径：{definition(b.assessment_status)} 晚于报告期末的日期不显示。")
    else:
        due = date_label(summary.deadline)
        st.subheader(f"分事项、分市州完成情况（对照{due}期限）")
        by_item = b.completion_by_item(data, scope)
        by_city = b.completion_by_city(data, scope)
        col_item, col_city = st.columns(2)
        with col_item:
            st.markdown("**分事项**：已完成、进行中、未启动的园区数（家），标注完成率")
            st.plotly_chart(inert_figure(bs.build_item_chart(by_item)), key="business_item_chart",
                            config={"displayModeBar": False})
        with col_city:
            st.markdown("**分市州**：完成率（%），点击柱条切换到该市州")
            event = st.plotly_chart(inert_figure(bs.build_city_chart(by_city, scope.city)),
                                    key="business_city_chart", on_select="rerun",
                                    selection_mode="points", config={"displayModeBar": False})
            city = bs.clicked_city(event, by_city)
            if city and city != scope.city:
                set_city(city)
        tab_item, tab_city = st.tabs([":material/list: 分事项明细", ":material/map: 分市州明细"])
        with tab_item:
            bs.item_table(by_item)
            st.caption(f"口径：{definition(b.completion_by_item)} 不适用的园区不计入。")
        with tab_city:
            bs.city_table(by_city)
            st.caption(f"口径：{definition(b.completion_by_city)} 全部14个市州并列比较。")
        matrix_panel(data, scope, item_names)  # folded: every park × item, built when opened

st.header("改革事项清单", anchor="reforms")
checklist = b.reform_checklist(data, scope.period)
if checklist.empty:
    empty_note("改革事项")
else:
    st.markdown(f"**{br.reform_counts_line(checklist)}**")
    br.render_reform_table(checklist)
    st.caption(f"推进状态口径：{definition(b.reform_status)} 佐证说明为报告期末及以前最近一次报送。"
               "改革事项由省直责任单位在全省推进，不随市州、园区筛选变化。")
