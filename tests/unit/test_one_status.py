"""One status per target and per task: every place that shows a light or a task status gives
the same value as the indicator store, for every month of the plan year and every city (and
a spread of parks)."""

from __future__ import annotations

import pytest

from hnparks.core.scope import Scope
from hnparks.derived import indicator_store as ist
from hnparks.derived.attainment import HEADLINE_KEYS, headline_targets, target_register
from hnparks.views import environment as env
from hnparks.views import present as br
from hnparks.views import targets as tv
from hnparks.views.tasks import ledger_for

MONTHS = [f"2020-{m:02d}" for m in range(1, 13)]
DUTIES = {"工业污水集中处理": "env_sewage", "达标排放": "env_discharge", "在线监测": "env_monitoring"}


def _scopes(data, period):
    parks = data["parks"]
    sample = parks.groupby("city_code").head(1)["park_id"].tolist()  # one park per city
    return ([Scope(period)] + [Scope(period, city=c) for c in data["cities"]["city_code"]]
            + [Scope(period, city=str(parks.set_index("park_id").loc[p, "city_code"]), park=p)
               for p in sample])


def _stored(data, key, scope):
    row = ist.row_for(data, key, scope)
    return "grey" if row is None else row["status"]


def _every_scope(data, period):
    parks = data["parks"]
    return ([Scope(period)] + [Scope(period, city=c) for c in data["cities"]["city_code"]]
            + [Scope(period, city=str(c), park=p)
               for p, c in zip(parks["park_id"], parks["city_code"], strict=True)])


@pytest.mark.slow
@pytest.mark.parametrize("period", MONTHS)
def test_every_target_light_is_the_stores(data, period):
    # 目标台账 (targets page) and the headline cards (overview, targets page), every scope
    for scope in _every_scope(data, period):
        expected = {key: _stored(data, key, scope) for key in data["targets"]["metric_key"]}
        assert {t.metric_key: t.light for t in target_register(data, scope)} == expected
    for scope in _scopes(data, period):
        expected = {key: _stored(data, key, scope) for key in data["targets"]["metric_key"]}
        assert [t.light for t in headline_targets(data, scope)] == [
            expected[k] for k in HEADLINE_KEYS]
        # The meeting-room slides: the four targets, the three coverages, the assessments
        slides = {s.key: s for s in br.build_slides(data, scope)}
        headline = slides["targets"].table
        assert headline["状态"].tolist() == [expected[k] for k in HEADLINE_KEYS], scope
        duties = slides["environment"].table.set_index("duty")["light"]
        assert {d: duties[d] for d in DUTIES} == {d: expected[k] for d, k in DUTIES.items()}
        assessment = expected["assessment_completion"]
        assert slides["assessments"].light == assessment, scope


@pytest.mark.parametrize("period", MONTHS)
def test_city_and_park_revenue_lights_are_the_stores(data, period):
    cities = tv.city_revenue(data, period).set_index("city_code")["light"]
    stored = ist.rows_for(data, "revenue_total", period, "city")["status"]
    assert cities.to_dict() == stored.to_dict()
    slide = br.cities_slide(data, Scope(period)).table
    assert sorted(slide["light"]) == sorted(stored)
    parks = tv.park_revenue(data, Scope(period)).set_index("park_id")["light"]
    park_rows = ist.rows_for(data, "revenue_total", period, "park")["status"]
    assert parks.to_dict() == park_rows.to_dict()


@pytest.mark.parametrize("period", MONTHS)
def test_every_task_status_is_the_ledgers(data, period):
    ledger = ledger_for(data, period).set_index("task_id")
    # The environment page's task panels
    for task_id in ("三(四)1", "三(四)2", "三(四)3"):
        assert env.task_status(data, task_id, period)["status"] == ledger.loc[task_id, "status"]
    # The slide of late tasks and the overview's overdue alert
    slides = {s.key: s for s in br.build_slides(data, Scope(period))}
    late = slides["tasks"].table
    assert set(late["task_id"]) == set(ledger.index[ledger["status"] == "滞后"])
    assert late["progress_pct"].is_monotonic_increasing  # slowest first
    assert set(tv.overdue_tasks(data, period)["task_id"]) == set(ledger.index[ledger["overdue"]])


def test_a_measured_task_is_never_done_while_its_indicators_are_short(data):
    """三(四)2 (the three coverages) and 三(七)1 (the twelve assessments) follow their targets."""
    for period in MONTHS:
        ledger = ledger_for(data, period).set_index("task_id")
        for task_id, keys in (("三(四)2", ["env_sewage", "env_discharge", "env_monitoring"]),
                              ("三(七)1", ["assessment_completion"])):
            rows = [ist.row_for(data, k, Scope(period)) for k in keys]
            met = all(r["value"] >= r["target"] for r in rows)
            assert (ledger.loc[task_id, "status"] == "已完成") == met, (task_id, period)
    late = ledger_for(data, "2020-07").set_index("task_id").loc["三(七)1"]
    assessments = ist.row_for(data, "assessment_completion", Scope("2020-07"))
    if assessments["value"] < 100:  # past its 2020-06-30 deadline and short
        assert late["overdue"] and late["status"] == "滞后"
