"""The map's boundaries as a static asset: the browser fetches them once (HTTP-cached, from
`static/geo/`, served by Streamlit's `server.enableStaticServing`), so a context change sends
only the per-city colours, labels and the highlight, never the geometry."""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from components.ui.text import html_text

STATIC_DIR = Path(__file__).resolve().parents[2] / "static"
# Relative to the page (works under a base URL path too): Streamlit serves static/ at app/static/.
URL_PREFIX = "app/static/"
# The city polygons' tooltip: they carry no values (those are in the labels), only the name.
CITY_HINT = "点击查看该市州（数值见地图标注）"


def served_boundaries(geojson: dict) -> dict:
    """What the browser gets for a boundary file: each feature's geometry, city_code, city_name
    and its tooltip lines (HTML-escaped, deck.gl writes them as HTML); no values."""
    features = []
    for feature in geojson["features"]:
        props = feature["properties"]
        code = str(props["city_code"])
        name = str(props.get("city_name", code))
        features.append({"type": "Feature", "geometry": feature["geometry"],
                         "properties": {"city_code": code, "city_name": name,
                                        "tt_name": html_text(name), "tt_text": CITY_HINT}})
    return {"type": "FeatureCollection", "features": features}


def asset_text(geojson: dict) -> str:
    """The served file's text: compact JSON, keys sorted (a pure function of the boundaries)."""
    return json.dumps(served_boundaries(geojson), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")) + "\n"


def asset_path(name: str) -> Path:
    """Where the boundary file `name` ('hunan_cities') is served from."""
    return STATIC_DIR / "geo" / f"{name}.json"


def write_asset(name: str, geojson: dict) -> Path:
    """Write the served copy of a boundary file (`python -m components.ui.map_asset`)."""
    path = asset_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(asset_text(geojson), encoding="utf-8")
    return path


def asset_url(name: str) -> str:
    """The boundary file's URL with its content hash (a new file is a new URL, never stale)."""
    path = asset_path(name)
    stat = path.stat()
    return _url(name, str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _url(name: str, path: str, _mtime: int, _size: int) -> str:
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]
    return f"{URL_PREFIX}geo/{name}.json?v={digest}"


if __name__ == "__main__":  # regenerate static/geo from data/geo after `hnparks build`
    from hnparks.core.paths import data_dir
    from hnparks.data.geo import load_geojson

    print(write_asset("hunan_cities", load_geojson(data_dir() / "geo", "hunan_cities")))
