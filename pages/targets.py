"""目标达成 (/targets): the target register, 技工贸总收入 by city and park, cascade, lists.

The first screen answers "are we on target, and who is behind": the register, the cities'
completion, the trend and the 序时差距 charts. Each section's figures stay in its caption; its
long lists and per-park charts fold (`lazy_expander`: built and sent only when opened), so a
context change re-sends what a leader sees (#27)."""

from functools import partial

import streamlit as st

from components.shell.auth import peers, visible_breakdown
from components.shell.page import page_header
from components.ui.data import datasets, figures, view, views
from components.ui.kpi import WRAP_ROW_PX, empty_note
from components.ui.layout import contents, headline_block, lazy_expander, table_height
from components.ui.text import inert_figure
from components.views import targets_charts as _charts
from components.views import targets_tables as tables
from components.views.corrected import corrected_note
from components.views.published_panel import published_comparison
from components.views.targets_cards import (
    city_chart,
    count_line,
    fmt_target,
    park_chart,
    register_display,
)
from hnparks.core.formats import fmt
from hnparks.core.periods import year_of
from hnparks.core.scope import Scope
from hnparks.derived import attainment as _attainment
from hnparks.derived.attainment import HUNDRED_YI
from hnparks.derived.cross_year import target_across_years
from hnparks.views import published as _published
from hnparks.views import targets as _tv

tv = views(_tv)
charts = figures(_charts)
target_register = view(_attainment.target_register)
target_status = view(_attainment.target_status)
published = view(_published.comparison)
across_years = view(target_across_years)

DATASETS = ["targets", "park_indicators", "parks", "city_target_allocation", "specialty_parks",
            "specialty_output", "env_status", "assessments"]

scope = page_header("目标达成", datasets=DATASETS)
data = datasets(scope)
contents([("目标台账", "register"), ("技工贸总收入", "revenue"), ("目标分解与差距归因", "gaps"),
          ("千亿园区", "thousand"), ("亩均税收", "tax-per-mu"), ("百亿级特色产业园区", "specialty")])
year = year_of(scope.period)
where = scope.where

st.subheader("目标台账", anchor="register")
province = {t.metric_key: t for t in target_register(data, Scope(scope.period))}
register = view(register_display)(data, scope)
with headline_block():
    st.dataframe(register, key="targets_register", hide_index=True,
                 row_height=WRAP_ROW_PX, column_config=tables.REGISTER_COLUMNS,
                 height=table_height(len(register), row_px=WRAP_ROW_PX))
st.caption(f"{where}口径。{tables.STATUS_RULES}市州、园区不分解的目标显示“—”。")
corrected_note("park_indicators", scope, "目标台账中的园区数据")
lazy_expander("与公开报道对照（全省）", partial(published_comparison, published(data, scope.period),
                                        "targets_published"), key="targets_published_open")

st.subheader("技工贸总收入", anchor="revenue")
cities = tv.city_revenue(data, scope.period)
parks = tv.park_revenue(data, scope)
left, right = st.columns(2, gap="large")
with left:
    st.markdown("**各市州完成分解目标情况**（点击条形切换到该市州）")
    city_chart(charts.city_completion_bar(cities, scope.city),
               "targets_city_bar", scope.city)
with right:
    st.markdown(f"**{where}逐月累计：{year}年对比{year - 1}年与目标路径**")
    st.plotly_chart(inert_figure(charts.revenue_trend_chart(tv.revenue_trend(data, scope), year)),
                    key="targets_trend", config={"displayModeBar": False})
    if scope.level == "park":
        st.caption(f"园区目标路径为参考目标：{tv.park_target_basis(data)}。")
across = across_years(datasets(), "revenue_total")  # every loaded plan's year
if across["target"].notna().sum() > 1:
    st.markdown("**跨年度对比**（全省；各年度工作要点的目标与实际，实际为该年最新已报月份累计）")
    st.dataframe(tables.across_years_table(across), key="targets_across_years", hide_index=True,
                 height=table_height(len(across)))
ranked = parks if scope.level != "park" else tv.park_revenue(data, peers(scope))
lazy_expander(f"{'所在市州' if scope.park else where}园区排名（{len(ranked)}个园区；"
              "颜色为完成参考目标的状态，本园区加框；点击打开园区档案）",
              partial(park_chart, charts.park_ranking_bar(ranked, highlight=scope.park),
                      "targets_park_bar", scope.park), key="targets_park_bar_open")

st.subheader("目标分解与差距归因", anchor="gaps")
st.caption(f"{tv.split_basis(data)}。"
           "序时差距 = 目标 × 序时进度 − 1月至报告期末累计，正数为落后；"
           "市州以下按园区参考目标归因。")


def allocation_tables() -> None:
    """The cities' split targets and, for a city, its parks' reference targets."""
    st.dataframe(tables.allocation_table(cities), key="targets_allocation",
                 hide_index=True, column_config=tables.ALLOCATION_FORMAT,
                 height=table_height(len(cities)))
    if scope.city:
        in_city = tv.park_revenue(data, peers(scope))
        st.markdown("**本市州分解目标再分解到园区**（点击一行打开园区档案）")
        st.caption(f"{tv.park_target_basis(data)}。")
        tables.park_table(tables.park_target_table(in_city), in_city["park_id"],
                          "targets_park_targets")
        corrected_note("park_indicators", scope, "园区完成情况")


