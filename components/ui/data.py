"""Cached access to the curated datasets: one shared cache boundary keyed by file version."""

from __future__ import annotations

import dataclasses
import functools
import importlib
import inspect
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pandas as pd
import streamlit as st

from components.ui.frame_keys import Unkeyed, args_key, register
from hnparks.core.parks import with_marked_names
from hnparks.core.paths import catalog_path_version, data_dir
from hnparks.core.periods import is_period
from hnparks.core.schemas import SCHEMAS
from hnparks.data.catalog import PROVENANCE, DatasetInfo, read_catalog
from hnparks.data.loading import dataset_version, load_dataset
from hnparks.derived.indicator_store import INPUTS, STORE, load_or_build
from hnparks.plans.registry import YEARLY_DATASETS, plan_year, plans_version


@st.cache_resource(show_spinner=False, max_entries=128)
def _load(name: str, version: tuple[int, int], root: str) -> pd.DataFrame:
    # Shared, not unpickled per call (a page reads datasets dozens of times per run); callers
    # get copy-on-write views (`dataset`), so no change of theirs reaches the shared frame.
    frame = load_dataset(name, Path(root))
    # Every page, chart, slide and export shows park names from here: unconfirmed ones marked.
    return register(with_marked_names(frame) if name == "parks" else frame)


@st.cache_resource(show_spinner=False, max_entries=8)
def _catalog(version: tuple, plans: tuple, root: str) -> dict[str, DatasetInfo]:
    return read_catalog(Path(root))


def dataset(name: str) -> pd.DataFrame:
    """A validated curated dataset; re-read automatically when its file changes."""
    root = data_dir()
    version, where = _version_of(name, root), str(root)
    return _memoised(("dataset", name, version, where),
                     lambda: _load(name, version, where)).copy(deep=False)


@st.cache_resource(show_spinner=False, max_entries=128)
def _of_year(name: str, version: tuple, root: str, year: int) -> pd.DataFrame:
    frame = _load(name, version, root)
    return register(frame[frame["year"] == year].reset_index(drop=True))


def _plan_rows(name: str, year: int) -> pd.DataFrame:
    """A plan's table cut to one year's plan, computed once per file version."""
    root = data_dir()
    version, where = _version_of(name, root), str(root)
    return _memoised(("of_year", name, version, where, year),
                     lambda: _of_year(name, version, where, year)).copy(deep=False)


def catalog() -> dict[str, DatasetInfo]:
    """The dataset catalog, its texts naming the latest plan; re-read when data/catalog.yaml,
    the load state or a plan folder changes. The catalog's two files are looked up every time
    (two stats), as a dataset's file is: a report loaded a moment ago is no longer flagged
    示意数据 on the next read; the plan folders at most once a second."""
    root = data_dir()
    return dict(_catalog(catalog_path_version(root), _versions(root)[1], str(root)))


@st.cache_data(show_spinner=False, max_entries=4)
def _geojson(name: str, root: str) -> dict:
    from hnparks.data.geo import load_geojson

    return load_geojson(Path(root) / "geo", name)


def geojson(name: str) -> dict:
    """A bundled boundary file from data/geo ('hunan_cities' or 'hunan_counties')."""
    return _geojson(name, str(data_dir()))


_VERSION_TTL = 1.0  # seconds: a loaded report shows up within a second, without a stat storm
_version_seen: dict[str, tuple] = {}


def _versions(root: Path) -> tuple[tuple, tuple]:
    """(every dataset's version, the plans'), looked up at most once a second."""
    now = time.monotonic()
    seen = _version_seen.get(str(root))
    if seen is None or now - seen[0] > _VERSION_TTL:
        plans = plans_version(root)  # once for all of the plan's tables
        every = tuple(dataset_version(name, root, plans) for name in SCHEMAS)
        seen = (now, every, plans)
        _version_seen[str(root)] = seen
    return seen[1:]


def _version_of(name: str, root: Path) -> tuple:
    # The file itself is looked up every time (one stat: a file written a moment ago is read);
    # the plan folders, which every plan table's version names, at most once a second.
    return dataset_version(name, root, _versions(root)[1])


def data_version() -> tuple:
    """The version of everything the dashboard reads: every curated file's (mtime, size),
    looked up at most once a second (a page asks for it dozens of times per run)."""
    return _versions(data_dir())[0]


def forget_data_version() -> None:
    """Look the files up again on the next read (right after this process loaded a report)."""
    _version_seen.clear()


