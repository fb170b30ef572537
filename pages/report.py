"""数据填报 (/report): a park fills its own rows of an open round, checks and submits them; its
submissions, 更正申请 and 佐证材料 (park accounts; the office may fill for any park)."""

import streamlit as st

from components.shell.auth import page_roles_only
from components.shell.context import get_scope
from components.views import report_entry as entry
from components.views import report_records as records
from components.views.report_common import flash

identity = page_roles_only("report", "无权访问数据填报：只有园区账号和省园区办可以填报。")
st.title("数据填报")
st.caption("省园区办开启当月填报后，园区在此填写本园区的数据：先校验，逐项说明变动过大的数，"
           "再提交市州审核；市州通过、省园区办发布后，驾驶舱各页面即显示新数据。"
           "只能看到和提交本园区的行。")
flash(entry.PAGE)

park = entry.pick_park(identity)
if park is None:
    st.info("请先选择园区。", icon=":material/apartment:")
    st.stop()

st.subheader("本月填报")
chosen = entry.pick_round(identity)
if chosen is not None:
    entry.heading(chosen, park)
    table, status = entry.entry_table(identity, chosen, park)
    if status not in entry.LOCKED:
        entry.draft_button(identity, chosen, park, table)
        notes = entry.check_panel(identity, chosen, park, table)
        entry.submit_button(identity, chosen, park, table, notes)
        with st.expander("或上传填好的报表模板"):
            entry.upload_panel(identity, chosen, park)

st.subheader("报送记录")
records.submissions_table(identity, park)

st.subheader("更正申请")
records.correction_form(identity, park)

st.subheader("佐证材料")
records.evidence_panel(identity, park, get_scope().period)
