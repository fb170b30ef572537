"""The committed illustrative data passes a statistician's independent checks (issue 26), read
straight from data/curated, and its 2020 totals land within the stated tolerance of the
published province figures (data/sources/published_figures.csv)."""

from __future__ import annotations

import pandas as pd
import pytest

from hnparks.data.loading import load_dataset
from hnparks.data.sources import read_source

FLOWS = ["revenue_ytd", "output_ytd", "tax_ytd", "investment_ytd", "export_ytd"]


@pytest.fixture(scope="module")
def ds(data_dir):
    return lambda name: load_dataset(name, data_dir)


def _december(facts: pd.DataFrame, year: int) -> pd.DataFrame:
    return facts[facts["period"] == f"{year}-12"].set_index("park_id")


def test_flows_of_a_park_grow_at_different_rates(ds):
    facts = ds("park_indicators")
    growth = _december(facts, 2020)[FLOWS] / _december(facts, 2019)[FLOWS] - 1
    spread = (growth.max(axis=1) - growth.min(axis=1)) * 100
    assert spread.median() > 3
    totals = facts[facts["period"].str.endswith("-12")].groupby("period")[FLOWS].sum()
    export_share = totals["export_ytd"] / totals["revenue_ytd"]
    assert abs(export_share["2020-12"] - export_share["2019-12"]) >= 0.0005  # 外向度 moved


def test_the_february_march_stoppage_shows_in_every_flow(ds):
    facts = ds("park_indicators")
    totals = facts.groupby("period")[FLOWS].sum()
    march_growth = totals.loc["2020-03"] / totals.loc["2019-03"] - 1
    year_growth = totals.loc["2020-12"] / totals.loc["2019-12"] - 1
    assert (march_growth < 0).all() and (year_growth > march_growth + 0.1).all()


def test_no_land_series_grows_at_a_constant_monthly_rate(ds):
    land = ds("park_indicators").pivot(index="park_id", columns="period",
                                       values="industrial_land_mu")
    rates = land.pct_change(axis=1).iloc[:, 1:]
    assert ((rates.max(axis=1) - rates.min(axis=1)) > 1e-4).all()
    assert (rates >= 0).all().all()  # it grows in steps, never shrinks


def test_land_grows_in_the_months_a_parks_projects_complete(ds):
    """Every park with a “五个100” project first reporting 竣工投产 in 2020 adds its industrial
    land in those months, and only then (issue 26: land steps tied to projects)."""
    land = ds("park_indicators").pivot(index="park_id", columns="period",
                                       values="industrial_land_mu")
    progress = ds("project_progress")
    done = progress[progress["status"] == "竣工投产"].sort_values("period").drop_duplicates(
        "project_id").merge(ds("key_projects")[["project_id", "park_id"]], on="project_id")
    assert len(done) >= 10
    steps = land.diff(axis=1)[[c for c in land.columns if c.startswith("2020-")]]
    for park_id, months in done.groupby("park_id")["period"]:
        grew = set(steps.columns[steps.loc[park_id] > 0])
        assert grew == set(months), (park_id, sorted(grew), sorted(months))


def test_industrial_land_within_area_with_a_realistic_spread(ds):
    land = ds("park_indicators").groupby("park_id")["industrial_land_mu"].max()
    area = ds("parks").set_index("park_id")["approved_area_km2"] * 1500
    share = (land / area).round(3)
    assert share.max() < 0.6 and (share != 0.6).all() and share.std() > 0.05


def test_standard_land_within_land_added_and_redeveloped(ds):
    land = ds("park_indicators")
    added = (_december(land, 2020)["industrial_land_mu"]
             - _december(land, 2019)["industrial_land_mu"]).sum()
    use = _december(ds("land_use"), 2020)
    assert use["standard_land_mu_ytd"].sum() <= added + use["inefficient_redeveloped_mu_ytd"].sum()


def test_no_project_finishes_before_it_starts(ds):
    projects = ds("key_projects")
    assert (projects["planned_finish"] >= projects["planned_start"]).all()


def test_clusters_are_located_where_their_industry_is(ds):
    output = ds("cluster_output").merge(ds("parks")[["park_id", "city_code"]])
    year_end = output[output["period"] == "2020-12"]
    share = year_end.groupby(["cluster_id", "city_code"])["output_ytd"].sum()
    share = share / share.groupby(level="cluster_id").transform("sum")
    homes = read_source("cluster_locations").set_index("cluster_id")["home_city_codes"]
    for cluster, cities in homes.items():
        assert share[cluster].idxmax() == str(cities).split(";")[0], cluster
    assert share["C01"].idxmax() == "430100" and share["C01"]["430100"] > 0.5  # 长沙 工程机械


def test_2020_totals_are_within_tolerance_of_the_published_figures(ds):
    from hnparks.views.published import own_figure, published_figures

    data = {name: ds(name) for name in ("park_indicators", "parks")}
    published = published_figures()
    calibrated = published[published["tolerance"].notna() & (published["period"] == "2020")]
    assert set(calibrated["metric_key"]) >= {"revenue_total", "parks_over_1000", "tax_total"}
    for row in calibrated.itertuples():
        own = own_figure(data, row.metric_key, "2020-12")
        low = row.value if row.comparator == "突破" else row.value - row.tolerance
        assert low <= own <= row.value + row.tolerance, (row.figure, own, row.value)
