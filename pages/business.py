"""营商环境改革 (/business): under construction."""

import streamlit as st

from components.page import page_header

page_header("营商环境改革", datasets=[])
st.info("本页建设中：营商环境改革视图将在后续版本上线。")
