"""UI pieces of the profile page (园区档案, /park): identity, indicators, rankings, clusters,
specialty parks, land and firms. (Environment, assessments, projects: `park_work`; table
defaults: `park_tables`.)"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.shell.context import set_city
from components.ui.data import views
from components.ui.kpi import empty_note
from components.ui.text import md_escape
from components.views.park_tables import (
    date_column,
    park_list,
    park_table,
    rank_text,
)
from hnparks.core import metrics as m
from hnparks.core.formats import fmt, fmt_pct
from hnparks.derived.attainment import HUNDRED_YI
from hnparks.views import environment as _env
from hnparks.views import park as _pf

env = views(_env)
pf = views(_pf)

_DIGITS = {i.key: i.digits for i in pf.INDICATORS}
_HEADLINES = ["revenue_ytd", "tax_ytd", "tax_per_mu", "above_scale_firms"]


def park_identity(ident: dict) -> None:
    """Level, type, city, county, approved area, leading industries and clusters of a park."""
    with st.container(border=True):
        facts = [
            ("级别", ident["level"]),
            ("类型", ident["type"]),
            ("所属市州", ident["city"]),
            ("所在县市区", ident["county"]),
            ("核准面积", fmt(ident["area_km2"], " 平方公里", 2)),
        ]
        for col, (label, value) in zip(st.columns([1, 1.4, 1, 1, 1.2]), facts, strict=True):
            col.caption(label)
            col.markdown(f"**{md_escape(value)}**")
        st.markdown(f"**主导产业**：{md_escape(ident['industries'])}")
        if ident["clusters"]:
            st.markdown(f"**关联产业集群**：{md_escape(ident['clusters'])}")
        if not ident["name_official"]:
            st.caption("园区名称、面积、主导产业与位置为示意数据，待园区办导入正式名录后替换。")


def city_identity(ident: dict) -> None:
    """A city's parks by level and their approved area."""
    with st.container(border=True):
        facts = [
            ("省级及以上园区", f"{ident['parks']}家"),
            ("其中国家级", f"{ident['national']}家"),
            ("省级", f"{ident['provincial']}家"),
            ("核准面积合计", fmt(ident["area_km2"], " 平方公里", 2)),
        ]
        for col, (label, value) in zip(st.columns(4), facts, strict=True):
            col.caption(label)
            col.markdown(f"**{md_escape(value)}**")


def headline_cards(table: pd.DataFrame, scope_word: str, group_word: str | None) -> None:
    """Four cards (收入、税收、亩均税收、规上企业) with YoY as delta and the ranks as lines."""
    rows = table.set_index("key")
    for col, key in zip(st.columns(4), _HEADLINES, strict=True):
        row = rows.loc[key]
        with col.container(border=True):
            st.metric(
                f"{row['indicator']}（{row['unit']}）",
                fmt(row["value"], "", _DIGITS[key]),
                delta=fmt_pct(row["yoy"], signed=True) if pd.notna(row["yoy"]) else None,
                delta_description="同比",
                help=f"{row['basis']}。{m.definition(m.yoy_growth)}",
            )
            st.caption(f"{scope_word}排名：{rank_text(row['rank'], row['rank_of'])}")
            if group_word:
                st.caption(f"{group_word}排名：{rank_text(row['rank_group'], row['rank_group_of'])}")


def indicator_table(table: pd.DataFrame, key: str, scope_word: str, group_word: str | None) -> None:
    """Every indicator: value, last year, YoY, rank in the province (and in the city)."""
    shown = pd.DataFrame(
        {
            "指标": table["indicator"],
            "单位": table["unit"],
            "本期": [
                fmt(v, "", _DIGITS[k]) for v, k in zip(table["value"], table["key"], strict=True)
            ],
            "上年同期": [
                fmt(v, "", _DIGITS[k])
                for v, k in zip(table["last_year"], table["key"], strict=True)
            ],
            "同比": [fmt_pct(v, signed=True) for v in table["yoy"]],
            f"{scope_word}排名": [
                rank_text(r, n) for r, n in zip(table["rank"], table["rank_of"], strict=True)
            ],
        }
    )
    if group_word:
        shown[f"{group_word}排名"] = [
            rank_text(r, n) for r, n in zip(table["rank_group"], table["rank_group_of"], strict=True)
        ]
    shown["口径"] = table["basis"]
    park_table(
        shown,
        key,
        column_config={
            "同比": st.column_config.TextColumn(help=m.definition(m.yoy_growth)),
            f"{scope_word}排名": st.column_config.TextColumn(help=m.definition(m.rank_desc)),
        },
    )


