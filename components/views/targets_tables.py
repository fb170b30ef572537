"""Display tables for the target page: Chinese column names, units in headers, clickable rows."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.shell.context import open_park
from components.ui.layout import bounded_rows, table_height
from components.ui.theme import NOT_A_LIGHT, STATUS_COLORS
from hnparks.core import metrics as m
from hnparks.core.formats import fmt, fmt_pct
from hnparks.core.metrics import STATUS_LABELS
from hnparks.core.periods import period_label
from hnparks.core.status import (
    BASELINE,
    DEADLINE,
    MILESTONES,
    NO_TARGET,
    PROJECTION,
    SEASONAL,
    lights,
    rule_text,
)

_LABEL_COLORS = {**{STATUS_LABELS[k]: v for k, v in STATUS_COLORS.items()}, NO_TARGET: NOT_A_LIGHT}


def status_column(label: str = "状态") -> dict:
    """The status column as a coloured label per light (正常 green … 滞后 red): drawn by the
    table itself from the cell's word, where a Styler made pandas render every cell on every
    rerun (about a quarter of this page's warm rerun, #27)."""
    return st.column_config.MultiselectColumn(label, options=list(_LABEL_COLORS),
                                              color=list(_LABEL_COLORS.values()))


# Fixed widths, so long names wrap inside their column rather than run off the table.
REGISTER_COLUMNS = {"指标": st.column_config.TextColumn(width=210),
                    "状态": status_column(),
                    "责任单位": st.column_config.TextColumn(width=330),
                    "口径": st.column_config.TextColumn(width="large")}


def allocation_table(cities: pd.DataFrame) -> pd.DataFrame:
    """City allocation of the revenue target with value, completion and 序时 gap."""
    return pd.DataFrame({
        "市州": cities["city_name"], "分解目标（亿元）": cities["target"],
        "占全省目标": cities["target_share"] * 100, "累计（亿元）": cities["revenue_ytd"],
        "占全省累计": cities["value_share"] * 100,
        "完成率": cities["completion"] * 100, "序时差距（亿元）": cities["gap"],
        "同比": cities["yoy"] * 100, "预计全年（亿元）": cities["projection"],
        "状态": [STATUS_LABELS[x] for x in cities["light"]],
    })


STATUS_RULES = (
    f"{m.definition(lights)}序时进度因目标而异：技工贸总收入、亩均税收"
    f"{rule_text(SEASONAL)}；覆盖率、循环化改造、绿色园区、区域评估{rule_text(BASELINE)}；"
    f"千亿园区、百亿级特色产业园区{rule_text(PROJECTION)}；创建国家级高新区、境外孵化器"
    f"{rule_text(MILESTONES)}；其余{rule_text(DEADLINE)}。")


ALLOCATION_FORMAT = {
    "状态": status_column(),
    "分解目标（亿元）": st.column_config.NumberColumn(format="%,.0f"),
    "占全省目标": st.column_config.NumberColumn(format="%.1f%%"),
    "累计（亿元）": st.column_config.NumberColumn(format="%,.1f"),
    "占全省累计": st.column_config.NumberColumn(
        format="%.1f%%", help="高于占全省目标的比重，说明该市州贡献超过其分解份额"),
    "完成率": st.column_config.NumberColumn(format="%.1f%%"),
    "序时差距（亿元）": st.column_config.NumberColumn(
        format="%,.1f", help="分解目标 × 序时进度（按本市州上年季节性）− 累计；正数为落后"),
    "同比": st.column_config.NumberColumn(format="%+.1f%%"),
    "预计全年（亿元）": st.column_config.NumberColumn(format="%,.0f",
                                                 help="按上年季节性推算"),
}


def park_target_table(parks: pd.DataFrame) -> pd.DataFrame:
    """The city's target split to its parks (reference targets, illustrative) with the 序时 gap."""
    return pd.DataFrame({
        "园区": parks["park_name"], "参考目标（亿元）": parks["target"],
        "累计（亿元）": parks["revenue_ytd"], "完成率（%）": parks["completion"] * 100,
        "序时差距（亿元）": parks["gap"], "同比（%）": parks["yoy"] * 100,
    })


def thousand_table(parks: pd.DataFrame) -> pd.DataFrame:
    """千亿园区 and candidates: year to date, projection, last year and the gap to 1000亿."""
    return pd.DataFrame({
        "园区": parks["park_name"], "市州": parks["city_short"], "情况": parks["status"],
        "累计（亿元）": parks["revenue_ytd"], "预计全年（亿元）": parks["projection"],
        "上年全年（亿元）": parks["revenue_ly_total"], "距千亿（亿元）": parks["gap_to_1000"],
    })


def tax_table(parks: pd.DataFrame) -> pd.DataFrame:
    """Parks' 亩均税收, year to date and projected full year (万元/亩)."""
    return pd.DataFrame({
        "园区": parks["park_name"], "市州": parks["city_short"],
        "累计": parks["tax_per_mu"], "预计全年": parks["projection"],
    })


def specialty_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Specialty parks with output year to date, projection and status (亿元)."""
    return pd.DataFrame({
        "特色产业园": rows["specialty_name"], "所在园区": rows["park_name"],
        "市州": rows["city_short"], "主导产业": rows["leading_industry"],
        "累计（亿元）": rows["output_ytd"],
        "预计全年（亿元）": rows["projection"], "情况": rows["status"],
    })


NUMBER = st.column_config.NumberColumn(format="%,.1f")
RATE = st.column_config.NumberColumn(format="%.1f")


def park_table(table: pd.DataFrame, park_ids: pd.Series, key: str, rate: bool = False) -> None:
    """A table of parks (its first TABLE_ROWS, `bounded_rows`); selecting a row opens that park's
    profile (园区档案)."""
    table = bounded_rows(table)
    numeric = {c: (RATE if rate else NUMBER) for c in table.columns
               if pd.api.types.is_numeric_dtype(table[c])}
    event = st.dataframe(table, key=key, hide_index=True, on_select="rerun",
                         selection_mode="single-row", column_config=numeric,
                         height=table_height(len(table)) if len(table) <= 15 else "auto")
    rows = event.selection.rows if event else []
    if rows:
        open_park(str(park_ids.iloc[rows[0]]))


def across_years_table(across: pd.DataFrame) -> pd.DataFrame:
    """`hnparks.derived.cross_year.target_across_years` as shown: 年度, 目标, 实际, 截至, 同比 ("—" when none)."""
    return pd.DataFrame({
        "年度": across["year"].map("{}年".format),
        "目标（亿元）": across["target"].map(lambda v: fmt(v, "", 0)),
        "实际（亿元）": across["actual"].map(lambda v: fmt(v, "", 0)),
        "截至报告期": across["as_of"].map(lambda p: period_label(p) if isinstance(p, str) else "—"),
        "同比": across["yoy"].map(lambda v: fmt_pct(v, signed=True)),
    })
