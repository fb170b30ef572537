"""Limits on incoming report files, checked before a spreadsheet is parsed.

Why: an .xlsx is a zip of XML. A few megabytes can declare a gigabyte of shared strings or a
million rows (a "zip bomb"); parsing it would hold the server for minutes and gigabytes. So the
zip directory is inspected first (entry count, each entry's and the total decompressed size,
the shared-strings size); Python's zipfile then refuses to inflate an entry past the size it
declared, so these checks bound what parsing can read. Rows, columns and time are bounded
while the one data sheet is streamed. Every refusal is a Chinese sentence naming the limit.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one report file may be. A month's report for 144 parks is well under every limit."""

    max_bytes: int = 5 * MB  # the file as uploaded (matches server.maxUploadSize)
    max_unzipped: int = 50 * MB  # all parts of an .xlsx, decompressed
    max_shared_strings: int = 5 * MB  # xl/sharedStrings.xml, decompressed
    max_entries: int = 500  # parts in the zip
    max_rows: int = 20_000  # data rows in the sheet
    max_columns: int = 60  # columns read from the sheet
    max_seconds: float = 30.0  # reading and checking one load


DEFAULT = Limits()
MAX_BYTES = DEFAULT.max_bytes  # a monthly report of 144 parks is well under 100 KB
DATA_SHEET = "填报数据"
INSTRUCTIONS_SHEET = "填报说明"


class LimitExceeded(ValueError):
    """A file over one of the limits; the message names the limit in Chinese."""


def _mb(n: float) -> str:
    return f"{n / MB:.1f} MB"


def check_size(data: bytes, limits: Limits = DEFAULT) -> None:
    if len(data) > limits.max_bytes:
        raise LimitExceeded(f"文件过大（{_mb(len(data))}），上限 {limits.max_bytes // MB} MB；"
                            "请按月、按数据集分开报送")


def inspect_xlsx(data: bytes, limits: Limits = DEFAULT) -> None:
    """Refuse an .xlsx whose zip directory declares more than the limits allow."""
    try:
        entries = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise LimitExceeded(f"不是有效的 Excel（.xlsx）文件（{error}），请用报表模板填报后上传"
                            ) from error
    if len(entries) > limits.max_entries:
        raise LimitExceeded(f"Excel 文件内部部件过多（{len(entries)} 个，上限 "
                            f"{limits.max_entries} 个），不像报表文件；请用报表模板填报后上传")
    strings = sum(e.file_size for e in entries if e.filename.lower() == "xl/sharedstrings.xml")
    if strings > limits.max_shared_strings:
        raise LimitExceeded(f"Excel 文件中的文字内容过多（共享字符串 {_mb(strings)}，上限 "
                            f"{limits.max_shared_strings // MB} MB）；请只保留「填报数据」工作表后再上传")
    total = sum(e.file_size for e in entries)
    if total > limits.max_unzipped:
        raise LimitExceeded(f"Excel 文件解压后过大（{_mb(total)}，上限 "
                            f"{limits.max_unzipped // MB} MB）；请删除多余的工作表和空行后再上传")


_HEAD = 64 * 1024


def _needs_dimension(head: bytes) -> bool:
    data_at = head.find(b"<sheetData")
    dim_at = head.find(b"<dimension")
    return dim_at == -1 or (data_at != -1 and data_at < dim_at)


def with_dimensions(data: bytes) -> bytes:
    """The workbook with a <dimension> in every sheet that lacks one.

    Why: openpyxl sizes every sheet when it opens a workbook, and a sheet without a declared
    dimension is parsed to its end to find it — a million-row sheet (even one we never read)
    would be parsed whole before any limit could act. Sheets are written unchanged apart from
    that element; the data sheet's real size is then counted while it is streamed.
    """
    book = zipfile.ZipFile(io.BytesIO(data))
    sheets = [e for e in book.infolist() if e.filename.startswith("xl/worksheets/")
              and e.filename.endswith(".xml")]
    todo = {e.filename for e in sheets if _needs_dimension(book.open(e).read(_HEAD))}
    if not todo:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
        for entry in book.infolist():
            with book.open(entry) as src, copy.open(entry.filename, "w",
                                                    force_zip64=True) as dst:
                if entry.filename in todo:
                    head = src.read(_HEAD)
                    root_end = head.find(b">", head.find(b"<worksheet"))
                    dst.write(head[: root_end + 1] + b'<dimension ref="A1"/>' +
                              head[root_end + 1:])
                while chunk := src.read(1024 * 1024):
                    dst.write(chunk)
    return out.getvalue()


def check_rows(rows: int, limits: Limits = DEFAULT) -> None:
    if rows > limits.max_rows:
        raise LimitExceeded(f"数据行过多（超过 {limits.max_rows:,} 行上限）；"
                            "请按月或按市州分成几份文件报送")


class Deadline:
    """A time budget for one load; `check()` raises once it is spent."""

    def __init__(self, limits: Limits = DEFAULT) -> None:
        self.limits = limits
        self.end = time.monotonic() + limits.max_seconds

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise LimitExceeded(f"读取和校验超过 {self.limits.max_seconds:g} 秒时限，已停止；"
                                "请检查文件是否过大或含大量格式、公式，另存为仅含数值的报表后再上传")


