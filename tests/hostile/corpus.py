"""Hostile strings and a data directory full of them, shared by the AppTest, export and browser
tests. Hosts are documentation addresses (198.51.100.0/24, RFC 5737): never contacted, and any
request to them is caught by the browser tests' guard."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[2]
EVIL = "198.51.100.7"
CORPUS = [
    f"![x](http://{EVIL}/md.png)",
    "[点我](javascript:alert(1))",
    f"<img src=http://{EVIL}/html.png onerror=alert(1)>",
    "<script>alert(2)</script><a href='javascript:alert(3)'>链接</a>",
    f'<a href="http://{EVIL}/plotly">图表链接</a><b>粗</b>',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(1,2)",
    f":red[红字] :material/warning: $x^2$ www.example.com http://{EVIL}/t user@example.com",
    "**粗体** # 标题\n- 列表\n> 引用 | 表 | 格 |",
    "\u202e反向\u200b零宽\U0001F600" + "长" * 2000,
    # Invisible control characters (#29): every C0 control, DEL, a line separator and a
    # right-to-left override. Intake refuses them; a directory that holds them is shown and
    # exported with them removed (a NUL once blanked /tasks: openpyxl refused the export).
    "湖南\x00湘潭" + "".join(chr(c) for c in range(1, 32)) + "尾\x7f删\u2028分\u202e反",
]
# What intake refuses, as the code point it names (hnparks.core.text.CONTROL).
CONTROL_CORPUS = [s for s in CORPUS if any(ch in s for ch in "\x00\x1b\x7f\u2028\u202e")]
# Raw forms that must never reach a Markdown element unescaped.
LIVE_MARKDOWN = ["![x](", "](javascript", "<img", "<script", ":red[红字", "](http", "$x^2$",
                 "www.example.com", "user@example.com", "**粗体**"]


def hostile(i: int) -> str:
    """The i-th hostile string, made unique (some columns must be unique)."""
    return f"{CORPUS[i % len(CORPUS)]} {i}"


def _plant(frame: pd.DataFrame, column: str, count: int | None = None) -> pd.DataFrame:
    frame = frame.copy()
    n = len(frame) if count is None else min(count, len(frame))
    values = frame[column].astype(object).tolist()
    for i in range(n):
        values[i] = hostile(i)
    frame[column] = pd.Series(values, index=frame.index, dtype=frame[column].dtype)
    return frame


PLANTS = {  # dataset → (text column, rows to replace; None = all)
    "parks": ("park_name", 40),
    "task_progress": ("latest_update", None),
    "key_projects": ("project_name", None),
    "env_problems": ("description", None),
    "enterprises": ("enterprise_name", None),
    "reform_progress": ("evidence_note", None),
    "specialty_parks": ("specialty_name", None),
    "task_milestones": ("evidence", None),
    "park_platforms": ("platform_name", None),
}


def hostile_data_dir(target: Path) -> Path:
    """A copy of data/ whose text columns hold the corpus (the build's files, rewritten)."""
    shutil.copytree(REPO / "data", target, ignore=shutil.ignore_patterns("versions",
                                                                          "load_state.json"))
    for name, (column, count) in PLANTS.items():
        path = target / "curated" / f"{name}.parquet"
        _plant(pd.read_parquet(path), column, count).to_parquet(path, index=False)
    return target
