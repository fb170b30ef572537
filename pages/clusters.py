"""产业集群 (/clusters): under construction."""

import streamlit as st

from components.page import page_header

page_header("产业集群", datasets=[])
st.info("本页建设中：产业集群视图将在后续版本上线。")
