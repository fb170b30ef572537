"""Click-to-update and bytes per page view, one interaction at a time, dashboard and bare page."""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass, field

from bench import browser as b
from bench.servers import cpu_seconds
from bench.stats import Samples

PRESENTER = "?mode=present"  # the slides: no sidebar; → turns a slide
PAGES = {"总览": "", "目标达成": "targets", "产业集群": "clusters", "生态环境整治": "environment",
         "营商环境改革": "business", "亩均效益与用地": "efficiency", "开放与创新": "opening",
         "重点任务台账": "tasks", "园区档案": "park", "汇报模式": PRESENTER}
PERIODS = ("2020年5月", "2020年6月")
CITIES = ("株洲市", "长沙市")
# Points inside two cities for the 总览 map (away from the labels and Changsha's park dots).
MAP_POINTS = {"430500": (110.9, 27.0), "430600": (113.3, 29.1)}  # 邵阳市, 岳阳市
START = "?period=2020-06"


@dataclass
class Clicks:
    """Per (page, interaction): seconds to idle, server CPU seconds and websocket bytes."""

    seconds: dict[tuple[str, str], Samples] = field(default_factory=lambda: defaultdict(Samples))
    server_cpu: dict[tuple[str, str], Samples] = field(
        default_factory=lambda: defaultdict(Samples))
    ws_bytes: dict[tuple[str, str], Samples] = field(default_factory=lambda: defaultdict(Samples))
    views: dict[str, b.PageView] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


async def _timed(clicks: Clicks, key: tuple[str, str], page, pid: int, action) -> None:
    cpu, ws = cpu_seconds(pid), page.bench_ws_bytes
    try:
        result = await action()
    except Exception as error:  # a timeout or a missing option is reported, the run goes on
        clicks.errors.append(f"{key[0]} {key[1]}: {type(error).__name__} {_first_line(error)}")
        return
    seconds, ok = result if isinstance(result, tuple) else (result, True)
    if not ok:
        clicks.errors.append(f"{key[0]} {key[1]}: 点击未命中目标市州")
        return
    clicks.seconds[key].add(seconds)
    clicks.server_cpu[key].add(cpu_seconds(pid) - cpu)
    clicks.ws_bytes[key].add(page.bench_ws_bytes - ws)


def page_url(url: str, path: str) -> str:
    """The page at `path` (a url path, or the presenter's query) opened at the start context."""
    return f"{url}/{path}&{START[1:]}" if path.startswith("?") else f"{url}/{path}{START}"


async def _page_clicks(clicks: Clicks, page, name: str, path: str, pid: int,
                       repeats: int) -> None:
    """`repeats` period and city changes on one page; map clicks too on 总览; slide turns (→)
    in the presenter."""
    if path == PRESENTER:
        for _ in range(repeats):
            await _timed(clicks, (name, "翻页"), page, pid, lambda: b.press(page, "ArrowRight"))
        return
    for i in range(repeats):
        await _timed(clicks, (name, "报告期"), page, pid,
                     lambda i=i: b.choose(page, "报告期", PERIODS[i % 2]))
        await _timed(clicks, (name, "市州"), page, pid,
                     lambda i=i: b.choose(page, "市州", CITIES[i % 2]))
    if path:
        return
    codes = list(MAP_POINTS)
    for i in range(repeats):

        async def click(code: str = codes[i % 2]) -> tuple[float, bool]:
            seconds, city = await b.map_click(page, *MAP_POINTS[code])
            return seconds, city == code

        await _timed(clicks, (name, "地图点击"), page, pid, click)


async def run_dashboard(browser, url: str, pid: int, repeats: int,
                        pages: dict[str, str] = PAGES) -> Clicks:
    """Each page: a fresh view (bytes), then `repeats` period and city changes; map on 总览."""
    clicks = Clicks()
    for name, path in pages.items():
        page = await b.new_page(browser)
        try:
            clicks.views[name] = await b.view(page, page_url(url, path))
            await _page_clicks(clicks, page, name, path, pid, repeats)
            if await b.exception_count(page):
                clicks.errors.append(f"{name}: 页面出现异常")
        except Exception as error:
            clicks.errors.append(f"{name}: {type(error).__name__} {_first_line(error)}")
        finally:
            await page.context.close()
        print(f"  浏览器 {name}: 完成", file=sys.stderr, flush=True)
    return clicks


async def run_bare(browser, url: str, pid: int, repeats: int) -> Clicks:
    """The bare page: a fresh view (bytes), then `repeats` changes of its sidebar selectbox."""
    clicks = Clicks()
    page = await b.new_page(browser)
    try:
        clicks.views["空白对照页"] = await b.view(page, url)
        for i in range(repeats):
            await _timed(clicks, ("空白对照页", "市州"), page, pid,
                         lambda i=i: b.choose(page, "市州", CITIES[i % 2]))
    finally:
        await page.context.close()
    return clicks


def _first_line(error: Exception) -> str:
    """The first line of an error message (Playwright appends a multi-line call log)."""
    return (str(error).splitlines() or [""])[0][:100]
