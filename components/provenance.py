"""Provenance banner: says which figures on a page are illustrative and which are official."""

from __future__ import annotations

import streamlit as st

from components.data import catalog

OFFICIAL_NOTE = "目标、任务、责任单位、产业集群、评估事项及期限均摘自湘园区〔2020〕1号《2020年湖南省产业园区工作要点》。"


def illustrative_titles(names: list[str]) -> list[str]:
    """Titles of the given datasets whose provenance is still illustrative."""
    info = catalog()
    return [info[n].title for n in names if n in info and info[n].illustrative]


def provenance_banner(datasets: list[str]) -> None:
    """Show, at the top of a page, which of its datasets are illustrative (示意数据)."""
    titles = illustrative_titles(datasets)
    if titles:
        st.warning(
            f"**示意数据**：本页的{'、'.join(titles)}为按固定随机种子生成的示意数据，"
            "仅用于演示界面，不代表真实统计；园区办导入各园区和部门报表后自动替换。"
            f"{OFFICIAL_NOTE}",
            icon=":material/info:",
        )
    else:
        st.caption(f"数据来源：官方报表。{OFFICIAL_NOTE}")
