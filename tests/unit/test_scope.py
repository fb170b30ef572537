"""The one scope filter (hnparks.core.scope.Scope.park_rows): facts that carry only a park id
are cut by the roster's cities."""

from __future__ import annotations

import pandas as pd

from hnparks.core.scope import Scope

ROSTER = pd.DataFrame({"park_id": ["P001", "P002", "P003"],
                       "city_code": ["430100", "430100", "430200"]})
FACTS = pd.DataFrame({"park_id": ["P003", "P001", "P002", "P001", "P009"],
                      "value": [1.0, 2.0, 3.0, 4.0, 5.0]})


def test_a_city_keeps_the_rows_of_its_parks_only():
    got = Scope("2020-06", city="430100").park_rows(FACTS, ROSTER)
    assert got["value"].tolist() == [2.0, 3.0, 4.0]


def test_a_park_keeps_its_own_rows():
    assert Scope("2020-06", "430100", "P001").park_rows(FACTS, ROSTER)["value"].tolist() == [2.0, 4.0]


def test_the_province_keeps_the_rosters_parks_not_strangers():
    assert Scope("2020-06").park_rows(FACTS, ROSTER)["value"].tolist() == [1.0, 2.0, 3.0, 4.0]
