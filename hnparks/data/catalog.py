"""The dataset catalog (data/catalog.yaml): file, grain, provenance, as-of month, 口径 per dataset."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
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

    @property
    def illustrative(self) -> bool:
        return self.provenance != "official"


# Key under which a `data` mapping carries each dataset's provenance in effect (name → value).
PROVENANCE = "catalog.provenance"


def is_official(data: Mapping[str, object], name: str) -> bool:
    """True when dataset `name` holds official figures (a report loaded by the office, or
    official at build); False for illustrative ones and for mappings without provenance."""
    try:
        return data[PROVENANCE].get(name) == "official"  # type: ignore[union-attr]
    except KeyError:
        return False


def catalog_path(root: Path | None = None) -> Path:
    return (root or data_dir()) / "catalog.yaml"


def _fill(text: str, fields: Mapping[str, str]) -> str:
    """The catalog's text with its plan placeholders ({文号}, {年度}, …) filled in."""
    for key, value in fields.items():
        text = text.replace(f"{{{key}}}", value)
    return text


def read_catalog(root: Path | None = None, plan: Plan | None = None) -> dict[str, DatasetInfo]:
    """Every dataset of the catalog, by name, with the provenance of loads in effect applied
    (catalog.yaml holds the build's provenance; loads are recorded in hnparks.data.state), its texts
    naming `plan` (default: the latest loaded plan)."""
    fields = (plan or latest_plan(root)).catalog_fields()
    raw = yaml.safe_load(catalog_path(root).read_text(encoding="utf-8"))
    out = {}
    for name, entry in raw["datasets"].items():
        merged = {**entry, **provenance_overlay(name, root)}
        out[name] = DatasetInfo(name=name, title=_fill(entry["title"], fields), file=entry["file"],
                                grain=_fill(entry["grain"], fields),
                                source=_fill(merged["source"], fields),
                                provenance=merged["provenance"], as_of=str(merged["as_of"]),
                                owner=entry["owner"], definition=_fill(entry["definition"], fields),
                                columns=dict(entry.get("columns") or {}),
                                import_note=_fill(str(entry.get("import_note") or ""), fields))
    return out
