"""Hunan boundaries (hnparks.data.geo) and the offline pydeck map builder (components.ui.hunan_map)."""

from __future__ import annotations

import csv
import json
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from components.ui.hunan_map import build_hunan_map, dots_note, legend_caption, short_city_name
from hnparks.core.bounded import MAP_DOTS
from hnparks.data.geo import build_geo, load_geojson, point_in_county

GEO = Path(__file__).resolve().parents[2] / "data" / "geo"
CITY_CODES = [
    "430100", "430200", "430300", "430400", "430500", "430600", "430700",
    "430800", "430900", "431000", "431100", "431200", "431300", "433100",
]  # fmt: skip


@pytest.fixture(scope="module")
def cities() -> dict:
    return load_geojson(GEO, "hunan_cities")


@pytest.fixture(scope="module")
def counties() -> dict:
    return load_geojson(GEO, "hunan_counties.geojson")


def _spec(deck) -> dict:
    return json.loads(deck.to_json())


def _layer(spec: dict, layer_id: str) -> dict | None:
    return next((layer for layer in spec["layers"] if layer["id"] == layer_id), None)


def _by_city(expression: str, code: str):
    """What the browser's accessor expression (`properties.city_code == 'C' ? v : …`) gives for
    a feature of city `code`."""
    text = expression.removeprefix("@@=")
    for case, value in re.findall(r"properties\.city_code == '(\d+)' \? (\[[^\]]*\]|[\d.]+) :", text):
        if case == code:
            return json.loads(value)
    return json.loads(text.rsplit(" : ", 1)[-1])


def _values(cities: dict) -> pd.DataFrame:
    codes = [f["properties"]["city_code"] for f in cities["features"]]
    return pd.DataFrame(
        {"city_code": codes, "value": [float(i) * 10 for i in range(len(codes))]}
    )


def test_cities_have_the_14_codes(cities):
    codes = [f["properties"]["city_code"] for f in cities["features"]]
    assert codes == CITY_CODES
    names = {
        f["properties"]["city_code"]: f["properties"]["city_name"]
        for f in cities["features"]
    }
    assert names["430100"] == "长沙市"
    assert names["433100"] == "湘西土家族苗族自治州"


def test_counties_each_inside_a_known_city(cities, counties):
    from shapely.geometry import shape

    city_shapes = {
        f["properties"]["city_code"]: shape(f["geometry"]) for f in cities["features"]
    }
    features = counties["features"]
    assert len(features) == 122
    assert len({f["properties"]["county_code"] for f in features}) == 122
    for feature in features:
        props = feature["properties"]
        assert set(props) == {"county_code", "county_name", "city_code", "city_name"}
        assert props["city_code"] in city_shapes
        assert props["county_code"][:4] == props["city_code"][:4]
        point = shape(feature["geometry"]).representative_point()
        assert city_shapes[props["city_code"]].buffer(0.02).contains(point), props


