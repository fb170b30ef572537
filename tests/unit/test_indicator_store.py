"""The indicator store against independent pandas computations on the curated parquet, and the
status engine's pacing rules on hand cases."""

from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pytest

from hnparks.core import status as st
from hnparks.data.loading import dataset_path
from hnparks.derived import indicator_store as ist
from tests.rules import oracle_light

MONTHS = ["2020-01", "2020-03", "2020-06", "2020-09", "2020-12"]


def _row(store, key, period, level="province", scope_id=ist.PROVINCE):
    rows = store[(store["metric_key"] == key) & (store["period"] == period)
                 & (store["level"] == level) & (store["scope_id"] == scope_id)]
    assert len(rows) == 1, (key, period, level, scope_id)
    return rows.iloc[0]


def _light(completion, expected, period="2020-01"):
    """The stated rule (tests.rules.oracle_light): December — the deadline month of these
    annual targets — is final."""
    return oracle_light(completion, expected, period.endswith("-12"))


def _revenue(data, period, ids=None):
    facts = data["park_indicators"]
    facts = facts[facts["period"] == period]
    if ids is not None:
        facts = facts[facts["park_id"].isin(ids)]
    return facts["revenue_ytd"].sum()


def test_the_committed_store_equals_a_fresh_build(data_dir, store):
    stored = ist.read_store(data_dir)
    assert stored is not None, "data/derived/indicator_store.parquet is missing: run the build"
    committed, stamp = stored
    assert stamp == ist.fingerprint(data_dir)
    pd.testing.assert_frame_equal(committed, store)


def test_one_row_per_target_month_and_scope(data, store):
    scopes = 1 + data["cities"].shape[0] + data["parks"].shape[0]
    assert len(store) == len(data["targets"]) * 12 * scopes
    assert not store.duplicated(["metric_key", "period", "level", "scope_id"]).any()


@pytest.mark.parametrize("period", MONTHS)
def test_revenue_for_the_province_a_city_and_a_park(data, store, period):
    parks = data["parks"]
    ly, ly_dec = f"2019-{period[5:]}", "2019-12"
    # Province: 5.3万亿 in 亿元, seasonal 序时进度 from 2019.
    row = _row(store, "revenue_total", period)
    season = _revenue(data, ly) / _revenue(data, ly_dec)
    assert row["value"] == pytest.approx(_revenue(data, period))
    assert row["target"] == pytest.approx(53_000)
    assert row["expected_share"] == pytest.approx(season)
    assert row["gap"] == pytest.approx(53_000 * season - _revenue(data, period))
    assert row["status"] == _light(_revenue(data, period) / 53_000, season, period)
    # A city: its allocation and its own season.
    ids = parks.loc[parks["city_code"] == "430500", "park_id"]
    city = _row(store, "revenue_total", period, "city", "430500")
    alloc = data["city_target_allocation"].set_index("city_code").loc["430500", "value"]
    city_season = _revenue(data, ly, ids) / _revenue(data, ly_dec, ids)
    assert city["target"] == pytest.approx(alloc)
    assert city["expected_share"] == pytest.approx(city_season)
    assert city["status"] == _light(_revenue(data, period, ids) / alloc, city_season, period)
    # A park: the reference split of its city's allocation by its 2019 revenue.
    park = ids.iloc[0]
    park_row = _row(store, "revenue_total", period, "park", park)
    share = _revenue(data, ly_dec, [park]) / _revenue(data, ly_dec, ids)
    assert park_row["target"] == pytest.approx(alloc * share)
    assert park_row["value"] == pytest.approx(_revenue(data, period, [park]))


@pytest.mark.parametrize("period", MONTHS)
def test_tax_per_mu_and_the_count_targets(data, store, period):
    facts = data["park_indicators"].set_index(["period", "park_id"])
    now = facts.loc[period]
    per_mu = now["tax_ytd"].sum() * 10_000 / now["industrial_land_mu"].sum()
    assert _row(store, "tax_per_mu", period)["value"] == pytest.approx(per_mu)
    ly = facts.loc[f"2019-{period[5:]}", "revenue_ytd"]
    projection = now["revenue_ytd"] / (ly / facts.loc["2019-12", "revenue_ytd"])
    row = _row(store, "parks_over_1000", period)
    assert row["value"] == (now["revenue_ytd"] >= 1000).sum()
    assert row["projection"] == (projection >= 1000).sum()
    judged = row["value"] if period.endswith("-12") else row["projection"]  # actual when final
    assert row["status"] == _light(judged / 14, 1.0, period)  # judged on the year end
    city = _row(store, "parks_over_1000", period, "city", "430100")
    assert np.isnan(city["target"]) and city["status"] == "grey"  # not split to cities


@pytest.mark.parametrize("period", MONTHS)
def test_coverage_follows_a_straight_line_from_january(data, store, period):
    env = data["env_status"].set_index("period")
    january = env.loc["2020-01", "compliant_discharge"].mean()
    value = env.loc[period, "compliant_discharge"].mean()
    row = _row(store, "env_discharge", period)
    months_since = (int(period[5:]) - 1) / 11
    expected = january + (1 - january) * months_since
    assert row["value"] == pytest.approx(value * 100)
    assert row["expected_share"] == pytest.approx(expected)
    assert row["status"] == _light(value, expected, period)


