"""UI pieces of the profile page (园区档案): identity, indicators, rankings and the lists."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.shell.context import open_park, set_city
from components.ui.data import views
from components.ui.kpi import empty_note
from components.ui.text import md_escape
from hnparks.core import metrics as m
from hnparks.core.formats import fmt, fmt_pct
from hnparks.derived.attainment import HUNDRED_YI
from hnparks.views import environment as _env
from hnparks.views import park as _pf
from hnparks.views.business import assessment_status

env = views(_env)
pf = views(_pf)

_DIGITS = {i.key: i.digits for i in pf.INDICATORS}
_HEADLINES = ["revenue_ytd", "tax_ytd", "tax_per_mu", "above_scale_firms"]


def _date(label: str) -> st.column_config.Column:
    return st.column_config.DateColumn(label, format="YYYY-MM-DD")


def _height(rows: int, cap: int = 15) -> int:
    """A table height that shows every row up to `cap` rows (then it scrolls)."""
    return 35 * (min(rows, cap) + 1) + 3


def _table(frame: pd.DataFrame, key: str, opens_park: pd.Series | None = None, **options):
    """st.dataframe with the profile's defaults: no index, '—' for gaps, every row visible.

    With `opens_park` (the park_id of each row), selecting a row opens that park's profile.
    """
    defaults = {
        "hide_index": True,
        "placeholder": "—",
        "height": _height(len(frame)),
        "width": "stretch",
    }
    if opens_park is not None:
        defaults |= {"on_select": "rerun", "selection_mode": "single-row"}
    event = st.dataframe(frame, key=key, **(defaults | options))
    rows = event.selection.rows if opens_park is not None and event else []
    if opens_park is not None:
        st.caption("点选一行（左侧方框）可打开该园区档案。")
    if rows:
        open_park(str(opens_park.iloc[rows[0]]))
    return event


def _rank(rank: float, of: int) -> str:
    return "—" if pd.isna(rank) else f"第{int(rank)}名 / {of}"


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
            st.caption(f"{scope_word}排名：{_rank(row['rank'], row['rank_of'])}")
            if group_word:
                st.caption(f"{group_word}排名：{_rank(row['rank_group'], row['rank_group_of'])}")


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
                _rank(r, n) for r, n in zip(table["rank"], table["rank_of"], strict=True)
            ],
        }
    )
    if group_word:
        shown[f"{group_word}排名"] = [
            _rank(r, n) for r, n in zip(table["rank_group"], table["rank_group_of"], strict=True)
        ]
    shown["口径"] = table["basis"]
    _table(
        shown,
        key,
        column_config={
            "同比": st.column_config.TextColumn(help=m.definition(m.yoy_growth)),
            f"{scope_word}排名": st.column_config.TextColumn(help=m.definition(m.rank_desc)),
        },
    )


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
    _table(
        shown,
        key,
        opens_park=ranking["park_id"],
        column_config={
            "rank_city": st.column_config.NumberColumn("市州内排名", format="%d"),
            "park_name": st.column_config.TextColumn("园区"),
            "level": st.column_config.TextColumn("级别"),
            "revenue_ytd": st.column_config.ProgressColumn(
                "技工贸总收入（亿元）",
                format="%.1f",
                min_value=0,
                color="blue",
                max_value=float(shown["revenue_ytd"].max() or 1),
                help="1月至报告期末累计",
            ),
            "yoy": st.column_config.NumberColumn(
                "同比（%）", format="%+.1f", help=m.definition(m.yoy_growth)
            ),
            "tax_per_mu": st.column_config.NumberColumn(
                "亩均税收（万元/亩）", format="%.2f", help=m.definition(m.tax_per_mu)
            ),
            "above_scale_firms": st.column_config.NumberColumn("规上企业（家）", format="%d"),
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
    event = _table(
        shown,
        key,
        on_select="rerun",
        selection_mode="single-row",
        column_config={
            "rank": st.column_config.NumberColumn("全省排名", format="%d"),
            "city_name": st.column_config.TextColumn("市州", width="medium"),
            "parks": st.column_config.NumberColumn("园区（家）", format="%d"),
            "revenue_ytd": st.column_config.ProgressColumn(
                "技工贸总收入（亿元）",
                format="%.1f",
                min_value=0,
                color="blue",
                max_value=float(shown["revenue_ytd"].max() or 1),
                help="1月至报告期末累计",
            ),
            "yoy": st.column_config.NumberColumn(
                "同比（%）", format="%+.1f", help=m.definition(m.yoy_growth)
            ),
            "tax_per_mu": st.column_config.NumberColumn(
                "亩均税收（万元/亩）", format="%.2f", help=m.definition(m.tax_per_mu)
            ),
            "above_scale_firms": st.column_config.NumberColumn("规上企业（家）", format="%d"),
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
    _table(
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
    columns = [
        "specialty_name",
        "leading_industry",
        "approved_date",
        "output_ytd",
        "yoy",
        "over_100",
    ]
    shown = specialty[columns[:1] + (["park_name"] if with_park else []) + columns[1:]].copy()
    shown["yoy"] = shown["yoy"] * 100
    shown["over_100"] = shown["over_100"].map({True: "是", False: "否"})
    _table(
        shown,
        key,
        opens_park=specialty["park_id"] if with_park else None,
        column_config={
            "specialty_name": "特色产业园",
            "park_name": "所在园区",
            "leading_industry": "主导产业",
            "approved_date": _date("认定日期"),
            "output_ytd": st.column_config.NumberColumn(
                "主导产业产值（亿元）", format="%.2f", help="1月至报告期末累计"
            ),
            "yoy": st.column_config.NumberColumn("同比（%）", format="%+.1f"),
            "over_100": st.column_config.TextColumn(
                "已达百亿级", help=f"报告期末累计主导产业产值已达{HUNDRED_YI:.0f}亿元"
            ),
        },
    )


def env_park(status: dict) -> None:
    """A park's environmental items at the period end, as a row of ticks."""
    if not status:
        empty_note("生态环境状况报送")
        return
    items = [
        (label, "已实现" if status[col] else "未实现", bool(status[col]))
        for col, label in pf.ENV_ITEMS.items()
    ]
    items.append(
        ("绿色园区", str(status["green_park_status"]), status["green_park_status"] == "已创建")
    )
    with st.container(border=True):
        for col, (label, state, ok) in zip(st.columns(len(items)), items, strict=True):
            col.caption(label)
            icon = ":green[:material/check_circle:]" if ok else ":orange[:material/pending:]"
            col.markdown(f"{icon} **{md_escape(state)}**")
        st.caption(
            f"规划批复 {status['plan_approval_year']}年，"
            f"规划环评 {status['plan_eia_year']}年；"
            f"环境影响跟踪评价：{status['tracking_eia_status']}"
            + ("；园区环境信用评价试点" if status.get("env_credit_pilot") else "")
            + "。均为报告期末状态。"
        )