def _store_version() -> tuple:
    root = data_dir()
    return tuple(_version_of(name, root) for name in INPUTS)


@st.cache_resource(show_spinner=False, max_entries=4)
def _store(version: tuple, root: str) -> pd.DataFrame:
    # Shared by every session (cache_resource: no copy per call); never mutated.
    return load_or_build(Path(root))


def indicator_store() -> pd.DataFrame:
    """The indicator store for the current data version (built or read once, shared)."""
    return _store(_store_version(), str(data_dir()))


class Datasets(dict):
    """A read-only mapping name → cached dataset, loaded on first use (for domain functions).
    It also carries the indicator store under `hnparks.derived.indicator_store.STORE`. With a `year`,
    the plan's tables (targets, tasks, …) hold only that year's plan when several are loaded."""

    def __init__(self, year: int | None = None) -> None:
        super().__init__()
        self.year = year

    def __missing__(self, name: str) -> pd.DataFrame:
        if name == PROVENANCE:
            self[name] = dict(catalog())
            return self[name]
        frame = indicator_store() if name == STORE else dataset(name)
        if self.year is not None and name in YEARLY_DATASETS and frame["year"].nunique() > 1:
            frame = _plan_rows(name, self.year)
        self[name] = frame
        return frame


def datasets(of: object = None) -> Datasets:
    """Lazy mapping of every curated dataset, for `hnparks` functions that take `data`, cut to
    the plan year of `of` (a Scope or a 'YYYY-MM' period, as views are; see `Datasets`);
    without it, every loaded plan (comparisons across years)."""
    return Datasets(_plan_year_of((of,)))


def _plan_year_of(args: tuple) -> int | None:
    """The plan year a view is asked for: `plan_year` of its first scope or 'YYYY-MM' period
    (the same cut as `of_plan_year`); None without one or without any plan."""
    for arg in args:
        period = getattr(arg, "period", arg)
        if is_period(period):
            try:
                return plan_year(period, data_dir())
            except FileNotFoundError:
                return None
    return None


# ---- view models computed once per data version --------------------------------------------

@st.cache_resource(show_spinner=False, max_entries=20_000)
def _view(module: str, name: str, version: tuple, root: str, args: tuple,
          kwargs: tuple) -> object:
    # Shared, not pickled per call (cache_data's copy cost dominated warm reruns); callers get
    # `_detached` views, which pandas' copy-on-write keeps from touching the shared frames.
    function = getattr(importlib.import_module(module), name)
    return register(function(Datasets(_plan_year_of(args)), *args, **dict(kwargs)))


@st.cache_resource(show_spinner=False)
def _memo() -> dict:
    # A plain dict in front of `_view`: a warm lookup by Python hash, without Streamlit's
    # argument hashing (most of a warm rerun's CPU). Emptied with st.cache_resource.clear().
    return {}


_MEMO_SIZE = 20_000
_MISSING = object()


def _shared_view(module: str, name: str, version: tuple, root: str, args: tuple,
                 kwargs: tuple) -> object:
    """`_view`, looked up first by the arguments' own hash (with their types, so 1 and True
    differ; frames by the cached arrays they show, `frame_keys`); other arguments that cannot
    be hashed go through Streamlit's hashing."""
    try:
        key = (module, name, version, root, *args_key(args, kwargs))
    except Unkeyed:
        return _view(module, name, version, root, args, kwargs)
    return _memoised(key, lambda: _view(module, name, version, root, args, kwargs))


def _memoised(key: tuple, compute: Callable[[], object]) -> object:
    """`compute()`, kept in the memo under `key`; computed each time if `key` is unhashable."""
    try:
        memo = _memo()
        value = memo.get(key, _MISSING)
    except TypeError:  # an unhashable argument (a frame, a list)
        return compute()
    if value is _MISSING:
        value = compute()
        if len(memo) >= _MEMO_SIZE:
            memo.pop(next(iter(memo)), None)
        memo[key] = value
    return value


