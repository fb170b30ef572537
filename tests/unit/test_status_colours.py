"""Words and colours follow the status engine: every slide bar is coloured by the light the
indicator store or the ledger gives, a deadline passed unmet is 滞后, rounding never hides a
status difference, and a target the document does not split down reads 不分解."""

from __future__ import annotations

import pandas as pd
import pytest

from components.ui.theme import STATUS_COLORS, TASK_COLORS
from components.views.present_charts import slide_figure
from hnparks.core.formats import pct_labels
from hnparks.core.scope import Scope
from hnparks.core.status import NO_TARGET, lights
from hnparks.derived.attainment import target_status
from hnparks.views.present import build_slides
from hnparks.views.tasks import ledger_for

SCOPES = [Scope("2020-06"), Scope("2020-12"), Scope("2020-09", city="430500"),
          Scope("2020-12", park="P017")]


def _slides(data, scope):
    return {s.key: s for s in build_slides(data, scope)}


@pytest.mark.parametrize("scope", SCOPES, ids=str)
def test_environment_bars_take_the_store_light(data, scope):
    slide = _slides(data, scope)["environment"]
    bars = slide_figure(slide).data[0]
    keys = ["env_sewage", "env_discharge", "env_monitoring"]
    want = [STATUS_COLORS[target_status(data, scope, key).light] for key in keys]
    assert list(bars.marker.color) == want


@pytest.mark.parametrize("scope", SCOPES, ids=str)
def test_headline_bars_take_the_store_light_and_unsplit_targets_say_so(data, scope):
    slide = _slides(data, scope)["targets"]
    bars = slide_figure(slide).data[0]
    keys = ["revenue_total", "parks_over_1000", "tax_per_mu", "specialty_over_100"]
    statuses = [target_status(data, scope, key) for key in keys]
    assert list(bars.marker.color) == [STATUS_COLORS[s.light] for s in statuses]
    for status, text in zip(statuses, bars.text, strict=True):
        assert (text == NO_TARGET) == (status.target != status.target)
    if scope.park:  # 千亿园区 and 百亿级特色产业园区 are the province's targets only
        assert list(bars.text).count(NO_TARGET) == 2


def test_city_bars_take_the_store_light_and_never_read_alike_in_different_colours(data):
    for period in ("2020-06", "2020-09", "2020-12"):
        slide = _slides(data, Scope(period))["cities"]
        bars = slide_figure(slide).data[0]
        assert list(bars.marker.color) == [STATUS_COLORS[x] for x in slide.table["light"]]
        colour_of = {}
        for text, colour in zip(bars.text, bars.marker.color, strict=True):
            assert colour_of.setdefault(text, colour) == colour, (period, text)


@pytest.mark.parametrize("scope", SCOPES, ids=str)
def test_late_tasks_are_red_and_named(data, scope):
    slide = _slides(data, scope)["tasks"]
    ledger = ledger_for(data, scope.period).set_index("task_id")
    behind = ledger.index[ledger["status"].isin(["滞后", "逾期"])]
    assert set(slide.table["task_id"]) == set(behind)
    assert len(behind), "the committed data has tasks behind in every sampled month"
    bars = slide_figure(slide).data[0]
    shown = slide.table.head(10)
    assert list(bars.marker.color) == [TASK_COLORS[ledger.loc[t, "status"]]
                                       for t in shown["task_id"]]
    # every task on it is 滞后 or 逾期, and both are drawn in the red of 滞后
    assert set(bars.marker.color) == {STATUS_COLORS["red"]}
    assert set(shown["task_id"].map(ledger["status"])) <= {"滞后", "逾期"}
    for label, code in zip(bars.y, shown["task_id"], strict=True):
        assert label.startswith(f"{code} ") and len(label) > len(code) + 3


def test_a_deadline_passed_unmet_is_red_not_amber(data):
    # 区域评估 was due 2020-06-30; in December 184 days later, 97.8% is 滞后, not 关注.
    december = target_status(data, Scope("2020-12"), "assessment_completion")
    assert december.completion < 1 and december.completion > 0.95
    assert december.light == "red"
    slide = _slides(data, Scope("2020-12"))["assessments"]
    assert slide.light == "red" and "184天" in slide.headline
    # Before the deadline the same shortfall is judged against the straight path.
    late = lights(pd.Series([0.97, 0.97, 1.0]), pd.Series([1.0] * 3), pd.Series([False, True, True]))
    assert list(late) == ["amber", "red", "green"]


def test_rounding_never_hides_a_status_difference():
    assert pct_labels([0.9996]) == ["99.96%"]  # short of the target: never '100.0%'
    assert pct_labels([1.0]) == ["100.0%"]
    labels = pct_labels([0.9504, 0.9496, 0.9501], 0, ["green", "amber", "red"])
    assert len(set(labels)) == 3
    assert pct_labels([0.5, 0.5], 1, ["red", "green"]) == ["50.0%", "50.0%"]  # equal values
    assert pct_labels([float("nan"), 0.42]) == ["—", "42.0%"]


@pytest.mark.parametrize("period", ["2020-06", "2020-12"])
def test_coverage_heatmap_cells_take_the_store_light(data, period):
    from components.views.environment_charts import LIGHT_CODES, coverage_heatmap
    from hnparks.derived.indicator_store import rows_for
    from hnparks.views import environment as env

    table = env.coverage_by_city(data, period)
    heat = coverage_heatmap(table, None, env.duty_lights(data, period)).data[0]
    codes = {name: row for name, row in zip(heat.y, heat.z, strict=True)}
    names = dict(zip(table["city_short"], table["city_code"], strict=True))
    for column, key in env.DUTY_TARGET_KEYS.items():
        store = rows_for(data, key, period, "city")["status"]
        for name, row in codes.items():
            assert row[list(env.DUTIES).index(column)] == LIGHT_CODES[store[names[name]]]
    # Cells of different lights read the same percentage only when their shares are equal.
    shares = table.set_index("city_short")
    seen = {}
    for name, text_row, code_row in zip(heat.y, heat.text, heat.z, strict=True):
        for column, text, code in zip(env.DUTIES, text_row[:3], code_row[:3], strict=True):
            share = shares.loc[name.removeprefix("▶ "), column]
            first_share, first_code = seen.setdefault(text, (share, code))
            assert first_code == code or first_share == pytest.approx(share), text
    # The hover's park count is the city's: each cell carries it and nothing else.
    parks = dict(zip(table["city_short"], table["parks"], strict=True))
    assert [set(row) for row in heat.customdata] == [{parks[n.removeprefix("▶ ")]} for n in heat.y]
    assert "%{customdata} 家" in heat.hovertemplate


@pytest.mark.parametrize("period", ["2020-06", "2020-09", "2020-12"])
def test_target_page_city_bars_never_read_alike_in_different_colours(data, period):
    from components.views.targets_charts import city_completion_bar
    from hnparks.views.targets import city_revenue

    cities = city_revenue(data, period)
    bars = city_completion_bar(cities).data[0]
    lights = cities.set_index("city_short").loc[list(bars.y), "light"]
    assert list(bars.marker.color) == [STATUS_COLORS[x] for x in lights]
    colour_of = {}
    for text, colour in zip(bars.text, bars.marker.color, strict=True):
        assert colour_of.setdefault(text, colour) == colour, (period, text)