def env_city(checklist: pd.DataFrame, key: str) -> None:
    """Coverage of each environmental item among the city's parks."""
    shown = checklist.copy()
    shown["share"] = shown["share"] * 100
    _table(
        shown,
        key,
        width=640,
        column_config={
            "item": "事项",
            "done": st.column_config.NumberColumn("已实现（家）", format="%d"),
            "parks": st.column_config.NumberColumn("园区（家）", format="%d"),
            "share": st.column_config.ProgressColumn(
                "覆盖率",
                format="%.0f%%",
                min_value=0,
                max_value=100,
                color="blue",
                help="报告期末已实现的园区数 ÷ 园区数",
            ),
        },
    )


def problems_table(problems: pd.DataFrame, key: str, with_park: bool) -> None:
    """Prominent environmental problems found by the period end, overdue first."""
    if problems.empty:
        empty_note("报告期末前发现的突出环境问题")
        return
    counts = problems["status"].value_counts()
    st.caption(
        f"共{len(problems)}个：已整改{counts.get('已整改', 0)}个，整改中"
        f"{counts.get(env.IN_PROGRESS, 0)}个，逾期未整改{counts.get(env.OVERDUE, 0)}个。"
        f"口径：{m.definition(env.problem_status)}"
    )
    columns = ["status", "category", "description", "found_date", "deadline", "rectified_date"]
    _table(
        problems[(["park_name"] if with_park else []) + columns],
        key,
        opens_park=problems["park_id"] if with_park else None,
        column_config={
            "park_name": "园区",
            "status": "状态",
            "category": "类别",
            "description": "问题",
            "found_date": _date("发现日期"),
            "deadline": _date("整改期限"),
            "rectified_date": _date("整改完成"),
        },
    )


