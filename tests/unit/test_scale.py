"""Scale is a parameter: a larger synthetic build validates, and the default build is unchanged."""

from __future__ import annotations

import pandas as pd
import pytest

from hnparks.commands.generate.scale import first_period, id_width, scaled_count
from hnparks.core.schemas import SCHEMAS
from hnparks.data.loading import load_dataset


def test_months_are_counted_back_from_the_plan_years_december():
    assert first_period(24) == "2019-01"
    assert first_period(120) == "2011-01"
    assert first_period(30) == "2018-07"


def test_counts_and_id_widths_are_unchanged_at_the_default():
    assert scaled_count(58, 144) == 58 and scaled_count(58, 288) == 116
    assert id_width(144, 3) == 3 and id_width(3000, 3) == 4


@pytest.mark.slow
def test_a_scaled_build_validates_against_the_schemas(tmp_path):
    from hnparks.commands.generate.build import build

    build(tmp_path, with_geo=False, parks=400, months=30)
    frames = {name: load_dataset(name, tmp_path) for name in SCHEMAS}  # pandera-validated
    parks = frames["parks"]
    assert len(parks) == 400 and parks["park_id"].is_unique
    assert parks["city_code"].nunique() == 14
    facts = frames["park_indicators"]
    assert sorted(facts["period"].unique())[0] == "2018-07" and facts["period"].nunique() == 30
    assert set(facts["park_id"]) == set(parks["park_id"])
    # year-to-date values still only grow within each year, also in the backfilled months
    ytd = facts.sort_values(["park_id", "period"]).assign(year=facts["period"].str[:4])
    assert (ytd.groupby(["park_id", "year"])["revenue_ytd"].diff().dropna() >= 0).all()
    assert pd.api.types.is_integer_dtype(facts["above_scale_firms"])
