"""Metric functions against hand-computed cases, edge cases included."""

import inspect
import math

import pandas as pd
import pytest

from hnparks.core import metrics as m
from hnparks.core import status as st


def test_completion_rate_hand_computed():
    assert m.completion_rate(26_500, 53_000) == pytest.approx(0.5)
    assert m.completion_rate(0, 14) == 0.0


@pytest.mark.parametrize("target", [0, None, math.nan])
def test_completion_rate_without_a_usable_target_is_nan(target):
    assert math.isnan(m.completion_rate(10, target))


def test_time_elapsed_for_annual_and_half_year_deadlines():
    assert st.linear_elapsed("2020-06", "2020-12-31", "2020-01") == pytest.approx(0.5)
    assert st.linear_elapsed("2020-12", "2020-12-31", "2020-01") == 1.0
    assert st.linear_elapsed("2020-03", "2020-06-30", "2020-01") == pytest.approx(0.5)
    assert st.linear_elapsed("2020-09", "2020-06-30", "2020-01") == 1.0  # past: capped


@pytest.mark.parametrize(
    ("completion", "elapsed", "light"),
    [(0.50, 0.50, "green"), (0.46, 0.50, "amber"), (0.4501, 0.50, "amber"),
     (0.44, 0.50, "red"), (math.nan, 0.5, "grey")],
)
def test_status_light_thresholds_before_the_deadline(completion, elapsed, light):
    assert st.light(completion, elapsed) == light


@pytest.mark.parametrize(("completion", "light"), [(0.978, "red"), (0.9999, "red"),
                                                   (1.0, "green"), (1.2, "green")])
def test_at_the_deadline_short_of_target_is_red_with_no_amber_band(completion, light):
    assert st.light(completion, 1.0, at_deadline=True) == light


def test_yoy_growth():
    assert m.yoy_growth(110, 100) == pytest.approx(0.10)
    assert math.isnan(m.yoy_growth(110, 0))
    assert math.isnan(m.yoy_growth(None, 100))  # a missing month


def test_annualise_and_projection_use_the_right_basis():
    assert m.annualise(30, "2020-03") == pytest.approx(120)
    # last year Jan–Mar was 20% of the year: 30 so far projects to 150, not 120
    assert m.project_year_end(30, 20, 100) == pytest.approx(150)
    assert math.isnan(m.project_year_end(30, 0, 100))


def test_required_run_rate():
    assert m.required_monthly_run_rate(120, 60, "2020-06") == pytest.approx(10)
    assert m.required_monthly_run_rate(120, 130, "2020-06") == 0.0
    assert math.isnan(m.required_monthly_run_rate(120, 100, "2020-12"))


def test_tax_per_mu_units_and_a_park_with_no_land():
    # 1.3 亿元 of tax on 1,000 亩 = 13 万元/亩
    assert m.tax_per_mu(1.3, 1000) == pytest.approx(13)
    assert math.isnan(m.tax_per_mu(1.3, 0))
    assert math.isnan(m.tax_per_mu(1.3, None))


def test_rank_desc_ties_and_missing():
    ranks = m.rank_desc(pd.Series([5.0, 9.0, 5.0, math.nan]))
    assert ranks.tolist()[:3] == [2, 1, 2]
    assert pd.isna(ranks.iloc[3])


def test_gap_to_target():
    assert m.gap_to_target(900, 1000) == 100
    assert m.gap_to_target(1100, 1000) == -100


def test_every_metric_states_its_definition_in_chinese():
    functions = [f for name, f in inspect.getmembers(m, inspect.isfunction)
                 if f.__module__ == m.__name__ and not name.startswith("_")
                 and name != "definition"]
    assert len(functions) >= 9
    # the status rules (lights, deadlines, elapsed time) live in hnparks.core.status
    functions += [st.lights, st.due, st.linear_elapsed, st.seasonal_share, st.baseline_share]
    for function in functions:
        text = m.definition(function)
        assert text and any("\u4e00" <= ch <= "\u9fff" for ch in text), function.__name__


def test_no_definition_a_page_shows_names_code():
    """A 口径 shown on a page (a metric's first docstring line, in Chinese) is prose for a leader:
    no function name in backticks (two did: `status.linear_elapsed`, `environment.problem_status`)."""
    import importlib
    import pkgutil

    shown = []
    for package in ("core", "derived", "views"):
        path = importlib.import_module(f"hnparks.{package}").__path__
        for info in pkgutil.iter_modules(path):
            module = importlib.import_module(f"hnparks.{package}.{info.name}")
            for name, function in inspect.getmembers(module, inspect.isfunction):
                text = m.definition(function) if (function.__doc__ or "").strip() else ""
                if function.__module__ == module.__name__ and text and "\u4e00" <= text[0] <= "\u9fff":
                    shown.append((f"{module.__name__}.{name}", text))
    assert len(shown) > 50
    assert [(name, text) for name, text in shown if "`" in text] == []
