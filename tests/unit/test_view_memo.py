"""The plain-dict memo in front of the shared view cache (#27): a warm lookup skips Streamlit's
argument hashing, yet never returns a stale or wrong value."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st

from components.ui import data as ui_data
from hnparks.core.paths import DATA_DIR_ENV

CALLS: list[tuple] = []


def probe(data, *args, **kwargs) -> dict:
    """A view that records each real computation and returns something new each time."""
    CALLS.append((args, tuple(sorted(kwargs.items()))))
    return {"n": len(CALLS), "args": args, "frame": pd.DataFrame({"x": [len(CALLS)]})}


@pytest.fixture
def cached_probe(tmp_path: Path, data_dir: Path, monkeypatch):
    """`probe` through `view`, over a private copy of the curated data (so a test may 'load'
    a file), with empty caches before and after."""
    root = tmp_path / "data"
    shutil.copytree(data_dir / "curated", root / "curated")
    monkeypatch.setenv(DATA_DIR_ENV, str(root))
    st.cache_resource.clear()
    ui_data.forget_data_version()
    CALLS.clear()
    yield ui_data.view(probe), root
    st.cache_resource.clear()
    ui_data.forget_data_version()


def test_same_arguments_compute_once_and_callers_get_their_own_copy(cached_probe):
    view, _ = cached_probe
    first = view(ui_data.Datasets(), "2020-06", city="430100")
    first["frame"]["x"] = 99  # the caller changes its copy …
    again = view(ui_data.Datasets(), "2020-06", city="430100")
    assert len(CALLS) == 1
    assert again["n"] == 1 and again["frame"]["x"].tolist() == [1]  # … not the shared value


def test_a_loaded_file_changes_the_version_and_the_value(cached_probe):
    view, root = cached_probe
    assert view(ui_data.Datasets(), "2020-06")["n"] == 1
    target = root / "curated" / "park_indicators.parquet"
    target.write_bytes(target.read_bytes() + b"")  # rewritten: a new mtime/inode
    os.utime(target, ns=(1, 1))
    ui_data.forget_data_version()  # what loading a report does in this process
    assert view(ui_data.Datasets(), "2020-06")["n"] == 2


def test_clearing_the_caches_empties_the_memo(cached_probe):
    view, _ = cached_probe
    view(ui_data.Datasets(), "2020-06")
    st.cache_resource.clear()  # 清除缓存 on the admin page
    view(ui_data.Datasets(), "2020-06")
    assert len(CALLS) == 2


def test_equal_but_differently_typed_arguments_differ(cached_probe):
    view, _ = cached_probe
    one, true = view(ui_data.Datasets(), 1), view(ui_data.Datasets(), True)
    assert len(CALLS) == 2
    assert one["args"] == (1,) and type(true["args"][0]) is bool
    one_kw = view(ui_data.Datasets(), flag=1)
    true_kw = view(ui_data.Datasets(), flag=True)
    assert len(CALLS) == 4 and one_kw["n"] != true_kw["n"]


def test_unhashable_arguments_fall_back_to_streamlit_hashing(cached_probe):
    view, _ = cached_probe
    first = view(ui_data.Datasets(), ["430100", "430200"])
    same = view(ui_data.Datasets(), ["430100", "430200"])
    other = view(ui_data.Datasets(), ["430100"])
    assert len(CALLS) == 2 and first["n"] == same["n"] == 1 and other["n"] == 2


def _magic_lines(path: Path) -> list[int]:
    """Lines Streamlit's magic would st.write: a bare expression that is not a call, a
    docstring, yield or await (streamlit.runtime.scriptrunner.magic)."""
    import ast

    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        body = getattr(node, "body", None)
        for i, child in enumerate(body if isinstance(body, list) else []):
            if not isinstance(child, ast.Expr) or isinstance(
                    child.value, ast.Call | ast.Yield | ast.YieldFrom | ast.Await):
                continue
            if i == 0 and isinstance(child.value, ast.Constant) and isinstance(child.value.value, str):
                continue  # a docstring
            found.append(child.lineno)
    return found


def test_no_page_relies_on_magic_which_is_switched_off():
    import tomllib

    repo = Path(__file__).resolve().parents[2]
    config = tomllib.loads((repo / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["magicEnabled"] is False
    scripts = [repo / "app.py", *sorted((repo / "pages").glob("*.py"))]
    assert len(scripts) > 10
    assert {str(p.relative_to(repo)): _magic_lines(p) for p in scripts if _magic_lines(p)} == {}
