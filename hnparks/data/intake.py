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
import time
import zipfile
from dataclasses import dataclass

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
