"""UI pieces of the 产业集群 view: cluster cards, the cluster selector, tables with their 口径."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.shell.context import open_park
from components.ui.data import figures, views
from components.ui.kpi import CITY_PX, WRAP_ROW_PX, empty_note, kpi_card
from components.ui.layout import lazy_expander, paged_table, table_height
from components.ui.text import inert_figure, md_escape
from components.views import clusters_charts
from hnparks.core.bounded import BAR_ROWS, first_rows, left_out_note
from hnparks.core.formats import fmt, fmt_pct
from hnparks.core.metrics import definition
from hnparks.core.scope import Scope
from hnparks.plans.registry import plan_for
from hnparks.views import clusters as _hc

hc = views(_hc)
charts = figures(clusters_charts)

SELECTED = "clusters_selected"


def _card_lines(row: pd.Series, scope: Scope) -> list[str]:
    lines = [f"占园区工业总产值 {fmt_pct(row['share_of_parks'])}"]
    if scope.level != "province":
        lines.append(f"占全省该集群 {fmt_pct(row['share_of_province'])}")
    lines += [f"涉及园区 {row['parks']}家 · 集群企业 {row['enterprises']:,}家",
              f"重点项目 {row['projects']}个 · 总投资 {fmt(row['project_investment'], '亿元')}"]
    return lines


def _cluster_card(row: pd.Series, scope: Scope, present: bool) -> None:
    """A bordered card that wraps rather than truncates (five cards share one row)."""
    with st.container(border=True, key=f"clusters_card_{row['cluster_id']}"):
        st.markdown(f"**{md_escape(row['cluster_name'])}**", help=definition(hc.cluster_output))
        if not present:
            st.subheader("—", anchor=False)
            st.caption("本园区未关联该集群" if scope.park else "本范围内无该集群产值")
            return
        st.subheader(fmt(row["output"], "亿元"), anchor=False)
        yoy = row["yoy"]
        if pd.isna(yoy):
            st.badge("同比 —", color="gray")
        else:
            st.badge(f"同比 {fmt_pct(yoy, signed=True)}", color="green" if yoy >= 0 else "red",
                     icon=":material/trending_up:" if yoy >= 0 else ":material/trending_down:")
        for line in _card_lines(row, scope):
            st.caption(line)


def cluster_cards(table: pd.DataFrame, tier: str, scope: Scope, present: list[str]) -> None:
    """One card per cluster of a tier: output, YoY, shares, parks, enterprises, key projects."""
    rows = table[table["tier"] == tier]
    columns = st.columns(len(rows))
    for column, (_, row) in zip(columns, rows.iterrows(), strict=True):
        with column:
            _cluster_card(row, scope, row["cluster_id"] in present)


def comparison_table(table: pd.DataFrame, scope: Scope) -> None:
    """All eight clusters in one sortable table, every column with its 口径 as a tooltip."""
    cc = st.column_config
    columns = {
        "cluster_name": cc.TextColumn("集群"),
        "tier": cc.TextColumn("层级"),
        "output": cc.NumberColumn("产值（亿元）", format="%.1f", help=definition(hc.cluster_output)),
        "yoy": cc.NumberColumn("同比", format="percent", help=definition(hc.cluster_yoy)),
        "share_of_parks": cc.NumberColumn("占园区工业总产值", format="percent",
                                          help=definition(hc.cluster_share_of_park_output)),
        "share_of_province": cc.NumberColumn("占全省该集群", format="percent",
                                             help=definition(hc.cluster_share_of_province)),
        "parks": cc.NumberColumn("涉及园区（家）", help=definition(hc.cluster_parks)),
        "enterprises": cc.NumberColumn("集群企业（家）", help=definition(hc.cluster_enterprises)),
        "projects": cc.NumberColumn("重点项目（个）", help=definition(hc.cluster_project_count)),
        "project_investment": cc.NumberColumn("重点项目总投资（亿元）", format="%.1f",
                                              help=definition(hc.cluster_project_investment)),
    }
    if scope.level == "province":
        columns.pop("share_of_province")
    st.dataframe(table[list(columns)], column_config=columns, hide_index=True,
                 width="stretch", key="clusters_table")


def cluster_selector(table: pd.DataFrame, default: str) -> str:
    """The cluster shown in depth (session key `clusters_selected`)."""
    names = dict(zip(table["cluster_id"], table["cluster_name"], strict=True))
    tiers = dict(zip(table["cluster_id"], table["tier"], strict=True))
    if st.session_state.get(SELECTED) not in names:
        st.session_state[SELECTED] = default
    return st.selectbox("选择集群", list(names), key=SELECTED,
                        format_func=lambda c: f"{names[c]}（{tiers[c]}）",
                        help="下方的走势、分布、产业链、龙头企业、特色产业园和重点项目均为所选集群。")


def competition_panel(clusters: pd.DataFrame, city_output: dict[str, pd.DataFrame]) -> None:
    """The two competition clusters: the document's words, the public record, this year's size."""
    doc_no = plan_for(int(clusters["year"].iloc[0])).doc_no if len(clusters) else ""
    st.markdown(f"> {hc.COMPETITION_QUOTE}。\n>\n> —— {md_escape(doc_no)} 三(三)2")
    rows = clusters[clusters["competition_note"].notna()]
    for _, row in rows.iterrows():
        by_city = city_output[row["cluster_id"]]
        home = by_city[by_city["city_code"] == str(row["center_cities"]).split(";")[0]].iloc[0]
        with st.container(border=True, key=f"clusters_competition_{row['cluster_id']}"):
            st.metric(md_escape(f"{home['city_short']}{row['cluster_name']}集群"
                                f"（{home['city_name']}园区合计）"),
                      fmt(home["output"], "亿元"), delta=fmt_pct(home["yoy"], signed=True),
                      delta_description="同比", help=definition(hc.cluster_by_city))
            st.caption(f"占全省该集群 {fmt_pct(home['share'])}。公开资料（待核）："
                       f"{md_escape(str(row['competition_note']).split('；')[0].split('：')[-1])}。")


def park_ranking(parks: pd.DataFrame, key: str) -> None:
    """Parks ranked by the cluster's output, paged (`paged_table`); selecting a row opens the
    park's profile."""
    paged_table(parks, lambda rows: _ranking_page(rows, key), key=key)


