"""Two plan years' 区域评估 and key projects in one data mapping (as after loading next year's
reports): every reader takes the rows of its period's plan, so this year's figures are exactly
what they are without next year's rows — computed from plain frames, not the app's datasets."""

from __future__ import annotations

import pandas as pd
import pytest

from hnparks.core.scope import Scope
from hnparks.derived import attainment, consistency
from hnparks.derived import indicator_store as ist
from hnparks.views import business, clusters, opening
from hnparks.views import overview as ov
from hnparks.views import park as profile
from hnparks.views import present as briefing


@pytest.fixture(scope="module")
def mixed(data):
    """The same data plus next year's rows: no item done yet, ten times the annual plans."""
    year = int(data["assessments"]["year"].max()) + 1
    items = data["assessments"].assign(year=year, completion_date=pd.NaT, published_date=pd.NaT)
    projects = data["key_projects"].assign(year=year, plan_investment=lambda f:
                                           f["plan_investment"] * 10)
    return data | {"assessments": pd.concat([data["assessments"], items], ignore_index=True),
                   "key_projects": pd.concat([data["key_projects"], projects],
                                             ignore_index=True)}


def _scopes(data) -> list[Scope]:
    city = str(data["cities"]["city_code"].iloc[0])
    park = str(data["key_projects"]["park_id"].value_counts().index[0])
    return [Scope(p, city=c, park=k) for p in ("2020-06", "2020-12")
            for c, k in ((None, None), (city, None), (None, park))]


def _same(a, b) -> None:
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))
    elif isinstance(a, pd.Series):
        pd.testing.assert_series_equal(a, b)
    else:
        assert a == b


def test_assessment_figures_ignore_next_years_rows(data, mixed):
    for scope in _scopes(data):
        for figure in (attainment.assessment_completion, business.status_long,
                       profile.city_assessments, ov.late_assessments):
            _same(figure(mixed, scope), figure(data, scope))
        _same(profile.park_assessments(mixed, "P001", scope.period),
              profile.park_assessments(data, "P001", scope.period))
    assert attainment.assessment_completion(data, Scope("2020-12")) > 0.5


def test_project_figures_ignore_next_years_rows(data, mixed):
    for scope in _scopes(data):
        for figure in (opening.five_hundreds, clusters.project_status,
                       clusters.cluster_project_count, clusters.cluster_project_investment,
                       profile.key_projects_in_scope):
            _same(figure(mixed, scope), figure(data, scope))
    assert len(clusters.project_status(data, Scope("2020-12"))) == len(data["key_projects"])


def test_the_store_and_the_slide_read_the_targets_year(data, mixed):
    def store(frames):
        targets = frames["targets"]
        only = targets[targets["metric_key"] == "assessment_completion"]
        return ist.build_store({n: frames[n] for n in ist.INPUTS} | {"targets": only})

    built = store(mixed)
    _same(built, store(data))
    assert built["value"].notna().any()
    scope = Scope("2020-06")
    assert briefing.assessment_slide(mixed | {ist.STORE: built}, scope).headline == \
        briefing.assessment_slide(data | {ist.STORE: built}, scope).headline


def test_completed_projects_are_checked_against_their_own_years_plan(data, mixed):
    assert consistency.completed_projects_spent(mixed) == consistency.completed_projects_spent(data)
