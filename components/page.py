"""Page frame: title, the scope being shown, the data cut-off month and the provenance banner."""

from __future__ import annotations

import streamlit as st

from components.context import get_scope
from components.data import dataset
from components.layout import print_header
from components.provenance import illustrative_note, provenance_banner
from components.text import md_escape
from hnparks.periods import period_label
from hnparks.scope import Scope

DOCUMENT = "湘园区〔2020〕1号《2020年湖南省产业园区工作要点》"


def page_header(title: str, datasets: list[str]) -> Scope:
    """Title, scope line (范围 · 统计截止) and provenance banner; returns the shared scope."""
    scope = get_scope()
    label = scope.label(dataset("cities"), dataset("parks"))
    print_header(f"{md_escape(title)} ｜ 范围：{md_escape(label)} ｜ 统计截止：{period_label(scope.period)}末"
                 f" ｜ {illustrative_note(datasets)}")
    st.title(title)
    st.caption(f"范围：**{md_escape(label)}** ｜ 统计截止：**{period_label(scope.period)}末** ｜ 依据：{DOCUMENT}")
    provenance_banner(datasets)
    return scope