def _ranking_page(parks: pd.DataFrame, key: str) -> None:
    cc = st.column_config
    shown = parks[["rank", "park_name", "city_name", "level", "output", "yoy", "enterprises"]]
    event = st.dataframe(
        shown, hide_index=True, width="stretch", key=key, on_select="rerun",
        selection_mode="single-row", height=table_height(len(shown), row_px=36, max_px=420),
        column_config={
            "rank": cc.NumberColumn("排名"), "park_name": cc.TextColumn("园区"),
            "city_name": cc.TextColumn("市州", width=CITY_PX), "level": cc.TextColumn("级别"),
            "output": cc.NumberColumn("产值（亿元）", format="%.1f",
                                      help=definition(hc.cluster_by_park)),
            "yoy": cc.NumberColumn("同比", format="percent", help=definition(hc.cluster_yoy)),
            "enterprises": cc.NumberColumn("集群企业（家）", help=definition(hc.cluster_enterprises)),
        })
    picked = event.selection.rows if event is not None else []
    if picked:
        open_park(str(parks.iloc[picked[0]]["park_id"]))


def project_table(projects: pd.DataFrame, key: str) -> None:
    """Key projects with status, investment and progress against time elapsed; late ones first,
    paged (`paged_table`)."""
    paged_table(projects, lambda rows: _project_page(rows, key), key=key)


def _project_page(projects: pd.DataFrame, key: str) -> None:
    cc = st.column_config
    status = [f"{s}｜{r}" if r else s for s, r in
              zip(projects["status"].fillna("未报送"), projects["late_reason"], strict=True)]
    shown = projects.assign(status=status, completion=projects["completion"] * 100,
                            elapsed=projects["elapsed"] * 100,
                            planned_start=projects["planned_start"].dt.strftime("%Y年%m月"))
    st.dataframe(
        shown[["status", "project_name", "park_name", "planned_start", "plan_investment",
               "completed_investment_ytd", "completion", "elapsed"]],
        hide_index=True, width="stretch", key=key, row_height=WRAP_ROW_PX,  # names wrap
        height=table_height(len(shown), row_px=WRAP_ROW_PX, max_px=560),
        column_config={
            "status": cc.TextColumn("状态｜滞后", help=hc.LATE_DEFINITION, width=130),
            "project_name": cc.TextColumn("项目", width=190),
            "park_name": cc.TextColumn("所在园区", width=150),
            "planned_start": cc.TextColumn("计划开工", width=80),
            "plan_investment": cc.NumberColumn("年度计划（亿元）", format="%.1f", width=125,
                                               help="项目当年的计划投资"),
            "completed_investment_ytd": cc.NumberColumn("当年完成（亿元）", format="%.2f",
                                                        width=112, help="当年累计完成投资"),
            "completion": cc.ProgressColumn("完成率", format="%.0f%%", min_value=0, max_value=100,
                                            help="当年累计完成投资 ÷ 年度计划投资", width=90),
            "elapsed": cc.NumberColumn("序时进度", format="%.0f%%", width=70,
                                       help=definition(hc.project_time_elapsed)),
        })


