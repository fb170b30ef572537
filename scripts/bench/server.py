"""Server-side runs through Streamlit's AppTest, in this process: cold and warm, CPU and wall.

Cold = caches cleared, a fresh session, the first run of the page (parquet read and validated).
Warm = the same session run again (what every click costs before the browser draws).
CPU is time.process_time(): the whole process, because AppTest runs the script in a thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.stats import Samples

REPO = Path(__file__).resolve().parents[2]
NAV_PAGES = ["overview", "targets", "clusters", "environment", "business", "efficiency",
             "opening", "tasks", "park", "admin", "report", "review", "present"]
# Pages for one role only (数据管理, 数据填报, 审核与发布): the server part opens them as the
# benchmark's viewer, i.e. it times their refusal; the browser part leaves them out.
ROLE_PAGES = {"admin", "report", "review"}
PERIOD = "2020-06"


@dataclass
class RunTimes:
    """Cold and warm CPU and wall seconds of one page in one context."""

    cold_cpu: Samples = field(default_factory=Samples)
    cold_wall: Samples = field(default_factory=Samples)
    warm_cpu: Samples = field(default_factory=Samples)
    warm_wall: Samples = field(default_factory=Samples)
    errors: list[str] = field(default_factory=list)


def contexts(data_dir: Path) -> dict[str, dict[str, str]]:
    """Province, a city (长沙市) and one park (the roster's first), all at 2020-06."""
    import pandas as pd

    from hnparks.data.loading import dataset_path

    first_park = str(pd.read_parquet(dataset_path("parks", data_dir))["park_id"].iloc[0])
    return {"全省": {"period": PERIOD}, "长沙市": {"period": PERIOD, "city": "430100"},
            f"园区 {first_park}": {"period": PERIOD, "park": first_park}}


def _measure(run: Callable[[], None]) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    run()
    return time.process_time() - cpu, time.perf_counter() - wall


def _clear_caches() -> None:
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


def _dashboard(page: str, params: dict[str, str]):
    from tests.app.conftest import AppTest  # applies the navigation-mode fix for AppTest

    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=600)
    for key, value in params.items():
        at.query_params[key] = value
    if page == "present":  # the slides open from any page with ?mode=present
        at.query_params["mode"] = "present"
    elif page != "overview":
        at.switch_page(f"pages/{page}.py")
    return at


def _bare(_page: str, _params: dict[str, str]):
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(str(REPO / "scripts" / "bare_page.py"), default_timeout=600)


def time_app(make_app: Callable, page: str, params: dict[str, str], *, cold: int,
             warm: int) -> RunTimes:
    """`cold` fresh sessions with cleared caches (first run each), then `warm` reruns."""
    times = RunTimes()
    at = None
    for _ in range(max(cold, 1)):
        _clear_caches()
        at = make_app(page, params)
        cpu, wall = _measure(at.run)
        times.cold_cpu.add(cpu)
        times.cold_wall.add(wall)
    for _ in range(warm):
        cpu, wall = _measure(at.run)
        times.warm_cpu.add(cpu)
        times.warm_wall.add(wall)
    times.errors = [str(getattr(e, "message", e.value))[:80] for e in at.exception]
    return times


def time_dashboard(page: str, params: dict[str, str], *, cold: int, warm: int) -> RunTimes:
    """One dashboard page (app.py routed to pages/<page>.py) with URL parameters."""
    try:
        return time_app(_dashboard, page, params, cold=cold, warm=warm)
    except Exception as error:  # a broken page is reported in the table, not fatal
        return RunTimes(errors=[f"{type(error).__name__}: {error}"[:80]])


def time_bare(*, cold: int, warm: int) -> RunTimes:
    """The bare page (scripts/bare_page.py), measured the same way."""
    return time_app(_bare, "bare", {}, cold=cold, warm=warm)
