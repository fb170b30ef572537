"""What a park sees before it submits: the office's own load checks on its rows (schema,
dimensions, year, duplicates, year-to-date never going down, cross-dataset consistency — run by
hnparks.commands.ingest on the rows as a report file, not copied), plus figures that need a
note: a month-on-month jump and a year-to-date figure below the same month last year."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from hnparks.commands.ingest import LABELS, check_files, column_labels, schema_columns
from hnparks.commands.reporting_common import report_file, root_dir
from hnparks.core.cells import column_kind
from hnparks.core.formats import fmt_pct
from hnparks.core.paths import catalog_path_version
from hnparks.core.periods import previous_period, same_period_last_year, year_of
from hnparks.data.loading import dataset_path
from hnparks.data.state import state_version
from hnparks.derived.indicator_store import fingerprint

ERROR, NEEDS_NOTE = "错误", "需说明"
# A monthly flow (this month's part of a year-to-date figure) that moves more than this share
# against last month's, or a stock (land, firm counts) more than `STOCK_JUMP`, needs a note.
FLOW_JUMP = 0.5
STOCK_JUMP = 0.2


@dataclass(frozen=True)
class Finding:
    """One thing a check found: 错误 stops a submission; 需说明 needs a note (keyed by column)."""

    level: str
    column: str  # the column code ('' for the whole report)
    label: str  # the column's Chinese header ('' for the whole report)
    row: int | None  # the row of the park's table (0-based), None for the whole report
    message: str

    def text(self) -> str:
        where = f"第 {self.row + 1} 行" if self.row is not None else ""
        where += f"「{self.label}」" if self.label else ""
        return f"{where}：{self.message}" if where else self.message


class Findings(list[Finding]):
    """Every finding of a check, errors first."""

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self if f.level == ERROR]

    @property
    def needs_note(self) -> list[Finding]:
        return [f for f in self if f.level == NEEDS_NOTE]

    @property
    def ok(self) -> bool:
        """No errors (notes may still be needed)."""
        return not self.errors

    def missing_notes(self, notes: dict[str, str]) -> list[Finding]:
        """Flagged figures without a (non-blank) note in `notes` (column code → text)."""
        return [f for f in self.needs_note if not str(notes.get(f.column) or "").strip()]

    def table(self) -> pd.DataFrame:
        """级别 / 列 / 行 / 说明 for a page (column codes kept in `column`)."""
        return pd.DataFrame([{"级别": f.level, "column": f.column, "列": f.label,
                              "行": None if f.row is None else f.row + 1, "问题": f.message}
                             for f in self], columns=["级别", "column", "列", "行", "问题"])


def _labels(dataset: str) -> dict[str, str]:
    return {**column_labels(dataset), **LABELS}


def load_findings(dataset: str, rows: list[dict], root: Path | None = None) -> Findings:
    """The office's load checks (hnparks.commands.ingest.check_files) on the rows, as findings."""
    result = check_files(dataset, [("在线填报.csv", report_file(dataset, rows))], root_dir(root))
    by_label = {label: col for col, label in _labels(dataset).items()}
    return Findings(Finding(ERROR, by_label.get(p.column, ""), p.column,
                            None if p.row is None else p.row - 2, p.message)
                    for p in result.problems)


def _published_row(published: pd.DataFrame, park_id: str, period: str) -> dict | None:
    match = published[(published["park_id"] == park_id) & (published["period"] == period)]
    return match.iloc[0].to_dict() if len(match) else None


def _monthly(ytd: float | None, before: dict | None, period: str) -> float | None:
    """This month's part of a year-to-date figure (January: the figure itself)."""
    if ytd is None or pd.isna(ytd):
        return None
    if period.endswith("-01"):
        return float(ytd)
    return None if before is None or pd.isna(before) else float(ytd) - float(before)


def jump_findings(dataset: str, rows: list[dict], root: Path | None = None) -> Findings:
    """Figures needing a note, against the published data: a monthly flow moving more than
    FLOW_JUMP (or a stock more than STOCK_JUMP) from last month, and a year-to-date figure below
    the same month last year. Only numeric columns (not years)."""
    published = pd.read_parquet(dataset_path(dataset, root_dir(root)))
    labels = _labels(dataset)
    numeric = [c for c, spec in schema_columns(dataset).items()
               if column_kind(spec) in ("float", "int") and not c.endswith("_year")]
    found = Findings()
    for i, row in enumerate(rows):
        period, park = str(row.get("period") or ""), str(row.get("park_id") or "")
        if not period or not park:
            continue
        last = _published_row(published, park, previous_period(period))
        last2 = _published_row(published, park, previous_period(previous_period(period)))
        last_year = _published_row(published, park, same_period_last_year(period))
        for col in numeric:
            value = row.get(col)
            if value is None or pd.isna(value) or last is None or pd.isna(last.get(col)):
                continue
            if col.endswith("_ytd"):
                same_year = year_of(previous_period(period)) == year_of(period)
                now = _monthly(value, last[col] if same_year else None, period)
                prev_before = last2.get(col) if last2 is not None else None
                prev = _monthly(last[col], prev_before, previous_period(period))
                limit, what = FLOW_JUMP, "当月发生额"
            else:
                now, prev, limit, what = float(value), float(last[col]), STOCK_JUMP, "数值"
            if now is not None and prev is not None and prev > 0 and abs(now / prev - 1) > limit:
                found.append(Finding(NEEDS_NOTE, col, labels.get(col, col), i,
                                     f"{what}环比变化 {fmt_pct(now / prev - 1, 1, signed=True)}"
                                     f"（上月 {prev:g}，本月 {now:g}），超过 "
                                     f"{fmt_pct(limit, 0)}，请说明原因"))
            if col.endswith("_ytd") and last_year is not None and \
                    pd.notna(last_year.get(col)) and float(value) < float(last_year[col]):
                found.append(Finding(NEEDS_NOTE, col, labels.get(col, col), i,
                                     f"累计值低于上年同期（上年同期 {float(last_year[col]):g}，"
                                     f"本期 {float(value):g}），请说明原因"))
    return found


def _data_stamp(root: Path) -> tuple:
    """What a check's outcome depends on besides the rows: the loads in effect, the catalog,
    and the files and plans the consistency checks read."""
    return (str(root), state_version(root), catalog_path_version(root), fingerprint(root))


_checked: OrderedDict[tuple, Findings] = OrderedDict()
_CHECKED_MAX = 64
_checked_lock = threading.Lock()


def check_rows(dataset: str, rows: list[dict], root: Path | None = None) -> Findings:
    """Every finding on a park's rows: the load's errors, else the figures needing a note.
    The same rows on the same data are checked once (a submit right after its check)."""
    root = root_dir(root)
    key = (dataset, json.dumps(rows, sort_keys=True, ensure_ascii=False), _data_stamp(root))
    with _checked_lock:
        if key in _checked:
            return Findings(_checked[key])
    errors = load_findings(dataset, rows, root)
    found = errors if errors else jump_findings(dataset, rows, root)
    with _checked_lock:
        _checked[key] = Findings(found)
        while len(_checked) > _CHECKED_MAX:
            _checked.popitem(last=False)
    return found
