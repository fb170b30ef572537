"""Small scripts run in the app's own page (not iframed): browser history and presenter keys.

The scripts are static files (components/shell/js/*.js) with no data in them; `make serve`'s
Content-Security-Policy allows exactly these texts by hash (scripts/serve.py).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

SCRIPTS = Path(__file__).parent / "js"


def script_texts() -> dict[str, str]:
    """Every script's text as inserted (the CSP hashes these)."""
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(SCRIPTS.glob("*.js"))}


def run_script(name: str) -> None:
    """Insert components/shell/js/<name>.js into the page; it installs itself once per browser tab."""
    # The element itself takes no room (the style hides its own wrapper).
    st.html('<style>[data-testid="stElementContainer"]:has(script[data-hnparks]){display:none}'
            f"</style><script data-hnparks>{script_texts()[name]}</script>",
            unsafe_allow_javascript=True, width="content")
