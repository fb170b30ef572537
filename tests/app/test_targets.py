"""目标达成 page: register, allocation and lists equal values computed from the curated parquet."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.app.conftest import open_app, unfold
from tests.rules import shown_names

CITY, PERIOD = "430200", "2020-06"


@pytest.fixture(scope="module")
def curated(data_dir):
    names = ["park_indicators", "parks", "cities", "city_target_allocation", "targets"]
    out = {n: pd.read_parquet(data_dir / f"curated/{n}.parquet") for n in names}
    out["parks"] = shown_names(out["parks"])  # names as pages show them (待核)
    return out


def _table(at, column):
    """The first table on the page that has `column`."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _register(at):
    return _table(at, "目标").set_index("目标")


def _revenue(curated, period, city=None, park=None):
    facts = curated["park_indicators"].merge(curated["parks"][["park_id", "city_code"]])
    facts = facts[facts["period"] == period]
    if city:
        facts = facts[facts["city_code"] == city]
    if park:
        facts = facts[facts["park_id"] == park]
    return facts


def test_register_holds_every_target_with_the_document_values(curated):
    at = open_app("targets", period=PERIOD)
    register = _register(at)
    assert list(register.index) == curated["targets"]["target_id"].tolist()
    assert register.loc["T01", "目标值"] == "5.3万亿元"
    assert register.loc["T02", "目标值"] == "14家"
    assert register.loc["T03", "目标值"] == "13万元/亩"
    assert register.loc["T04", "目标值"] == "30个左右"
    assert register.loc["T14", "期限"] == "2020年6月30日"  # stated: no （推定）
    assert register["责任单位"].str.len().min() > 0


def test_register_values_follow_the_scope_and_the_period(curated):
    at = open_app("targets", period=PERIOD)
    total = _revenue(curated, PERIOD)["revenue_ytd"].sum()
    assert _register(at).loc["T01", "实际值"] == f"{total / 10_000:.2f}万亿元"

    at = open_app("targets", period=PERIOD, city=CITY)
    city = _revenue(curated, PERIOD, city=CITY)
    assert _register(at).loc["T01", "实际值"] == f"{city['revenue_ytd'].sum():,.1f}亿元"

    park = city.sort_values("revenue_ytd").iloc[-1]
    at = open_app("targets", period=PERIOD, park=park["park_id"])
    per_mu = park["tax_ytd"] * 10_000 / park["industrial_land_mu"]
    assert _register(at).loc["T03", "实际值"] == f"{per_mu:.1f}万元/亩"

    next(s for s in at.sidebar.selectbox if s.label == "报告期").set_value("2020-09").run()
    later = _revenue(curated, "2020-09", park=park["park_id"]).iloc[0]
    assert _register(at).loc["T03", "实际值"] == \
        f"{later['tax_ytd'] * 10_000 / later['industrial_land_mu']:.1f}万元/亩"


def test_allocation_table_equals_the_parquet(curated):
    at = open_app("targets", period=PERIOD)
    assert not [d for d in at.dataframe if "分解目标（亿元）" in d.value.columns]  # folded
    at.session_state["targets_allocation_open"] = True
    at.run()
    table = _table(at, "分解目标（亿元）").set_index("市州")
    zhuzhou = curated["cities"].set_index("city_code").loc[CITY, "city_name"]
    revenue = _revenue(curated, PERIOD, city=CITY)["revenue_ytd"].sum()
    alloc = curated["city_target_allocation"].set_index("city_code").loc[CITY, "value"]
    assert table.loc[zhuzhou, "累计（亿元）"] == pytest.approx(revenue)
    assert table.loc[zhuzhou, "分解目标（亿元）"] == pytest.approx(alloc)
    assert table.loc[zhuzhou, "完成率"] == pytest.approx(revenue / alloc * 100)
    # 序时差距 = target × 序时进度 − year to date, where 序时进度 is the city's own season:
    # its Jan–Jun 2019 revenue ÷ its 2019 total.
    season = (_revenue(curated, "2019-06", city=CITY)["revenue_ytd"].sum()
              / _revenue(curated, "2019-12", city=CITY)["revenue_ytd"].sum())
    assert table.loc[zhuzhou, "序时差距（亿元）"] == pytest.approx(alloc * season - revenue)


