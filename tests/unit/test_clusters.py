"""hnparks.views.clusters on small hand-made frames: sums, shares, late projects, apportioned attraction."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from hnparks.core.metrics import definition
from hnparks.core.scope import Scope
from hnparks.views import clusters as hc


def _output(rows):
    return pd.DataFrame(rows, columns=["park_id", "cluster_id", "chain_stage", "chain_segment",
                                       "period", "output_ytd", "enterprises"])


@pytest.fixture
def data():
    clusters = pd.DataFrame({
        "cluster_id": ["C01", "C02"], "cluster_name": ["工程机械", "生物医药"],
        "tier": [hc.WORLD_CLASS, hc.NATIONAL], "center_cities": ["A", "B"],
        "competition_note": ["长沙工程机械集群：竞赛胜出；…", None], "leading_firms": [None, None]})
    cities = pd.DataFrame({"city_code": ["A", "B"], "city_name": ["甲市", "乙市"],
                           "city_short": ["甲", "乙"]})
    parks = pd.DataFrame({
        "park_id": ["P1", "P2", "P3"], "park_name": ["一园", "二园", "三园"],
        "city_code": ["A", "A", "B"], "level": ["国家级", "省级", "省级"],
        "cluster_ids": ["C01;C02", "C01", ""], "lon": [112.0, 112.5, 113.0],
        "lat": [28.0, 28.5, 27.0]})
    cluster_output = _output([
        ("P1", "C01", "上游", "零部件", "2020-06", 10.0, 2),
        ("P1", "C01", "中游", "整机", "2020-06", 30.0, 3),
        ("P1", "C02", "中游", "制剂", "2020-06", 5.0, 1),
        ("P2", "C01", "中游", "整机", "2020-06", 20.0, 4),
        ("P1", "C01", "上游", "零部件", "2019-06", 8.0, 2),
        ("P1", "C01", "中游", "整机", "2019-06", 32.0, 3),
        ("P1", "C02", "中游", "制剂", "2019-06", 4.0, 1),
        ("P2", "C01", "中游", "整机", "2019-06", 10.0, 4),
    ])
    park_indicators = pd.DataFrame({"park_id": ["P1", "P2", "P3"], "period": "2020-06",
                                    "output_ytd": [90.0, 40.0, 70.0]})
    key_projects = pd.DataFrame({
        "year": 2020, "project_id": ["K1", "K2", "K3", "K4"], "project_name": ["一", "二", "三", "四"],
        "category": "重大产业项目", "park_id": ["P1", "P1", "P2", "P3"],
        "cluster_id": ["C01", "C01", "C01", None], "total_investment": [10.0, 20.0, 30.0, 5.0],
        "plan_investment": [10.0, 10.0, 10.0, 5.0],
        "planned_start": pd.to_datetime(["2020-03-01", "2020-01-01", "2020-08-01", "2020-01-01"]),
        "planned_finish": pd.to_datetime(["2021-01-01"] * 4)})
    project_progress = pd.DataFrame({
        "project_id": ["K1", "K2", "K3", "K4"], "period": "2020-06",
        "status": ["未开工", "在建", "未开工", "竣工投产"],
        "completed_investment_ytd": [0.0, 1.0, 0.0, 5.0]})
    attraction = pd.DataFrame({
        "park_id": ["P1", "P2", "P3"], "period": "2020-06", "projects_signed_ytd": [10, 4, 6],
        "projects_started_ytd": [5, 2, 3], "signed_investment_ytd": [100.0, 40.0, 60.0],
        "top500_introduced_ytd": [2, 0, 1]})
    return {"clusters": clusters, "cities": cities, "parks": parks,
            "cluster_output": cluster_output, "park_indicators": park_indicators,
            "key_projects": key_projects, "project_progress": project_progress,
            "attraction": attraction}


def test_cluster_output_sums_segments_and_parks_in_scope(data):
    assert hc.cluster_output(data, Scope("2020-06")).tolist() == [60.0, 5.0]
    assert hc.cluster_output(data, Scope("2020-06", city="A", park="P2")).tolist() == [20.0, 0.0]
    assert hc.cluster_output(data, Scope("2020-06", city="B")).tolist() == [0.0, 0.0]


def test_yoy_and_shares(data):
    scope = Scope("2020-06", city="A")
    assert hc.cluster_yoy(data, scope)["C01"] == pytest.approx(60 / 50 - 1)
    assert hc.cluster_share_of_park_output(data, scope)["C01"] == pytest.approx(60 / 130)
    p2 = Scope("2020-06", city="A", park="P2")
    assert hc.cluster_share_of_province(data, p2)["C01"] == pytest.approx(20 / 60)
    assert math.isnan(hc.cluster_yoy(data, Scope("2020-06", city="B"))["C01"])


def test_table_counts_parks_enterprises_and_projects(data):
    table = hc.cluster_table(data, Scope("2020-06")).set_index("cluster_id")
    assert table.loc["C01", "parks"] == 2 and table.loc["C02", "parks"] == 1
    assert table.loc["C01", "enterprises"] == 9
    assert table.loc["C01", "projects"] == 3
    assert table.loc["C01", "project_investment"] == 60.0
    assert table.loc["C02", "projects"] == 0


def test_a_park_without_clusters_has_none(data):
    assert hc.clusters_present(data, Scope("2020-06", city="B", park="P3")) == []
    assert hc.clusters_present(data, Scope("2020-06", city="A", park="P1")) == ["C01", "C02"]


def test_city_ranking_and_chain(data):
    by_city = hc.cluster_by_city(data, "2020-06", "C01")
    assert by_city["city_code"].tolist() == ["A", "B"]
    assert by_city.loc[0, "share"] == 1.0 and pd.isna(by_city.loc[1, "rank"])
    chain = hc.chain_segments(data, Scope("2020-06"), "C01")
    assert chain["chain_stage"].tolist() == ["上游", "中游"]
    assert chain["output"].tolist() == [10.0, 50.0]


def test_project_time_elapsed_counts_from_the_planned_start():
    assert hc.project_time_elapsed(pd.Timestamp("2020-01-01"), "2020-06") == pytest.approx(0.5)
    assert hc.project_time_elapsed(pd.Timestamp("2020-07-01"), "2020-06") == 0.0
    assert hc.project_time_elapsed(pd.Timestamp("2020-03-01"), "2020-12") == 1.0


def test_late_projects_come_first_with_their_reason(data):
    projects = hc.project_status(data, Scope("2020-06"))
    reasons = dict(zip(projects["project_id"], projects["late_reason"], strict=True))
    # K1 due to start in March, not started; K2 10% done against 50% elapsed; K3 starts in
    # August (not due yet); K4 completed.
    assert reasons == {"K1": hc.LATE_NOT_STARTED, "K2": hc.LATE_INVESTMENT, "K3": "", "K4": ""}
    assert projects["late"].tolist() == [True, True, False, False]


def test_attraction_is_apportioned_by_output_share_and_adds_up(data):
    out = hc.attraction_by_cluster(data, Scope("2020-06")).set_index("cluster_id")
    # P1: C01 40/90, C02 5/90 of its 10 signed; P2: C01 20/40 of 4; P3 has no cluster.
    assert out.loc["C01", "projects_signed_ytd"] == pytest.approx(10 * 40 / 90 + 4 * 20 / 40)
    assert out.loc["C02", "projects_signed_ytd"] == pytest.approx(10 * 5 / 90)
    assert out["projects_signed_ytd"].sum() == pytest.approx(20)
    empty = hc.attraction_by_cluster(data, Scope("2020-06", city="B", park="P3"))
    assert empty["cluster_id"].tolist() == [hc.OTHER]


def test_every_metric_has_a_definition():
    for fn in (hc.cluster_output, hc.cluster_yoy, hc.cluster_share_of_park_output,
               hc.cluster_share_of_province, hc.cluster_parks, hc.cluster_enterprises,
               hc.cluster_project_count, hc.cluster_project_investment, hc.project_time_elapsed,
               hc.project_late_reason, hc.attraction_by_cluster, hc.attraction_in_scope):
        assert "=" in definition(fn) or "：" in definition(fn)
