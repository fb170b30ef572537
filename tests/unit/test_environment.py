"""hnparks.views.environment on small hand-made frames: problem status, coverage, EIAs, circular."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from hnparks.core.scope import Scope
from hnparks.views import environment as env

T = pd.Timestamp


@pytest.fixture
def data():
    cities = pd.DataFrame({"city_code": ["430100", "430200"], "city_name": ["长沙市", "株洲市"],
                           "city_short": ["长沙", "株洲"]})
    parks = pd.DataFrame({"park_id": ["P1", "P2", "P3", "P4"],
                          "park_name": ["甲园", "乙园", "丙园", "丁园"],
                          "city_code": ["430100", "430100", "430200", "430200"],
                          "level": ["国家级", "省级", "省级", "省级"],
                          "lon": [113.0] * 4, "lat": [28.0] * 4})
    status = pd.DataFrame({
        "park_id": ["P1", "P2", "P3", "P4"], "period": ["2020-06"] * 4,
        "sewage_treatment": [True, True, False, True],
        "compliant_discharge": [True, False, False, True],
        "online_monitoring": [True, True, True, False],
        "circular_transformation": [True, True, False, False],
        "green_park_status": ["已创建", "创建中", "未申报", "未申报"],
        "plan_approval_year": [2010, 2016, 2018, 2016],
        "plan_eia_year": [2012, 2015, 2019, 2017],
        "tracking_eia_status": ["已完成", "不适用", "不适用", "进行中"],
        "env_credit_pilot": [False, True, False, False],
    })
    problems = pd.DataFrame({
        "year": 2020, "problem_id": ["E1", "E2", "E3", "E4", "E5"],
        "park_id": ["P1", "P1", "P2", "P3", "P3"],
        "category": ["废水"] * 5, "description": ["问题"] * 5,
        "found_date": [T("2020-01-10"), T("2020-02-01"), T("2020-03-01"), T("2020-07-01"),
                       T("2020-01-05")],
        "deadline": [T("2020-05-31"), T("2020-06-30"), T("2020-04-30"), T("2020-09-30"),
                     T("2020-03-31")],
        "rectified_date": [T("2020-06-30"), pd.NaT, pd.NaT, pd.NaT, T("2020-03-01")],
    })
    return {"cities": cities, "parks": parks, "env_status": status, "env_problems": problems}


def test_problem_status_at_a_period_end(data):
    out = env.problem_status(data["env_problems"], "2020-06").set_index("problem_id")
    # E4 is found in July: it does not exist at the end of June.
    assert "E4" not in out.index
    # Rectified on the last day of the period counts as rectified, even after its deadline.
    assert out.loc["E1", "status"] == env.RECTIFIED
    # A deadline on the period end itself is not yet passed.
    assert out.loc["E2", "status"] == env.IN_PROGRESS
    assert out.loc["E3", "status"] == env.OVERDUE
    assert out.loc["E3", "days_overdue"] == (T("2020-06-30") - T("2020-04-30")).days
    assert out.loc["E2", "days_overdue"] == 0


def test_problem_counts_overdue_and_trend(data):
    counts = env.problem_counts(data, Scope("2020-06"))
    assert counts == {"total": 4, env.RECTIFIED: 2, env.IN_PROGRESS: 1, env.OVERDUE: 1}
    assert env.rectification_rate(data, Scope("2020-06")) == pytest.approx(0.5)
    assert env.overdue_problems(data, Scope("2020-06", city="430100"))["problem_id"].tolist() \
        == ["E3"]
    trend = env.rectification_trend(data, Scope("2020-06")).set_index("period")
    assert trend.index.tolist() == [f"2020-{m:02d}" for m in range(1, 7)]
    assert trend.loc["2020-01", "total"] == 2 and trend.loc["2020-05", env.OVERDUE] == 1
    assert math.isnan(env.rectification_rate(data, Scope("2020-06", park="P4")))


def test_problems_by_area_is_by_city_for_the_province_and_by_park_for_a_city(data):
    by_city = env.problems_by_area(data, Scope("2020-06"))
    assert by_city["name"].tolist() == ["长沙市", "株洲市"]
    assert by_city.iloc[0][env.OVERDUE] == 1 and by_city.iloc[0]["total"] == 3
    by_park = env.problems_by_area(data, Scope("2020-06", city="430100"))
    assert by_park["code"].tolist() == ["P2", "P1"]  # the park with an overdue problem first


def test_duty_coverage_and_what_each_park_lacks(data):
    uncovered = env.uncovered_parks(data, Scope("2020-06")).set_index("park_id")
    assert uncovered.index.tolist() == ["P3", "P2", "P4"]  # most missing first
    assert uncovered.loc["P3", "missing"] == "工业污水集中处理、达标排放"
    assert uncovered.loc["P4", "missing_count"] == 1
    assert env.all_duties_coverage(data, Scope("2020-06")) == pytest.approx(0.25)
    counts = env.coverage_counts(data, Scope("2020-06", city="430200"))
    assert counts == {"parks": 2, "sewage_treatment": 1, "compliant_discharge": 1,
                      "online_monitoring": 1, env.ALL_DUTIES: 0}
    by_city = env.coverage_by_city(data, "2020-06").set_index("city_code")
    assert by_city.loc["430100", "compliant_discharge"] == pytest.approx(0.5)
    assert by_city.loc["430200", env.ALL_DUTIES] == 0


def test_circular_transformation_is_counted_per_level(data):
    levels = env.circular_by_level(data, Scope("2020-06")).set_index("level")
    assert levels.loc["国家级", "share"] == 1.0
    assert levels.loc["省级", "share"] == pytest.approx(1 / 3)
    city = env.circular_by_level(data, Scope("2020-06", city="430200")).set_index("level")
    assert city.loc["国家级", "parks"] == 0 and math.isnan(city.loc["国家级", "share"])


def test_tracking_eia_needed_from_five_years(data):
    assert env.tracking_eia_needed(2015, 2018, 2020)  # exactly 5 years: needed
    assert not env.tracking_eia_needed(2016, 2017, 2020)
    assert env.tracking_eia_needed(2018, 2014, 2020)  # the plan EIA alone suffices
    rows = env.tracking_eia(data, Scope("2020-06")).set_index("park_id")
    # P2's plan EIA is from 2015: needed although reported 不适用, so it counts as not started.
    assert rows.index.tolist() == ["P2", "P1"]
    assert rows.loc["P2", "tracking_eia_status"] == env.TRACKING_NOT_STARTED
    assert env.tracking_eia_completion(data, Scope("2020-06")) == pytest.approx(0.5)
    assert env.tracking_summary(data, Scope("2020-06"))["needed"] == 2


def test_green_parks_and_credit_pilots(data):
    green = env.green_parks(data, Scope("2020-06"))
    assert green["park_id"].tolist() == ["P1", "P2"]
    assert env.green_summary(data, Scope("2020-06")) == {env.GREEN_CREATED: 1,
                                                         env.GREEN_IN_PROGRESS: 1}
    assert env.credit_pilots(data, Scope("2020-06"))["park_id"].tolist() == ["P2"]
    assert env.credit_pilots(data, Scope("2020-06", city="430200")).empty


def test_chart_builders_return_figures(data):
    from components.views import environment_charts as charts

    fig = charts.coverage_heatmap(env.coverage_by_city(data, "2020-06"), "430200")
    assert "▶ 株洲" in list(fig.data[0].y)
    trend = charts.problem_trend_chart(env.rectification_trend(data, Scope("2020-06")))
    assert [t.name for t in trend.data][:3] == env.PROBLEM_STATUSES
    circular = charts.circular_chart(env.circular_by_level(data, Scope("2020-06")),
                                     {"国家级": 75.0, "省级": 50.0})
    targets = dict(zip(circular.data[1].y, circular.data[1].x, strict=True))
    assert targets["国家级园区<br>1/1家"] == 75.0 and targets["省级园区<br>1/3家"] == 50.0


def test_problems_of_one_park_are_broken_down_by_category(data):
    table = env.problems_by_area(data, Scope("2020-06", city="430100", park="P1"))
    assert table["name"].tolist() == ["废水"] and table.iloc[0]["total"] == 2