def _ranking_columns(shown: pd.DataFrame) -> dict:
    """The four indicator columns a park or city ranking shows (revenue as a bar)."""
    return {
        "revenue_ytd": st.column_config.ProgressColumn(
            "技工贸总收入（亿元）", format="%.1f", min_value=0, color="blue",
            max_value=float(shown["revenue_ytd"].max() or 1), help="1月至报告期末累计"),
        "yoy": st.column_config.NumberColumn("同比（%）", format="%+.1f",
                                            help=m.definition(m.yoy_growth)),
        "tax_per_mu": st.column_config.NumberColumn("亩均税收（万元/亩）", format="%.2f",
                                                   help=m.definition(m.tax_per_mu)),
        "above_scale_firms": st.column_config.NumberColumn("规上企业（家）", format="%d"),
    }


def park_ranking(ranking: pd.DataFrame, key: str) -> None:
    """The city's parks ranked by revenue; selecting a row opens that park's profile."""
    shown = ranking[
        [
            "rank_city",
            "park_name",
            "level",
            "revenue_ytd",
            "yoy",
            "tax_per_mu",
            "above_scale_firms",
            "rank_province",
        ]
    ].copy()
    shown["yoy"] = shown["yoy"] * 100
    park_table(
        shown,
        key,
        opens_park=ranking["park_id"],
        column_config={
            "rank_city": st.column_config.NumberColumn("市州内排名", format="%d"),
            "park_name": st.column_config.TextColumn("园区"),
            "level": st.column_config.TextColumn("级别"),
            **_ranking_columns(shown),
            "rank_province": st.column_config.NumberColumn(
                "全省排名", format="%d", help="技工贸总收入在144家园区中的名次"
            ),
        },
    )


def city_ranking(ranking: pd.DataFrame, key: str) -> None:
    """The 14 cities ranked by revenue; selecting a row makes that city the context."""
    shown = ranking[
        ["rank", "city_name", "parks", "revenue_ytd", "yoy", "tax_per_mu", "above_scale_firms"]
    ].copy()
    shown["yoy"] = shown["yoy"] * 100
    event = park_table(
        shown,
        key,
        on_select="rerun",
        selection_mode="single-row",
        column_config={
            "rank": st.column_config.NumberColumn("全省排名", format="%d"),
            "city_name": st.column_config.TextColumn("市州", width="medium"),
            "parks": st.column_config.NumberColumn("园区（家）", format="%d"),
            **_ranking_columns(shown),
        },
    )
    rows = event.selection.rows if event else []
    if rows:
        set_city(str(ranking.iloc[rows[0]]["city_code"]))


def clusters_table(clusters: pd.DataFrame, key: str) -> None:
    """Cluster output in the scope: output YTD, YoY, firms, parks."""
    if clusters.empty:
        empty_note("产业集群产值数据")
        return
    shown = clusters[["cluster_name", "tier", "output_ytd", "yoy", "enterprises", "parks"]].copy()
    shown["yoy"] = shown["yoy"] * 100
    park_table(
        shown,
        key,
        column_config={
            "cluster_name": "产业集群",
            "tier": "层级",
            "output_ytd": st.column_config.NumberColumn(
                "产值（亿元）",
                format="%.2f",
                help="园区内该集群各产业链环节工业总产值，1月至报告期末累计",
            ),
            "yoy": st.column_config.NumberColumn("同比（%）", format="%+.1f"),
            "enterprises": st.column_config.NumberColumn("企业（家）", format="%d"),
            "parks": st.column_config.NumberColumn("园区（家）", format="%d"),
        },
    )


def specialty_table(specialty: pd.DataFrame, key: str, with_park: bool) -> None:
    """Specialty parks hosted in the scope with leading-industry output and the 百亿级 flag."""
    if specialty.empty:
        empty_note("省级特色产业园")
        return
    shown = specialty.assign(over_100=specialty["over_100"].map({True: "是", False: "否"}))
    park_list(shown, key, with_park, {
        "specialty_name": "特色产业园",
        "park_name": "所在园区",
        "leading_industry": "主导产业",
        "approved_date": date_column("认定日期"),
        "output_ytd": st.column_config.NumberColumn(
            "主导产业产值（亿元）", format="%.2f", help="1月至报告期末累计"),
        "yoy": st.column_config.NumberColumn("同比（%）", format="%+.1f"),
        "over_100": st.column_config.TextColumn(
            "已达百亿级", help=f"报告期末累计主导产业产值已达{HUNDRED_YI:.0f}亿元"),
    }, park_after=1, percent=("yoy",))


def land_use(table: pd.DataFrame) -> None:
    """周转用地、低效用地、标准地 as cards with last year's figure."""
    for col, row in zip(st.columns(len(table)), table.itertuples(), strict=True):
        with col.container(border=True):
            st.metric(row.indicator, fmt(row.value, f" {row.unit}", 0), help=row.basis)
            st.caption(f"{row.basis}；上年同期 {fmt(row.last_year, f' {row.unit}', 0)}")


def enterprises(rows: pd.DataFrame) -> None:
    """One line naming the leading firms in the scope."""
    if rows.empty:
        return
    names = "、".join(md_escape(f"{r.enterprise_name}（{r.cluster_name}）")
                     for r in rows.itertuples())
    st.caption(f"集群龙头企业：{names}（名单为公开资料整理，所在园区为近似，待核）")
