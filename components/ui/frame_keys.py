"""Cheap, sound cache keys for frames the shared caches handed out (#27).

Hashing a DataFrame by content (what Streamlit's cache does for a figure's arguments) costs more
than drawing most charts. The frames a page passes to a figure builder are mostly copy-on-write
views of a cached view result, whose arrays nobody ever writes: pandas copies an array before a
write as long as another frame (the cached one) still refers to it. Such a frame is keyed by
*which* cached arrays it shows: a serial number given to each array when its cached frame was
stored (never reused, unlike `id`), with the shape, offset and strides of the view. Any other
frame (built or changed on the page) has no key here and is hashed by content as before.
"""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pandas as pd
import streamlit as st

_SERIALS = itertools.count(1)
_MAX_ARRAYS = 100_000  # then cleared: a long-running server keeps at most this many listed


class Unkeyed(Exception):
    """An argument with no identity key: hash it by content."""


@st.cache_resource(show_spinner=False)
def _registry() -> dict[int, tuple[object, int, object]]:
    # id(array) → (the array, held so its id is not reused while listed; its serial; the cached
    # frame, held too: while it lives, pandas copies the array before any copy of the frame
    # writes to it, even after the frame left its cache). Emptied with st.cache_resource.clear(),
    # together with the caches whose frames it lists.
    return {}


def _owners(array: object) -> list[object]:
    """The immutable objects behind a column: the memory a numpy array views (its owner),
    an Arrow array's chunks, a masked array's values and mask."""
    if isinstance(array, np.ndarray):
        return [array if array.base is None else array.base]
    if hasattr(array, "_pa_array"):  # pandas' Arrow-backed arrays (str, …)
        return [array._pa_array]
    if hasattr(array, "_data") and hasattr(array, "_mask"):  # Int64, Float64, boolean
        return [*_owners(array._data), *_owners(array._mask)]
    return []


def _arrays(value: pd.DataFrame | pd.Series) -> list[object]:
    # pandas' block manager is private API: if it changes, nothing is keyed (content hashing).
    arrays = [block.values for block in value._mgr.blocks]
    if not isinstance(value.index, pd.RangeIndex):
        arrays.append(value.index._data)
    return arrays


def register(value: object) -> object:
    """List the arrays of every frame in a cached value (frames in lists, dicts, dataclasses
    too), so copies of them can be keyed by identity. Returns the value."""
    if isinstance(value, pd.DataFrame | pd.Series):
        registry = _registry()
        if len(registry) > _MAX_ARRAYS:
            registry.clear()  # serials are never reused: a cleared array is merely unkeyed
        try:
            for array in _arrays(value):
                for owner in _owners(array):
                    if id(owner) not in registry:
                        registry[id(owner)] = (owner, next(_SERIALS), value)
        except AttributeError:
            pass
    elif isinstance(value, list | tuple):
        for item in value:
            register(item)
    elif isinstance(value, dict):
        for item in value.values():
            register(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            register(getattr(value, f.name))
    return value


def _serial(owner: object) -> int:
    entry = _registry().get(id(owner))
    if entry is None or entry[0] is not owner:
        raise Unkeyed
    return entry[1]


def _array_key(array: object) -> tuple:
    """Which listed memory the column shows and how: equal keys, equal contents (the owner is
    held by the registry, so its address is not reused, and is never written)."""
    if isinstance(array, np.ndarray):
        owner = array if array.base is None else array.base
        return (_serial(owner), array.__array_interface__["data"][0], array.shape,
                array.strides, array.dtype.str)
    if hasattr(array, "_pa_array"):
        return (_serial(array._pa_array), str(array.dtype))
    if hasattr(array, "_data") and hasattr(array, "_mask"):
        return ("masked", str(array.dtype), _array_key(array._data), _array_key(array._mask))
    raise Unkeyed


def _index_key(index: pd.Index) -> tuple:
    if isinstance(index, pd.RangeIndex):
        return ("range", index.start, index.stop, index.step, index.name)
    return ("index", type(index).__name__, index.names, _array_key(index._data))


def frame_key(value: pd.DataFrame | pd.Series) -> tuple:
    """A key equal for two frames only if they show the same cached arrays the same way
    (columns, names, order, index); raises `Unkeyed` for any other frame."""
    try:
        blocks = value._mgr.blocks
        parts = tuple((_array_key(b.values), b.mgr_locs.as_array.tobytes()) for b in blocks)
    except AttributeError as error:
        raise Unkeyed from error
    names = (tuple(map(repr, value.columns)) if isinstance(value, pd.DataFrame)
             else ("series", repr(value.name)))
    return (type(value).__name__, names, _index_key(value.index), parts)


def args_key(args: tuple, kwargs: tuple) -> tuple:
    """`args` and `kwargs` with every frame replaced by its `frame_key` and every other value
    by itself with its type (1 and True differ); raises `Unkeyed` if a frame has none."""
    def one(value: object) -> object:
        if isinstance(value, pd.DataFrame | pd.Series):
            return frame_key(value)
        if isinstance(value, list | tuple):
            return (type(value).__name__, tuple(one(v) for v in value))
        if isinstance(value, float) and value != value:
            return (float, "nan")  # NaN is not equal to itself: one key for every NaN
        return (type(value), value)

    return one(args), tuple((name, one(value)) for name, value in kwargs)
