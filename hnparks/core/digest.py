"""A digest of table contents: the same rows, columns and types give the same digest."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import pandas as pd


def frames_digest(frames: Iterable[tuple[str, pd.DataFrame | None]], *extra: object) -> str | None:
    """SHA-256 over each named frame's columns, dtypes, index and cell values (None: absent),
    and `extra` (by repr); None when a cell cannot be hashed (a list or dict in a cell)."""
    digest = hashlib.sha256()
    try:
        for name, frame in frames:
            digest.update(repr(name).encode())
            if frame is None:
                digest.update(b"-")
                continue
            digest.update(repr([(str(c), str(t)) for c, t in frame.dtypes.items()]).encode())
            digest.update(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes())
    except TypeError:
        return None
    digest.update(repr(extra).encode())
    return digest.hexdigest()
