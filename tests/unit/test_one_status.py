"""One status per target and per task, and it is the stated rule's: every place that shows a
light or a task status gives what the status oracle (tests/rules.py, recomputed from the parquet
without the indicator store or hnparks.core.status) gives, for every month of the plan year."""

from __future__ import annotations

import pytest

from hnparks.core.scope import Scope
from hnparks.derived import indicator_store as ist
from hnparks.derived.attainment import HEADLINE_KEYS, headline_targets, target_register
from hnparks.views import environment as env
from hnparks.views import overview as ov
from hnparks.views import present as br
from hnparks.views import targets as tv
from hnparks.views.tasks import ledger_for
from tests import rules

MONTHS = [f"2020-{m:02d}" for m in range(1, 13)]
DUTIES = {"工业污水集中处理": "T07", "达标排放": "T08", "在线监测": "T09"}
HEADLINE_IDS = ["T01", "T02", "T03", "T04"]


@pytest.fixture(scope="module")
def parquet(data_dir):
    return rules.load(data_dir)


@pytest.fixture(scope="module")
def province_slides(data):
    """The province's meeting-room slides of a month by key, built once for both month tests
    (they only read them)."""
    built: dict[str, dict] = {}

    def of(period: str) -> dict:
        if period not in built:
            built[period] = {s.key: s for s in br.build_slides(data, Scope(period))}
        return built[period]

    return of


@pytest.mark.parametrize("period", MONTHS)
def test_every_province_light_is_the_oracles(data, parquet, province_slides, period):
    oracle = {t: r["light"] for t, r in rules.province_targets(parquet, period).items()}
    assert len(oracle) == 14
    province = Scope(period)
    # 目标台账 (targets page)
    assert {t.target_id: t.light for t in target_register(data, province)} == oracle
    # the headline cards (overview, targets page)
    assert [t.light for t in headline_targets(data, province)] == [oracle[t] for t in HEADLINE_IDS]
    # the meeting-room slides: the four targets, the three coverages, the assessments
    slides = province_slides(period)
    assert slides["targets"].table["状态"].tolist() == [oracle[t] for t in HEADLINE_IDS]
    assert slides["targets"].big_light == oracle["T01"]  # the badge of the number it sits by
    duties = slides["environment"].table.set_index("duty")["light"]
    assert {d: duties[d] for d in DUTIES} == {d: oracle[t] for d, t in DUTIES.items()}
    assert slides["assessments"].light == oracle["T14"]


@pytest.mark.parametrize("period", MONTHS)
def test_every_task_status_is_the_oracles(data, parquet, province_slides, period):
    expected = rules.expected_task_statuses(parquet, period)
    ledger = ledger_for(data, period).set_index("task_id")
    assert ledger["status"].to_dict() == expected
    # the environment page's task panels
    for task_id in ("三(四)1", "三(四)2", "三(四)3"):
        assert env.task_status(data, task_id, period)["status"] == expected[task_id]
    # the slide of tasks behind (滞后 or 逾期) and the overview's overdue alert
    slides = province_slides(period)
    late = slides["tasks"].table
    assert set(late["task_id"]) == {t for t, s in expected.items() if s in ("滞后", "逾期")}
    assert late["progress_pct"].is_monotonic_increasing  # slowest first
    assert set(ov.overdue_tasks(data, period)["task_id"]) == {
        t for t, s in expected.items() if s == "逾期"}


@pytest.mark.parametrize("period", ["2020-06", "2020-12"])
def test_lights_below_the_province_are_the_stores_everywhere(data, period):
    """Below the province the pages read the store (no view recomputes a light)."""
    parks = data["parks"]
    scopes = [Scope(period, city=c) for c in data["cities"]["city_code"]] + [
        Scope(period, city=str(c), park=p)
        for p, c in zip(parks["park_id"], parks["city_code"], strict=True)][::7]
    for scope in scopes:
        stored = {}
        for key in data["targets"]["metric_key"]:
            row = ist.row_for(data, key, scope)
            stored[key] = "grey" if row is None else row["status"]
        assert {t.metric_key: t.light for t in target_register(data, scope)} == stored
        assert [t.light for t in headline_targets(data, scope)] == [
            stored[k] for k in HEADLINE_KEYS]
    cities = tv.city_revenue(data, period).set_index("city_code")["light"]
    assert cities.to_dict() == ist.rows_for(data, "revenue_total", period, "city")[
        "status"].to_dict()


@pytest.mark.parametrize(("period", "light"), [("2020-05", None), ("2020-06", "red"),
                                               ("2020-07", "red")])
def test_xiangtan_assessments_at_their_june_deadline(data, period, light):
    """湘潭市 T14 at 68 of 69 items in June (its deadline month) is 滞后, not 关注."""
    status = next(t for t in target_register(data, Scope(period, city="430300"))
                  if t.target_id == "T14")
    if light is None:  # before the deadline the straight path decides, with its amber band
        assert status.light == rules.oracle_light(status.completion, status.elapsed, False)
    else:
        assert status.completion < 1 and status.light == light


def test_the_december_report_is_final(data, parquet):
    """全省 2020-12: 技工贸总收入 97.8%, 亩均税收 95.4%, 省级园区循环化改造 49.6% of 50% — 滞后."""
    december = {t.target_id: t for t in target_register(data, Scope("2020-12"))}
    for target_id in ("T01", "T03", "T11"):
        assert 0.95 < december[target_id].completion < 1, target_id
        assert december[target_id].light == "red", target_id
    ledger = ledger_for(data, "2020-12").set_index("task_id")
    for task_id in ("三(四)1", "三(七)4"):
        assert ledger.at[task_id, "progress_pct"] < 100
        assert ledger.at[task_id, "status"] == "逾期" and ledger.at[task_id, "overdue"]
