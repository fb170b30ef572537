"""UI pieces of 亩均效益与用地: metric cards, tier tables, land tables."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.ui.kpi import empty_note, kpi_card
from components.ui.layout import lazy_tabs, paged_table, table_height
from components.ui.text import md_escape
from hnparks.core.formats import fmt
from hnparks.core.metrics import definition
from hnparks.views import efficiency as ef
from hnparks.views import efficiency_land as land_metrics

METRIC_FUNCTIONS = {"tax_per_mu": ef.tax_per_mu, "revenue_per_mu": ef.revenue_per_mu,
                    "revenue_per_energy": ef.revenue_per_energy, "rd_intensity": ef.rd_intensity}
DIGITS = {"tax_per_mu": 2, "revenue_per_mu": 1, "revenue_per_energy": 2, "rd_intensity": 2}


def metric_cards(summary: dict[str, float], where: str, park: pd.Series | None = None) -> None:
    """The four evaluation metrics over the scope, and its parks by tier (a park: its tier and
    province-wide rank)."""
    cols = st.columns(5)
    for col, key in zip(cols, ef.WEIGHTS, strict=False):
        with col:
            kpi_card(ef.METRIC_NAMES[key], fmt(summary[key], digits=DIGITS[key]),
                     definition=definition(METRIC_FUNCTIONS[key]) + " 范围内各园区先求和再相除。",
                     lines=[f"{ef.METRIC_UNITS[key]} · {where}1月至报告期末"])
    with cols[4]:
        if park is not None:
            rank = "—" if pd.isna(park["rank"]) else f"全省第{int(park['rank'])}名"
            tier = park["tier"] if isinstance(park["tier"], str) else "未参评"
            kpi_card("本园区分档", tier, definition=definition(ef.tier),
                     lines=[f"{ef.TIER_NAMES.get(tier, tier)} · {rank}"])
        else:
            kpi_card("A类（先进）园区", f"{int(summary['A类'])}家", definition=definition(ef.tier),
                     lines=[f"B类 {int(summary['B类'])}家 · C类 {int(summary['C类'])}家"
                            f"（{where}共{int(summary['evaluated'])}家参评）"])


def park_rows(table: pd.DataFrame) -> pd.DataFrame:
    """Evaluated parks as a table with Chinese headers and units."""
    return pd.DataFrame({
        "全省排名": table["rank"], "园区": table["park_name"], "级别": table["level"],
        "分档": table["tier"], "综合得分": table["score"],
        "亩均税收（万元/亩）": table["tax_per_mu"], "亩均营收（万元/亩）": table["revenue_per_mu"],
        "单位能耗营收（万元/吨标准煤）": table["revenue_per_energy"],
        "研发投入强度（%）": table["rd_intensity"],
        "上年同期分档": table["tier_ly"], "上年同期排名": table["rank_ly"],
        "名次变化": table["rank_change"],
    })


_FORMATS = {"全省排名": "%d", "上年同期排名": "%d", "名次变化": "%+d", "综合得分": "%.1f",
            "亩均税收（万元/亩）": "%.2f", "亩均营收（万元/亩）": "%.1f",
            "单位能耗营收（万元/吨标准煤）": "%.2f", "研发投入强度（%）": "%.2f"}


def park_table(table: pd.DataFrame, key: str) -> None:
    """A table of evaluated parks (ranks are province-wide)."""
    paged_table(park_rows(table), lambda rows: st.dataframe(
        rows, key=key, hide_index=True, height=table_height(len(rows), max_px=460),
        column_config={c: st.column_config.NumberColumn(format=f) for c, f in _FORMATS.items()}),
        key=key)


def distribution_rows(dist: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"市州": dist["city_name"], "A类（家）": dist["A类"],
                         "B类（家）": dist["B类"], "C类（家）": dist["C类"],
                         "参评（家）": dist["evaluated"], "A类占比（%）": dist["a_share"]})


def land_rows(table: pd.DataFrame, name_column: str, name_label: str) -> pd.DataFrame:
    """Land figures per city or park with Chinese headers (亩; 处置率 %)."""
    return pd.DataFrame({
        name_label: table[name_column],
        "年初低效用地（亩）": table["inefficient_start_mu"],
        "本年再开发（亩，累计）": table["inefficient_redeveloped_mu_ytd"],
        "期末尚存（亩）": table["inefficient_land_mu"],
        "处置率（%）": table["disposal_rate"],
        "周转用地（亩）": table["turnover_land_mu"],
        "标准地出让（宗，累计）": table["standard_land_parcels_ytd"],
        "标准地出让（亩，累计）": table["standard_land_mu_ytd"],
    })


def land_table(rows: pd.DataFrame, key: str) -> None:
    """Land by city or park; more rows than a page (a city's parks at national scale) are paged."""
    number = st.column_config.NumberColumn(format="%,.0f")
    paged_table(rows, lambda page: st.dataframe(
        page, key=key, hide_index=True, height=table_height(len(page), max_px=560),
        column_config={c: (st.column_config.NumberColumn(format="%.1f")
                           if c.startswith(("处置率", "完成率")) else number)
                       for c in page.columns[1:]}), key=key)


def land_cards(summary: dict[str, float], where: str) -> None:
    cols = st.columns(4)
    with cols[0]:
        kpi_card(f"{where}年初低效用地", fmt(summary["inefficient_start_mu"], "亩", 0),
                 definition="上年12月末低效用地存量（亩）。")
    with cols[1]:
        kpi_card("本年已再开发", fmt(summary["inefficient_redeveloped_mu_ytd"], "亩", 0),
                 definition="当年1月至报告期末低效用地再开发面积累计（亩）。",
                 lines=[f"处置率 {fmt(summary['disposal_rate'], '%')}"])
    with cols[2]:
        kpi_card("期末尚存低效用地", fmt(summary["inefficient_land_mu"], "亩", 0),
                 definition="报告期末低效用地存量（亩），有待制定再开发方案并处置。")
    with cols[3]:
        kpi_card("周转用地", fmt(summary["turnover_land_mu"], "亩", 0),
                 definition="报告期末各园区周转用地规模（亩），纳入园区周转用地管理数据库。")


def standard_land_cards(land: dict[str, float], plan: dict[str, float], where: str,
                        level: str) -> None:
    """标准地: parcels and area supplied in the scope; the plan and its completion (not for a
    park: plans are set for cities)."""
    cols = st.columns(3)
    with cols[0]:
        kpi_card(f"{where}标准地出让", fmt(land["standard_land_mu_ytd"], "亩", 0),
                 definition="1月至报告期末以“标准地”方式出让的工业用地面积（亩）与宗数。",
                 lines=[f"{fmt(land['standard_land_parcels_ytd'], '宗', 0)}"])
    if level == "park":
        return
    with cols[1]:
        kpi_card("年度供应计划", fmt(plan["plan_mu"], "亩", 0),
                 definition="当年下达的标准地供应计划（亩），按市州下达。")
    with cols[2]:
        kpi_card("计划完成率", fmt(plan["completion"], "%", 1),
                 definition=definition(land_metrics.plan_completion))


def standard_rows(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"市州": table["city_name"], "年度计划（亩）": table["plan_mu"],
                         "已出让（亩，累计）": table["standard_land_mu_ytd"],
                         "已出让（宗，累计）": table["standard_land_parcels_ytd"],
                         "完成率（%）": table["completion"]})


