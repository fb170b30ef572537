"""亩均效益与用地 page: the numbers a user sees equal the parquet computed here with pandas, for
the province, a city and a park; the tasks page shows every task's indicator or milestones."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.app.conftest import open_app, unfold, whole_table
from tests.app.test_tasks import cards
from tests.rules import expected_efficiency, expected_land

PERIOD = "2020-09"


def _metric(at, label: str):
    return next(m for m in at.metric if m.label == label)


def _table(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


@pytest.fixture(scope="module")
def parks(data_dir):
    return expected_efficiency(data_dir, PERIOD)


@pytest.fixture(scope="module")
def land(data_dir):
    return expected_land(data_dir, PERIOD)


@pytest.mark.parametrize("params", [{}, {"city": "430600"}, {"park": "P030"}])
def test_cards_equal_the_sums_of_the_parks_in_scope(parks, land, params):
    at = open_app("efficiency", period=PERIOD, **params)
    mine = parks
    if "city" in params:
        mine = parks[parks["city_code"] == params["city"]]
    if "park" in params:
        mine = parks[parks["park_id"] == params["park"]]
    rows = land[land["park_id"].isin(mine["park_id"])]
    tax = mine["tax_ytd"].sum() * 10000 / mine["industrial_land_mu"].sum()
    energy = mine["revenue_ytd"].sum() / mine["energy_tce_ytd"].sum()
    rd = mine["rd_expense_ytd"].sum() / mine["revenue_ytd"].sum() * 100
    assert _metric(at, "亩均税收").value == f"{tax:,.2f}"
    assert _metric(at, "单位能耗营收").value == f"{energy:,.2f}"
    assert _metric(at, "研发投入强度").value == f"{rd:,.2f}"
    where = "全省" if not params else "本市州" if "city" in params else "本园区"
    assert _metric(at, f"{where}年初低效用地").value == f"{rows['start'].sum():,.0f}亩"
    assert _metric(at, "期末尚存低效用地").value == f"{rows['inefficient_land_mu'].sum():,.0f}亩"
    if "park" in params:
        row = mine.iloc[0]
        card = _metric(at, "本园区分档")
        assert card.value.startswith(row["tier"])
        assert f"全省第{int(row['rank'])}名" in " ".join(c.value for c in at.caption)
    else:
        assert _metric(at, "A类（先进）园区").value == f"{(mine['tier'] == 'A类').sum()}家"


def test_lists_and_distribution_match_the_rule(parks):
    at = open_app("efficiency", period=PERIOD)
    good = _table(whole_table(at, "efficiency_good"), "综合得分")  # more than a page: all of it
    want = parks[parks["tier"] == "A类"].sort_values(["rank", "park_id"])
    assert sorted(good["全省排名"].tolist()) == sorted(want["rank"].tolist())
    dist = _table(at, "A类（家）").set_index("市州")
    assert dist["参评（家）"].sum() == len(parks)
    yueyang = parks[parks["city_code"] == "430600"]["tier"].value_counts()
    assert dist.at["岳阳市", "C类（家）"] == yueyang.get("C类", 0)


def test_land_table_by_city(land):
    at = open_app("efficiency", period=PERIOD)
    table = _table(at, "年初低效用地（亩）").set_index("市州")
    rows = land[land["city_code"] == "431300"]  # 娄底市
    assert table.at["娄底市", "本年再开发（亩，累计）"] == rows["inefficient_redeveloped_mu_ytd"].sum()
    assert table.at["娄底市", "处置率（%）"] == pytest.approx(
        rows["inefficient_redeveloped_mu_ytd"].sum() / rows["start"].sum() * 100)


def test_the_page_shows_the_milestones_of_its_tasks(data_dir):
    import pandas as pd

    at = open_app("efficiency", period=PERIOD)
    table = _table(at, "里程碑（文件原文）")
    ms = pd.read_parquet(data_dir / "curated/task_milestones.parquet")
    want = ms[ms["task_id"].isin(["三(五)1", "三(五)2", "三(五)3"])]
    assert sorted(table["任务"]) == sorted(want["task_id"])
    done = (want["completed_date"] <= pd.Timestamp("2020-09-30")).sum()
    assert table["状态"].str.contains("已完成").sum() == done


def test_every_task_card_links_to_its_home_and_counts_its_milestones(data_dir):
    import pandas as pd

    at = open_app("tasks", period=PERIOD)
    ms = pd.read_parquet(data_dir / "curated/task_milestones.parquet")
    shown = cards(at)
    for task_id, rows in ms.groupby("task_id"):
        done = int((rows["completed_date"] <= pd.Timestamp("2020-09-30")).sum())
        assert f"里程碑 {done}/{len(rows)} 已完成" in shown[task_id], task_id
    links = [e for e in at.get("page_link")]
    assert len(links) >= 24
    table = _table(unfold(at), "里程碑（文件原文）")
    assert len(table) == len(ms)


@pytest.mark.parametrize("params", [{}, {"city": "430700"}])
def test_standard_land_against_the_plan(data_dir, land, params):
    at = open_app("efficiency", period=PERIOD, **params)
    plan = pd.read_parquet(data_dir / "curated/standard_land_plan.parquet")
    rows = land
    if params:
        plan = plan[plan["city_code"] == params["city"]]
        rows = land[land["city_code"] == params["city"]]
    supplied = rows["standard_land_mu_ytd"].sum()
    assert _metric(at, "年度供应计划").value == f"{plan['plan_mu'].sum():,.0f}亩"
    assert _metric(at, "计划完成率").value == f"{supplied / plan['plan_mu'].sum() * 100:,.1f}%"



def test_the_lazy_park_lists_show_the_rule_when_opened(parks):
    """Only the open tab's list is built; opened, 全部园区 lists every park with its tier."""
    at = open_app("efficiency", period=PERIOD, city="430600")
    assert len(_table(at, "综合得分")) == ((parks["city_code"] == "430600")
                                         & (parks["tier"] == "A类")).sum()
    shown = len(at.dataframe)
    at.session_state["efficiency_lists_tab"] = "本市州全部园区"
    at.run()
    assert len(at.dataframe) == shown  # the A类 list made way for the full list
    every = _table(at, "综合得分")
    mine = parks[parks["city_code"] == "430600"]
    assert sorted(every["全省排名"]) == sorted(mine["rank"])
    assert every["分档"].value_counts().to_dict() == mine["tier"].value_counts().to_dict()
