"""Scope sums and by-city / by-park tables on a small hand-made frame."""

import math

import pandas as pd
import pytest

from hnparks.core.scope import Scope
from hnparks.derived.aggregate import by_city, by_park, scope_total

PARKS = pd.DataFrame({"park_id": ["P001", "P002", "P003"], "park_name": ["甲", "乙", "丙"],
                      "city_code": ["430100", "430100", "430200"], "level": ["国家级", "省级", "省级"]})
CITIES = pd.DataFrame({"city_code": ["430100", "430200", "430300"],
                       "city_name": ["长沙市", "株洲市", "湘潭市"], "city_short": ["长沙", "株洲", "湘潭"]})
FACTS = pd.DataFrame({
    "park_id": ["P001", "P002", "P003", "P001", "P002"],
    "period": ["2020-06", "2020-06", "2020-06", "2019-06", "2019-06"],
    "revenue_ytd": [10.0, 5.0, 2.0, 8.0, 4.0],
})


def test_scope_total_for_province_city_and_park():
    assert scope_total(FACTS, PARKS, Scope("2020-06"), "revenue_ytd") == 17
    assert scope_total(FACTS, PARKS, Scope("2020-06", city="430100"), "revenue_ytd") == 15
    assert scope_total(FACTS, PARKS, Scope("2020-06", park="P003"), "revenue_ytd") == 2
    assert math.isnan(scope_total(FACTS, PARKS, Scope("2020-07"), "revenue_ytd"))


def test_by_city_keeps_every_city_and_last_year():
    table = by_city(FACTS, PARKS, CITIES, "2020-06", ["revenue_ytd"]).set_index("city_code")
    assert table.loc["430100", "revenue_ytd"] == 15
    assert table.loc["430100", "revenue_ytd_ly"] == 12
    assert pd.isna(table.loc["430200", "revenue_ytd_ly"])  # no report last year: missing, not 0
    assert pd.isna(table.loc["430300", "revenue_ytd"])


def test_by_park_in_a_city():
    table = by_park(FACTS, PARKS, Scope("2020-06", city="430100"), ["revenue_ytd"])
    assert table["park_id"].tolist() == ["P001", "P002"]
    assert table["revenue_ytd_ly"].tolist() == pytest.approx([8.0, 4.0])
