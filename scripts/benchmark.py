"""Benchmark (not a test): first and repeated run time of every page, in three contexts.

Usage: python scripts/benchmark.py [--repeats 5] [--pages overview targets ...]
Runs each page in-process with Streamlit's AppTest (a fresh session per context, so the
first run includes loading and validating the parquet), then N reruns; prints a Markdown table.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def page_files() -> list[str]:
    return sorted(p.stem for p in (REPO / "pages").glob("*.py"))


def contexts() -> dict[str, dict[str, str]]:
    import pandas as pd

    from hnparks.loading import dataset_path

    first_park = pd.read_parquet(dataset_path("parks"))["park_id"].iloc[0]
    return {"全省": {}, "长沙市": {"city": "430100"}, f"园区 {first_park}": {"park": first_park}}


def time_page(page: str, params: dict[str, str], repeats: int) -> tuple[float, float, bool]:
    from tests.app.conftest import AppTest  # applies the navigation-mode fix for AppTest

    import streamlit as st

    st.cache_data.clear()  # a cold first run: parquet read and validated again
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    start = time.perf_counter()
    at.run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py")
        at.run()
    first = time.perf_counter() - start
    repeats_s = []
    for _ in range(repeats):
        start = time.perf_counter()
        at.run()
        repeats_s.append(time.perf_counter() - start)
    return first, statistics.median(repeats_s), bool(at.exception)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--pages", nargs="*", default=None)
    args = parser.parse_args()
    print("| 页面 | 范围 | 首次运行 (s) | 重复运行中位数 (s) | 异常 |")
    print("|---|---|---:|---:|---|")
    for page in args.pages or page_files():
        for label, params in contexts().items():
            first, median, failed = time_page(page, params, args.repeats)
            print(f"| {page} | {label} | {first:.2f} | {median:.2f} | {'是' if failed else '否'} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