def assessments_park(items: pd.DataFrame, key: str) -> None:
    """A park's twelve assessment items with state and dates."""
    counts = items["state"].value_counts()
    applicable = int(items["applicable"].sum())
    st.caption(
        f"适用{applicable}项，已完成{counts.get('已完成', 0)}项，"
        f"进行中{counts.get('进行中', 0)}项，未启动{counts.get('未启动', 0)}项；"
        f"期限{items['deadline'].iloc[0]}。"
        f"口径：{m.definition(assessment_status)}"
    )
    _table(
        items[["item_name", "state", "start_date", "completion_date", "published_date"]],
        key,
        column_config={
            "item_name": "评估事项",
            "state": "状态",
            "start_date": _date("启动日期"),
            "completion_date": _date("完成日期"),
            "published_date": _date("成果发布"),
        },
    )


def assessments_city(items: pd.DataFrame, key: str) -> None:
    """Per assessment item: parks where it applies, completed, rate."""
    shown = items[["item_name", "applicable", "completed", "rate"]].copy()
    shown["rate"] = shown["rate"] * 100
    _table(
        shown,
        key,
        column_config={
            "item_name": "评估事项",
            "applicable": st.column_config.NumberColumn("适用园区（家）", format="%d"),
            "completed": st.column_config.NumberColumn("已完成（家）", format="%d"),
            "rate": st.column_config.ProgressColumn(
                "完成率",
                format="%.0f%%",
                min_value=0,
                max_value=100,
                color="blue",
                help="报告期末已完成的园区数 ÷ 适用的园区数",
            ),
        },
    )


def projects_table(projects: pd.DataFrame, key: str, with_park: bool) -> None:
    """Key projects (“五个100”) in the scope with status and investment done this year."""
    if projects.empty:
        empty_note("“五个100”重点项目")
        return
    columns = [
        "project_name",
        "category",
        "status",
        "total_investment",
        "plan_investment",
        "completed_investment_ytd",
        "plan_rate",
    ]
    shown = projects[(["park_name"] if with_park else []) + columns].copy()
    shown["plan_rate"] = shown["plan_rate"] * 100
    _table(
        shown,
        key,
        opens_park=projects["park_id"] if with_park else None,
        column_config={
            "park_name": "园区",
            "project_name": "项目",
            "category": "类别",
            "status": "状态",
            "total_investment": st.column_config.NumberColumn("总投资（亿元）", format="%.1f"),
            "plan_investment": st.column_config.NumberColumn(
                "年度计划（亿元）", format="%.1f"
            ),
            "completed_investment_ytd": st.column_config.NumberColumn(
                "已完成投资（亿元）", format="%.2f", help="当年1月至报告期末累计"
            ),
            "plan_rate": st.column_config.ProgressColumn(
                "年度计划完成率",
                format="%.0f%%",
                min_value=0,
                max_value=100,
                color="blue",
                help=m.definition(m.completion_rate),
            ),
        },
    )


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
