"""园区档案 (/park): a park's and a city's figures equal the parquet; rankings open a park/city."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.app.conftest import open_app
from tests.rules import shown_names

PARK = "P016"  # 株洲高新技术产业开发区
CITY = "430200"


@pytest.fixture(scope="module")
def facts(data_dir):
    return pd.read_parquet(data_dir / "curated/park_indicators.parquet")


@pytest.fixture(scope="module")
def parks(data_dir):
    return shown_names(pd.read_parquet(data_dir / "curated/parks.parquet"))


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def table_with(at, column: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _selectbox(at, label):
    return next(s for s in at.sidebar.selectbox if s.label == label)


@pytest.mark.parametrize("period", ["2020-06", "2020-09"])
def test_park_indicators_equal_the_parquet_with_yoy_and_ranks(facts, parks, period):
    at = open_app("park", period=period, park=PARK)
    table = table_with(at, "全省排名").set_index("指标")
    now = facts[facts["period"] == period].merge(parks[["park_id", "city_code"]])
    last = facts[facts["period"] == f"2019-{period[5:]}"].set_index("park_id")
    mine = now.set_index("park_id").loc[PARK]
    revenue = _number(table.loc["技工贸总收入", "本期"])
    assert revenue == pytest.approx(mine["revenue_ytd"], abs=0.05)
    assert _number(table.loc["税收", "本期"]) == pytest.approx(mine["tax_ytd"], abs=0.005)
    assert _number(table.loc["规上企业数", "本期"]) == mine["above_scale_firms"]
    assert _number(table.loc["技工贸总收入", "上年同期"]) == pytest.approx(
        last.loc[PARK, "revenue_ytd"], abs=0.05)
    yoy = mine["revenue_ytd"] / last.loc[PARK, "revenue_ytd"] - 1
    assert table.loc["技工贸总收入", "同比"] == f"{yoy * 100:+.1f}%"
    province_rank = int((now["revenue_ytd"] > mine["revenue_ytd"]).sum()) + 1
    in_city = now[now["city_code"] == CITY]
    city_rank = int((in_city["revenue_ytd"] > mine["revenue_ytd"]).sum()) + 1
    assert table.loc["技工贸总收入", "全省排名"] == f"第{province_rank}名 / {len(now)}"
    assert table.loc["技工贸总收入", "市州内排名"] == f"第{city_rank}名 / {len(in_city)}"
    per_mu = now["tax_ytd"] * 10_000 / now["industrial_land_mu"]
    assert _number(table.loc["亩均税收", "本期"]) == pytest.approx(
        mine["tax_ytd"] * 10_000 / mine["industrial_land_mu"], abs=0.005)
    mu_rank = int((per_mu > mine["tax_ytd"] * 10_000 / mine["industrial_land_mu"]).sum()) + 1
    assert table.loc["亩均税收", "全省排名"] == f"第{mu_rank}名 / {len(now)}"


def test_park_identity_and_lists_equal_the_parquet(data_dir, parks):
    at = open_app("park", period="2020-06", park=PARK)
    park = parks.set_index("park_id").loc[PARK]
    assert any(h.value == park["park_name"] for h in at.header)
    text = " ".join(m.value for m in at.markdown)
    for value in (park["level"], park["park_type"], park["leading_industries"]):
        assert value in text
    items = table_with(at, "item_name")
    assert len(items) == 12
    land = pd.read_parquet(data_dir / "curated/land_use.parquet")
    row = land[(land["park_id"] == PARK) & (land["period"] == "2020-06")].iloc[0]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["周转用地"] == f"{row['turnover_land_mu']:,.0f} 亩"
    assert metrics["低效用地"] == f"{row['inefficient_land_mu']:,.0f} 亩"
    assert metrics["标准地出让面积"] == f"{row['standard_land_mu_ytd']:,.0f} 亩"
    projects = pd.read_parquet(data_dir / "curated/key_projects.parquet")
    assert sorted(table_with(at, "plan_rate")["project_name"]) == sorted(
        projects.loc[projects["park_id"] == PARK, "project_name"])


def test_city_profile_sums_its_parks_and_ranks_them(facts, parks):
    at = open_app("park", period="2020-06", city=CITY)
    now = facts[facts["period"] == "2020-06"].merge(parks[["park_id", "park_name", "city_code"]])
    by_city = now.groupby("city_code")["revenue_ytd"].sum()
    table = table_with(at, "市州排名").set_index("指标")
    assert _number(table.loc["技工贸总收入", "本期"]) == pytest.approx(by_city[CITY], abs=0.05)
    rank = int((by_city > by_city[CITY]).sum()) + 1
    assert table.loc["技工贸总收入", "市州排名"] == f"第{rank}名 / 14"
    ranking = at.dataframe(key="park_ranking").value
    expected = now[now["city_code"] == CITY].sort_values("revenue_ytd", ascending=False)
    assert ranking["park_name"].tolist() == expected["park_name"].tolist()
    assert ranking["revenue_ytd"].tolist() == pytest.approx(expected["revenue_ytd"].tolist())


def test_selecting_a_park_in_the_city_ranking_opens_its_profile(facts, parks):
    at = open_app("park", period="2020-06", city=CITY)
    ranking = at.dataframe(key="park_ranking").value
    chosen = parks.set_index("park_name").loc[ranking["park_name"].iloc[1], "park_id"]
    at.session_state["park_ranking"] = {"selection": {"rows": [1], "columns": [], "cells": []}}
    at.run()
    at.run()  # the switch to the park's page takes effect on the next run, as in a browser
    assert not at.exception
    assert _selectbox(at, "园区").value == chosen
    assert at.query_params["park"] == chosen
    assert any(h.value == parks.set_index("park_id").loc[chosen, "park_name"] for h in at.header)


def test_without_a_choice_the_page_prompts_and_ranks_the_cities(facts, parks):
    at = open_app("park", period="2020-06")
    assert any("请在左侧选择市州或园区" in i.value for i in at.info)
    ranking = at.dataframe(key="park_city_ranking").value
    by_city = facts[facts["period"] == "2020-06"].merge(parks[["park_id", "city_code"]]) \
        .groupby("city_code")["revenue_ytd"].sum().sort_values(ascending=False)
    assert len(ranking) == 14
    assert ranking["revenue_ytd"].tolist() == pytest.approx(by_city.tolist())
    at.session_state["park_city_ranking"] = {"selection": {"rows": [2], "columns": [],
                                                           "cells": []}}
    at.run()
    assert _selectbox(at, "市州").value == by_city.index[2]


def test_a_park_named_in_a_city_list_opens_its_profile(data_dir, parks):
    at = open_app("park", period="2020-06", city=CITY)
    shown = at.dataframe(key="park_projects").value
    projects = pd.read_parquet(data_dir / "curated/key_projects.parquet")
    chosen = projects.set_index("project_name").loc[shown["project_name"].iloc[0], "park_id"]
    at.session_state["park_projects"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    at.run()
    assert _selectbox(at, "园区").value == chosen
    assert any(h.value == parks.set_index("park_id").loc[chosen, "park_name"] for h in at.header)
