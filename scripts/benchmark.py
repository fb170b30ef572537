"""Benchmark (not a test): the dashboard side by side with a bare Streamlit page, same run.

Parts (all by default; name some to run only those):
  --server          AppTest in this process: cold and warm CPU/wall per page and context
  --browser         a real server + headless Chromium: click-to-idle (period, city, map click
                    on 总览) and bytes per fresh page view
  --concurrency N   N Chromium sessions at once, each opening a page and changing the context
                    three times (default 30 when all parts run)
  --national        also run the server part (and the others named) on a national-size data
                    set (--national-dir, built with --national-parks × --national-months if
                    missing)
Examples: python scripts/benchmark.py --server --pages overview targets --repeats 3   (quick)
          python scripts/benchmark.py --national --out /tmp/bench.md                     (full)
Timings on a shared machine are noisy; they are reported, never asserted by tests.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "scripts")]

from bench import report  # noqa: E402
from bench.machine import describe  # noqa: E402
from bench.server import NAV_PAGES, contexts, time_bare, time_dashboard  # noqa: E402


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[2:]))
    parser.add_argument("--server", action="store_true", help="server-side AppTest runs")
    parser.add_argument("--browser", action="store_true", help="clicks and bytes in Chromium")
    parser.add_argument("--concurrency", type=int, default=None, metavar="N",
                        help="N concurrent browser sessions (0 = skip)")
    parser.add_argument("--national", action="store_true", help="also at national scale")
    parser.add_argument("--national-only", action="store_true",
                        help="only the national-scale runs")
    parser.add_argument("--data-dir", type=Path, default=None, help="default: $HNPARKS_DATA_DIR or data/")
    parser.add_argument("--national-dir", type=Path, default=Path("/tmp/national"))
    parser.add_argument("--national-parks", type=int, default=3000)
    parser.add_argument("--national-months", type=int, default=120)
    parser.add_argument("--pages", nargs="*", default=None, help=f"of {' '.join(NAV_PAGES)}")
    parser.add_argument("--national-pages", nargs="*", default=None,
                        help="pages at national scale (default: --pages)")
    parser.add_argument("--repeats", type=int, default=5, help="warm reruns per page/context")
    parser.add_argument("--cold", type=int, default=2, help="cold runs per page/context")
    parser.add_argument("--clicks", type=int, default=4, help="repeats of each interaction")
    parser.add_argument("--out", type=Path, default=None, help="also write the report here")
    args = parser.parse_args(argv)
    if not (args.server or args.browser or args.concurrency is not None):
        args.server = args.browser = True
        args.concurrency = 30
    args.concurrency = args.concurrency or 0
    return args


@contextmanager
def data_dir_env(path: Path):
    """Point hnparks (in this process and in servers started here) at another data directory."""
    old = os.environ.get("HNPARKS_DATA_DIR")
    os.environ["HNPARKS_DATA_DIR"] = str(path.resolve())
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("HNPARKS_DATA_DIR", None)
        else:
            os.environ["HNPARKS_DATA_DIR"] = old


def ensure_national(args: argparse.Namespace) -> Path:
    """The national-size data directory, built (without boundaries) when it is missing."""
    from hnparks.data.loading import dataset_path

    if not dataset_path("parks", args.national_dir).exists():
        from hnparks.commands.generate.build import build

        print(f"构建全国规模数据：{args.national_parks} 园区 × {args.national_months} 月 → "
              f"{args.national_dir}", file=sys.stderr, flush=True)
        build(args.national_dir, with_geo=False, parks=args.national_parks,
              months=args.national_months)
    return args.national_dir


def server_part(data_dir: Path, pages: list[str], args: argparse.Namespace) -> str:
    """Bare page and every page × context, in this process, as one table."""
    time_dashboard(pages[0], {}, cold=1, warm=0)  # imports every module: cold = caches only
    bare = time_bare(cold=args.cold, warm=args.repeats)
    rows = {}
    for page in pages:
        for scope, params in contexts(data_dir).items():
            rows[(page, scope)] = time_dashboard(page, params, cold=args.cold, warm=args.repeats)
            print(f"  {page} {scope}: 热 CPU 中位 {rows[(page, scope)].warm_cpu.median:.3f} s",
                  file=sys.stderr, flush=True)
    return report.server_table(rows, bare)


async def browser_parts(data_dir: Path, pages: list[str], args: argparse.Namespace,
                        clicks: bool) -> list[str]:
    """Start the dashboard and the bare page servers; clicks/bytes and/or the concurrent burst."""
    from bench import clicks as click_bench
    from bench import concurrency, servers
    from bench.browser import new_page, view
    from playwright.async_api import async_playwright
    from screenshot import CHROMIUM_ARGS

    sections = []
    dash, dash_url = servers.start("app.py", data_dir)
    bare, bare_url = servers.start("scripts/bare_page.py", data_dir)
    try:
        async with async_playwright() as pw:
            chromium = await pw.chromium.launch(executable_path="/usr/bin/chromium",
                                                args=CHROMIUM_ARGS)
            for url in (dash_url, bare_url):  # the first request of a fresh server warms it
                page = await new_page(chromium)
                await view(page, f"{url}/?period=2020-06")
                await page.context.close()
            if clicks:
                chosen = {k: v for k, v in click_bench.PAGES.items()
                          if ("present" if v == click_bench.PRESENTER else v or "overview") in pages}
                bare_clicks = await click_bench.run_bare(chromium, bare_url, bare.pid, args.clicks)
                dash_clicks = await click_bench.run_dashboard(chromium, dash_url, dash.pid,
                                                              args.clicks, chosen)
                sections += ["### 点击到页面空闲（Chromium）",
                             report.clicks_table(dash_clicks, bare_clicks),
                             "### 每次打开页面收到的字节（新的浏览器上下文，无缓存）",
                             report.views_table(dash_clicks, bare_clicks)]
            if args.concurrency:
                bare_burst = await concurrency.run(chromium, bare_url, args.concurrency, False)
                dash_burst = await concurrency.run(chromium, dash_url, args.concurrency, True)
                sections += [f"### {args.concurrency} 个并发会话（每个打开一页并切换三次）",
                             report.burst_table(dash_burst, bare_burst)]
            await chromium.close()
    finally:
        servers.stop(dash)
        servers.stop(bare)
    return sections


def run_scale(label: str, data_dir: Path, pages: list[str], args: argparse.Namespace) -> list[str]:
    sections = [f"## {label}（数据目录 {data_dir}）"]
    with data_dir_env(data_dir):
        if args.server:
            sections += ["### 服务器端（AppTest，同一进程）", server_part(data_dir, pages, args)]
        if args.browser or args.concurrency:
            sections += asyncio.run(browser_parts(data_dir, pages, args, clicks=args.browser))
    return sections


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # Every page sits behind the sign-in: without this the AppTest runs and the servers started
    # here would time the login form. Read-only viewing of every page is what a leader sees.
    os.environ.setdefault("HNPARKS_ANONYMOUS_VIEW", "1")
    from hnparks.core.paths import data_dir

    pages = args.pages or NAV_PAGES
    out = ["# 基准测试", describe(),
           "同一台机器上还有其他进程在运行，数字有噪声；p95 在样本少时接近最大值。"]
    if not args.national_only:
        out += run_scale("当前数据", (args.data_dir or data_dir()).resolve(), pages, args)
    if args.national or args.national_only:
        national = ensure_national(args)
        out += run_scale(f"全国规模（{args.national_parks} 园区 × {args.national_months} 月）",
                         national.resolve(), args.national_pages or pages, args)
    text = "\n\n".join(out) + "\n"
    print(text, flush=True)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
