"""Figures keyed by which cached frame they draw (#27): a warm rerun finds the figure without
hashing frames by content, and a frame changed on the page never gets another frame's figure."""

from __future__ import annotations

import contextlib
import sys

import pandas as pd
import pytest
import streamlit as st

from components.ui import data as ui_data
from components.ui.frame_keys import Unkeyed, frame_key

BUILT: list[list] = []


def table(data, city: str) -> pd.DataFrame:
    """A view: a frame with a numpy and an Arrow text column and a text index."""
    return pd.DataFrame({"value": [1.0, 2.0, 3.0], "name": ["甲", "乙", "丙"]},
                        index=pd.Index([f"{city}-{i}" for i in range(3)], name="park"))


def bars(frame: pd.DataFrame, title: str = "") -> dict:
    """A figure builder recording what it drew."""
    BUILT.append(frame["value"].tolist())
    return {"y": frame["value"].tolist(), "names": frame["name"].tolist(), "title": title}


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
    lambda f: f.head(2), lambda f: f.iloc[::-1], lambda f: f[["name", "value"]],
    lambda f: f.rename(columns={"value": "v2"}).rename(columns={"v2": "value"}).assign(value=0.0),
    lambda f: f.sort_values("value", ascending=False), lambda f: f.reset_index(drop=True),
], ids=["head", "reversed", "reordered", "reassigned", "sorted", "new index"])
def test_a_derived_frame_never_shares_the_original_key(cached, change):
    view, charts = cached
    original = view(ui_data.Datasets(), "430100")
    derived = change(view(ui_data.Datasets(), "430100"))
    with contextlib.suppress(Unkeyed):  # unkeyed: hashed by content instead
        assert frame_key(derived) != frame_key(original)
    assert charts.bars(derived)["y"] == derived["value"].tolist()
    assert charts.bars(derived)["names"] == derived["name"].tolist()


def test_a_frame_built_on_the_page_is_hashed_by_content(cached):
    _, charts = cached
    frame = pd.DataFrame({"value": [5.0], "name": ["丁"]})
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
