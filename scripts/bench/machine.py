"""The machine and software a benchmark ran on (printed above its tables)."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _run(*command: str) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, cwd=REPO,
                              timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


def describe() -> str:
    """Markdown lines: date, cores, memory, CPU model, Python/Streamlit/pandas versions, commit."""
    import pandas
    import streamlit

    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor() or "?")
    memory = _run("free", "-h").splitlines()
    lines = [
        f"- 日期：{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        f"- CPU：`nproc` = {_run('nproc')}（os.cpu_count() = {os.cpu_count()}），{cpu}",
        f"- 内存（`free -h`）：{' / '.join(' '.join(line.split()) for line in memory[:2])}",
        f"- Python {platform.python_version()}, Streamlit {streamlit.__version__}, "
        f"pandas {pandas.__version__}, Chromium {_run('/usr/bin/chromium', '--version')}",
        f"- 代码：{_run('git', 'rev-parse', '--short', 'HEAD')}"
        f"（分支 {_run('git', 'rev-parse', '--abbrev-ref', 'HEAD')}）",
    ]
    return "\n".join(lines)
