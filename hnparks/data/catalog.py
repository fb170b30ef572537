"""The dataset catalog (data/catalog.yaml): file, grain, provenance, as-of month, 口径 per dataset."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from hnparks.core.paths import data_dir
from hnparks.data.state import provenance_overlay
from hnparks.plans.registry import Plan, latest_plan


@dataclass(frozen=True)
class DatasetInfo:
    name: str
    title: str
    file: str
    grain: str
    source: str
    provenance: str  # "official" or "illustrative"
    as_of: str
    owner: str
    definition: str  # 口径: what the dataset counts and how
    columns: dict[str, str]
    import_note: str = ""  # why no report can replace it yet (datasets that are not importable)
    # The years whose figures are official when `provenance` is "official": those the loads in
    # effect covered (hnparks.data.state); None: every year (official at build, or no year);
    # always None when illustrative.
    official_years: tuple[int, ...] | None = None

    def official_in(self, year: int | None) -> bool:
        """True when the dataset's figures of `year` are official. `year` None (a view over
        several years): only when every year is."""
        if self.provenance != "official":
            return False
        if self.official_years is None:
            return True
        return year is not None and year in self.official_years

    def illustrative_in(self, year: int | None) -> bool:
        """True when the dataset's figures of `year` are illustrative (示意)."""
        return not self.official_in(year)


# Key under which a `data` mapping carries the catalog in effect (name → DatasetInfo).
PROVENANCE = "catalog.provenance"


def is_official(data: Mapping[str, object], name: str, year: int | None) -> bool:
    """True when dataset `name` holds official figures for `year` (a report of that year loaded
    by the office, or official at build); False for illustrative ones and for mappings without
    provenance."""
    try:
        info = data[PROVENANCE][name]  # type: ignore[index]
    except KeyError:
        return False
    return bool(info.official_in(year))


def illustrative_titles(info: Mapping[str, DatasetInfo], names: Iterable[str],
                        year: int | None) -> list[str]:
    """Titles of the given datasets whose figures of `year` are illustrative, in order."""
    return [info[n].title for n in dict.fromkeys(names) if n in info and info[n].illustrative_in(year)]


def illustrative_notice(titles: list[str]) -> str:
    """The sentence an export carries when any of its figures is illustrative ('' when none):
    which datasets, and that they are not real statistics."""
    if not titles:
        return ""
    return (f"示意数据：本表的{'、'.join(titles)}为按固定随机种子生成的示意数据，仅用于演示，"
            "不代表真实统计，请勿对外引用。")


def catalog_path(root: Path | None = None) -> Path:
    return (root or data_dir()) / "catalog.yaml"


def _fill(text: str, fields: Mapping[str, str]) -> str:
    """The catalog's text with its plan placeholders ({文号}, {年度}, …) filled in."""
    for key, value in fields.items():
        text = text.replace(f"{{{key}}}", value)
    return text


def _parsed(path: Path) -> dict:
    """catalog.yaml parsed (libyaml's C parser when present), once per file version: a page,
    a check or a load reads the catalog many times. Callers must not change the result."""
    stat = path.stat()
    return _parse(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _parse(path: str, _mtime_ns: int, _size: int) -> dict:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 (safe)


def read_catalog(root: Path | None = None, plan: Plan | None = None) -> dict[str, DatasetInfo]:
    """Every dataset of the catalog, by name, with the provenance of loads in effect applied
    (catalog.yaml holds the build's provenance; loads are recorded in hnparks.data.state), its texts
    naming `plan` (default: the latest loaded plan)."""
    fields = (plan or latest_plan(root)).catalog_fields()
    raw = _parsed(catalog_path(root))
    out = {}
    for name, entry in raw["datasets"].items():
        overlay = provenance_overlay(name, root)
        merged = {**entry, **overlay}
        years = overlay.get("official_years")
        out[name] = DatasetInfo(name=name, title=_fill(entry["title"], fields), file=entry["file"],
                                grain=_fill(entry["grain"], fields),
                                source=_fill(merged["source"], fields),
                                provenance=merged["provenance"], as_of=str(merged["as_of"]),
                                owner=entry["owner"], definition=_fill(entry["definition"], fields),
                                columns=dict(entry.get("columns") or {}),
                                import_note=_fill(str(entry.get("import_note") or ""), fields),
                                official_years=tuple(years) if years is not None
                                and merged["provenance"] == "official" else None)
    return out