def test_assessments_are_due_by_june(data, store):
    rows = data["assessments"][data["assessments"]["applicable"]]
    for period, end in (("2020-04", "2020-04-30"), ("2020-08", "2020-08-31")):
        done = (rows["completion_date"] <= pd.Timestamp(end)).mean()
        row = _row(store, "assessment_completion", period)
        assert row["value"] == pytest.approx(done * 100)
    assert _row(store, "assessment_completion", "2020-08")["expected_share"] == 1.0


def test_a_target_nobody_reports_is_grey(data):
    without = {name: frame for name, frame in data.items() if name != "task_milestones"}
    row = _row(ist.build_store(without), "overseas_incubators", "2020-06")
    assert np.isnan(row["value"]) and row["status"] == "grey"


@pytest.mark.parametrize(("key", "target_id"), [("new_national_hitech", "T05"),
                                                ("overseas_incubators", "T13")])
def test_milestone_targets_count_the_milestones_done_by_month_end(data, store, key, target_id):
    rows = data["task_milestones"][data["task_milestones"]["target_id"] == target_id]
    assert len(rows) == {"T05": 2, "T13": 4}[target_id]  # 岳阳、娄底; 香港、广东、上海、北京
    for period, end in (("2020-06", "2020-06-30"), ("2020-10", "2020-10-31"),
                        ("2020-12", "2020-12-31")):
        done = int((rows["completed_date"] <= pd.Timestamp(end)).sum())
        row = _row(store, key, period)
        assert row["value"] == done and row["status"] != "grey"
        # judged by its milestones, not a straight line: expected = milestones due by then
        due = int((rows["deadline"] <= pd.Timestamp(end)).sum())
        assert row["expected"] == due


def test_ranks_run_within_a_level(data, store):
    cities = store[(store["metric_key"] == "revenue_total") & (store["period"] == "2020-06")
                   & (store["level"] == "city")].set_index("scope_id")
    assert cities["rank"].min() == 1 and cities["rank"].max() == len(data["cities"])
    assert cities["value"].idxmax() == cities["rank"].astype(int).idxmin()


def test_a_changed_file_rebuilds_the_store(data_dir, tmp_path):
    root = tmp_path / "data"
    shutil.copytree(data_dir, root, ignore=shutil.ignore_patterns("versions", "*.lock"))
    before = ist.load_or_build(root)
    facts = pd.read_parquet(dataset_path("park_indicators", root))
    facts.loc[facts["period"] == "2020-06", "revenue_ytd"] *= 2
    facts.to_parquet(dataset_path("park_indicators", root), index=False)
    after = ist.load_or_build(root)
    key = (after["metric_key"] == "revenue_total") & (after["period"] == "2020-06") & (
        after["level"] == "province")
    assert after.loc[key, "value"].iloc[0] == pytest.approx(2 * before.loc[key, "value"].iloc[0])
    stored, stamp = ist.read_store(root)
    assert stamp == ist.fingerprint(root)  # written back for the next process


def test_pacing_rules_on_hand_cases():
    assert st.linear_elapsed("2020-06", "2020-12-31", "2020-01") == pytest.approx(0.5)
    assert st.linear_elapsed("2020-06", "2020-12-31", "2020-03-03") == pytest.approx(0.4)
    assert st.linear_elapsed("2020-02", "2020-12-31", "2020-03-03") == 0.0
    assert st.seasonal_share(46.5, 100.0, 0.5) == pytest.approx(0.465)
    assert st.seasonal_share(float("nan"), 100.0, 0.5) == 0.5  # no last year: straight line
    share = st.baseline_share(pd.Series([60.0]), pd.Series([100.0]), pd.Series([0.5]))
    assert share.iloc[0] == pytest.approx(0.8)
    lights = st.lights(pd.Series([0.5, 0.47, 0.40, np.nan]), pd.Series([0.5, 0.5, 0.5, 0.5]))
    assert lights.tolist() == ["green", "amber", "red", "grey"]


@pytest.mark.parametrize(("period", "due", "light"), [
    ("2020-11", False, "amber"),  # the month before: 97.8% against a 100% path is 关注
    ("2020-12", True, "red"),  # the deadline month (December, the final report): 滞后
    ("2021-01", True, "red"),  # after
])
def test_the_deadline_month_has_no_amber_band(period, due, light):
    assert st.due(period, "2020-12-31") == due
    assert st.light(0.978, 1.0, st.due(period, "2020-12-31")) == light
    assert st.light(1.0, 1.0, due) == "green"


@pytest.mark.parametrize(("period", "light"), [("2020-05", "green"), ("2020-06", "red"),
                                               ("2020-07", "red")])
def test_a_june_deadline_in_the_store(data, store, period, light):
    """区域评估 (T14, due 2020-06-30) at 湘潭市: from the June report on, short of 100% is 滞后."""
    row = _row(store, "assessment_completion", period, "city", "430300")
    assert row["completion"] < 1
    assert row["status"] == light
    assert row["status"] == oracle_light(row["completion"], row["expected_share"],
                                         period >= "2020-06")