# ---- reading report files -------------------------------------------------------------------------

@dataclass
class Sheet:
    file: str
    sheet: str
    frame: pd.DataFrame  # all cells as read, header row applied; index = spreadsheet row


class FileRejected(ValueError):
    """A file that cannot be read as a report at all."""


def _decode_csv(data: bytes) -> str:
    head = data[:4096]
    if head.count(b"\x00") > max(2, len(head) // 100):  # UTF-16 or binary, not a stray NUL
        raise FileRejected("不是有效的 CSV 文本文件（含二进制内容），请上传 .xlsx 或 .csv 报表")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileRejected("无法识别文件编码（支持 UTF-8 与 GBK），请在 Excel 中另存为 .xlsx 再上传")


def _read_csv(file: str, data: bytes, limits: Limits) -> list[Sheet]:
    text = _decode_csv(data)
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False,
                            skip_blank_lines=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise FileRejected(f"无法按 CSV 表格读取：{error}") from error
    check_rows(len(frame), limits)
    frame.index = frame.index + 2  # header is line 1
    return [Sheet(file, "", frame)]


class Formula(str):
    """A cell that holds a formula: reported as such, never taken for a value or a blank."""


# Excel writes a character XML cannot carry (a control character) as _xHHHH_ (ECMA-376
# ST_Xstring; "_x005F_" escapes the underscore itself); openpyxl leaves the escape as it is.
_XSTRING = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _cell(cell: object) -> object:
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", None) == "f":
        return Formula(value)
    if isinstance(value, str) and "_x" in value:
        return _XSTRING.sub(lambda m: chr(int(m.group(1), 16)), value)
    return value


def _read_xlsx(file: str, data: bytes, limits: Limits, deadline: Deadline) -> list[Sheet]:
    """The one data sheet, streamed: formulas kept as `Formula`, rows and time bounded."""
    from openpyxl import load_workbook

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise FileRejected("不是有效的 Excel（.xlsx）文件，请用报表模板填报后上传")
    inspect_xlsx(data, limits)
    try:
        book = load_workbook(io.BytesIO(with_dimensions(data)), read_only=True,
                             data_only=False)
    except Exception as error:  # a damaged or foreign zip, or XML with entities (defusedxml)
        raise FileRejected(f"Excel 文件无法打开：{type(error).__name__}") from error
    deadline.check()
    names = [n for n in book.sheetnames if n == DATA_SHEET] or [
        n for n in book.sheetnames if n != INSTRUCTIONS_SHEET and not n.endswith("名录")][:1]
    if not names:
        raise FileRejected(f"找不到数据工作表（应为「{DATA_SHEET}」）")
    sheets = []
    for name in names:
        sheet = book[name]
        if sheet.max_row:  # the declared dimension, when the file gives one
            check_rows(sheet.max_row - 1, limits)
        sheet.reset_dimensions()  # read to the real end: a declared size may be too small
        rows = []
        for number, row in enumerate(sheet.iter_rows(max_col=limits.max_columns)):
            if number % 500 == 0:
                deadline.check()
            check_rows(number, limits)  # the header is row 0
            rows.append([_cell(c) for c in row])
        while rows and all(v is None or str(v).strip() == "" for v in rows[-1]):
            rows.pop()
        if not rows:
            raise FileRejected(f"工作表「{name}」是空的")
        header = ["" if v is None else str(v).strip() for v in rows[0]]
        while header and header[-1] == "":
            header.pop()
        body = [r[: len(header)] + [None] * (len(header) - len(r)) for r in rows[1:]]
        frame = pd.DataFrame(body, columns=header, dtype=object)
        frame.index = range(2, len(body) + 2)
        blank = frame.map(lambda v: v is None or str(v).strip() == "").all(axis=1)
        sheets.append(Sheet(file, name, frame[~blank]))
    book.close()
    return sheets


def read_report(file: str, data: bytes, max_bytes: int = MAX_BYTES,
                limits: Limits | None = None, deadline: Deadline | None = None) -> list[Sheet]:
    """The data sheet(s) of a report; `FileRejected` with a Chinese reason if unreadable or
    over a limit (size, decompressed size, rows, time: hnparks.data.intake)."""
    limits = limits or replace(DEFAULT, max_bytes=max_bytes)
    deadline = deadline or Deadline(limits)
    if len(data) == 0:
        raise FileRejected("文件是空的（0 字节）")
    suffix = Path(file).suffix.lower()
    try:
        check_size(data, limits)
        if suffix == ".xlsx":
            return _read_xlsx(file, data, limits, deadline)
        if suffix == ".csv":
            return _read_csv(file, data, limits)
    except LimitExceeded as error:
        raise FileRejected(str(error)) from error
    raise FileRejected(f"不支持的文件类型「{suffix or '无扩展名'}」：只接受 .xlsx 或 .csv 报表")
