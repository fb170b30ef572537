"""Markdown tables of every part, each row beside the bare page and the ratio to it."""

from __future__ import annotations

from bench.clicks import Clicks
from bench.concurrency import Burst
from bench.server import RunTimes
from bench.stats import Samples, fmt, fmt_bytes, fmt_ratio, markdown_table, ratio


def server_table(rows: dict[tuple[str, str], RunTimes], bare: RunTimes) -> str:
    """Cold and warm CPU/wall per page and context; ratio of warm medians to the bare page."""
    header = ["页面", "范围", "冷 CPU 中位", "冷 wall 中位", "热 CPU 中位", "热 CPU p95",
              "热 wall 中位", "热 wall p95", "热 CPU ÷ 空白", "热 wall ÷ 空白", "异常"]
    out = [_server_row("空白对照页", "–", bare, bare)]
    out += [_server_row(page, scope, times, bare) for (page, scope), times in rows.items()]
    return markdown_table(header, out) + "\n\n（秒；CPU = 进程 CPU 时间，wall = 墙钟时间）"


def _server_row(page: str, scope: str, t: RunTimes, bare: RunTimes) -> list[str]:
    return [page, scope, fmt(t.cold_cpu.median), fmt(t.cold_wall.median), fmt(t.warm_cpu.median),
            fmt(t.warm_cpu.p95), fmt(t.warm_wall.median), fmt(t.warm_wall.p95),
            fmt_ratio(ratio(t.warm_cpu.median, bare.warm_cpu.median)),
            fmt_ratio(ratio(t.warm_wall.median, bare.warm_wall.median)),
            "; ".join(t.errors) or "无"]


def clicks_table(clicks: Clicks, bare: Clicks) -> str:
    """Click-to-idle seconds, server CPU and websocket bytes per interaction, vs the bare page."""
    floor = bare.seconds.get(("空白对照页", "市州"), Samples())
    floor_cpu = bare.server_cpu.get(("空白对照页", "市州"), Samples())
    header = ["页面", "操作", "次数", "到空闲 中位 s", "p95 s", "÷ 空白", "服务器 CPU 中位 s",
              "CPU ÷ 空白", "每次切换收到的 WebSocket 字节 中位"]
    rows = []
    for source in (bare, clicks):
        for key, samples in source.seconds.items():
            cpu = source.server_cpu[key]
            rows.append([key[0], key[1], len(samples.values), fmt(samples.median),
                         fmt(samples.p95), fmt_ratio(ratio(samples.median, floor.median)),
                         fmt(cpu.median), fmt_ratio(ratio(cpu.median, floor_cpu.median)),
                         fmt_bytes(source.ws_bytes[key].median)])
    note = ("空白对照页只有一个下拉框：各项操作都与它的“市州”切换相比。"
            "字节 = 一次切换（报告期、市州、地图点击、翻页）服务器发来的全部 WebSocket 帧（目标 ≤ 50 KB）。")
    return markdown_table(header, rows) + f"\n\n{note}" + _errors(clicks.errors + bare.errors)


def views_table(clicks: Clicks, bare: Clicks) -> str:
    """One fresh page view per page (empty HTTP cache): seconds to idle and bytes received."""
    floor = bare.views.get("空白对照页")
    header = ["页面", "打开到空闲 s", "÷ 空白", "WebSocket 字节", "HTTP 字节", "合计", "WS ÷ 空白",
              "异常数"]
    rows = []
    for name, v in {**bare.views, **clicks.views}.items():
        rows.append([name, fmt(v.seconds), fmt_ratio(ratio(v.seconds, floor.seconds if floor
                                                            else float("nan"))),
                     fmt_bytes(v.ws_bytes), fmt_bytes(v.http_bytes),
                     fmt_bytes(v.ws_bytes + v.http_bytes),
                     fmt_ratio(ratio(v.ws_bytes, floor.ws_bytes if floor else float("nan"))),
                     v.exceptions])
    return markdown_table(header, rows)


def burst_table(dashboard: Burst, bare: Burst | None) -> str:
    """N sessions at once: errors, load and change p50/p95, wall time of the burst."""
    header = ["应用", "会话数", "错误", "打开 p50 s", "打开 p95 s", "切换 p50 s", "切换 p95 s",
              "切换 p95 ÷ 空白", "整体耗时 s"]
    rows = []
    for name, burst in (("空白对照页", bare), ("驾驶舱", dashboard)):
        if burst is None:
            continue
        floor = bare.changes.p95 if bare else float("nan")
        rows.append([name, burst.sessions, len(burst.errors), fmt(burst.loads.median),
                     fmt(burst.loads.p95), fmt(burst.changes.median), fmt(burst.changes.p95),
                     fmt_ratio(ratio(burst.changes.p95, floor)), fmt(burst.wall, 1)])
    errors = dashboard.errors + (bare.errors if bare else [])
    return markdown_table(header, rows) + _errors(errors)


def _errors(errors: list[str]) -> str:
    if not errors:
        return ""
    shown = "\n".join(f"- {e}" for e in errors[:20])
    more = f"\n- …（另有 {len(errors) - 20} 条）" if len(errors) > 20 else ""
    return f"\n\n错误：\n{shown}{more}"