gaps, total = tv.gap_attribution(data, scope)
gaps = visible_breakdown(gaps, ("gap",))  # a park user sees their city's other parks as one total
change = visible_breakdown(tv.gap_change(data, scope), ("gap", "gap_prev", "change"))
left, right = st.columns(2, gap="large")
with left:
    st.markdown(f"**各{'市州' if scope.city is None else '园区'}对序时差距的贡献**"
                f"（合计 {fmt(total, '亿元')}）")
    waterfall = charts.gap_waterfall(gaps, total, "全省" if scope.city is None else "本市州")
    st.plotly_chart(inert_figure(waterfall), key="targets_waterfall",
                    config={"displayModeBar": False})
with right:
    st.markdown("**较上月：谁扩大了差距，谁缩小了差距**")
    if change["change"].notna().any():
        st.plotly_chart(inert_figure(charts.gap_change_bar(change)), key="targets_gap_change",
                        config={"displayModeBar": False})
    else:
        empty_note("上月可比数据（1月为年初首月）")
lazy_expander(f"各市州分解目标完成表（{len(cities)}个市州{'；本市州再分解到园区' if scope.city else ''}）",
              allocation_tables, key="targets_allocation_open")

st.subheader("千亿园区", anchor="thousand")
thousand = tv.thousand_yi_parks(data, scope)
status = target_status(data, scope, "parks_over_1000")
st.caption(count_line(status, "累计已达1000亿元", province["parks_over_1000"])
           + "；候选为预计全年800–1000亿元的园区。点击一行打开园区档案。")
if len(thousand):
    lazy_expander(f"已达与候选千亿园区名单（{len(thousand)}家）",
                  partial(tables.park_table, tables.thousand_table(thousand), thousand["park_id"],
                          "targets_thousand"), key="targets_thousand_open")
else:
    empty_note("已达或接近千亿的园区")

st.subheader("亩均税收", anchor="tax-per-mu")
tax = tv.tax_per_mu_parks(data, scope if scope.level != "park" else peers(scope))
tax_status = target_status(data, scope, "tax_per_mu")
st.caption(f"{where}1月至报告期末 **{fmt(tax_status.value, '万元/亩')}**，按上年季节性预计全年 "
           f"**{fmt(tax_status.projection, '万元/亩')}**（目标{fmt_target(province['tax_per_mu'])}）。"
           f"口径：{tax_status.basis}。")


def tax_details() -> None:
    """Each park's projected 亩均税收 against the target, and the five highest and lowest."""
    st.caption("圆点为园区（绿色预计达标，红色未达），菱形为市州整体；点击圆点打开园区档案。")
    if boxes_note := charts.tax_per_mu_boxes_note(tax):
        st.caption(boxes_note)
    park_chart(charts.tax_per_mu_strip(tax, province["tax_per_mu"].target, tv.tax_per_mu_cities(data, scope.period),
                                       highlight=scope.park), "targets_tax_strip", scope.park)
    best, worst = tax.head(5), tax.dropna(subset=["projection"]).tail(5).iloc[::-1]
    left, right = st.columns(2, gap="large")
    with left:
        st.markdown("**预计全年最高的5家**（万元/亩）")
        tables.park_table(tables.tax_table(best), best["park_id"], "targets_tax_best", rate=True)
    with right:
        st.markdown("**预计全年最低的5家**（万元/亩）")
        tables.park_table(tables.tax_table(worst), worst["park_id"], "targets_tax_worst", rate=True)


if tax["projection"].notna().any():
    lazy_expander(f"各园区预计全年亩均税收与最高、最低的5家（{int(tax['projection'].notna().sum())}家园区）",
                  tax_details, key="targets_tax_open")
else:
    empty_note("亩均税收数据")

st.subheader("百亿级特色产业园区", anchor="specialty")
specialty = tv.specialty_parks(data, scope)
sp_status = target_status(data, scope, "specialty_over_100")
st.caption(count_line(sp_status, "主导产业产值累计已达100亿元", province["specialty_over_100"])
           + "；“接近百亿”为预计全年80–100亿元。")


def specialty_details() -> None:
    """Each specialty park's output against 100亿元, and the list of those at or near it."""
    park_chart(charts.specialty_bar(specialty, HUNDRED_YI), "targets_specialty_bar", scope.park)
    listed = specialty[specialty["status"] != ""]
    st.markdown(f"**已达、预计达及接近百亿级的特色产业园**（{len(listed)}个；点击一行打开所在园区档案）")
    tables.park_table(tables.specialty_table(listed), listed["park_id"], "targets_specialty")


if len(specialty):
    listed_count = int((specialty["status"] != "").sum())
    lazy_expander(f"各特色产业园主导产业产值与已达、预计达及接近百亿级名单（{listed_count}个）",
                  specialty_details, key="targets_specialty_open")
else:
    empty_note("特色产业园")
