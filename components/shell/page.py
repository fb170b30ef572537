"""Page frame: title, the scope being shown, the data cut-off month and the provenance banner."""

from __future__ import annotations

import streamlit as st

from components.shell.context import get_scope
from components.ui.data import dataset
from components.ui.layout import print_header
from components.ui.provenance import illustrative_note, provenance_banner
from components.ui.text import md_escape
from hnparks.core.periods import period_label
from hnparks.core.scope import Scope
from hnparks.plans.registry import plan_of_period


def document(scope: Scope) -> str:
    """The work points the scope's period is tracked against: 文号《标题》 (from its plan)."""
    return plan_of_period(scope.period).document


def page_header(title: str, datasets: list[str]) -> Scope:
    """Title, scope line (范围 · 统计截止) and provenance banner; returns the shared scope."""
    scope = get_scope()
    label = scope.label(dataset("cities"), dataset("parks"))
    print_header(f"{md_escape(title)} ｜ 范围：{md_escape(label)} ｜ 统计截止：{period_label(scope.period)}末"
                 f" ｜ {illustrative_note(datasets, scope.period)}")
    st.title(title)
    st.caption(f"范围：**{md_escape(label)}** ｜ 统计截止：**{period_label(scope.period)}末** ｜ 依据：{md_escape(document(scope))}")
    provenance_banner(datasets, scope.period)
    return scope