def _detached(value: object) -> object:
    """A view of a cached result that the caller may modify freely: frames are shallow
    copies (copy-on-write), containers and dataclasses are rebuilt around them."""
    if isinstance(value, pd.DataFrame | pd.Series):
        return value.copy(deep=False)
    if isinstance(value, list | tuple):
        return type(value)(_detached(v) for v in value)
    if isinstance(value, dict):
        return {k: _detached(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{
            f.name: _detached(getattr(value, f.name)) for f in dataclasses.fields(value)
            if f.init and isinstance(getattr(value, f.name), pd.DataFrame | pd.Series | list | dict)})
    return value


def view(function: Callable) -> Callable:
    """A domain function `f(data, *args)` whose result is kept per data version and arguments:
    every session asking for the same scope and month gets it without recomputing. Calls whose
    first argument is not the app's datasets (hand-made frames) run as they are."""

    @functools.wraps(function)
    def call(*args, **kwargs):
        if args and isinstance(args[0], Datasets):
            return _detached(_shared_view(function.__module__, function.__name__, data_version(),
                                   str(data_dir()), args[1:], tuple(sorted(kwargs.items()))))
        return function(*args, **kwargs)

    return call


class views:  # noqa: N801 (used like a module: `tv = views(targets_view)`)
    """A domain module seen through `view`: its public functions are cached per data version
    and arguments; everything else (constants, classes) passes through."""

    def __init__(self, module: ModuleType) -> None:
        self._module = module
        self._wrapped: dict[str, Callable] = {}

    def __getattr__(self, name: str) -> object:
        attr = getattr(self._module, name)
        if name.startswith("_") or not inspect.isfunction(attr):
            return attr
        if attr.__module__ != self._module.__name__:
            return attr
        if name not in self._wrapped:
            self._wrapped[name] = view(attr)
        return self._wrapped[name]


class computed(views):  # noqa: N801 (used like a module: `ef = computed(efficiency)`)
    """A domain module of pure functions of frames (no `data`) seen through a memo: a call
    whose frames all come from the shared caches (`frame_keys`) is computed once and shared;
    any other call runs as it is."""

    def __getattr__(self, name: str) -> object:
        attr = getattr(self._module, name)
        if name.startswith("_") or not inspect.isfunction(attr):
            return attr
        if name not in self._wrapped:
            @functools.wraps(attr)
            def call(*args, _function=attr, **kwargs):
                try:
                    key = ("computed", _function.__module__, _function.__name__,
                           *args_key(args, tuple(sorted(kwargs.items()))))
                except Unkeyed:
                    return _function(*args, **kwargs)
                return _detached(_memoised(key, lambda: register(_function(*args, **kwargs))))

            self._wrapped[name] = call
        return self._wrapped[name]


# ---- figures built once per input ------------------------------------------------------------

@st.cache_resource(show_spinner=False, max_entries=4_000)
def _figure(module: str, name: str, args: tuple, kwargs: tuple) -> object:
    # Shared, not copied: st.plotly_chart and st.pydeck_chart only read the figure.
    function = getattr(importlib.import_module(module), name)
    function = getattr(function, "_builder", function)  # a `shared_figure`: its builder
    return _inert(function(*args, **dict(kwargs)))


def _shared_figure(module: str, name: str, args: tuple, kwargs: tuple) -> object:
    """`_figure`, looked up first in the memo when every frame argument is a view of a cached
    frame (`frame_keys`): no hashing of frames by content on a warm rerun."""
    try:
        key = ("figure", module, name, *args_key(args, kwargs))
    except Unkeyed:
        return _figure(module, name, args, kwargs)
    return _memoised(key, lambda: _figure(module, name, args, kwargs))


def _inert(figure: object) -> object:
    """Plotly figures are cached already inert (data text escaped once, not on every run)."""
    from plotly.basedatatypes import BaseFigure

    from components.ui.text import inert_figure

    return inert_figure(figure) if isinstance(figure, BaseFigure) else figure


class figures(views):  # noqa: N801 (used like a module: `charts = figures(targets_charts)`)
    """A module of pure chart builders whose figures are built once per input (the data frames
    are hashed by content) and shared by every session."""

    def __getattr__(self, name: str) -> object:
        attr = getattr(self._module, name)
        if name.startswith("_") or not inspect.isfunction(attr):
            return attr
        if name not in self._wrapped:
            module = attr.__module__

            @functools.wraps(attr)
            def call(*args, _module=module, _name=name, **kwargs):
                return _shared_figure(_module, _name, args, tuple(sorted(kwargs.items())))

            self._wrapped[name] = call
        return self._wrapped[name]


def shared_figure(builder: Callable) -> Callable:
    """Decorator for a pure figure builder: built once per input (frames keyed as in `figures`)
    and shared by every session, like `figures`."""
    @functools.wraps(builder)
    def call(*args, **kwargs):
        return _shared_figure(builder.__module__, builder.__name__, args,
                              tuple(sorted(kwargs.items())))

    call._builder = builder
    return call
