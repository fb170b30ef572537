"""One reported cell and one report's outcome: the problems found, located as the person sees them
in Excel, conversion to the column's type and the schema's checks in Chinese (shared by report
loads and plan folders)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd
import pandera.pandas as pa

from hnparks.core.text import control_chars, line_breaks


@dataclass(frozen=True)
class Problem:
    """One reason a file is rejected, located as the person sees it in Excel."""

    file: str
    sheet: str
    row: int | None  # spreadsheet row number (header is row 1); None = the whole file
    column: str  # the Chinese header, or "" for the whole file/row
    message: str

    def text(self) -> str:
        where = [f"文件「{self.file}」"]
        if self.sheet:
            where.append(f"工作表「{self.sheet}」")
        if self.row is not None:
            where.append(f"第 {self.row} 行")
        if self.column:
            where.append(f"列「{self.column}」")
        return "，".join(where) + f"：{self.message}"


@dataclass
class CheckResult:
    """Outcome of checking files for one dataset: accepted rows or the problems found."""

    dataset: str
    files: list[str]
    frame: pd.DataFrame | None = None
    problems: list[Problem] = field(default_factory=list)
    base: str | None = None  # the dataset file the checks ran against (see store.commit)
    # The indicator store the checks built from the data as this load leaves it, and the
    # fingerprint of the inputs it was checked against: the commit writes it instead of
    # building it again when nothing else changed in between (see store._after_change).
    store: pd.DataFrame | None = field(default=None, repr=False)
    inputs: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems and self.frame is not None

    def report(self, limit: int = 50) -> str:
        """The rejection report in Chinese, one problem a line."""
        if self.ok:
            return f"校验通过：{len(self.frame)} 行。"
        lines = [f"未导入：发现 {len(self.problems)} 处问题，整份文件未导入，已有数据未改动。"]
        lines += [f"- {p.text()}" for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(f"- ……另有 {len(self.problems) - limit} 处问题未列出")
        return "\n".join(lines)

    def problem_table(self) -> pd.DataFrame:
        return pd.DataFrame(
            [{"文件": p.file, "工作表": p.sheet, "行": p.row, "列": p.column, "问题": p.message}
             for p in self.problems],
            columns=["文件", "工作表", "行", "列", "问题"])


_TRUE = {"是", "true", "1", "y", "yes", "√", "已实现"}
_FALSE = {"否", "false", "0", "n", "no", "×", "未实现"}


def blank(value: object) -> bool:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return True
    return str(value).strip() == ""


def refuse_controls(value: object) -> None:
    """ValueError naming each invisible control character a text cell holds (tab and line breaks
    are allowed: hnparks.core.text.CONTROL)."""
    if isinstance(value, str) and (found := control_chars(value)):
        raise ValueError(f"含不可见控制字符 {'、'.join(found)}，请删除后再上传")


def convert(value: object, kind: str, example_year: int) -> object:
    """One cell to the column's type; ValueError with a Chinese reason when it can't be (a date's
    example is written in `example_year`). A cell holding a control character is refused
    whatever its column; a text cell's carriage returns are stored as line feeds."""
    refuse_controls(value)
    if kind == "str":
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return line_breaks(str(value)).strip()
    if kind == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValueError(f"应填“是”或“否”（填的是“{value}”）")
    if kind in ("float", "int"):
        if isinstance(value, bool):
            raise ValueError(f"应为数字（填的是“{value}”）")
        text = str(value).strip().replace(",", "").replace("，", "")
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"应为数字（填的是“{value}”）") from None
        if pd.isna(number):
            raise ValueError("应为数字")
        if kind == "int":
            if not number.is_integer():
                raise ValueError(f"应为整数（填的是“{value}”）")
            return int(number)
        return number
    if kind == "date":
        if isinstance(value, datetime | date):
            return pd.Timestamp(value)
        text = str(value).strip().replace("/", "-").replace(".", "-")
        text = re.sub(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$", r"\1-\2-\3", text)
        try:
            return pd.Timestamp(datetime.strptime(text[:10], "%Y-%m-%d"))
        except ValueError:
            raise ValueError(f"应为日期，如 {example_year}-06-30（填的是“{value}”）") from None
    return value


def column_kind(column: pa.Column) -> str:
    dtype = str(column.dtype).lower()
    if "bool" in dtype:
        return "bool"
    if "int" in dtype:
        return "int"
    if "float" in dtype:
        return "float"
    if "datetime" in dtype:
        return "date"
    return "str"


def check_message(check: pa.Check) -> tuple[str, object]:
    """(Chinese rule, test function on a scalar) for a pandera field check."""
    stats = check.statistics or {}
    name = check.name
    if name == "greater_than_or_equal_to":
        low = stats["min_value"]
        return ("不能为负数" if low == 0 else f"应不小于 {low}"), lambda v: v >= low
    if name == "greater_than":
        low = stats["min_value"]
        return f"应大于 {low}", lambda v: v > low
    if name == "in_range":
        low, high = stats["min_value"], stats["max_value"]
        return f"应在 {low} 至 {high} 之间", lambda v: low <= v <= high
    if name == "isin":
        allowed = list(stats["allowed_values"])
        return f"只能填：{'、'.join(map(str, allowed))}", lambda v: v in allowed
    if name == "str_matches":
        pattern = re.compile(stats["pattern"])
        return "格式不符", lambda v: bool(pattern.match(str(v)))
    return f"不符合规则 {name}", lambda v: True
