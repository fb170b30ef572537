"""The overview/target view computations on a small hand-made province (2 cities, 3 parks)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from hnparks.core.periods import period_range
from hnparks.core.scope import Scope
from hnparks.views import targets as tv

T = pd.Timestamp
# Monthly flows (亿元): year to date = flow × month. Park A and B in city C1, park C in C2.
FLOWS = {"A": (100, 90), "B": (50, 55), "C": (20, 20)}  # (2019, 2020)
SPECIALTY = {"S1": ("A", 10, 9), "S2": ("C", 7, 7)}


def _indicators() -> pd.DataFrame:
    rows = []
    for park, (f19, f20) in FLOWS.items():
        for period in period_range("2019-01", "2020-12"):
            flow = f19 if period.startswith("2019") else f20
            revenue = flow * int(period[5:])
            rows.append({"park_id": park, "period": period, "revenue_ytd": float(revenue),
                         "tax_ytd": revenue * 0.05, "industrial_land_mu": 1000.0})
    return pd.DataFrame(rows)


@pytest.fixture
def data() -> dict[str, pd.DataFrame]:
    return hand_data()


def hand_data() -> dict[str, pd.DataFrame]:
    """Three parks in two cities with known flows (also the overview's tests' data)."""
    targets = pd.DataFrame({
        "year": 2020, "target_id": ["T01", "T02", "T03", "T04"],
        "indicator": ["技工贸总收入", "千亿园区", "园区工业用地亩均税收", "百亿级特色产业园区"],
        "unit": ["万亿元", "家", "万元/亩", "个"], "value": [0.2, 14.0, 13.0, 30.0],
        "deadline": "2020-12-31", "lead_departments": "省产业园区建设领导小组",
        "metric_key": ["revenue_total", "parks_over_1000", "tax_per_mu", "specialty_over_100"],
        "pacing": ["seasonal", "projection", "seasonal", "projection"], "section": "二",
    })
    output = [{"specialty_id": s, "period": p,
               "output_ytd": float((f19 if p.startswith("2019") else f20) * int(p[5:]))}
              for s, (_, f19, f20) in SPECIALTY.items()
              for p in period_range("2019-01", "2020-12")]
    return {
        "targets": targets,
        "cities": pd.DataFrame({"city_code": ["C1", "C2"], "city_name": ["甲市", "乙市"],
                                "city_short": ["甲", "乙"]}),
        "parks": pd.DataFrame({"park_id": ["A", "B", "C"], "park_name": ["甲园", "乙园", "丙园"],
                               "city_code": ["C1", "C1", "C2"], "level": "省级"}),
        "city_target_allocation": pd.DataFrame({"year": 2020, "target_id": "T01",
                                                "city_code": ["C1", "C2"],
                                                "value": [1500.0, 500.0]}),
        "park_indicators": _indicators(),
        "specialty_parks": pd.DataFrame({"specialty_id": ["S1", "S2"],
                                         "specialty_name": ["甲特色园", "丙特色园"],
                                         "park_id": ["A", "C"], "leading_industry": "工程机械",
                                         "approved_date": T("2018-01-01")}),
        "specialty_output": pd.DataFrame(output),
        "tasks": pd.DataFrame({"year": 2020, "task_id": ["K1", "K2", "K3"],
                               "section_no": "一", "section_title": "改革", "task_no": [1, 2, 3],
                               "deadline_basis": "文件明确",
                               "text": ["任务一", "任务二", "任务三"],
                               "lead_departments": "省发展改革委",
                               "deadline": ["2020-03-31", "2020-12-31", "2020-05-31"]}),
        "task_progress": pd.DataFrame({"task_id": ["K1", "K2", "K3"], "period": "2020-06",
                                       "progress_pct": [50.0, 40.0, 100.0],
                                       "latest_update": "按计划推进"}),
        "env_problems": pd.DataFrame({
            "year": 2020, "problem_id": ["E1", "E2", "E3", "E4"], "park_id": ["A", "A", "B", "C"],
            "category": "废水", "description": ["问题一", "问题二", "问题三", "问题四"],
            "found_date": [T("2020-01-10"), T("2020-01-10"), T("2020-02-01"), T("2020-07-01")],
            "deadline": [T("2020-03-31"), T("2020-04-30"), T("2020-05-31"), T("2020-07-31")],
            "rectified_date": [pd.NaT, T("2020-04-15"), T("2020-08-01"), pd.NaT]}),
        "assessments": pd.DataFrame({
            "year": 2020, "park_id": ["A", "A", "B", "C"], "item_id": ["I1", "I2", "I1", "I1"],
            "applicable": [True, True, True, False],
            "completion_date": [T("2020-05-01"), T("2020-07-15"), pd.NaT, pd.NaT]}),
    }


def test_city_revenue_gap_against_time_elapsed(data):
    cities = tv.city_revenue(data, "2020-06").set_index("city_code")
    assert cities.loc["C1", "revenue_ytd"] == 870  # (90 + 55) × 6
    assert cities.loc["C1", "gap"] == pytest.approx(1500 * 0.5 - 870)
    assert cities.loc["C2", "gap"] == pytest.approx(500 * 0.5 - 120)
    assert cities.loc["C2", "light"] == "red" and cities.loc["C1", "light"] == "green"
    assert cities.loc["C1", "yoy"] == pytest.approx(870 / 900 - 1)
    assert cities.loc["C1", "target_share"] == pytest.approx(0.75)


def test_park_reference_target_splits_the_city_target_by_last_year(data):
    parks = tv.park_revenue(data, Scope("2020-06")).set_index("park_id")
    assert parks.loc["A", "target"] == pytest.approx(1500 * 1200 / 1800)
    assert parks.loc["B", "target"] == pytest.approx(1500 * 600 / 1800)
    assert parks.loc["C", "target"] == pytest.approx(500)
    assert parks.loc["A", "projection"] == pytest.approx(540 / 0.5)


def test_gap_attribution_adds_up_to_the_province(data):
    rows, total = tv.gap_attribution(data, Scope("2020-06"))
    assert total == pytest.approx(2000 * 0.5 - 990)
    assert rows["gap"].sum() == pytest.approx(total)
    assert rows.iloc[0]["name"] == "乙"  # the largest contribution first
    parks, city_total = tv.gap_attribution(data, Scope("2020-06", city="C1"))
    assert set(parks["key"]) == {"A", "B"} and city_total == pytest.approx(750 - 870)


def test_gap_change_since_last_month(data):
    change = tv.gap_change(data, Scope("2020-06")).set_index("key")
    assert change.loc["C1", "change"] == pytest.approx((750 - 870) - (1500 * 5 / 12 - 725))
    assert change.loc["C2", "change"] == pytest.approx((250 - 120) - (500 * 5 / 12 - 100))
    january = tv.gap_change(data, Scope("2020-01"))
    assert january["change"].isna().all()


def test_revenue_trend_stops_at_the_report_period_and_follows_last_years_season(data):
    trend = tv.revenue_trend(data, Scope("2020-06")).set_index("month")
    assert trend.loc[6, "this_year"] == 990 and math.isnan(trend.loc[7, "this_year"])
    assert trend.loc[12, "target_path"] == pytest.approx(2000)
    assert trend.loc[6, "target_path"] == pytest.approx(1000)


def test_thousand_yi_list_and_specialty_status(data):
    parks = tv.thousand_yi_parks(data, Scope("2020-06"))
    assert parks["park_id"].tolist() == ["A"] and parks.iloc[0]["status"] == "预计达千亿"
    specialty = tv.specialty_parks(data, Scope("2020-06")).set_index("specialty_id")
    assert specialty.loc["S1", "status"] == "预计达百亿"  # 54 ÷ (60/120) = 108
    assert specialty.loc["S2", "status"] == "接近百亿"  # 84


def test_tax_per_mu_by_city(data):
    cities = tv.tax_per_mu_cities(data, "2020-06").set_index("city_code")
    assert cities.loc["C1", "tax_per_mu"] == pytest.approx((870 * 0.05) * 10_000 / 2000)