def enterprise_table(firms: pd.DataFrame, name: str) -> None:
    """Leading firms of the cluster in scope (names from public sources, to be verified)."""
    if firms.empty:
        empty_note(f"已整理的{name}龙头企业")
        return
    st.dataframe(firms[["enterprise_name", "park_name", "city_name"]], hide_index=True,
                 width="stretch", key="clusters_firms", column_config={
                     "enterprise_name": "企业", "park_name": "所在园区（近似）", "city_name": "市州"})


def specialty_table(specialty: pd.DataFrame, name: str) -> None:
    """The cluster's provincial specialty parks in scope, with their leading-industry output."""
    if specialty.empty:
        empty_note(f"{name}的省级特色产业园")
        return
    cc = st.column_config
    st.dataframe(specialty[["specialty_name", "park_name", "output_ytd"]], hide_index=True,
                 width="stretch", key="clusters_specialty", column_config={
                     "specialty_name": cc.TextColumn("特色产业园", width=170),
                     "park_name": cc.TextColumn("依托园区", width=150),
                     "output_ytd": cc.NumberColumn("产值（亿元）", format="%.1f", width=80,
                                                   help="特色产业园主导产业产值，当年1月至报告期末累计")})
    st.caption(f"口径：{definition(hc.cluster_specialty_parks)}")


def project_section(projects: pd.DataFrame, name: str) -> None:
    """A one-line summary of the cluster's key projects, the table (late first) and the rule."""
    if projects.empty:
        empty_note(f"关联{name}的“五个100”重点项目")
        return
    kinds = "、".join(f"{md_escape(k)}{v}个" for k, v in projects["category"].value_counts().items())
    st.markdown(f"共 **{len(projects)}个**（{kinds}），总投资 "
                f"**{fmt(projects['total_investment'].sum(), '亿元')}**；"
                f"滞后 **{int(projects['late'].sum())}个**。")
    lazy_expander(f"项目清单（{len(projects)}个，滞后在前）",  # built when opened
                  lambda: project_table(projects, key="clusters_projects"),
                  key="clusters_projects_open", icon=":material/table:")
    st.caption(hc.LATE_DEFINITION + definition(hc.project_time_elapsed))


_ATTRACTION_CARDS = [("projects_signed_ytd", "签约项目", "个", 0),
                     ("projects_started_ytd", "开工项目", "个", 0),
                     ("signed_investment_ytd", "签约投资", "亿元", 1),
                     ("top500_introduced_ytd", "引进“三类500强”", "家", 0)]


def attraction_cards(rows: pd.DataFrame) -> None:
    """Four cards: projects signed and started, signed investment, “三类500强” introduced."""
    for column, (key, label, unit, digits) in zip(st.columns(4), _ATTRACTION_CARDS, strict=True):
        with column:
            kpi_card(label, fmt(float(rows[key].sum()), unit, digits),
                     definition=definition(hc.attraction_in_scope))


def attraction_by_place(by_place: pd.DataFrame, level: str, counted: str) -> None:
    """Attraction by city (province scope) or by park, the signed projects' leaders first
    (`BAR_ROWS` at most: the rest are named in the caption); `counted`: the figures' 口径."""
    if by_place.empty:
        empty_note("招商引资数据")
        return
    label = "city_short" if level == "province" else "park_name"
    bars = first_rows(by_place, BAR_ROWS)  # signed most first: national scale keeps the first
    st.plotly_chart(inert_figure(charts.attraction_bars(bars, label)), key="clusters_attr_place")
    st.caption(f"口径：{counted}" + left_out_note(len(bars), len(by_place), "签约项目最多")
               + ("选择园区可查看其余园区。" if len(bars) < len(by_place) else ""))


def attraction_by_cluster(by_cluster: pd.DataFrame) -> None:
    """The apportioned estimate by cluster, with the rest (其他产业) and the method in words."""
    other = by_cluster[by_cluster["cluster_id"] == hc.OTHER].iloc[0]
    clusters = by_cluster[by_cluster["cluster_id"] != hc.OTHER]
    if clusters.empty:
        empty_note("可分摊到八大集群的招商项目")
    else:
        st.plotly_chart(inert_figure(charts.attraction_bars(clusters, "cluster_name", estimate=True)),
                        key="clusters_attr_cluster")
    st.caption(f"招商数据按园区报送，不分集群。此处{definition(hc.attraction_by_cluster)}"
               f"结果为估算，仅供比较；其他产业约签约{fmt(other['projects_signed_ytd'], '个', 0)}、"
               f"开工{fmt(other['projects_started_ytd'], '个', 0)}、"
               f"引进“三类500强”{fmt(other['top500_introduced_ytd'], '家', 0)}。")
