"""汇报模式 (?mode=present): the year's story slide by slide for the meeting-room screen."""

import streamlit as st

from components.context import get_scope
from components.data import dataset
from components.page import document
from components.present import PRESENT_CSS, current_slides, request_exit, slideshow
from components.present_export import briefing_html
from components.provenance import illustrative_titles
from components.text import md_escape
from hnparks.briefing import cutoff_label

st.html(PRESENT_CSS)
scope = get_scope()
label = scope.label(dataset("cities"), dataset("parks"))

autoplay_col, seconds_col, export_col, exit_col = st.columns([2, 2, 2, 1.3],
                                                             vertical_alignment="bottom")
autoplay = autoplay_col.toggle("自动翻页", key="present_autoplay",
                               help="按设定间隔自动切换到下一页；关闭即暂停。")
seconds = seconds_col.select_slider("翻页间隔（秒）", options=[10, 15, 20, 30, 45, 60], value=20,
                                    key="present_seconds")
slides = current_slides()
notes = {s.key: (f"示意数据（{'、'.join(t)}），非真实统计" if (t := illustrative_titles(list(s.datasets)))
                 else "官方报表数据") for s in slides}
export_col.download_button(
    "导出离线汇报（HTML）", icon=":material/download:", key="present_export", width="stretch",
    data=lambda: briefing_html(slides, scope_label=label, cutoff=cutoff_label(scope),
                               document=document(scope), notes=notes),
    file_name=f"园区工作要点汇报_{label}_{scope.period}.html", mime="text/html",
    on_click="ignore")
exit_col.button("退出汇报", icon=":material/close:", key="present_exit", width="stretch",
                on_click=request_exit)

st.caption(f"{md_escape(label)}汇报 ｜ {cutoff_label(scope)} ｜ 共{len(slides)}页，红色（滞后）在前")
slideshow(seconds, autoplay)
