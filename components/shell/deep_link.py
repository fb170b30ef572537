"""Deep links: a URL for /targets etc. opened on a fresh server (or before sign-in) still reaches
that page, through app.py, with the same parameters."""

from __future__ import annotations

import inspect
from pathlib import Path

import streamlit as st

DEEP_LINK = "ctx_deep_link"  # the page a deep link asked for, kept across sign-in


def recover_direct_page_run() -> None:
    """A fresh server's first request for /targets etc. runs the page file without app.py
    (Streamlit's old pages/-folder mode, until st.navigation has run once). Go through app.py
    and let it reopen the requested page with the same URL parameters."""
    page = next((Path(frame.filename) for frame in inspect.stack()
                 if Path(frame.filename).parent.name == "pages"), None)
    st.session_state[DEEP_LINK] = f"pages/{page.name}" if page else None
    st.switch_page("app.py", query_params=st.query_params.to_dict())


def reopen_deep_link() -> None:
    """Called by app.py once its navigation exists: reopen the page a deep link asked for."""
    page = st.session_state.pop(DEEP_LINK, None)
    if page:
        st.switch_page(page, query_params=st.query_params.to_dict())