def test_counties_csv_matches_geojson(counties):
    with (GEO / "counties.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["county_code", "county_name", "city_code", "lon", "lat"]
    assert [r["county_code"] for r in rows] == [
        f["properties"]["county_code"] for f in counties["features"]
    ]
    for row in rows:
        assert 108.5 < float(row["lon"]) < 114.5 and 24.5 < float(row["lat"]) < 30.5


def test_geojson_files_are_small():
    total = sum(
        (GEO / name).stat().st_size
        for name in ("hunan_cities.geojson", "hunan_counties.geojson")
    )
    assert total < 300_000


def test_build_geo_is_deterministic(tmp_path):
    names = ("hunan_cities.geojson", "hunan_counties.geojson", "counties.csv")
    build_geo(tmp_path / "a")
    build_geo(tmp_path / "b")
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (
            tmp_path / "b" / name
        ).read_bytes(), name
        assert (tmp_path / "a" / name).read_bytes() == (GEO / name).read_bytes(), (
            f"{name} is stale"
        )


def test_point_in_county_is_inside_and_reproducible(counties):
    from shapely.geometry import Point, shape

    polygons = {
        f["properties"]["county_code"]: shape(f["geometry"])
        for f in counties["features"]
    }
    rng = np.random.default_rng(7)
    for code in ("430102", "433101", "431121"):
        for _ in range(20):
            lon, lat = point_in_county(code, rng, GEO)
            assert polygons[code].contains(Point(lon, lat))
    first = point_in_county("430102", np.random.default_rng(1), GEO)
    assert point_in_county("430102", np.random.default_rng(1), GEO) == first
    with pytest.raises(KeyError):
        point_in_county("999999", rng, GEO)


def test_map_is_offline_and_has_14_cities(cities):
    deck = build_hunan_map(
        cities, _values(cities), metric_label="工业总产值", unit="亿元"
    )
    assert deck.map_provider is None
    spec = _spec(deck)
    assert spec.get("mapProvider") is None
    assert spec.get("mapStyle") in (
        None,
        "__MAP_STYLE__",
    )  # the sentinel means "no basemap"
    text = deck.to_json()
    assert "http" not in text and "mapbox" not in text.lower() and "Key" not in text
    layer = _layer(spec, "cities")
    assert layer["pickable"] is True
    assert len(layer["data"]["features"]) == 14
    view = spec["initialViewState"]
    assert (
        view["pitch"] == 0
        and abs(view["longitude"] - 111.7) < 0.5
        and abs(view["latitude"] - 27.6) < 0.5
    )
    labels = _layer(spec, "city-labels")
    assert (
        labels["characterSet"] == "auto" and "Noto Sans CJK SC" in labels["fontFamily"]
    )
    assert {d["name"].split("\n")[0] for d in labels["data"]} >= {"长沙", "湘西州", "张家界"}


def test_labels_carry_values_tooltips_chinese_and_nan_is_no_data(cities):
    values = _values(cities)
    values.loc[values["city_code"] == "430400", "value"] = math.nan
    deck = build_hunan_map(
        cities, values, metric_label="工业总产值", unit="亿元", digits=0
    )
    spec = _spec(deck)
    props = {
        f["properties"]["city_code"]: f["properties"]
        for f in _layer(spec, "cities")["data"]["features"]
    }
    assert props["430100"]["tt_name"] == "长沙市"
    assert "点击" in props["430100"]["tt_text"]
    labels = {d["city_code"]: d for d in _layer(spec, "city-labels")["data"]}
    assert labels["430200"]["name"] == "株洲\n10"
    assert labels["430400"]["name"] == "衡阳\n暂无数据" and labels["430400"]["value"] is None
    fill = _layer(spec, "cities")["getFillColor"]
    assert _by_city(fill, "430400")[:3] == [205, 205, 205]
    # light (low) to dark (high) blue
    assert sum(_by_city(fill, "430100")[:3]) > sum(_by_city(fill, "433100")[:3])
    assert "{tt_name}" in deck._tooltip["html"] and "{tt_text}" in deck._tooltip["html"]


def test_park_layer_only_with_parks(cities):
    values = _values(cities)
    assert (
        _layer(
            _spec(build_hunan_map(cities, values, metric_label="产值", unit="亿元")),
            "parks",
        )
        is None
    )
    parks = pd.DataFrame(
        {
            "park_id": ["P1", "P2"],
            "park_name": ["长沙经济技术开发区", "湘潭高新区"],
            "lon": [113.1, 112.9],
            "lat": [28.2, 27.8],
            "value": [400.0, math.nan],
        }
    )
    deck = build_hunan_map(
        cities,
        values,
        metric_label="产值",
        unit="亿元",
        parks=parks,
        park_metric_label="税收",
        park_unit="亿元",
    )
    rows = _layer(_spec(deck), "parks")["data"]
    assert [r["tt_name"] for r in rows] == ["长沙经济技术开发区", "湘潭高新区"]
    assert set(rows[0]) == {"position", "radius", "tt_name", "tt_text"}  # nothing unused sent
    assert rows[0]["tt_name"] == "长沙经济技术开发区" and rows[0]["tt_text"] == "税收：400.0 亿元"
    assert rows[1]["tt_text"] == "税收：暂无数据"
    assert rows[0]["radius"] > rows[1]["radius"]
    assert dots_note(parks, "税收最高") == ""


def test_park_dots_are_bounded_to_the_largest_and_the_caption_says_how_many(cities):
    total = MAP_DOTS + 50  # national scale: more parks than a map can show
    rng = np.random.default_rng(7)
    parks = pd.DataFrame({"park_id": [f"P{i:04d}" for i in range(total)],
                          "park_name": [f"园区{i}" for i in range(total)],
                          "lon": rng.uniform(109, 114, total), "lat": rng.uniform(25, 30, total),
                          "value": rng.uniform(0, 100, total)})
    parks.loc[3, "value"] = math.nan
    rows = _layer(_spec(build_hunan_map(cities, _values(cities), metric_label="产值", unit="亿元",
                                        parks=parks, park_metric_label="产值")), "parks")["data"]
    largest = parks.nlargest(MAP_DOTS, "value")["park_name"]
    assert len(rows) == MAP_DOTS and {r["tt_name"] for r in rows} == set(largest)
    assert dots_note(parks, "产值最高") == f"圆点仅显示产值最高的前{MAP_DOTS}家（共{total}家园区）。"


def test_selected_city_is_outlined(cities):
    deck = build_hunan_map(
        cities,
        _values(cities),
        metric_label="产值",
        unit="亿元",
        selected_city="430300",
    )
    for layer_id in ("selected-city-halo", "selected-city"):  # inline: no served file given
        outline = _layer(_spec(deck), layer_id)
        drawn = [f["properties"]["city_code"] for f in outline["data"]["features"]]
        assert drawn == ["430300"] and outline["getLineWidth"] > 0
        assert outline["data"]["features"][0]["geometry"] == next(
            f["geometry"] for f in cities["features"]
            if f["properties"]["city_code"] == "430300")
    plain = build_hunan_map(cities, _values(cities), metric_label="产值", unit="亿元")
    assert _layer(_spec(plain), "selected-city") is None


def test_legend_caption_and_short_names():
    values = pd.DataFrame(
        {"city_code": ["430100", "430200", "430300"], "value": [1.0, 2345.0, math.nan]}
    )
    caption = legend_caption(values, "工业总产值", "亿元")
    assert "1.0 亿元" in caption and "2,345.0 亿元" in caption and "暂无数据" in caption
    assert "暂无数据" in legend_caption(
        values.assign(value=math.nan), "工业总产值", "亿元"
    )
    assert short_city_name("湘西土家族苗族自治州") == "湘西州"
    assert short_city_name("张家界市") == "张家界"


def test_clicked_city_from_selection(cities):
    from components.ui.map_widget import _clicked_city

    deck = build_hunan_map(cities, _values(cities), metric_label="产值", unit="亿元")
    by_object = {
        "selection": {
            "indices": {"cities": [2]},
            "objects": {"cities": [{"properties": {"city_code": "430300"}}]},
        }
    }
    assert _clicked_city(deck, by_object) == "430300"
    assert (
        _clicked_city(deck, {"selection": {"indices": {"cities": [13]}, "objects": {}}})
        == "433100"
    )
    assert (
        _clicked_city(
            deck, {"selection": {"indices": {"parks": [0]}, "objects": {"parks": [{}]}}}
        )
        is None
    )
    assert _clicked_city(deck, {"selection": {"indices": {}, "objects": {}}}) is None


def test_served_boundaries_are_the_bundled_ones_without_values(cities):
    """static/geo holds data/geo's boundaries (regenerate: python -m components.ui.map_asset)."""
    from components.ui.map_asset import asset_path, asset_text, asset_url

    assert asset_path("hunan_cities").read_text(encoding="utf-8") == asset_text(cities), (
        "static/geo/hunan_cities.json is stale: run python -m components.ui.map_asset")
    served = json.loads(asset_path("hunan_cities").read_text(encoding="utf-8"))
    assert [f["geometry"] for f in served["features"]] == [
        f["geometry"] for f in cities["features"]]
    assert {k for f in served["features"] for k in f["properties"]} == {
        "city_code", "city_name", "tt_name", "tt_text"}
    url = asset_url("hunan_cities")
    assert url.startswith("app/static/geo/hunan_cities.json?v=") and "//" not in url


def test_each_city_has_its_served_outline_file(cities):
    """static/geo/hunan_cities/<code>.json: the city's boundary alone, as the bundled file has
    it, for the selected city's outline layers (regenerate: python -m components.ui.map_asset)."""
    from components.ui.map_asset import city_asset_path, city_asset_text, city_asset_url

    for feature in cities["features"]:
        code = str(feature["properties"]["city_code"])
        path = city_asset_path("hunan_cities", code)
        assert path.read_text(encoding="utf-8") == city_asset_text(cities, code), (
            f"{path} is stale: run python -m components.ui.map_asset")
        served = json.loads(path.read_text(encoding="utf-8"))
        assert [f["geometry"] for f in served["features"]] == [feature["geometry"]]
        assert city_asset_url("hunan_cities", code).startswith(
            f"app/static/geo/hunan_cities/{code}.json?v=")
    assert len(list(city_asset_path("hunan_cities", "x").parent.glob("*.json"))) == len(
        cities["features"])


def test_the_served_outline_drawing_is_the_bundled_boundaries(cities):
    """static/geo/hunan_cities.svg draws every city's outer ring over exactly the boundaries'
    bounds (regenerate: python -m components.ui.map_asset), as plotly places it."""
    import xml.etree.ElementTree as ET

    from components.ui.map_asset import asset_path, asset_url, outline_bounds, outline_svg

    text = asset_path("hunan_cities", "svg").read_text(encoding="utf-8")
    assert text == outline_svg(cities), (
        "static/geo/hunan_cities.svg is stale: run python -m components.ui.map_asset")
    svg = ET.fromstring(text)
    west, south, east, north = outline_bounds(cities)
    x, y, width, height = (float(v) for v in svg.get("viewBox").split())
    assert (x, y) == pytest.approx((west, -north), abs=1e-3)
    assert (x + width, y + height) == pytest.approx((east, -south), abs=1e-3)
    rings = sum(len(f["geometry"]["coordinates"]) if f["geometry"]["type"] == "MultiPolygon"
                else 1 for f in cities["features"])
    assert len(svg.findall(".//{http://www.w3.org/2000/svg}path")) == rings
    assert "script" not in text.lower()
    assert asset_url("hunan_cities", "svg").startswith("app/static/geo/hunan_cities.svg?v=")


def test_a_city_change_sends_colours_and_outline_not_geometry(cities):
    """The deck a page sends on a context change names the boundary file and carries no
    coordinates; what changes between two cities is the outline's city, not the geometry."""
    from components.ui.map_widget import _outlined_city, hunan_map

    values = _values(cities)
    decks = {code: hunan_map("hunan_cities", values, metric_label="产值", unit="亿元",
                             selected_city=code) for code in ("430100", "430600")}
    for code, deck in decks.items():
        text = deck.to_json()
        assert "coordinates" not in text and '"Polygon"' not in text
        spec = json.loads(text)
        assert _layer(spec, "cities")["data"].startswith("app/static/geo/hunan_cities.json?v=")
        assert _outlined_city(deck) == code
        outline = _layer(spec, "selected-city")  # the city's own file (#27: one boundary)
        assert outline["data"].startswith(f"app/static/geo/hunan_cities/{code}.json?v=")
        assert outline["getLineColor"][3] == 255
        assert _layer(spec, "cities")["updateTriggers"]["getFillColor"]
    first, second = (json.loads(d.to_json()) for d in decks.values())
    assert _layer(first, "cities") == _layer(second, "cities")  # same colours, same file
