"""UI pieces of 开放与创新: 外向度 cards and tables, platform counts, “五个100”."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.ui.kpi import kpi_card
from components.ui.layout import bounded_rows, table_height
from hnparks.core.formats import fmt
from hnparks.core.metrics import definition
from hnparks.views import opening as op


def export_cards(summary: dict[str, float], where: str) -> None:
    cols = st.columns(3)
    with cols[0]:
        kpi_card(f"{where}产业外向度", fmt(summary["share"], "%", 1),
                 definition=definition(op.export_share) + " 范围内各园区先求和再相除。",
                 lines=[f"上年同期 {fmt(summary['share_ly'], '%', 1)}"])
    with cols[1]:
        kpi_card("出口额", fmt(summary["export_ytd"], "亿元", 1),
                 definition="园区企业出口额，1月至报告期末累计（亿元）。")
    with cols[2]:
        change = summary["share"] - summary["share_ly"]
        kpi_card("外向度比上年同期", "—" if pd.isna(change) else f"{change:+.2f}个百分点",
                 definition="本年外向度 − 上年同期外向度（百分点）。")


def export_rows(parks: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"园区": parks["park_name"], "级别": parks["level"],
                         "出口额（亿元，累计）": parks["export_ytd"],
                         "技工贸总收入（亿元，累计）": parks["revenue_ytd"],
                         "外向度（%）": parks["share"], "上年同期（%）": parks["share_ly"],
                         "变化（百分点）": parks["change"]})


def number_table(rows: pd.DataFrame, key: str, formats: dict[str, str] | None = None) -> None:
    """A plain table: numbers to one decimal unless `formats` says otherwise."""
    formats = formats or {}
    rows = bounded_rows(rows)
    config = {c: st.column_config.NumberColumn(format=formats.get(c, "%,.1f"))
              for c in rows.columns if pd.api.types.is_numeric_dtype(rows[c])}
    st.dataframe(rows, key=key, hide_index=True, height=table_height(len(rows), max_px=530),
                 column_config=config)


def platform_rows(counts: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"类别": counts["kind"], "已有（个）": counts["total"],
                         "其中本年新增（个）": counts["this_year"]})


def five_rows(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"类别": table["category"],
                         "数量": [fmt(v, "", 0) if pd.notna(v) else "无数据" for v in table["count"]],
                         "口径": table["basis"]})


def rd_rows(rd: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"市州": rd["city_name"], "研发经费（亿元，累计）": rd["rd_expense_ytd"],
                         "研发投入强度（%）": rd["rd_intensity"]})
