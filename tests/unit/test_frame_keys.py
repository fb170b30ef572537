"""Figures keyed by which cached frame they draw (#27): a warm rerun finds the figure without
hashing frames by content, and a frame changed on the page never gets another frame's figure."""

from __future__ import annotations

import contextlib
import sys

import numpy as np
import pandas as pd
import pytest
import streamlit as st

from components.ui import data as ui_data
from components.ui.frame_keys import Unkeyed, frame_key

BUILT: list[list] = []


def table(data, city: str) -> pd.DataFrame:
    """A view: a frame with numpy, Arrow text and masked integer columns and a text index,
    its numbers a view of a larger array (as a view function's slices are)."""
    numbers = np.arange(6, dtype=float).reshape(2, 3) + 1.0
    return pd.DataFrame({"value": numbers[0], "share": numbers[1], "name": ["甲", "乙", "丙"],
                         "count": pd.array([1, None, 3], dtype="Int64")},
                        index=pd.Index([f"{city}-{i}" for i in range(3)], name="park"))


def bars(frame: pd.DataFrame, title: str = "") -> dict:
    """A figure builder recording what it drew."""
    BUILT.append(frame["value"].tolist())
    return {"y": frame["value"].tolist(), "names": frame["name"].tolist(), "title": title,
            "count": frame["count"].fillna(-1).tolist()}


@pytest.fixture
def cached():
    st.cache_resource.clear()
    BUILT.clear()
    yield ui_data.view(table), ui_data.figures(sys.modules[__name__])
    st.cache_resource.clear()


def test_copies_of_one_cached_frame_share_a_key_and_a_figure(cached):
    view, charts = cached
    first, second = view(ui_data.Datasets(), "430100"), view(ui_data.Datasets(), "430100")
    assert first is not second and frame_key(first) == frame_key(second)
    assert charts.bars(first, title="a") is charts.bars(second, title="a")
    assert len(BUILT) == 1
    other = view(ui_data.Datasets(), "430200")
    assert frame_key(other) != frame_key(first)  # another cached frame: another key
    charts.bars(other, title="a")
    charts.bars(first, title="b")  # another argument: another figure
    assert len(BUILT) == 3


def test_a_frame_changed_on_the_page_gets_its_own_figure(cached):
    view, charts = cached
    charts.bars(view(ui_data.Datasets(), "430100"))
    changed = view(ui_data.Datasets(), "430100")
    changed.loc[changed.index[0], "value"] = 10.0  # copy-on-write: the cached frame keeps 1.0
    assert charts.bars(changed)["y"] == [10.0, 2.0, 3.0]
    assert charts.bars(view(ui_data.Datasets(), "430100"))["y"] == [1.0, 2.0, 3.0]


@pytest.mark.parametrize("change", [
    lambda f: f.head(2), lambda f: f.iloc[::-1], lambda f: f[["count", "name", "value"]],
    lambda f: f.rename(columns={"value": "v2"}).rename(columns={"v2": "value"}).assign(value=0.0),
    lambda f: f.sort_values("value", ascending=False), lambda f: f.reset_index(drop=True),
    lambda f: f.assign(value=f["share"]), lambda f: f.fillna({"count": 0}),
], ids=["head", "reversed", "reordered", "reassigned", "sorted", "new index", "swapped",
        "filled"])
def test_a_derived_frame_never_shares_the_original_key(cached, change):
    view, charts = cached
    original = view(ui_data.Datasets(), "430100")
    derived = change(view(ui_data.Datasets(), "430100"))
    with contextlib.suppress(Unkeyed):  # unkeyed: hashed by content instead
        assert frame_key(derived) != frame_key(original)
    assert charts.bars(derived)["y"] == derived["value"].tolist()
    assert charts.bars(derived)["names"] == derived["name"].tolist()
    assert charts.bars(derived)["count"] == derived["count"].fillna(-1).tolist()


def test_a_frame_built_on_the_page_is_hashed_by_content(cached):
    _, charts = cached
    frame = pd.DataFrame({"value": [5.0], "name": ["丁"], "count": pd.array([2], dtype="Int64")})
    with pytest.raises(Unkeyed):
        frame_key(frame)
    assert charts.bars(frame) is charts.bars(frame.copy())  # equal content: one figure
    assert len(BUILT) == 1


def test_clearing_the_caches_forgets_the_figures(cached):
    view, charts = cached
    charts.bars(view(ui_data.Datasets(), "430100"))
    st.cache_resource.clear()
    charts.bars(view(ui_data.Datasets(), "430100"))
    assert len(BUILT) == 2


def test_a_copy_written_after_its_frame_left_the_caches_loses_its_key(cached):
    view, charts = cached
    copy = view(ui_data.Datasets(), "430100")
    before = frame_key(copy)
    ui_data._view.clear()  # the cached frame leaves every cache (as on eviction) …
    ui_data._memo().clear()
    copy.loc[copy.index[0], "value"] = 10.0  # … and the page then writes to its copy
    with contextlib.suppress(Unkeyed):
        assert frame_key(copy) != before  # never the key of what the frame showed before
    assert charts.bars(copy)["y"] == [10.0, 2.0, 3.0]
