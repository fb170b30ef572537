"""生态环境整治 (/environment): under construction."""

import streamlit as st

from components.page import page_header

page_header("生态环境整治", datasets=[])
st.info("本页建设中：生态环境整治视图将在后续版本上线。")
