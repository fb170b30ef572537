"""Profile computations (ranks, YoY, problem and assessment states) on small hand-made frames."""

import math

import pandas as pd
import pytest

from hnparks.core.scope import Scope
from hnparks.views import business
from hnparks.views import environment as env
from hnparks.views import park as pf

PARKS = pd.DataFrame({"park_id": ["P1", "P2", "P3"], "park_name": ["甲", "乙", "丙"],
                      "city_code": ["430100", "430100", "430200"],
                      "level": ["国家级", "省级", "省级"]})
CITIES = pd.DataFrame({"city_code": ["430100", "430200"], "city_name": ["长沙市", "株洲市"],
                       "city_short": ["长沙", "株洲"]})


def _facts() -> pd.DataFrame:
    rows = []
    for period, scale in (("2020-06", 1.0), ("2019-06", 0.8)):
        for park, revenue, tax, land in (("P1", 100, 5, 1000), ("P2", 50, 4, 500),
                                         ("P3", 80, 1, 2000)):
            rows.append({"park_id": park, "period": period, "revenue_ytd": revenue * scale,
                         "tax_ytd": tax * scale, "output_ytd": 1.0, "investment_ytd": 1.0,
                         "export_ytd": 1.0, "industrial_land_mu": land,
                         "above_scale_firms": 10, "hightech_firms": 5})
    return pd.DataFrame(rows)


DATA = {"park_indicators": _facts(), "parks": PARKS, "cities": CITIES}


def test_park_indicator_ranks_in_province_and_city():
    table = pf.indicator_table(pf.park_values(DATA, "2020-06"), "park_id", "P2", "city_code")
    row = table.set_index("key").loc["revenue_ytd"]
    assert (row["value"], row["last_year"]) == (50, 40)
    assert row["yoy"] == pytest.approx(0.25)
    assert (row["rank"], row["rank_of"], row["rank_group"], row["rank_group_of"]) == (3, 3, 2, 2)
    per_mu = table.set_index("key").loc["tax_per_mu"]
    assert per_mu["value"] == pytest.approx(80.0)  # 4 亿元 × 10000 ÷ 500 亩
    assert per_mu["rank"] == 1


def test_city_values_sum_parks_and_rank_cities():
    table = pf.indicator_table(pf.city_values(DATA, "2020-06"), "city_code", "430200")
    row = table.set_index("key").loc["revenue_ytd"]
    assert (row["value"], row["rank"], row["rank_of"]) == (80, 2, 2)
    assert "rank_group" not in table.columns


def test_park_ranking_within_a_city():
    ranking = pf.park_ranking(DATA, Scope("2020-06", city="430100"))
    assert ranking["park_id"].tolist() == ["P1", "P2"]
    assert ranking["rank_province"].tolist() == [1, 3]


def test_problem_status_at_the_period_end():
    ts = pd.Timestamp
    problems = pd.DataFrame({
        "problem_id": ["a", "b", "c", "d", "e"],
        "found_date": [ts("2020-01-01")] * 4 + [ts("2020-07-01")],
        "deadline": [ts("2020-05-01"), ts("2020-05-01"), ts("2020-05-01"), ts("2020-09-01"),
                     ts("2020-08-01")],
        "rectified_date": [ts("2020-04-01"), pd.NaT, ts("2020-08-01"), pd.NaT, pd.NaT]})
    out = env.problem_status(problems, "2020-06").set_index("problem_id")["status"]
    assert out.to_dict() == {"a": "已整改", "b": "逾期未整改", "c": "逾期未整改", "d": "整改中"}


def test_assessment_state_at_the_period_end():
    ts = pd.Timestamp
    rows = pd.DataFrame({"applicable": [False, True, True, True],
                         "start_date": [pd.NaT, ts("2020-01-01"), ts("2020-01-01"),
                                        ts("2020-07-01")],
                         "completion_date": [pd.NaT, ts("2020-05-01"), ts("2020-07-01"), pd.NaT]})
    assert business.assessment_status(rows, ts("2020-06-30").date()).tolist() == [
        "不适用", "已完成", "进行中", "未启动"]


def test_land_use_sums_the_scope_and_keeps_last_year():
    land = pd.DataFrame({"park_id": ["P1", "P2", "P1"], "period": ["2020-06", "2020-06", "2019-06"],
                         "turnover_land_mu": [10.0, 5.0, 8.0], "inefficient_land_mu": [1.0, 1, 1],
                         "inefficient_redeveloped_mu_ytd": [0.0, 0, 0],
                         "standard_land_parcels_ytd": [1, 2, 0],
                         "standard_land_mu_ytd": [3.0, 4, 0]})
    table = pf.land_use_table({"land_use": land, "parks": PARKS}, Scope("2020-06", city="430100"))
    row = table.set_index("indicator").loc["周转用地"]
    assert (row["value"], row["last_year"]) == (15, 8)
    assert math.isnan(table.set_index("indicator").loc["标准地出让宗数", "yoy"])  # 0 last year
