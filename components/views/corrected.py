"""已更正: a line under a table naming each figure in view that was corrected after publication
(更正, approved by the office) and when, from hnparks.commands.reporting.corrections."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.shell.auth import viewer
from components.ui.data import data_version, dataset
from components.ui.text import md_escape
from hnparks.commands import reporting
from hnparks.commands.corrections import CORRECTED
from hnparks.core.access import ANONYMOUS, Identity
from hnparks.core.periods import period_label, year_of, years_of
from hnparks.core.scope import Scope


@st.cache_data(show_spinner=False, max_entries=64)
def _approved(name: str, version: tuple, identity: Identity) -> pd.DataFrame:
    # An approved correction is always a load, so the data version is a sound cache key.
    fixes = reporting.corrections(name, identity)
    return fixes[fixes["status"] == CORRECTED].reset_index(drop=True)


def corrections_in_view(name: str, scope: Scope) -> pd.DataFrame:
    """Approved corrections of `name` for the parks in scope and the months of the scope's year
    up to its month (a year-to-date figure carries every earlier month)."""
    identity = viewer()
    if identity.via == ANONYMOUS.via:  # the demo viewer takes no part in the workflow
        return pd.DataFrame(columns=["park_id", "period", "decided_at", "reason"])
    fixes = scope.park_rows(_approved(name, data_version(), identity), dataset("parks"))
    keep = (years_of(fixes["period"]) == year_of(scope.period)) & (fixes["period"] <= scope.period)
    return fixes[keep]


def corrected_note(name: str, scope: Scope, what: str) -> None:
    """'已更正：株洲高新区 <年>年6月（<日期> 更正；原因：…）' under a table showing `what` of
    `name`; nothing when no figure in view was corrected."""
    fixes = corrections_in_view(name, scope)
    if fixes.empty:
        return
    names = dict(zip(dataset("parks")["park_id"], dataset("parks")["park_name"], strict=True))
    items = [f"{md_escape(names.get(row.park_id, row.park_id))} {period_label(row.period)}"
             f"（{md_escape(row.decided_at)} 更正；原因：{md_escape(row.reason)}）"
             for row in fixes.itertuples()]
    st.caption(f"**已更正** · {md_escape(what)}：" + "；".join(items)
               + "。更正经省园区办批准后作为新版本导入，原数据可在导入记录中查看。")
