"""数据管理 (/admin): report templates, validated all-or-nothing loads, load log and rollback,
accounts — for the park office (admin) only."""

import streamlit as st

from components.shell.auth import admin_only
from components.views.admin_accounts import (
    account_forms,
    account_history_table,
    accounts_table,
    throttle_table,
)
from components.views.admin_panels import (
    history_panel,
    import_outcome,
    notice_panel,
    status_table,
    template_download,
    upload_panel,
)

admin_only()  # anyone else gets a Chinese refusal and nothing below
st.title("数据管理")
st.caption("省园区办维护数据：下载报表模板 → 各园区和部门填报 → 在此校验导入。"
           "整份文件全部通过校验才导入，导入后驾驶舱即时更新，示意数据标注随之撤销；每次导入可回退。"
           "每次导入、回退和账号变更都记下登录身份、时间、文件摘要和变更内容。")

st.subheader("数据集状态")
status_table()

left, right = st.columns([2, 3], gap="large")
with left:
    st.subheader("下载报表模板")
    template_download()
with right:
    st.subheader("导入报表")
    upload_panel()
import_outcome()

st.subheader("导出通报")
notice_panel()

st.subheader("导入记录与回退")
history_panel()

st.subheader("账号管理")
accounts_table()
account_forms()
st.markdown("**登录限制**")
throttle_table()
st.markdown("**账号变更记录**")
account_history_table()
