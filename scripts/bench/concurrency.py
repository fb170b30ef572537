"""N browser sessions at once: each opens a page and changes the context three times."""

from __future__ import annotations

import asyncio
import sys
import time
from dataclasses import dataclass, field

from bench import browser as b
from bench.clicks import PAGES, START
from bench.stats import Samples

CITY_NAMES = ["长沙市", "株洲市", "湘潭市", "衡阳市", "邵阳市", "岳阳市", "常德市", "张家界市",
              "益阳市", "郴州市", "永州市", "怀化市", "娄底市"]  # the bare page's first 13
OVERALL_TIMEOUT_S = 1200


@dataclass
class Burst:
    """Loads and context changes of all sessions, the errors, and the burst's wall time."""

    sessions: int = 0
    loads: Samples = field(default_factory=Samples)
    changes: Samples = field(default_factory=Samples)
    errors: list[str] = field(default_factory=list)
    wall: float = 0.0


def steps(i: int, dashboard: bool) -> list[tuple[str, str]]:
    """Three changes, each different from the state before it (so each one reruns)."""
    first = CITY_NAMES[1 + i % 12]
    third = CITY_NAMES[1 + (i + 6) % 12]
    middle = ("报告期", "2020年5月") if dashboard else ("市州", CITY_NAMES[0])
    return [("市州", first), middle, ("市州", third)]


async def _session(browser, url: str, i: int, dashboard: bool, burst: Burst) -> None:
    page = await b.new_page(browser)
    try:
        target = f"{url}/{list(PAGES.values())[i % len(PAGES)]}{START}" if dashboard else url
        view = await b.view(page, target)
        burst.loads.add(view.seconds)
        for label, option in steps(i, dashboard):
            burst.changes.add(await b.choose(page, label, option))
        if await b.exception_count(page):
            burst.errors.append(f"会话 {i}: 页面出现异常")
    except Exception as error:
        burst.errors.append(f"会话 {i}: {type(error).__name__} {_first_line(error)}")
    finally:
        await page.context.close()


async def run(browser, url: str, sessions: int, dashboard: bool) -> Burst:
    """Start `sessions` sessions together; every wait is bounded, so the burst always ends."""
    burst = Burst(sessions=sessions)
    start = time.perf_counter()
    tasks = [_session(browser, url, i, dashboard, burst) for i in range(sessions)]
    try:
        await asyncio.wait_for(asyncio.gather(*tasks), OVERALL_TIMEOUT_S)
    except TimeoutError:
        burst.errors.append(f"整体超过 {OVERALL_TIMEOUT_S} s，已停止")
    burst.wall = time.perf_counter() - start
    print(f"  并发 {sessions} 会话（{'驾驶舱' if dashboard else '空白页'}）：{burst.wall:.0f} s，"
          f"错误 {len(burst.errors)}", file=sys.stderr, flush=True)
    return burst


def _first_line(error: Exception) -> str:
    """The first line of an error message (Playwright appends a multi-line call log)."""
    return (str(error).splitlines() or [""])[0][:100]
