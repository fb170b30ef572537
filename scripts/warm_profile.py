"""Warm server rerun per page and context, as a ratio to the bare page of the same run, and
optionally a cProfile of the script thread (what a warm rerun spends its CPU on).

    python scripts/warm_profile.py targets clusters            # warm CPU medians and ratios
    python scripts/warm_profile.py --profile targets [--city 430100] [--sort tottime]
    python scripts/warm_profile.py --data-dir /tmp/national targets   # another data directory

Quick (about a minute per page); `scripts/benchmark.py --server` is the recorded figure.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "scripts")]
os.environ.setdefault("HNPARKS_ANONYMOUS_VIEW", "1")
os.chdir(REPO)

from bench.server import _bare, _dashboard, contexts  # noqa: E402

from hnparks.core.paths import DATA_DIR_ENV, data_dir  # noqa: E402


def warm_cpu(make, page: str, params: dict[str, str], n: int) -> tuple[float, list[str]]:
    """Median CPU seconds of n warm reruns, and the page's exceptions."""
    at = make(page, params)
    at.run()
    at.run()
    samples = []
    for _ in range(n):
        start = time.process_time()
        at.run()
        samples.append(time.process_time() - start)
    samples.sort()
    return samples[len(samples) // 2], [str(e.value)[:60] for e in at.exception]


def profile(page: str, params: dict[str, str], sort: str, lines: int) -> None:
    """cProfile 3 warm reruns of the script thread and print the top functions."""
    from streamlit.runtime.scriptrunner import script_runner

    prof, on = cProfile.Profile(), [False]
    original = script_runner.ScriptRunner._run_script

    def wrapped(self, *args, **kwargs):
        if not on[0]:
            return original(self, *args, **kwargs)
        prof.enable()
        try:
            return original(self, *args, **kwargs)
        finally:
            prof.disable()

    script_runner.ScriptRunner._run_script = wrapped
    at = _dashboard(page, params)
    at.run()
    at.run()
    on[0] = True
    for _ in range(3):
        at.run()
    pstats.Stats(prof).sort_stats(sort).print_stats(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="+")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--city", default=None)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--lines", type=int, default=60)
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="data directory (e.g. a national-scale build); default "
                             "$HNPARKS_DATA_DIR or data/")
    args = parser.parse_args()
    if args.data_dir:  # read by hnparks.core.paths.data_dir() in this process (AppTest too)
        os.environ[DATA_DIR_ENV] = str(args.data_dir.resolve())
    if args.profile:
        params = {"period": "2020-06"} | ({"city": args.city} if args.city else {})
        for page in args.pages:
            profile(page, params, args.sort, args.lines)
        return
    bare = warm_cpu(_bare, "bare", {}, args.repeats)[0]
    print(f"bare {bare:.3f} s")
    for page in args.pages:
        for label, params in contexts(data_dir()).items():
            seconds, errors = warm_cpu(_dashboard, page, params, args.repeats)
            print(f"{page:12s} {label:10s} {seconds:.3f} s {seconds / bare:.1f}× {errors or ''}")


if __name__ == "__main__":
    main()