def cluster_rows(clusters: pd.DataFrame) -> pd.DataFrame:
    """The competitive clusters with Chinese headers and units."""
    return pd.DataFrame({
        "排名": clusters["rank"], "集群": clusters["cluster_name"], "类别": clusters["tier"],
        "产值（亿元，累计）": clusters["output"], "产值同比（%）": clusters["yoy"] * 100,
        "企业数（家）": clusters["enterprises"], "重点项目总投资（亿元）": clusters["project_investment"],
        "综合得分": clusters["score"]})


def firm_rows(firms: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"企业": firms["enterprise_name"], "集群": firms["cluster_name"],
                         "所在园区": firms["park_name"], "市州": firms["city_name"],
                         "园区分档": firms["tier"]})


def evaluation_lists(good: pd.DataFrame, clusters: pd.DataFrame, firms: pd.DataFrame,
                     warned: pd.DataFrame, method: list[str]) -> None:
    """先进园区名单, 有竞争力产业集群名单, 优质企业名录 and the 劣汰扶强 warnings, with the method."""
    st.markdown("\n".join(f"- {md_escape(line)}" for line in method))
    def parks() -> None:
        if len(good):
            park_table(good, "efficiency_list_parks")
        else:
            empty_note("A类园区")

    def cluster_list() -> None:
        st.dataframe(cluster_rows(clusters), key="efficiency_list_clusters", hide_index=True,
                     column_config={c: st.column_config.NumberColumn(format="%.1f")
                                    for c in ("产值（亿元，累计）", "产值同比（%）",
                                              "重点项目总投资（亿元）", "综合得分")})

    def firm_list() -> None:
        if len(firms):
            st.dataframe(firm_rows(firms), key="efficiency_list_firms", hide_index=True)
        else:
            empty_note("入选优质企业名录的企业")

    def warnings() -> None:
        if len(warned):
            park_table(warned, "efficiency_list_warned")
        else:
            st.success("没有连续两期评为C类的园区。")

    # Lazy: only the open list is built and sent (#27); the labels carry every list's count.
    lazy_tabs([f"先进园区名单（A类，{len(good)}家）",
               f"有竞争力产业集群名单（{len(clusters)}个）", f"优质企业名录（{len(firms)}家）",
               f"劣汰扶强预警（连续两期C类，{len(warned)}家）"],
              [parks, cluster_list, firm_list, warnings], key="efficiency_evaluation_tab")
