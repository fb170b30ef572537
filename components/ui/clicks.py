"""Clicks on charts and the map: which code a click carries, and acting on it once.

A Streamlit selection survives reruns, so the same click would fire again on every rerun; the
session remembers the code it handled under a key of the widget's own."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st


def clicked_code(event: object, index: int = 0) -> str | None:
    """The customdata (its `index`-th item when a list) of the first clicked point of a plotly
    selection event, as text; None when nothing carrying a code is selected."""
    selection = getattr(event, "selection", None) or {}
    for point in selection.get("points") or []:
        data = point.get("customdata")
        if isinstance(data, list | tuple):
            data = data[index] if len(data) > index else None
        if data is not None and data != "":
            return str(data)
    return None


def act_once(key: str, code: str | None, action: Callable[[str], None],
             current: str | None = None) -> None:
    """Run `action(code)` for a new click only: not again for the same selection (remembered
    under `key`, forgotten when nothing is selected), nor for what is already `current`."""
    handled = f"_{key}_handled"
    if code is None:
        st.session_state[handled] = None
    elif code != current and st.session_state.get(handled) != code:
        st.session_state[handled] = code
        action(code)
