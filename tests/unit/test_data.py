"""Curated data: completeness of the official sources, the roster, the catalog and the schemas."""

from __future__ import annotations

import pandas as pd
import pytest

from hnparks.core.schemas import SCHEMAS
from hnparks.data.catalog import read_catalog
from hnparks.data.loading import DatasetError, dataset_path, load_dataset, validate


@pytest.fixture(scope="module")
def ds(data_dir):
    return lambda name: load_dataset(name, data_dir)


def test_every_catalog_dataset_has_a_file_a_schema_and_a_definition(data_dir):
    catalog = read_catalog(data_dir)
    assert set(catalog) == set(SCHEMAS)
    for name, info in catalog.items():
        assert (data_dir / info.file).exists(), name
        assert info.definition and info.title and info.owner, name
        assert info.provenance in {"official", "illustrative"}, name
        load_dataset(name, data_dir)  # validates


def test_official_sources_are_complete(ds):
    assert len(ds("cities")) == 14
    assert len(ds("tasks")) == 24
    assert ds("tasks").groupby("section_no").size().to_dict() == {
        "一": 2, "二": 3, "三": 5, "四": 4, "五": 3, "六": 3, "七": 4}
    assert len(ds("assessment_items")) == 12
    clusters = ds("clusters")
    assert len(clusters) == 8
    assert clusters.groupby("tier").size().to_dict() == {
        "世界级产业集群": 3, "国内具有重要影响力的产业集群": 5}
    assert set(ds("targets")["year"]) == {2020} and set(ds("tasks")["year"]) == {2020}


def test_headline_targets_are_the_documents(ds):
    targets = ds("targets").set_index("metric_key")
    assert targets.loc["revenue_total", ["value", "unit"]].tolist() == [5.3, "万亿元"]
    assert targets.loc["parks_over_1000", "value"] == 14
    assert targets.loc["tax_per_mu", ["value", "unit"]].tolist() == [13, "万元/亩"]
    assert targets.loc["specialty_over_100", "value"] == 30
    assert targets.loc["circular_national", "value"] == 75
    assert targets.loc["circular_provincial", "value"] == 50


def test_roster_has_144_parks_21_national_in_their_cities(ds):
    parks, counties = ds("parks"), ds("counties")
    assert len(parks) == 144
    national = parks[parks["level"] == "国家级"]
    assert len(national) == 21 and (national["name_provenance"] == "official").all()
    assert (parks[parks["level"] == "省级"]["name_provenance"] == "illustrative").all()
    county_city = counties.set_index("county_code")["city_code"]
    assert (parks["county_code"].map(county_city) == parks["city_code"]).all()
    assert parks["city_code"].nunique() == 14


def test_illustrative_data_is_plausible(ds):
    parks, facts = ds("parks"), ds("park_indicators")
    year_end = facts[facts["period"] == "2020-12"].merge(parks, on="park_id")
    by_city = year_end.groupby("city_code")["revenue_ytd"].sum()
    assert by_city.idxmax() == "430100"  # Changsha largest
    assert year_end.groupby("level")["revenue_ytd"].mean().idxmax() == "国家级"
    total = year_end["revenue_ytd"].sum()
    assert 0.9 * 53_000 < total < 53_000  # near, not at, the 5.3万亿 target
    feb = facts[facts["period"].isin(["2019-02", "2020-02"])].groupby("period")["revenue_ytd"].sum()
    assert feb["2020-02"] < feb["2019-02"]  # the Q1-2020 dip


def test_a_bad_file_names_the_dataset_column_and_rows(ds):
    parks = ds("parks").copy()
    parks.loc[[3, 7], "park_id"] = "X"
    parks.loc[5, "level"] = "市级"
    with pytest.raises(DatasetError) as error:
        validate("parks", parks)
    message = str(error.value)
    assert "parks" in message and "park_id" in message and "level" in message
    assert "第 4, 8 行" in message and "市级" in message


def test_a_missing_or_corrupt_file_is_reported_by_name(tmp_path):
    with pytest.raises(DatasetError, match="tasks"):
        load_dataset("tasks", tmp_path)
    (tmp_path / "curated").mkdir()
    dataset_path("tasks", tmp_path).write_bytes(b"not parquet")
    with pytest.raises(DatasetError, match="tasks"):
        load_dataset("tasks", tmp_path)


@pytest.mark.slow
def test_fresh_build_equals_what_is_committed(data_dir, tmp_path):
    """The generator is deterministic and the committed parquet is its output."""
    import shutil

    from hnparks.commands.generate.build import build

    shutil.copytree(data_dir / "sources", tmp_path / "sources")
    shutil.copytree(data_dir / "geo", tmp_path / "geo")
    build(tmp_path, with_geo=False)
    for name in SCHEMAS:
        fresh = pd.read_parquet(dataset_path(name, tmp_path))
        committed = pd.read_parquet(dataset_path(name, data_dir))
        pd.testing.assert_frame_equal(fresh, committed, obj=name)


def test_cache_key_changes_when_a_file_is_replaced(data_dir, tmp_path):
    """The app's cache is keyed by dataset_version, so a new load shows without a restart."""
    import shutil

    from hnparks.data.loading import dataset_version

    (tmp_path / "curated").mkdir()
    shutil.copy(dataset_path("tasks", data_dir), dataset_path("tasks", tmp_path))
    before = dataset_version("tasks", tmp_path)
    frame = load_dataset("tasks", tmp_path)
    frame.iloc[:3].to_parquet(dataset_path("tasks", tmp_path), index=False)
    assert dataset_version("tasks", tmp_path) != before
    assert len(load_dataset("tasks", tmp_path)) == 3


def test_statistical_only_codes_that_name_parks_are_recorded_in_the_roster(data_dir, ds):
    """国家统计局 statistical-only division codes (7x under a city) that name a park (issue 26)."""
    from hnparks.data.sources import read_source

    roster = read_source("national_parks", data_dir)
    coded = roster.dropna(subset=["stat_code"])
    assert {"430371", "430472"} <= set(coded["stat_code"])  # 湘潭高新区, 衡阳高新区
    assert coded["stat_code"].str.fullmatch(r"\d{4}7\d").all() and coded["stat_code"].is_unique
    assert (coded["stat_code"].str[:4] == coded["city_code"].str[:4]).all()
    assert not set(coded["stat_code"]) & set(ds("counties")["county_code"])  # not a county
    # each code says where it was checked (or is marked unchecked); uncoded rows claim nothing
    assert coded["stat_code_source"].str.contains("统计用区划代码").all()
    assert coded["stat_code_verified"].astype(str).str.lower().isin(["true", "false"]).all()
    assert roster.loc[roster["stat_code"].isna(), "stat_code_source"].isna().all()
