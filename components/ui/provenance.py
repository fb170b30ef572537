"""Provenance banner: says which figures on a page are illustrative and which are official.

Provenance is per dataset and year (hnparks.data.catalog.DatasetInfo.official_in): every
question here names the period in view, and the year of that period decides."""

from __future__ import annotations

import streamlit as st

from components.ui.data import catalog, dataset
from components.ui.text import md_escape
from hnparks.commands.ingest import REPORTABLE
from hnparks.core.parks import PENDING_MARK, name_pending
from hnparks.core.periods import year_of
from hnparks.data import catalog as _catalog
from hnparks.plans.registry import latest_plan, plan_of_period


def official_note(period: str | None = None) -> str:
    """Which figures are the document's own, naming the plan of `period` (default: the latest)."""
    plan = plan_of_period(period) if period else latest_plan()
    return f"目标、任务、责任单位、产业集群、评估事项及期限均摘自{plan.document}。"


def illustrative_titles(names: list[str], period: str | None) -> list[str]:
    """Titles of the given datasets whose figures of `period`'s year are still illustrative
    (`period` None: of any year)."""
    return _catalog.illustrative_titles(catalog(), names, year_of(period) if period else None)


def slide_note(names: list[str], period: str | None) -> str:
    """A slide's provenance line, on screen and in both briefing files."""
    titles = illustrative_titles(names, period)
    return f"示意数据（{'、'.join(titles)}），非真实统计" if titles else "官方报表数据"


def roster_note() -> str:
    """Which park names are real and which generated, while the roster is not official."""
    parks = dataset("parks")
    pending = int(name_pending(parks).sum()) if "name_verified" in parks else 0
    generated = int((parks["name_provenance"] != "official").sum())
    parts = []
    if pending:
        parts.append(f"{pending}家国家级园区名称摘自公开资料，标“{PENDING_MARK.strip('（）')}”的待正式名录核对")
    if generated:
        parts.append(f"{generated}家省级园区名称与各园区面积、位置为示意")
    return f"园区名录：{'；'.join(parts)}。" if parts else ""


def illustrative_note(datasets: list[str], period: str | None) -> str:
    """The one sentence saying whether this page shows illustrative figures of `period`'s year
    (the banner's line on screen, the print header on every printed page)."""
    count = len(illustrative_titles(datasets, period))
    if not count:
        return "数据来源：官方报表"
    return f"本页{count}类数据为示意数据（按固定随机种子生成），不代表真实统计"


def provenance_banner(datasets: list[str], period: str | None = None) -> None:
    """One line at the top of a page (a 示意 chip and one sentence) that opens on demand to say
    which of its datasets are illustrative (示意数据) for `period`'s year: those a report import
    replaces, those no import can replace yet (and why), and the roster's names."""
    info = catalog()
    year = year_of(period) if period else None
    shown = [n for n in dict.fromkeys(datasets) if n in info and info[n].illustrative_in(year)]
    importable = [info[n].title for n in shown if n in REPORTABLE]
    fixed = [f"{info[n].title}（{info[n].import_note or '尚不接受报表导入'}）"
             for n in shown if n not in REPORTABLE]
    if not shown:
        st.caption(md_escape(f"数据来源：官方报表。{official_note(period)}"))
        return
    titles = "、".join(info[n].title for n in shown)
    text = (f"**示意数据**：本页的{titles}为按固定随机种子生成的示意数据，仅用于演示界面，"
            "不代表真实统计。")
    if "parks" in shown:
        text += roster_note()
    label = f":orange-badge[示意] {illustrative_note(datasets, period)}。点开看是哪些、哪些可由导入替换"
    with st.expander(label, key="provenance_banner"):
        st.warning(text, icon=":material/info:")
        lines = []
        if importable:
            lines.append(f"- **导入即替换**（园区办「数据管理」）：{'、'.join(importable)}")
        if fixed:
            lines.append(f"- **暂不能导入，仍为示意**：{'；'.join(fixed)}")
        lines.append(f"- **官方**：{md_escape(official_note(period))}")
        st.markdown("\n".join(lines))
