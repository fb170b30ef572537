"""Target attainment computed from the curated parquet, checked against direct pandas sums."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from hnparks.core.scope import Scope
from hnparks.derived.attainment import headline_targets, target_register, target_status


def _revenue(data, period, city=None):
    facts = data["park_indicators"].merge(data["parks"][["park_id", "city_code"]])
    rows = facts[facts["period"] == period]
    if city:
        rows = rows[rows["city_code"] == city]
    return rows["revenue_ytd"].sum()


def test_province_revenue_is_the_sum_of_parks_in_wan_yi(data):
    status = target_status(data, Scope("2020-06"), "revenue_total")
    assert status.unit == "万亿元" and status.target == 5.3
    assert status.value == pytest.approx(_revenue(data, "2020-06") / 10_000)
    assert status.completion == pytest.approx(status.value / 5.3)
    # 序时进度 of a year-to-date flow follows last year's season: Jan–Jun 2019 ÷ all of 2019.
    assert status.elapsed == pytest.approx(_revenue(data, "2019-06") / _revenue(data, "2019-12"))
    assert status.year_elapsed == pytest.approx(0.5)
    expected = "green" if status.completion >= status.elapsed else (
        "amber" if status.completion >= status.elapsed - 0.05 else "red")
    assert status.light == expected
    assert status.yoy == pytest.approx(_revenue(data, "2020-06") / _revenue(data, "2019-06") - 1)


def test_city_revenue_uses_the_city_allocation(data):
    status = target_status(data, Scope("2020-09", city="430200"), "revenue_total")
    alloc = data["city_target_allocation"].set_index("city_code").loc["430200", "value"]
    assert status.unit == "亿元" and status.target == pytest.approx(alloc)
    assert status.value == pytest.approx(_revenue(data, "2020-09", "430200"))


def test_thousand_yi_parks_count_and_light(data):
    status = target_status(data, Scope("2020-12"), "parks_over_1000")
    year_end = data["park_indicators"].query("period == '2020-12'")
    assert status.value == (year_end["revenue_ytd"] >= 1000).sum()
    assert status.target == 14
    expected = "green" if status.projection >= 14 else "amber" if status.projection >= 13.3 else "red"
    assert status.light == expected


def test_a_count_target_does_not_apply_to_a_city(data):
    status = target_status(data, Scope("2020-12", city="430100"), "parks_over_1000")
    assert math.isnan(status.target) and status.light == "grey"


def test_tax_per_mu_for_a_park(data):
    park = data["parks"]["park_id"].iloc[0]
    status = target_status(data, Scope("2020-12", park=park), "tax_per_mu")
    row = data["park_indicators"].query("period == '2020-12' and park_id == @park").iloc[0]
    assert status.value == pytest.approx(row["tax_ytd"] * 10_000 / row["industrial_land_mu"])


def test_assessment_deadline_is_june(data):
    before = target_status(data, Scope("2020-03"), "assessment_completion")
    after = target_status(data, Scope("2020-09"), "assessment_completion")
    rows = data["assessments"][data["assessments"]["applicable"]]
    # A rate due by a deadline runs in a straight line from January's level to the target at
    # the deadline month: March is 2 of the 5 months from January to June.
    january = (rows["completion_date"] <= pd.Timestamp("2020-01-31")).mean()
    assert before.elapsed == pytest.approx(january + (1 - january) * 2 / 5)
    assert after.elapsed == 1.0
    done = (rows["completion_date"] <= pd.Timestamp("2020-09-30")).mean() * 100
    assert after.value == pytest.approx(done)


def test_circular_targets_are_compared_with_the_right_parks(data):
    env = data["env_status"].query("period == '2020-12'").merge(data["parks"])
    national = target_status(data, Scope("2020-12"), "circular_national")
    provincial = target_status(data, Scope("2020-12"), "circular_provincial")
    assert national.target == 75 and provincial.target == 50
    assert national.value == pytest.approx(
        env[env["level"] == "国家级"]["circular_transformation"].mean() * 100)
    assert provincial.value == pytest.approx(
        env[env["level"] == "省级"]["circular_transformation"].mean() * 100)


def test_register_covers_every_target_and_headline_is_four(data):
    register = target_register(data, Scope("2020-12"))
    assert [t.target_id for t in register] == data["targets"]["target_id"].tolist()
    assert [t.indicator for t in headline_targets(data, Scope("2020-12"))] == \
        data["targets"]["indicator"].tolist()[:4]
