"""Per-park lists at national scale: a table lists its first TABLE_ROWS rows and says so; 亩均税收's
strip (more parks than CHART_ROWS) becomes one box per city, whose figures are the parks' own
(quartiles, lowest, highest, how many behind)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from components.views.targets_charts import tax_per_mu_strip
from hnparks.core.bounded import CHART_ROWS


def _parks(n: int) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    cities = rng.choice(["长沙", "株洲", "湘潭"], n)
    return pd.DataFrame({"park_id": [f"P{i:04d}" for i in range(n)],
                         "park_name": [f"园区{i}" for i in range(n)], "city_short": cities,
                         "projection": rng.uniform(5, 40, n), "tax_per_mu": rng.uniform(2, 20, n)})


def test_within_the_bound_every_park_is_a_dot():
    parks = _parks(CHART_ROWS)
    fig = tax_per_mu_strip(parks, 20.0)
    assert fig.data[0].type == "scatter" and len(fig.data[0].x) == CHART_ROWS


def test_above_the_bound_each_city_is_a_box_of_its_parks():
    parks = _parks(CHART_ROWS + 100)
    target = 20.0
    fig = tax_per_mu_strip(parks, target, highlight="P0007")
    box = fig.data[0]
    assert box.type == "box"
    expected = parks.groupby("city_short")["projection"]
    for i, city in enumerate(box.y):
        assert box.median[i] == pytest.approx(expected.median()[city])
        assert box.q1[i] == pytest.approx(expected.quantile(0.25)[city])
        assert box.upperfence[i] == pytest.approx(expected.max()[city])
        behind = int((parks.loc[parks["city_short"] == city, "projection"] < target).sum())
        count = len(parks[parks["city_short"] == city])
        assert fig.layout.yaxis.ticktext[i] == f"{city}（{count}家，{behind}家未达）"
    dot = next(t for t in fig.data if t.name == "本园区")
    assert dot.customdata[0][0] == "P0007"
    assert sum(len(t.x) for t in fig.data if t.x is not None) < 20  # no dot per park


def _table_script() -> None:
    import pandas as pd
    import streamlit as st

    from components.ui.layout import bounded_rows
    from hnparks.core.bounded import TABLE_ROWS

    for n in (TABLE_ROWS, TABLE_ROWS + 5):
        shown = bounded_rows(pd.DataFrame({"park_id": [f"P{i}" for i in range(n)]}))
        st.text(",".join(shown["park_id"].iloc[[0, -1]]) + f";{len(shown)}")


def test_a_long_table_lists_its_first_rows_and_says_how_many_it_leaves_out():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_table_script).run()
    from hnparks.core.bounded import TABLE_ROWS

    last = TABLE_ROWS - 1
    assert [t.value for t in at.text] == [f"P0,P{last};{TABLE_ROWS}"] * 2
    assert [c.value for c in at.caption] == [
        f"仅列出前{TABLE_ROWS}行（共{TABLE_ROWS + 5}行），选择市州或园区可缩小范围。"]


def _paged_script() -> None:
    import pandas as pd
    import streamlit as st

    from components.ui.layout import paged_table
    from hnparks.core.bounded import PAGE_ROWS

    for n, key in ((PAGE_ROWS, "short"), (2 * PAGE_ROWS + 20, "long")):
        frame = pd.DataFrame({"park_id": [f"P{i}" for i in range(n)]})
        paged_table(frame, st.dataframe, key=key)


def test_a_long_table_is_paged_and_every_row_stays_reachable():
    """A table of one page is shown whole, without a pager; a longer one shows its first page
    with a note, and the pager reaches every later page and the whole list."""
    from streamlit.testing.v1 import AppTest

    from hnparks.core.bounded import PAGE_ROWS

    at = AppTest.from_function(_paged_script).run()
    total = 2 * PAGE_ROWS + 20
    assert len(at.dataframe[0].value) == PAGE_ROWS  # [0]: the short table, [1]: the long one
    assert len(at.selectbox) == 1  # the short table has no pager
    assert list(at.dataframe[1].value["park_id"].iloc[[0, -1]]) == [
        "P0", f"P{PAGE_ROWS - 1}"]
    assert [c.value for c in at.caption] == [
        f"第1页/共3页，每页{PAGE_ROWS}行（共{total}行）。点列名仅在本页内排序；"
        f"选“全部{total}行”可一次列出并排序，选择市州或园区可缩小范围。"]
    pager = at.selectbox[0]
    assert pager.options == [f"第1页（1–{PAGE_ROWS}行）", f"第2页（{PAGE_ROWS + 1}–{2 * PAGE_ROWS}行）",
                             f"第3页（{2 * PAGE_ROWS + 1}–{total}行）", f"全部{total}行"]
    pager.set_value(2).run()
    last = at.dataframe[1].value["park_id"]
    assert list(last) == [f"P{i}" for i in range(2 * PAGE_ROWS, total)]
    assert at.caption[0].value.startswith("第3页/共3页")
    at.selectbox[0].set_value(3).run()
    assert len(at.dataframe[1].value) == total
    assert at.caption[0].value == f"列出全部{total}行，可点列名排序。"


def _paged_parks_script() -> None:
    import pandas as pd
    import streamlit as st

    from components.views import park_tables

    park_tables.open_park = lambda park_id: st.session_state.update(opened=park_id)
    frame = pd.DataFrame({"园区": [f"园区{i}" for i in range(30)]})
    park_tables.park_table(frame, "parks", opens_park=pd.Series([f"P{i:03d}" for i in range(30)]))


def test_a_row_chosen_on_a_later_page_opens_that_rows_park():
    """Selecting the first row of page 2 opens the 26th park, not the first."""
    from streamlit.testing.v1 import AppTest

    from hnparks.core.bounded import PAGE_ROWS

    at = AppTest.from_function(_paged_parks_script).run()
    at.selectbox[0].set_value(1).run()
    assert at.dataframe[0].value["园区"].iloc[0] == f"园区{PAGE_ROWS}"
    assert "__opens_park" not in at.dataframe[0].value.columns  # carried, not shown
    at.session_state["parks"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert at.session_state["opened"] == f"P{PAGE_ROWS:03d}"
