"""The map's boundaries as static assets: the browser fetches them once (HTTP-cached, from
`static/geo/`, served by Streamlit's `server.enableStaticServing`), so a context change sends
only the per-city colours, labels and the highlight, never the geometry: a GeoJSON file for the
deck.gl maps, an SVG drawing of the outlines for a plotly chart's background."""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from components.ui.text import html_text
from components.ui.theme import LAND, PALE

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
    return _json_text(served_boundaries(geojson))


def _json_text(data: dict) -> str:
    """A served JSON file's text: compact, keys sorted, a pure function of `data`."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def city_outline(geojson: dict, code: str) -> dict:
    """The boundary of city `code` alone (geometry and city_code): what the selected city's
    outline layers draw. A layer over every city, with zero width for all but one, cost a
    GPU-less browser 0.3 s more per city change (#27)."""
    features = [{"type": "Feature", "geometry": feature["geometry"],
                 "properties": {"city_code": code}}
                for feature in geojson["features"]
                if str(feature["properties"]["city_code"]) == code]
    return {"type": "FeatureCollection", "features": features}


def city_codes(geojson: dict) -> list[str]:
    """The city_code of every feature, in the file's order."""
    return [str(feature["properties"]["city_code"]) for feature in geojson["features"]]


def outline_bounds(geojson: dict) -> tuple[float, float, float, float]:
    """(west, south, east, north) of every ring of the boundary file, in degrees."""
    points = [point for ring in _rings(geojson) for point in ring]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return min(lons), min(lats), max(lons), max(lats)


def outline_svg(geojson: dict) -> str:
    """The outer ring of every city drawn in degrees (x = lon, y = −lat) over exactly
    `outline_bounds`, stretched to the box it is placed in (preserveAspectRatio none): plotly
    places it on its axes in degrees (`components.views.opening_charts.incubator_map`). The
    strokes keep their width however the drawing is stretched."""
    west, south, east, north = outline_bounds(geojson)
    path = ('<path vector-effect="non-scaling-stroke" d="M{}Z"/>').format
    paths = "".join(path("L".join(f"{x:g},{-y:g}" for x, y in ring)) for ring in _rings(geojson))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{west:g} {-north:g} '
            f'{east - west:g} {north - south:g}" preserveAspectRatio="none">'
            f'<g fill="{LAND}" stroke="{PALE}" stroke-width="0.8" stroke-linejoin="round">'
            f"{paths}</g></svg>\n")


def _rings(geojson: dict) -> list[list[list[float]]]:
    """Each polygon's outer ring, city by city."""
    rings = []
    for feature in geojson["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" \
            else [geometry["coordinates"]]
        rings += [polygon[0] for polygon in polygons]
    return rings


# The served files of a boundary file: its GeoJSON and its drawing.
_KINDS = {"json": asset_text, "svg": outline_svg}


def asset_path(name: str, kind: str = "json") -> Path:
    """Where the boundary file `name` ('hunan_cities') is served from, as `kind` (json, svg)."""
    return STATIC_DIR / "geo" / f"{name}.{kind}"


def city_asset_path(name: str, code: str) -> Path:
    """Where city `code`'s outline from the boundary file `name` is served from."""
    return STATIC_DIR / "geo" / name / f"{code}.json"


def city_asset_text(geojson: dict, code: str) -> str:
    """The served outline file's text (compact JSON, keys sorted)."""
    return _json_text(city_outline(geojson, code))


def write_asset(name: str, geojson: dict) -> list[Path]:
    """Write the served copies of a boundary file (`python -m components.ui.map_asset`): its
    GeoJSON, its drawing and one outline file per city."""
    files = {asset_path(name, kind): text(geojson) for kind, text in _KINDS.items()}
    files |= {city_asset_path(name, code): city_asset_text(geojson, code)
              for code in city_codes(geojson)}
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(files)


def asset_url(name: str, kind: str = "json") -> str:
    """The served file's URL with its content hash (a new file is a new URL, never stale)."""
    path = asset_path(name, kind)
    stat = path.stat()
    return _url(str(path), stat.st_mtime_ns, stat.st_size)


def city_asset_url(name: str, code: str) -> str:
    """The served outline file's URL with its content hash."""
    path = city_asset_path(name, code)
    stat = path.stat()
    return _url(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=64)
def _url(path: str, _mtime: int, _size: int) -> str:
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]
    return f"{URL_PREFIX}{Path(path).relative_to(STATIC_DIR).as_posix()}?v={digest}"


if __name__ == "__main__":  # regenerate static/geo from data/geo after `hnparks build`
    from hnparks.core.paths import data_dir
    from hnparks.data.geo import load_geojson

    for written in write_asset("hunan_cities", load_geojson(data_dir() / "geo", "hunan_cities")):
        print(written)
