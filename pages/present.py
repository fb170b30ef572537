"""汇报模式 (?mode=present): the year's story slide by slide for the meeting-room screen."""

import streamlit as st

from components.shell.browser import run_script
from components.shell.context import get_scope
from components.shell.exports import export_button
from components.shell.page import document
from components.ui.data import data_version, dataset
from components.ui.provenance import slide_note
from components.ui.text import md_escape
from components.views.notice_export import notice_button
from components.views.present import PRESENT_CSS, current_slides, request_exit, slideshow
from components.views.present_export import briefing_html
from components.views.present_pptx import briefing_pptx, deck_file_name
from hnparks.views.present import cutoff_label

st.html(PRESENT_CSS)
run_script("presenter")  # ← → space / Esc, and the bar hiding while the mouse rests
scope = get_scope()
label = scope.label(dataset("cities"), dataset("parks"))
slides = current_slides()
notes = {s.key: slide_note(list(s.datasets), scope.period) for s in slides}

# One slim bar over the top edge (the slide buttons join it from the slideshow fragment).
with st.container(key="present_bar", horizontal=True, wrap=False, vertical_alignment="center",
                  gap="small"):  # room for the scope line beside six controls at 1366 px
    st.caption(f"{md_escape(label)}汇报 ｜ {cutoff_label(scope)} ｜ 共{len(slides)}页，红色（滞后）在前"
               " ｜ ←/→ 或空格翻页，F 全屏，Esc 退出", width="stretch")
    autoplay = st.toggle("自动翻页", key="present_autoplay",
                         help="按设定间隔自动切换到下一页；关闭即暂停。")
    seconds = st.selectbox("翻页间隔", [10, 15, 20, 30, 45, 60], index=2, key="present_seconds",
                           format_func=lambda s: f"每{s}秒", label_visibility="collapsed",
                           width=110)
    what = (scope, label, document(scope), tuple(s.key for s in slides), data_version())
    export_button(
        "导出离线汇报（HTML）", "下载离线汇报（HTML）", icon=":material/download:",
        key="present_export", inputs=what,
        build=lambda: briefing_html(slides, scope_label=label, cutoff=cutoff_label(scope),
                                    document=document(scope), notes=notes),
        file_name=f"园区工作要点汇报_{label}_{scope.period}.html", mime="text/html")
    export_button(
        "导出PPT（可编辑）", "下载PPT（可编辑）", icon=":material/slideshow:",
        key="present_export_pptx", inputs=what,
        help="PowerPoint/WPS 文件：图表可编辑，每页页脚和备注注明口径、统计截止、来源和示意数据。",
        build=lambda: briefing_pptx(slides, scope_label=label, cutoff=cutoff_label(scope),
                                    document=document(scope), notes=notes),
        file_name=deck_file_name(label, scope.period),
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation")
    notice_button(scope, "present_export_notice", "导出通报")
    st.button("退出汇报", icon=":material/close:", key="present_exit", help="键盘 Esc",
              on_click=request_exit)

slideshow(seconds, autoplay)
