"""园区档案 (/park): under construction."""

import streamlit as st

from components.page import page_header

page_header("园区档案", datasets=[])
st.info("本页建设中：园区档案视图将在后续版本上线。")
