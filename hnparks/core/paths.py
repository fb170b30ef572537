"""Where the data lives: one environment variable, default `data/` beside the package."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR_ENV = "HNPARKS_DATA_DIR"


def data_dir() -> Path:
    """The data directory: $HNPARKS_DATA_DIR if set, else `<repo>/data`."""
    configured = os.environ.get(DATA_DIR_ENV)
    return Path(configured).resolve() if configured else REPO_ROOT / "data"


def sources_dir(root: Path | None = None) -> Path:
    return (root or data_dir()) / "sources"


def curated_dir(root: Path | None = None) -> Path:
    return (root or data_dir()) / "curated"


def geo_dir(root: Path | None = None) -> Path:
    return (root or data_dir()) / "geo"


def catalog_path_version(root: Path | None = None) -> tuple[int, ...]:
    """Cache key of the catalog as read: data/catalog.yaml and the load state's provenance."""
    root = root or data_dir()
    key: list[int] = []
    for name in ("catalog.yaml", "load_state.json"):
        try:
            stat = (root / name).stat()
            key += [stat.st_ino, stat.st_mtime_ns, stat.st_size]
        except FileNotFoundError:
            key += [0, 0, 0]
    return tuple(key)
