"""Invisible control characters (issue #29): refused on intake in every text column, CSV and
xlsx alike, with row, column and the character named; a data directory that already holds one
is read, shown and exported with the character removed."""

from __future__ import annotations

import io
import shutil
import zipfile

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from hnparks.__main__ import main
from hnparks.commands.ingest import check_files, column_labels, schema_columns
from hnparks.core.cells import column_kind
from hnparks.core.text import printable
from hnparks.data.intake import DATA_SHEET
from hnparks.data.loading import dataset_path, load_dataset
from tests.unit.test_ingest import REPO_DATA, curated, digest

# Every character the issue names: C0 controls but tab and line breaks, DEL, the Unicode line
# and paragraph separators, bidi embeddings, overrides and isolates.
CONTROLS = ([chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"] +
            ["\x7f", "\u2028", "\u2029", "\u202a", "\u202e", "\u2066", "\u2069"])


@pytest.fixture
def root(tmp_path):
    """A private copy of data/ (as in test_ingest)."""
    shutil.copytree(REPO_DATA, tmp_path / "data", ignore=shutil.ignore_patterns("geo"))
    return tmp_path / "data"


def _task_rows(root, update: str, at: int = 2, filler: str = "推进顺利") -> pd.DataFrame:
    """The June task reports as they stand, the `at`-th (0-based) holding `update`; earlier
    rows padded so the character lies beyond the first 4 KB of a CSV."""
    frame = curated(root, "task_progress")
    frame = frame[frame.period == "2020-06"].head(at + 1).copy()
    frame["latest_update"] = [filler * 300] * at + [update]
    return frame


def _csv(root, frame: pd.DataFrame, name: str = "task_progress") -> bytes:
    labels = column_labels(name, root)
    return frame[list(labels)].rename(columns=labels).to_csv(index=False).encode("utf-8")


def _xlsx(root, frame: pd.DataFrame, name: str = "task_progress",
          raw: dict[str, str] | None = None) -> bytes:
    """The rows as a workbook, each control character as Excel stores it (_xHHHH_ where XML
    cannot carry the character itself); `raw` replaces a cell's text in the XML as written."""
    labels = column_labels(name, root)
    table = frame[list(labels)].rename(columns=labels)
    book = Workbook()
    sheet = book.active
    sheet.title = DATA_SHEET
    sheet.append(list(table.columns))
    marks = {}
    for r, row in enumerate(table.itertuples(index=False)):
        values = []
        for c, value in enumerate(row):
            if isinstance(value, str) and any(ch in value for ch in CONTROLS):
                marks[f"MARK{r}X{c}END"] = value
                value = f"MARK{r}X{c}END"
            values.append(value)
        sheet.append(values)
    out = io.BytesIO()
    book.save(out)
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    final = io.BytesIO()
    with zipfile.ZipFile(final, "w") as copy:
        for entry in source.infolist():
            data = source.read(entry)
            for mark, value in marks.items():
                text = "".join(f"_x{ord(ch):04X}_" if ord(ch) < 0x20 else ch for ch in value)
                data = data.replace(mark.encode(), text.encode("utf-8"))
            for old, new in (raw or {}).items():
                data = data.replace(old.encode(), new.encode())
            copy.writestr(entry, data)
    return final.getvalue()


def test_the_reproduction_a_nul_in_a_csv_task_update_is_refused_with_row_and_column(root):
    """The probe's file: 最新进展 `湖南\\x00湘潭` in a CSV (beyond the first 4 KB) used to load."""
    before = digest(root)
    result = check_files("task_progress", [("x.csv", _csv(root, _task_rows(root, "湖南\x00湘潭")))],
                         root)
    assert not result.ok
    text = result.report()
    assert "第 4 行" in text and "最新进展" in text and "含不可见控制字符 U+0000" in text, text
    assert len(result.problems) == 1
    assert digest(root) == before


def test_a_small_csv_with_one_nul_is_refused_for_the_character_not_as_binary(root):
    result = check_files("task_progress", [("x.csv", _csv(root, _task_rows(root, "a\x00b", 0)))],
                         root)
    assert "第 2 行" in result.report() and "U+0000" in result.report(), result.report()


@pytest.mark.parametrize("char", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_every_control_character_is_refused_in_csv_and_xlsx(root, char, kind):
    rows = _task_rows(root, f"湖南{char}湘潭", 1, "正常")
    data = (_csv if kind == "csv" else _xlsx)(root, rows)
    result = check_files("task_progress", [(f"r.{kind}", data)], root)
    assert not result.ok
    [problem] = result.problems
    assert (problem.row, problem.column) == (3, "最新进展")
    assert problem.message.startswith(f"含不可见控制字符 U+{ord(char):04X}"), problem.message


def test_tab_and_line_breaks_in_a_multi_line_cell_are_accepted_as_line_feeds(root):
    for kind in (_csv, _xlsx):
        rows = _task_rows(root, "第一行\r\n第二行\t备注\r第三行", 0)
        data = kind(root, rows)
        result = check_files("task_progress", [("r." + ("csv" if kind is _csv else "xlsx"),
                                                data)], root)
        assert result.ok, result.report()
        assert result.frame["latest_update"].iloc[0] == "第一行\n第二行\t备注\n第三行"


def test_excel_escapes_are_read_as_the_characters_they_stand_for(root):
    rows = _task_rows(root, "ON TIME", 0)  # ASCII: openpyxl writes other text as &#...;
    data = _xlsx(root, rows, raw={"ON TIME": "ON_x001B_TIME"})
    result = check_files("task_progress", [("r.xlsx", data)], root)
    assert "U+001B" in result.report(), result.report()
    literal = _xlsx(root, rows, raw={"ON TIME": "ON_x005F_x001B_TIME"})
    result = check_files("task_progress", [("r.xlsx", literal)], root)
    assert result.ok and result.frame["latest_update"].iloc[0] == "ON_x001B_TIME"


def test_every_text_column_of_every_reportable_dataset_refuses_them(root):
    """One control character in each text column of each dataset's template row."""
    from hnparks.commands.ingest import REPORTABLE

    checked = 0
    for name in REPORTABLE:
        path = dataset_path(name, root)
        frame = pd.read_parquet(path).head(1)
        texts = [c for c, spec in schema_columns(name).items()
                 if column_kind(spec) == "str" and c in frame and c != "period"]
        for col in texts:
            dirty = frame.copy()
            dirty[col] = dirty[col].astype(object).map(lambda v: f"{v}\x07")
            result = check_files(name, [("r.csv", _csv(root, dirty, name))], root)
            label = column_labels(name, root)[col]
            assert any(p.row == 2 and p.column == label and "U+0007" in p.message
                       for p in result.problems), (name, col, result.report())
            checked += 1
    assert checked > 40


def test_a_header_with_a_control_character_is_named(root):
    rows = _task_rows(root, "正常", 0)
    labels = column_labels("task_progress", root)
    table = rows[list(labels)].rename(columns=labels)
    table.columns = [*table.columns[:-1], table.columns[-1] + "\x1b"]
    result = check_files("task_progress", [("r.csv", table.to_csv(index=False).encode())], root)
    assert "列名含不可见控制字符 U+001B" in result.report(), result.report()


def test_the_cli_refuses_the_probes_file(root, tmp_path, capsys):
    path = tmp_path / "x.csv"
    path.write_bytes(_csv(root, _task_rows(root, "湖南\x00湘潭")))
    code = main(["ingest", str(path), "--dataset", "task_progress", "--user", "t",
                 "--data-dir", str(root)])
    assert code != 0
    output = capsys.readouterr()
    assert "含不可见控制字符 U+0000" in output.out + output.err


def test_a_data_directory_already_holding_them_is_read_without_them(root):
    frame = curated(root, "task_progress")
    frame.loc[frame.index[0], "latest_update"] = "湖南\x00湘潭\u202e\r\n下一行"
    frame.to_parquet(dataset_path("task_progress", root), index=False)
    loaded = load_dataset("task_progress", root)
    assert loaded["latest_update"].iloc[0] == "湖南湘潭\n下一行"
    assert printable("a\x00\x7f\u2028b") == "ab"


def test_the_excel_ledger_of_such_a_directory_builds(root):
    """The probe's page failure: openpyxl refused the character while building the export."""
    from hnparks.commands.exports import ledger_excel
    from hnparks.views.tasks import task_ledger

    ledger = task_ledger(load_dataset("tasks", root), curated(root, "task_progress"), "2020-06")
    ledger.loc[ledger.index[0], "latest_update"] = "湖南\x00湘潭"
    sheet = load_workbook(io.BytesIO(ledger_excel(ledger, "2020-06", "文件", "全部", notice="示意"))).active
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "湖南湘潭" in texts
