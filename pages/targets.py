"""目标达成 (/targets): under construction."""

import streamlit as st

from components.page import page_header

page_header("目标达成", datasets=[])
st.info("本页建设中：目标达成视图将在后续版本上线。")
