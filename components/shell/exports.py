"""Files built only when someone asks for them (the Excel ledger, the briefing as HTML or PPTX,
report templates): a button builds the file, then its download button takes its place. Nothing
is built while a page loads, so an export that cannot be built never blanks the page: the
failure is logged with an error id and said beside the button."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components.shell.failsafe import log_failure

_FILE = "{key}_file"  # (inputs, data): the file built for these inputs
_FAILED = "{key}_failed"  # (inputs, error id): the last attempt for these inputs failed


def export_button(label: str, ready_label: str, build: Callable[[], bytes | str], *, key: str,
                  inputs: object, file_name: str, mime: str, icon: str | None = None,
                  help: str | None = None, disabled: bool = False) -> None:
    """`label` builds the file (`build()`); once built, `ready_label` downloads it. `inputs`
    (anything comparable) says what the file holds: a file built for other inputs (another
    period, filter or data version) is dropped and the build button shows again."""
    built = st.session_state.get(_FILE.format(key=key))
    if built is not None and built[0] != inputs:
        built = st.session_state[_FILE.format(key=key)] = None
    slot = st.empty()  # the build button, replaced by the download button once built
    if built is None and slot.button(label, key=f"{key}_build", icon=icon, disabled=disabled,
                                     help=(help or "") + "（点击后生成文件，再点“下载”保存）"):
        try:
            built = (inputs, build())
        except Exception as error:  # noqa: BLE001 — said beside the button, the page stays
            st.session_state[_FAILED.format(key=key)] = (inputs, log_failure(error, key))
        else:
            st.session_state[_FILE.format(key=key)] = built
            st.session_state.pop(_FAILED.format(key=key), None)
    if built is not None:
        slot.download_button(ready_label, data=built[1], file_name=file_name, mime=mime,
                             key=key, icon=":material/download:", help=help,
                             disabled=disabled)
        return
    failed = st.session_state.get(_FAILED.format(key=key))
    if failed is not None and failed[0] == inputs:
        st.caption(f":red[:material/error: 文件生成失败，请稍后重试；仍失败请联系省园区办"
                   f"（错误编号 {failed[1]}）。]")
