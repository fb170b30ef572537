"""Numbers read as officials write them (hnparks.core.formats): each unit at its precision."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from hnparks.core.formats import fmt, fmt_amount, fmt_pct, fmt_points, fmt_target, pct_labels


@pytest.mark.parametrize(("value", "unit", "shown"), [
    (5.1912, "万亿元", "5.19万亿元"),       # 5.19 of 5.3: two places, or it reads 5.2
    (52345.678, "亿元", "52,345.7亿元"),
    (12.44, "万元/亩", "12.4万元/亩"),
    (14.0, "家", "14家"),                  # counts are whole
    (3.0, "个", "3个"),
    (123456.4, "亩", "123,456亩"),
    (2500.6, "万元", "2,501万元"),
    (math.nan, "亿元", "—"),
    (None, "家", "—"),
])
def test_a_value_reads_at_its_units_precision(value, unit, shown):
    assert fmt_amount(value, unit) == shown


def test_a_target_reads_as_the_document_writes_it():
    assert [fmt_target(5.3, "万亿元"), fmt_target(13.0, "万元/亩"), fmt_target(30.0, "个"),
            fmt_target(math.nan, "家")] == ["5.3万亿元", "13万元/亩", "30个", "—"]


def test_percentages_signed_and_missing():
    assert fmt_pct(0.4523) == "45.2%"
    assert fmt_pct(0.031, signed=True) == "+3.1%"
    assert fmt_pct(-0.031, signed=True) == "-3.1%"
    assert fmt_pct(math.nan) == "—"
    assert fmt_pct(pd.NA) == "—" and fmt(pd.NA, "亿元") == "—"
    assert fmt(1234.56, "亿元", 0) == "1,235亿元"


def test_a_shortfall_never_reads_100_percent():
    assert pct_labels([0.9996, 1.0]) == ["99.96%", "100.00%"]
    assert pct_labels([0.5, math.nan]) == ["50.0%", "—"]


def test_percentage_points():
    assert fmt_points(0.032) == "3.2个百分点"
    assert fmt_points(math.nan) == "—"
