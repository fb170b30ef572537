"""Where the data lives: one environment variable, default `data/` beside the package."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
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


def catalog_path_version(root: Path | None = None) -> tuple[int, int]:
    """Cache key of data/catalog.yaml (modification time, size)."""
    try:
        stat = ((root or data_dir()) / "catalog.yaml").stat()
    except FileNotFoundError:
        return (0, 0)
    return (stat.st_mtime_ns, stat.st_size)
