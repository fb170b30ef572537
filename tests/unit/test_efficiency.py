"""亩均效益 evaluation and land figures against the rules written again in tests/rules.py."""

from __future__ import annotations

import pandas as pd
import pytest

from hnparks.core.scope import Scope
from hnparks.views import efficiency as ef
from hnparks.views import efficiency_land as land
from tests.rules import expected_efficiency, expected_land


@pytest.mark.parametrize("period", ["2020-06", "2020-12"])
def test_scores_ranks_and_tiers_follow_the_stated_rule(data, data_dir, period):
    got = ef.evaluation(data, period).set_index("park_id").sort_index()
    want = expected_efficiency(data_dir, period).set_index("park_id").sort_index()
    assert got["score"].tolist() == pytest.approx(want["score"].tolist())
    assert got["rank"].tolist() == want["rank"].tolist()
    assert got["tier"].tolist() == want["tier"].tolist()
    assert got["tax_per_mu"].tolist() == pytest.approx(want["tax"].tolist())
    assert got["revenue_per_energy"].tolist() == pytest.approx(want["energy"].tolist())


def test_movers_compare_with_the_same_month_last_year(data, data_dir):
    got = ef.evaluation(data, "2020-06").set_index("park_id")
    last = expected_efficiency(data_dir, "2019-06").set_index("park_id")
    order = {"A类": 0, "B类": 1, "C类": 2}
    for park_id, row in got.iterrows():
        before, now = order[last.at[park_id, "tier"]], order[row["tier"]]
        assert row["move"] == ("升档" if now < before else "降档" if now > before else "持平")
    up = ef.movers(got.reset_index(), "升档")
    assert (up["move"] == "升档").all() and up["rank_change"].is_monotonic_decreasing


def test_city_distribution_counts_every_evaluated_park(data, data_dir):
    dist = ef.tier_distribution(ef.evaluation(data, "2020-09"), data["cities"])
    want = expected_efficiency(data_dir, "2020-09")
    assert len(dist) == 14 and dist["evaluated"].sum() == len(want)
    changsha = dist.set_index("city_code").loc["430100"]
    mine = want[want["city_code"] == "430100"]["tier"].value_counts()
    assert [changsha[t] for t in ef.TIERS] == [int(mine.get(t, 0)) for t in ef.TIERS]


def test_a_scope_sums_before_dividing(data, data_dir):
    want = expected_efficiency(data_dir, "2020-09")
    city = want[want["city_code"] == "430300"]
    got = ef.scope_summary(Scope("2020-09", city="430300").select_parks(
        ef.evaluation(data, "2020-09")))
    assert got["tax_per_mu"] == pytest.approx(city["tax_ytd"].sum() * 10000
                                              / city["industrial_land_mu"].sum())
    assert got["rd_intensity"] == pytest.approx(city["rd_expense_ytd"].sum()
                                                / city["revenue_ytd"].sum() * 100)


def test_land_by_city_and_disposal_rate(data, data_dir):
    want = expected_land(data_dir, "2020-09")
    got = land.land_by_city(land.land_by_park(data, "2020-09"), data["cities"]).set_index(
        "city_code")
    for code, rows in want.groupby("city_code"):
        assert got.at[code, "inefficient_start_mu"] == rows["start"].sum()
        assert got.at[code, "inefficient_land_mu"] == rows["inefficient_land_mu"].sum()
        assert got.at[code, "disposal_rate"] == pytest.approx(
            rows["inefficient_redeveloped_mu_ytd"].sum() / rows["start"].sum() * 100)


def test_a_park_without_land_or_energy_is_not_evaluated(data):
    broken = dict(data)
    inputs = data["efficiency_inputs"].copy()
    inputs.loc[(inputs["park_id"] == "P001") & (inputs["period"] == "2020-06"),
               "energy_tce_ytd"] = 0.0
    broken["efficiency_inputs"] = inputs
    table = ef.evaluation(broken, "2020-06").set_index("park_id")
    assert pd.isna(table.at["P001", "score"]) and pd.isna(table.at["P001", "tier"])
    assert table["tier"].notna().sum() == len(table) - 1


def test_the_selected_city_is_marked_in_the_tier_chart_without_markup(data):
    from components.ui.text import inert_figure
    from components.views.efficiency_charts import tier_bar

    dist = ef.tier_distribution(ef.evaluation(data, "2020-06"), data["cities"])
    fig = inert_figure(tier_bar(dist, "430600"))
    labels = list(fig.data[0].y)
    assert "▶ 岳阳市" in labels and not any("<" in str(label) for label in labels)
