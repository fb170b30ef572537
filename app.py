"""Entry point: page config, shared context and navigation (a router only)."""

import streamlit as st

from components.context import sidebar_context

st.set_page_config(page_title="湖南省产业园区工作要点 · 领导驾驶舱",
                   layout="wide", initial_sidebar_state="expanded")

PAGES = [
    st.Page("pages/overview.py", title="总览", url_path="", default=True),
    st.Page("pages/targets.py", title="目标达成", url_path="targets"),
    st.Page("pages/clusters.py", title="产业集群", url_path="clusters"),
    st.Page("pages/environment.py", title="生态环境整治", url_path="environment"),
    st.Page("pages/business.py", title="营商环境改革", url_path="business"),
    st.Page("pages/tasks.py", title="重点任务台账", url_path="tasks"),
    st.Page("pages/park.py", title="园区档案", url_path="park"),
]

navigation = st.navigation(PAGES)
sidebar_context()
navigation.run()
