"""Hostile and oversized report files are refused in seconds, before they are parsed whole.

The files are crafted here the way an attacker would: a valid workbook whose shared strings
or sheet XML decompress to far more than the limits, a sheet of a million rows, an XML entity
bomb, a file that takes too long to read. Each is refused with a Chinese message naming the
limit, memory stays bounded and the data directory is unchanged.
"""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile
from dataclasses import replace

import pytest
from openpyxl import Workbook

from hnparks.commands import store
from hnparks.commands.ingest import check_files, column_labels
from hnparks.data.intake import DATA_SHEET, DEFAULT
from tests.unit.test_ingest import digest, indicator_rows, root, xlsx  # noqa: F401

SST = "xl/sharedStrings.xml"
SHEET = "xl/worksheets/sheet1.xml"
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _workbook_parts() -> dict[str, bytes]:
    """The parts of a minimal real workbook with one sheet 填报数据 and shared strings."""
    book = Workbook()
    book.active.title = DATA_SHEET
    book.active.append(["园区编号", "报告期（年-月）"])
    out = io.BytesIO()
    book.save(out)
    with zipfile.ZipFile(out) as z:
        return {n: z.read(n) for n in z.namelist()}


def _bomb(replaced: dict[str, object]) -> bytes:
    """A workbook whose parts in `replaced` are streamed from generators (bytes chunks)."""
    parts = _workbook_parts()
    if SST in replaced:  # make the workbook point at its shared strings, as Excel's do
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in parts.items():
            if name not in replaced:
                z.writestr(name, data)
        for name, chunks in replaced.items():
            with z.open(name, "w", force_zip64=True) as handle:
                for chunk in chunks:
                    handle.write(chunk)
    return out.getvalue()


def _shared_strings(megabytes: int):
    yield f'<?xml version="1.0"?><sst {NS}>'.encode()
    block = b"<si><t>a</t></si>" * 65536
    for _ in range(megabytes * 1024 * 1024 // len(block)):
        yield block
    yield b"</sst>"


def _rows(count: int, cols: int = 2, dimension: bool = False):
    """A sheet of `count` identical rows (cell references are optional in the format)."""
    yield f'<?xml version="1.0"?><worksheet {NS}>'.encode()
    if dimension:
        yield f'<dimension ref="A1:B{count}"/>'.encode()
    yield b"<sheetData>"
    row = b"<row>" + b"<c><v>1</v></c>" * cols + b"</row>"
    for start in range(0, count, 10_000):
        yield row * min(10_000, count - start)
    yield b"</sheetData></worksheet>"


def _refused(root, data: bytes, *expected: str, limits=None,  # noqa: F811
             seconds: float = 10.0, memory: bool = True) -> str:
    """Check `data` as a park_indicators report: refused with `expected` text within `seconds`,
    (with `memory`) allocating under 200 MB, the data directory unchanged."""
    before = digest(root)
    if memory:
        tracemalloc.start()
    started = time.monotonic()
    result = check_files("park_indicators", [("bomb.xlsx", data)], root, limits=limits)
    elapsed = time.monotonic() - started
    if memory:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert peak < 200 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"
    text = result.report()
    assert not result.ok
    for part in expected:
        assert part in text, text
    assert elapsed < seconds, f"took {elapsed:.1f} s"
    assert digest(root) == before
    return text


def test_a_shared_strings_zip_bomb_is_refused_before_parsing(root):  # noqa: F811
    data = _bomb({SST: _shared_strings(300)})  # 300 MB of strings in a small file
    assert len(data) < DEFAULT.max_bytes
    _refused(root, data, "共享字符串", "上限 5 MB", seconds=5)


def test_a_sheet_that_decompresses_past_the_limit_is_refused(root):  # noqa: F811
    data = _bomb({SHEET: _rows(3_000_000)})
    assert len(data) < DEFAULT.max_bytes
    _refused(root, data, "解压后过大", "上限 50 MB", seconds=5)


@pytest.mark.parametrize("dimension", [True, False])
def test_a_million_row_sheet_is_refused_at_the_row_limit(root, dimension):  # noqa: F811
    limits = replace(DEFAULT, max_unzipped=500 * 1024 * 1024)  # let the rows reach the parser
    data = _bomb({SHEET: _rows(1_000_000, dimension=dimension)})
    _refused(root, data, "数据行过多", "20,000 行上限", limits=limits, seconds=10,
             memory=dimension)  # the streamed case is timed without tracemalloc's overhead


def test_an_xml_entity_bomb_is_refused(root):  # noqa: F811
    lol = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                     for i in range(1, 10))
           + f']><worksheet {NS}><sheetData><row><c t="inlineStr"><is><t>&lol9;</t></is></c>'
           '</row></sheetData></worksheet>').encode()
    _refused(root, _bomb({SHEET: [lol]}), "无法打开", seconds=5)


def test_a_file_over_the_upload_limit_is_refused_unread(root):  # noqa: F811
    data = b"PK" + b"\0" * (DEFAULT.max_bytes + 1)
    _refused(root, data, "文件过大", "上限 5 MB", seconds=2)


def test_a_slow_file_is_stopped_at_the_time_limit(root):  # noqa: F811
    """Within every size limit but slow to read: stopped when the time limit is spent."""
    data = _bomb({SHEET: _rows(19_000, cols=26)})
    limits = replace(DEFAULT, max_seconds=1.0)
    started = time.monotonic()
    _refused(root, data, "超过 1 秒时限", limits=limits, seconds=8, memory=False)
    assert time.monotonic() - started < 8


def test_a_formula_in_a_number_cell_is_reported_as_a_formula(root):  # noqa: F811
    row = indicator_rows(root, "P001", "2020-12", 1) | {"revenue_ytd": "=SUM(A1:A3)"}
    result = check_files("park_indicators", [("f.xlsx", xlsx(root, [row]))], root)
    assert not result.ok
    label = column_labels("park_indicators", root)["revenue_ytd"]
    problem = next(p for p in result.problems if p.column == label)
    assert "公式" in problem.message and "=SUM(A1:A3)" in problem.message
    assert "不能为空" not in result.report()


def test_limits_hold_in_the_cli_and_the_data_is_unchanged(root, tmp_path):  # noqa: F811
    from hnparks.__main__ import main

    bomb = tmp_path / "bomb.xlsx"
    bomb.write_bytes(_bomb({SST: _shared_strings(100)}))
    before = digest(root)
    assert main(["ingest", str(bomb), "--dataset", "park_indicators", "--user", "张三",
                 "--data-dir", str(root)]) == 1
    assert digest(root) == before and store.history(root).empty
