"""Errors never show internals to viewers: a Chinese notice saying what is wrong and what the
office should do; the full error, with its traceback, goes to the server log under an id the
notice repeats. Nothing is cached from a failed run, so a fixed data directory shows up on the
next page load without a restart."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

import streamlit as st
import yaml

from hnparks.core.paths import data_dir
from hnparks.data.loading import DatasetError
from hnparks.data.state import StateError

LOG = logging.getLogger("hnparks.app")
ADMIN = "请园区办联系系统管理员处理，修复后刷新本页即可，无需重启。"


def describe(error: BaseException, data_dir_exists: bool = True) -> str:
    """What went wrong, in words for the office, without paths, code or exception text."""
    if not data_dir_exists or isinstance(error, FileNotFoundError | NotADirectoryError |
                                         PermissionError):
        return ("找不到驾驶舱的数据文件：服务器上的数据目录缺失、未挂载或无权读取"
                f"（由 HNPARKS_DATA_DIR 指定，默认 data/）。{ADMIN}")
    if isinstance(error, StateError):
        return f"数据导入状态文件已损坏，无法确定各数据集的当前版本。{ADMIN}"
    if isinstance(error, DatasetError):
        which = f"「{error.dataset}」" if error.dataset else ""
        return (f"数据集{which}缺失或未通过校验，本页无法显示。可在数据管理页回退最近一次导入，"
                f"或{ADMIN}")
    if isinstance(error, yaml.YAMLError) or (
            isinstance(error, KeyError | TypeError | AttributeError)
            and _from_module(error, "hnparks/data/catalog.py")):
        return f"数据目录清单（catalog.yaml）格式有误，无法读取。请用最近的备份恢复该文件；{ADMIN}"
    return f"页面暂时无法显示：服务器处理数据时出错。{ADMIN}"


def _from_module(error: BaseException, suffix: str) -> bool:
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(suffix):
            return True
        tb = tb.tb_next
    return False


def log_failure(error: BaseException, what: str = "page") -> str:
    """Log the full error under a new id (for the notice to repeat) and return the id."""
    error_id = uuid.uuid4().hex[:8]
    LOG.error("%s failed (error id %s)", what, error_id, exc_info=error)
    return error_id


def show_failure(error: BaseException) -> None:
    """Log the full error with an id, and show the viewer the notice with that id."""
    error_id = log_failure(error)
    exists = data_dir().is_dir()
    st.error(f"**数据暂时无法显示**\n\n{describe(error, exists)}", icon=":material/error:")
    st.caption(f"错误编号 {error_id}（系统管理员可据此在服务器日志中查到详细原因）")


def guarded(run: Callable[[], object]) -> None:
    """Run the app (or a page); any error becomes the notice. st.rerun / st.stop and page
    switches are control flow (BaseException) and pass through."""
    try:
        run()
    except Exception as error:  # noqa: BLE001 — the point: nothing reaches the viewer raw
        show_failure(error)
