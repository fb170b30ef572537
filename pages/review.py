"""审核与发布 (/review): a round's parks by status, a submission against last month and the same
month last year, 通过 / 退回; for the office also 开启填报, 发布, 更正审批, the audit and the
未按时报送清单 (市州 accounts and the office)."""

import streamlit as st

from components.shell.auth import page_roles_only
from components.shell.context import get_scope
from components.views import review_office as office
from components.views import review_round as rounds
from components.views.report_common import flash

identity = page_roles_only("review", "无权访问审核与发布：只有市州账号和省园区办可以审核。")
st.title("审核与发布")
st.caption("市州审核本市州园区的报送：对照上月和上年同月，通过或退回（退回须填写意见）；"
           "省园区办开启每月填报、发布已审核的数据、审批更正申请。每一步都记下登录身份和时间。")
flash(rounds.PAGE)

if identity.is_admin:
    with st.expander("开启填报", icon=":material/campaign:"):
        office.open_round_form(identity)

st.subheader("报送情况")
chosen = rounds.pick_round(identity)
if chosen is not None:
    subs = rounds.status_table(chosen, identity)
    st.subheader("审核")
    submission = rounds.pick_submission(subs) if len(subs) else None
    if submission is not None:
        rounds.comparison(submission, identity)
        rounds.decision(submission, identity)
    if identity.is_admin:
        st.subheader("发布")
        office.publish_panel(chosen, subs, identity)

st.subheader("未按时报送清单")
period = chosen.period if chosen is not None else get_scope().period
office.late_table(str(period), identity, key="review_late")

if identity.is_admin:
    st.subheader("更正审批")
    office.corrections_panel(identity)

st.subheader("操作记录")
office.audit_table(identity, int(chosen.name) if chosen is not None else None)
