"""Cached access to the curated datasets: one `st.cache_data` boundary keyed by file version."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from hnparks.catalog import DatasetInfo, read_catalog
from hnparks.indicator_store import INPUTS, STORE, load_or_build
from hnparks.loading import dataset_version, load_dataset
from hnparks.paths import catalog_path_version, data_dir


@st.cache_data(show_spinner=False, max_entries=128)
def _load(name: str, version: tuple[int, int], root: str) -> pd.DataFrame:
    return load_dataset(name, Path(root))


@st.cache_data(show_spinner=False, max_entries=8)
def _catalog(version: tuple[int, int], root: str) -> dict[str, DatasetInfo]:
    return read_catalog(Path(root))


def dataset(name: str) -> pd.DataFrame:
    """A validated curated dataset; re-read automatically when its file changes."""
    root = data_dir()
    return _load(name, dataset_version(name, root), str(root))


def catalog() -> dict[str, DatasetInfo]:
    """The dataset catalog; re-read when data/catalog.yaml changes."""
    root = data_dir()
    return _catalog(catalog_path_version(root), str(root))


@st.cache_data(show_spinner=False, max_entries=4)
def _geojson(name: str, root: str) -> dict:
    from hnparks.geo import load_geojson

    return load_geojson(Path(root) / "geo", name)


def geojson(name: str) -> dict:
    """A bundled boundary file from data/geo ('hunan_cities' or 'hunan_counties')."""
    return _geojson(name, str(data_dir()))


def data_version() -> tuple:
    """The version of everything the dashboard reads: every input file's (mtime, size)."""
    root = data_dir()
    return tuple(dataset_version(name, root) for name in INPUTS)


@st.cache_resource(show_spinner=False, max_entries=4)
def _store(version: tuple, root: str) -> pd.DataFrame:
    # Shared by every session (cache_resource: no copy per call); never mutated.
    return load_or_build(Path(root))


def indicator_store() -> pd.DataFrame:
    """The indicator store for the current data version (built or read once, shared)."""
    return _store(data_version(), str(data_dir()))


class Datasets(dict):
    """A read-only mapping name → cached dataset, loaded on first use (for domain functions).
    It also carries the indicator store under `hnparks.indicator_store.STORE`."""

    def __missing__(self, name: str) -> pd.DataFrame:
        frame = indicator_store() if name == STORE else dataset(name)
        self[name] = frame
        return frame


def datasets() -> Datasets:
    """Lazy mapping of every curated dataset, for `hnparks` functions that take `data`."""
    return Datasets()
