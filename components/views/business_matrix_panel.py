"""营商环境改革's 144 × 12 matrix: a folded section, built and sent only when opened (a lazy
expander, a fragment: its sort order and its two tabs rerun the matrix alone), and within it
only the open tab (chart or table)."""

from __future__ import annotations

import streamlit as st

from components.shell.context import set_park
from components.ui.data import computed, views
from components.ui.layout import lazy_expander
from components.ui.text import inert_figure
from components.views import business_matrix as bm
from hnparks.core.bounded import CHART_ROWS, left_out_note
from hnparks.core.metrics import definition
from hnparks.core.scope import Scope
from hnparks.views import business as _b

b = views(_b)
bc = computed(_b)  # pure functions of the cached matrix
OPEN_KEY, TITLE = "business_matrix_open", "评估事项完成矩阵（园区 × 12项）"
TAB_KEY, CHART_TAB, TABLE_TAB = ("business_matrix_tab", ":material/grid_on: 矩阵图",
                                 ":material/table: 明细表（可排序）")
ORDERS = {"city": "按市州分组，落后在前", "behind": "全部园区，落后在前", "id": "按园区编号"}


def matrix_panel(data: dict, scope: Scope, item_names: list[str]) -> None:
    """The matrix, folded: every park's 12 items are detail under the summary above it, and
    they are most of a month change's bytes when sent with the page (#27)."""
    lazy_expander(TITLE, lambda: _matrix(data, scope, item_names), key=OPEN_KEY,
                  icon=":material/grid_on:")


def _matrix(data: dict, scope: Scope, item_names: list[str]) -> None:
    """Sort control, then the open tab: the heatmap, or the sortable table (a row opens the
    park's context, which reruns the whole page)."""
    order = st.segmented_control("排序", list(ORDERS), key="business_sort", default="city",
                                 format_func=ORDERS.get) or "city"
    matrix = b.status_matrix(data, scope, order)
    tab_chart, tab_table = st.tabs([CHART_TAB, TABLE_TAB], key=TAB_KEY, on_change="rerun")
    if tab_chart.open:
        with tab_chart:
            shown = bc.furthest_behind(matrix, CHART_ROWS)
            note = left_out_note(len(shown), len(matrix), "完成率最低")
            if note:
                st.caption(f"{note}明细表列出全部园区。")
            st.plotly_chart(inert_figure(bm.build_matrix_figure(shown, item_names,
                                                                grouped=order == "city")),
                            key="business_matrix_chart", config={"displayModeBar": False})
    if tab_table.open:
        with tab_table:
            picked = bm.render_matrix_table(matrix, item_names, definition(b.assessment_status),
                                            key="business_matrix_table")
            st.caption("点击列标题可排序；选中一行可查看该园区。")
            if picked:
                set_park(picked)
    st.caption(f"状态口径：{definition(b.assessment_status)} 园区名后括号内为其完成率；"
               "“落后”按完成率由低到高、未启动事项多者在前。")
