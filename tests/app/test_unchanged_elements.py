"""A context change re-sends no table it leaves unchanged (#27): Streamlit sends an element of at
least `global.minCachedMessageSize` bytes that the browser already holds as a reference to it,
which needs the element to be the same bytes in both runs (a Styler's id included)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from tests.app.conftest import open_app

REPO = Path(__file__).resolve().parents[2]


def _threshold() -> int:
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    return int(config["global"]["minCachedMessageSize"])


def _tables(at) -> list[bytes]:
    return [t.proto.SerializeToString(deterministic=True) for t in at.table]


def test_the_reform_checklist_is_the_same_bytes_after_a_city_change():
    province = _tables(open_app("business", period="2020-06"))
    city = _tables(open_app("business", period="2020-06", city="430100"))
    assert province, "the 改革事项清单 shows its tables"
    assert city == province  # the checklist does not depend on the city: nothing to re-send
    # and the sections are big enough to go by reference (the threshold is what the app sets)
    assert sum(len(t) >= _threshold() for t in province) >= len(province) - 1
    assert sum(map(len, province)) > 10_000  # the 19 KB this saves per context change

