"""重点任务台账 (/tasks): under construction."""

import streamlit as st

from components.page import page_header

page_header("重点任务台账", datasets=[])
st.info("本页建设中：重点任务台账视图将在后续版本上线。")