def test_thousand_yi_list_holds_the_parks_over_1000_and_the_candidates(curated):
    at = unfold(open_app("targets", period=PERIOD))
    table = _table(at, "距千亿（亿元）")
    facts = curated["park_indicators"].set_index(["park_id", "period"])["revenue_ytd"]
    parks = curated["parks"].set_index("park_id")
    ytd = facts.xs(PERIOD, level="period")
    projection = ytd / (facts.xs("2019-06", level="period") / facts.xs("2019-12", level="period"))
    expected = set(parks.loc[ytd[(ytd >= 1000) | (projection >= 800)].index, "park_name"])
    assert set(table["园区"]) == expected
    reached = set(parks.loc[ytd[ytd >= 1000].index, "park_name"])
    assert set(table.loc[table["情况"] == "已达千亿", "园区"]) == reached
    # the folded list's label counts it, and the caption above it says how many have reached
    assert f"已达与候选千亿园区名单（{len(expected)}家）" in [e.label for e in at.expander]
    assert f"累计已达1000亿元 **{len(reached)}家**" in " ".join(c.value for c in at.caption)


def test_city_context_narrows_the_lists(curated):
    at = unfold(open_app("targets", period=PERIOD, city=CITY))
    in_city = set(curated["parks"].loc[curated["parks"]["city_code"] == CITY, "park_name"])
    assert set(_table(at, "距千亿（亿元）")["园区"]) <= in_city
    assert set(_table(at, "参考目标（亿元）")["园区"]) == in_city
    for table in (d.value for d in at.dataframe if "所在园区" in d.value.columns):
        assert set(table["所在园区"]) <= in_city


@pytest.mark.parametrize(("period", "place"), [
    ("2020-06", {}), ("2020-12", {}), ("2020-06", {"city": CITY}), ("2020-09", {"park": "P016"})])
def test_register_lights_on_the_page_are_the_stores(store, period, place):
    """The page shows the light the indicator store holds for the scope and month (`store`:
    built from the parquet, independently of the app's cache)."""
    from hnparks.core.metrics import STATUS_LABELS
    from hnparks.derived.indicator_store import PROVINCE

    level, scope_id = (("park", place["park"]) if "park" in place else
                       ("city", place["city"]) if "city" in place else ("province", PROVINCE))
    rows = store[(store["period"] == period) & (store["level"] == level)
                 & (store["scope_id"] == scope_id)].set_index("target_id")
    register = _register(open_app("targets", period=period, **place))
    # A target not split down to the scope (千亿园区 for a city) reads 不分解, not 无数据.
    words = {t: "不分解" if pd.isna(r["target"]) and pd.notna(r["value"]) else STATUS_LABELS[
        r["status"]] for t, r in rows.iterrows()}
    assert register["状态"].to_dict() == words


def test_published_figures_beside_the_dashboards_own(curated):
    at = unfold(open_app("targets", period="2020-03"))
    table = _table(at, "公开报道").set_index("指标")
    facts = curated["park_indicators"]
    december = facts[facts["period"] == "2020-12"]  # the year's latest month, not the period's
    assert table.loc["全省园区上交税金", "本系统（示意）"] == f"{december['tax_ytd'].sum():,.1f}"
    assert table.loc["全省园区上交税金", "公开报道"] == "1,734.1"
    assert table.loc["千亿园区", "口径时点"] == "2020年12月"
    pending = table[table["可信度"] == "待核"]
    assert len(pending) and pending["来源"].str.contains("日期待核").all()  # no date invented
    assert "“待核”：数值转引自他处，尚未找到公开原文核实其标题与日期" in "".join(
        c.value for c in at.caption)
