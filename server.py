"""What `make run` / `make start` serve: the dashboard (app.py) on Streamlit's own server, each
page's HTML telling Streamlit its server is at the site root (components/shell/base_url.py), so a
deep link opens without probing /<page>/_stcore/… first (no 404s in the browser console)."""

import streamlit as st
from starlette.middleware import Middleware

from components.shell.base_url import BaseUrlAtRoot

app = st.App("app.py", middleware=[Middleware(BaseUrlAtRoot)])
