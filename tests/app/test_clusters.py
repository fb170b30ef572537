"""产业集群 page under AppTest: what a user sees equals sums computed from the curated parquet."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.app.conftest import open_app, whole_table

WORLD = "世界级产业集群"
NATIONAL = "国内具有重要影响力的产业集群"


@pytest.fixture(scope="module")
def frames(data_dir):
    read = lambda name: pd.read_parquet(data_dir / f"curated/{name}.parquet")  # noqa: E731
    return {n: read(n) for n in ("clusters", "cluster_output", "parks", "key_projects",
                                  "project_progress", "attraction")}


def _table(at, first_column: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if d.value.columns[0] == first_column)


def _cluster_table(at) -> pd.DataFrame:
    """The 八大集群对比表: folded, and built only when opened (a lazy expander), so open it."""
    if not any(d.value.columns[0] == "cluster_name" for d in at.dataframe):
        at.session_state["clusters_comparison_open"] = True
        at.run()
    return _table(at, "cluster_name")


def test_the_comparison_table_is_sent_only_when_opened():
    at = open_app("clusters", period="2020-06")
    assert not any(d.value.columns[0] == "cluster_name" for d in at.dataframe)
    assert any(e.label == "八大集群对比表（含口径）" for e in at.expander)
    assert len(_cluster_table(at)) == 8


def _expected_output(frames, period: str, park_ids=None) -> pd.Series:
    """Cluster output summed park by park from the parquet (亿元), indexed by cluster name."""
    rows = frames["cluster_output"]
    rows = rows[rows["period"] == period]
    if park_ids is not None:
        rows = rows[rows["park_id"].isin(park_ids)]
    per_park = rows.groupby(["cluster_id", "park_id"])["output_ytd"].sum()
    per_cluster = per_park.groupby(level="cluster_id").sum()
    names = frames["clusters"].set_index("cluster_id")["cluster_name"]
    return per_cluster.reindex(names.index, fill_value=0.0).rename(index=names)


def test_eight_clusters_with_their_tiers(frames):
    at = open_app("clusters", period="2020-06")
    table = _cluster_table(at)
    assert table["cluster_name"].tolist() == [
        "工程机械", "轨道交通装备", "航空航天", "自主可控计算机及信息安全", "生态绿色食品",
        "生物医药", "先进储能材料及动力电池", "新型轻合金"]
    tiers = dict(zip(table["cluster_name"], table["tier"], strict=True))
    assert [n for n, t in tiers.items() if t == WORLD] == ["工程机械", "轨道交通装备", "航空航天"]
    assert sum(t == NATIONAL for t in tiers.values()) == 5
    assert tiers == dict(zip(frames["clusters"]["cluster_name"], frames["clusters"]["tier"],
                             strict=True))
    headings = [s.value for s in at.subheader]
    assert headings.index(WORLD) < headings.index(NATIONAL)  # the three set apart, first
    cards = [m.value for m in at.markdown]
    for name in table["cluster_name"]:
        assert f"**{name}**" in cards


def test_cluster_totals_equal_the_sum_over_their_parks(frames):
    at = open_app("clusters", period="2020-06")
    shown = _cluster_table(at).set_index("cluster_name")["output"]
    expected = _expected_output(frames, "2020-06")
    pd.testing.assert_series_equal(shown, expected, check_names=False, atol=1e-6)
    values = [s.value for s in at.subheader]
    for value in expected:
        assert f"{value:,.1f}亿元" in values
    # parks involved: parks with output of the cluster in the month
    rows = frames["cluster_output"]
    rows = rows[(rows["period"] == "2020-06") & (rows["output_ytd"] > 0)]
    parks = rows.groupby("cluster_id")["park_id"].nunique()
    parks.index = parks.index.map(frames["clusters"].set_index("cluster_id")["cluster_name"])
    assert _cluster_table(at).set_index("cluster_name")["parks"].to_dict() == parks.to_dict()


def test_a_city_shows_its_share_of_each_cluster(frames):
    province = _cluster_table(open_app("clusters", period="2020-06")).set_index("cluster_name")
    at = open_app("clusters", period="2020-06", city="430200")
    city = _cluster_table(at).set_index("cluster_name")
    zhuzhou = frames["parks"].loc[frames["parks"]["city_code"] == "430200", "park_id"]
    expected = _expected_output(frames, "2020-06", zhuzhou)
    pd.testing.assert_series_equal(city["output"], expected, check_names=False, atol=1e-6)
    assert not city["output"].equals(province["output"])
    share = (expected / _expected_output(frames, "2020-06")).fillna(0.0)
    pd.testing.assert_series_equal(city["share_of_province"], share, check_names=False,
                                   atol=1e-9)
    # a cluster absent from the city says so instead of showing 0
    absent = expected[expected == 0].index
    assert len(absent) and any("本范围内无该集群产值" in c.value for c in at.caption)


def test_the_period_changes_the_figures(frames):
    march = _cluster_table(open_app("clusters", period="2020-03")).set_index("cluster_name")
    pd.testing.assert_series_equal(march["output"], _expected_output(frames, "2020-03"),
                                   check_names=False, atol=1e-6)
    assert (march["output"] < _expected_output(frames, "2020-06")).all()


def test_a_park_shows_its_clusters_and_a_park_without_one_says_so(frames):
    parks = frames["parks"]
    has = parks["cluster_ids"].fillna("") != ""
    with_clusters = parks[has].iloc[0]
    at = open_app("clusters", period="2020-06", park=with_clusters["park_id"])
    names = frames["clusters"].set_index("cluster_id")["cluster_name"]
    own = [names[c] for c in with_clusters["cluster_ids"].split(";")]
    line = next(c.value for c in at.caption if c.value.startswith("本园区关联集群"))
    assert all(n in line for n in own)
    expected = _expected_output(frames, "2020-06", [with_clusters["park_id"]])
    shown = _cluster_table(at).set_index("cluster_name")["output"]
    pd.testing.assert_series_equal(shown, expected, check_names=False, atol=1e-6)

    without = parks[~has].iloc[0]
    at = open_app("clusters", period="2020-06", park=without["park_id"])
    assert any("未纳入八大产业集群" in i.value for i in at.info)


def test_choosing_a_cluster_shows_its_parks_and_its_late_projects_first(frames):
    at = open_app("clusters", period="2020-06", city="430100")
    at.selectbox(key="clusters_selected").set_value("C03").run()
    assert not at.exception
    ranking = _table(at, "rank")
    co = frames["cluster_output"]
    changsha = frames["parks"].loc[frames["parks"]["city_code"] == "430100", "park_id"]
    rows = co[(co["period"] == "2020-06") & (co["cluster_id"] == "C03")
              & co["park_id"].isin(changsha)]
    expected = rows.groupby("park_id")["output_ytd"].sum().sort_values(ascending=False)
    assert ranking["output"].round(6).tolist() == expected.round(6).tolist()

    projects = frames["key_projects"]
    projects = projects[(projects["cluster_id"] == "C03") & projects["park_id"].isin(changsha)]
    assert not any(d.value.columns[0] == "status" for d in at.dataframe)  # folded: not sent
    label = next(e.label for e in at.expander if e.label.startswith("项目清单"))
    assert label.startswith(f"项目清单（{len(projects)}个")
    at.session_state["clusters_projects_open"] = True
    whole_table(at.run(), "clusters_projects")
    table = _table(at, "status")
    assert len(table) == len(projects)
    late = table["status"].str.contains("｜").tolist()
    assert late == sorted(late, reverse=True)  # every late project before any on-track one
    # 逾期未开工 counted directly: not started at the end of June although due to start by then
    progress = frames["project_progress"]
    june = progress[progress["period"] == "2020-06"].merge(projects, on="project_id")
    overdue = ((june["status"] == "未开工")
               & (june["planned_start"] <= pd.Timestamp("2020-06-30"))).sum()
    assert table["status"].str.endswith("逾期未开工").sum() == overdue


def test_attraction_totals_follow_the_city(frames):
    at = open_app("clusters", period="2020-06", city="430200")
    rows = frames["attraction"].merge(frames["parks"][["park_id", "city_code"]], on="park_id")
    rows = rows[(rows["period"] == "2020-06") & (rows["city_code"] == "430200")]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["签约项目"] == f"{rows['projects_signed_ytd'].sum():,.0f}个"
    assert metrics["开工项目"] == f"{rows['projects_started_ytd'].sum():,.0f}个"
    assert metrics["签约投资"] == f"{rows['signed_investment_ytd'].sum():,.1f}亿元"
    assert metrics["引进“三类500强”"] == f"{rows['top500_introduced_ytd'].sum():,.0f}家"
