"""Period arithmetic."""

from datetime import date

from hnparks.core.periods import (
    period_end,
    period_label,
    previous_period,
    same_period_last_year,
)
from hnparks.plans.registry import latest_plan


def test_period_range_spans_two_years():
    periods = latest_plan().fact_periods()
    assert periods[0] == "2019-01" and periods[-1] == "2020-12" and len(periods) == 24


def test_period_helpers():
    assert period_end("2020-02") == date(2020, 2, 29)
    assert same_period_last_year("2020-06") == "2019-06"
    assert previous_period("2020-01") == "2019-12"
    assert period_label("2020-06") == "2020年6月"
