"""Entry point: page config, shared context and navigation (a router only)."""

import streamlit as st

from components.context import sidebar_context

st.set_page_config(page_title="湖南省产业园区工作要点 · 领导驾驶舱", page_icon=":material/location_city:",
                   layout="wide", initial_sidebar_state="expanded")

PAGES = [
    st.Page("pages/overview.py", title="总览", icon=":material/dashboard:", url_path="", default=True),
    st.Page("pages/targets.py", title="目标达成", icon=":material/flag:", url_path="targets"),
    st.Page("pages/clusters.py", title="产业集群", icon=":material/factory:", url_path="clusters"),
    st.Page("pages/environment.py", title="生态环境整治", icon=":material/eco:", url_path="environment"),
    st.Page("pages/business.py", title="营商环境改革", icon=":material/gavel:", url_path="business"),
    st.Page("pages/tasks.py", title="重点任务台账", icon=":material/checklist:", url_path="tasks"),
    st.Page("pages/park.py", title="园区档案", icon=":material/location_city:", url_path="park"),
    st.Page("pages/admin.py", title="数据管理", icon=":material/database:", url_path="admin"),
]

navigation = st.navigation(PAGES)
sidebar_context()
navigation.run()
