"""Ingest: good and bad report files, all-or-nothing loads, atomic writes, rollback, templates."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml
from openpyxl import Workbook, load_workbook

from hnparks.__main__ import main
from hnparks.commands import store
from hnparks.commands.ingest import (
    IMPORT_FILLED,
    LABELS,
    REFERENCE_COLUMNS,
    REPORTABLE,
    check_files,
    column_labels,
)
from hnparks.commands.templates import build_template
from hnparks.core.access import Identity
from hnparks.data.catalog import read_catalog
from hnparks.data.intake import DATA_SHEET, INSTRUCTIONS_SHEET
from hnparks.data.loading import dataset_path, merge_by_key

REPO_DATA = Path(__file__).resolve().parents[2] / "data"
REFERENCE_LABELS = {c: LABELS[c] for c in REFERENCE_COLUMNS}
INDICATORS = ["revenue_ytd", "tax_ytd", "output_ytd", "investment_ytd", "export_ytd",
              "industrial_land_mu", "above_scale_firms", "hightech_firms"]


def office(name: str) -> Identity:
    """The park office's authenticated administrator, as the 数据管理 page would pass it."""
    return Identity("office", name, "admin")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A private copy of data/ (the repository's data/ is never written by tests)."""
    shutil.copytree(REPO_DATA, tmp_path / "data", ignore=shutil.ignore_patterns("geo"))
    return tmp_path / "data"


def digest(root: Path) -> dict[str, str]:
    """What readers see: each dataset's current file and the catalog as read (provenance,
    source, as-of, official years) — to prove a rejection changed nothing and a rollback restored everything."""
    out = {name: hashlib.sha256(dataset_path(name, root).read_bytes()).hexdigest()
           for name in read_catalog(root)}
    out["catalog"] = repr(sorted((n, i.provenance, i.source, i.as_of, i.official_years)
                                 for n, i in read_catalog(root).items()))
    return out


def curated(root: Path, name: str) -> pd.DataFrame:
    return pd.read_parquet(dataset_path(name, root))


def indicator_rows(root: Path, park: str, period: str, bump: float = 1.0) -> dict:
    """A park-month row as it stands, with flow values raised by `bump` (keeps YTD rising);
    tax by a twentieth of it, so the province's tax growth stays believable (a load that made
    it outrun revenue growth would be refused by the cross-dataset checks)."""
    frame = curated(root, "park_indicators")
    row = frame[(frame.park_id == park) & (frame.period == period)].iloc[0].to_dict()
    for col in INDICATORS[:5]:
        row[col] = round(row[col] + (bump / 20 if col == "tax_ytd" else bump), 2)
    return row


_TEMPLATES: dict[tuple[str, str], bytes] = {}


def template(name: str, root: Path) -> bytes:
    """`build_template(name, root)`, built once per content of the data directory: it reads
    nothing else, so each test's fresh copy of data/ gets the bytes the first copy got (the
    template tests above still build theirs)."""
    content = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        content.update(f"{path.relative_to(root).as_posix()}\0{len(data)}\0".encode())
        content.update(data)
    key = (name, content.hexdigest())
    if key not in _TEMPLATES:
        _TEMPLATES[key] = build_template(name, root)
    return _TEMPLATES[key]


def xlsx(root: Path, rows: list[dict], name: str = "park_indicators",
         headers: list[str] | None = None) -> bytes:
    """A filled copy of the generated template (data from row 2, as a person would type it)."""
    book = load_workbook(io.BytesIO(template(name, root)))
    sheet = book[DATA_SHEET]
    header = headers or [c.value for c in sheet[1]]
    labels = {v: k for k, v in (column_labels(name, root) | REFERENCE_LABELS).items()}
    for c, h in enumerate(header, start=1):
        sheet.cell(row=1, column=c, value=h)
    for r, row in enumerate(rows, start=2):
        for c, h in enumerate(header, start=1):
            sheet.cell(row=r, column=c, value=row.get(labels.get(h, h)))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(root: Path, rows: list[dict], encoding: str, name: str = "park_indicators") -> bytes:
    labels = column_labels(name, root)
    frame = pd.DataFrame(rows)[list(labels)].rename(columns=labels)
    return frame.to_csv(index=False).encode(encoding)


def messages(result) -> str:
    return result.report(limit=500)


# ---- templates -----------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(REPORTABLE))
def test_template_has_chinese_headers_units_and_instructions(root, name):
    book = load_workbook(io.BytesIO(build_template(name, root)))
    assert book.sheetnames[:2] == [DATA_SHEET, INSTRUCTIONS_SHEET]
    header = [c.value for c in book[DATA_SHEET][1]]
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in h) for h in header), header
    notes = "\n".join(str(v) for row in book[INSTRUCTIONS_SHEET].iter_rows(values_only=True)
                      for v in row if v)
    assert read_catalog(root)[name].definition in notes  # the 口径
    for h in header:
        assert h in notes  # every column explained


def test_template_headers_carry_units(root):
    header = [c.value for c in load_workbook(io.BytesIO(build_template("park_indicators", root)))
              [DATA_SHEET][1]]
    assert "技工贸总收入（亿元，累计）" in header and "规上企业数（家，期末）" in header


def test_templates_command_writes_every_template(root, tmp_path):
    assert main(["templates", str(tmp_path / "out"), "--data-dir", str(root)]) == 0
    assert len(list((tmp_path / "out").glob("*.xlsx"))) == len(REPORTABLE)


# ---- good files ----------------------------------------------------------------------------

def test_good_xlsx_replaces_exactly_its_park_months(root):
    before = curated(root, "park_indicators")
    rows = [indicator_rows(root, "P001", "2020-12", 5), indicator_rows(root, "P002", "2020-12", 7)]
    result = check_files("park_indicators", [("六月报.xlsx", xlsx(root, rows))], root)
    assert result.ok, messages(result)
    record = store.commit(result, office("张三"), "省统计局2020年12月园区月报", root)
    assert (record.rows_added, record.rows_replaced) == (0, 2)
    after = curated(root, "park_indicators")
    assert len(after) == len(before)
    assert list(after.dtypes) == list(before.dtypes)
    key = ["park_id", "period"]
    changed = after.set_index(key).compare(before.set_index(key).loc[after.set_index(key).index])
    assert set(changed.index) == {("P001", "2020-12"), ("P002", "2020-12")}
    got = after.set_index(key).loc[("P001", "2020-12"), "revenue_ytd"]
    assert got == pytest.approx(rows[0]["revenue_ytd"])


def test_good_load_marks_the_dataset_official_and_logs_it(root):
    rows = [indicator_rows(root, "P001", "2020-12")]
    result = check_files("park_indicators", [("月报.xlsx", xlsx(root, rows))], root)
    record = store.commit(result, office("张三"), "省统计局月报", root)
    info = read_catalog(root)["park_indicators"]
    assert (info.provenance, info.source, info.as_of) == ("official", "省统计局月报", "2020-12")
    assert yaml.safe_load((root / "catalog.yaml").read_text(encoding="utf-8"))  # never broken
    log = store.history(root)
    assert log.iloc[0][["user", "dataset", "files", "rows_added", "rows_replaced",
                        "version_id"]].tolist() == ["张三", "park_indicators", "月报.xlsx", "0",
                                                    "1", record.version_id]
    assert store.version_file("park_indicators", record.version_id, root).exists()


def test_new_park_month_is_added(root):
    frame = curated(root, "park_indicators")
    # drop a month from the curated copy so that loading it is an addition
    frame[(frame.park_id != "P003") | (frame.period != "2020-12")].to_parquet(
        root / "curated/park_indicators.parquet", index=False)
    row = indicator_rows(root, "P003", "2020-11", 10) | {"period": "2020-12"}
    result = check_files("park_indicators", [("a.xlsx", xlsx(root, [row]))], root)
    assert result.ok, messages(result)
    record = store.commit(result, office("李四"), "月报", root)
    assert (record.rows_added, record.rows_replaced, record.rows_total) == (1, 0, len(frame))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_in_utf8_with_or_without_bom_and_gbk_is_read(root, encoding):
    rows = [indicator_rows(root, "P010", "2020-12", 2)]
    result = check_files("park_indicators", [("报表.csv", csv_bytes(root, rows, encoding))], root)
    assert result.ok, messages(result)
    assert result.frame.loc[0, "revenue_ytd"] == pytest.approx(rows[0]["revenue_ytd"])


def test_env_status_with_yes_no_cells(root):
    status = curated(root, "env_status")
    row = status[(status.park_id == "P005") & (status.period == "2020-06")].iloc[0].to_dict()
    row = {k: ("是" if v is True else "否" if v is False else v) for k, v in row.items()}
    row["green_park_status"] = "已创建"
    result = check_files("env_status", [("env.xlsx", xlsx(root, [row], "env_status"))], root)
    assert result.ok, messages(result)
    store.commit(result, office("王五"), "省生态环境厅", root)
    after = curated(root, "env_status")
    assert after[(after.park_id == "P005") & (after.period == "2020-06")][
        "green_park_status"].item() == "已创建"
    assert after.dtypes.equals(status.dtypes)


# ---- bad files: rejected, nothing changes --------------------------------------------------

def _rejected(root, files, name="park_indicators", *expected):
    before = digest(root)
    result = check_files(name, files, root)
    assert not result.ok
    text = messages(result)
    for part in expected:
        assert part in text, text
    # nothing half-loaded: commit refuses, and curated data and catalog are byte-identical
    with pytest.raises(ValueError):
        store.commit(result, office("张三"), "x", root)
    assert digest(root) == before
    return result


def test_wrong_headers_are_rejected(root):
    header = [c.value for c in load_workbook(io.BytesIO(build_template("park_indicators", root)))
              [DATA_SHEET][1]]
    header[4] = "营业收入"
    data = xlsx(root, [indicator_rows(root, "P001", "2020-12")], headers=header)
    result = _rejected(root, [("bad.xlsx", data)], "park_indicators",
                       "工作表「填报数据」，第 1 行，列「营业收入」：无法识别的列名",
                       "缺少列：技工贸总收入（亿元，累计）")
    assert result.problems[0].row == 1


def test_wrong_types_name_sheet_row_and_column(root):
    good = indicator_rows(root, "P001", "2020-12")
    bad = indicator_rows(root, "P002", "2020-12") | {"tax_ytd": "三百", "above_scale_firms": 12.5}
    _rejected(root, [("types.xlsx", xlsx(root, [good, bad]))], "park_indicators",
              "文件「types.xlsx」，工作表「填报数据」，第 3 行，"
              "列「税收（亿元，累计）」：应为数字（填的是“三百”）",
              "第 3 行，列「规上企业数（家，期末）」：应为整数")


def test_negative_value_is_rejected(root):
    row = indicator_rows(root, "P001", "2020-12") | {"export_ytd": -3}
    _rejected(root, [("neg.xlsx", xlsx(root, [row]))], "park_indicators",
              "第 2 行，列「出口额（亿元，累计）」：不能为负数")


def test_unknown_park_and_city_are_rejected(root):
    row = indicator_rows(root, "P001", "2020-12") | {"park_id": "P999"}
    other = indicator_rows(root, "P002", "2020-12") | {"city_code": "439900"}
    wrong_city = indicator_rows(root, "P003", "2020-12") | {"city_code": "430200"}
    _rejected(root, [("dims.xlsx", xlsx(root, [row, other, wrong_city]))], "park_indicators",
              "第 2 行，列「园区编号」：“P999”不在园区名录中",
              "第 3 行，列「所属市州代码」：“439900”不在市州名录中",
              "第 4 行，列「所属市州代码」：园区 P003 属于市州 430100，不是 430200")


def test_period_outside_the_work_plan_year_is_rejected(root):
    row = indicator_rows(root, "P001", "2020-12") | {"period": "2021-01"}
    _rejected(root, [("y.xlsx", xlsx(root, [row]))], "park_indicators",
              "第 2 行，列「报告期（年-月）」：报告期“2021-01”不在工作要点年度")


def test_duplicate_keys_are_rejected(root):
    row = indicator_rows(root, "P001", "2020-12")
    again = row | {"revenue_ytd": row["revenue_ytd"] + 1}
    _rejected(root, [("dup.xlsx", xlsx(root, [row, again]))],
              "park_indicators",
              "第 3 行：重复数据：园区编号=P001、报告期（年-月）=2020-12 已在第 2 行填报")


def test_duplicates_across_two_files_are_rejected(root):
    row = indicator_rows(root, "P001", "2020-12")
    _rejected(root, [("a.xlsx", xlsx(root, [row])), ("b.csv", csv_bytes(root, [row], "gbk"))],
              "park_indicators", "重复数据")


def test_year_to_date_going_down_is_rejected(root):
    previous = indicator_rows(root, "P001", "2020-05", 0)
    row = indicator_rows(root, "P001", "2020-06", 0) | {"revenue_ytd": previous["revenue_ytd"] - 1}
    _rejected(root, [("ytd.xlsx", xlsx(root, [row]))], "park_indicators",
              "第 2 行，列「技工贸总收入（亿元，累计）」：累计值不应逐月减少：2020-05 为")


def test_empty_file_is_rejected(root):
    _rejected(root, [("empty.xlsx", b"")], "park_indicators", "文件是空的")
    _rejected(root, [("empty.csv", b"")], "park_indicators", "文件是空的")


def test_template_without_rows_is_rejected(root):
    _rejected(root, [("blank.xlsx", build_template("park_indicators", root))],
              "park_indicators", "文件没有数据行")


def test_a_file_that_is_not_a_spreadsheet_is_rejected(root):
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
    _rejected(root, [("report.pdf", pdf)], "park_indicators", "不支持的文件类型「.pdf」")
    _rejected(root, [("renamed.xlsx", pdf)], "park_indicators", "不是有效的 Excel（.xlsx）文件")
    _rejected(root, [("binary.csv", b"\x00\x01\x02" * 100)], "park_indicators", "不是有效的 CSV")


def test_a_10_mb_file_is_rejected(root):
    big = b"a,b\n" + b"1,2\n" * (10 * 1024 * 1024 // 4)
    _rejected(root, [("huge.csv", big)], "park_indicators", "文件过大（10.0 MB）", "上限 5 MB")


def test_one_bad_file_rejects_the_whole_load(root):
    good = xlsx(root, [indicator_rows(root, "P001", "2020-12")])
    _rejected(root, [("good.xlsx", good), ("bad.txt", b"hello")], "park_indicators",
              "文件「bad.txt」")


# ---- atomic writes and rollback ------------------------------------------------------------

def test_a_crash_during_the_write_leaves_the_previous_version_readable(root, monkeypatch):
    before = digest(root)
    original = curated(root, "park_indicators")
    result = check_files("park_indicators",
                         [("a.xlsx", xlsx(root, [indicator_rows(root, "P001", "2020-12", 9)]))],
                         root)
    assert result.ok

    def crash(src, dst):
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        store.commit(result, office("张三"), "月报", root)
    monkeypatch.undo()
    assert digest(root) == before
    pd.testing.assert_frame_equal(curated(root, "park_indicators"), original)
    assert list(root.rglob("*.tmp")) == []


def _one_load(root, park="P001", bump=9.0):
    return check_files("park_indicators",
                       [("a.xlsx", xlsx(root, [indicator_rows(root, park, "2020-12", bump)]))],
                       root)


def test_a_crash_switching_the_state_keeps_the_previous_version(root, monkeypatch):
    """The new rows are written, but replacing the state file (the commit point) fails."""
    before = digest(root)
    result = _one_load(root)
    real = os.replace

    def crash_on_state(src, dst):
        if Path(dst).name == "load_state.json":
            raise OSError("power cut (simulated)")
        real(src, dst)

    monkeypatch.setattr(os, "replace", crash_on_state)
    with pytest.raises(OSError, match="power cut"):
        store.commit(result, office("张三"), "月报", root)
    monkeypatch.undo()
    assert digest(root) == before
    assert len(curated(root, "park_indicators")) == 3456
    assert store.history(root).empty  # no load recorded
    assert list(root.rglob("*.tmp")) == []
    # the next load sweeps the unreferenced file and succeeds
    record = store.commit(_one_load(root), office("张三"), "月报", root)
    assert list((root / "versions/park_indicators").iterdir()) == \
        [store.version_file("park_indicators", record.version_id, root)]


def test_loads_are_undone_newest_first(root):
    before = digest(root)
    first = store.commit(_one_load(root, "P001", 1), office("张三"), "一月报", root)
    second = store.commit(_one_load(root, "P002", 2), office("张三"), "二月报", root)
    assert store.rollback_candidates(root)["version_id"].tolist() == [second.version_id]
    with pytest.raises(ValueError, match="只能回退"):
        store.rollback("park_indicators", office("张三"), first.version_id, root)
    store.rollback("park_indicators", office("张三"), second.version_id, root)
    assert store.rollback_candidates(root)["version_id"].tolist() == [first.version_id]
    store.rollback("park_indicators", office("张三"), root=root)
    assert digest(root) == before
    assert store.rollback_candidates(root).empty


def test_a_crash_while_writing_parquet_leaves_the_file_intact(root, monkeypatch):
    before = digest(root)
    result = check_files("park_indicators",
                         [("a.xlsx", xlsx(root, [indicator_rows(root, "P001", "2020-12", 9)]))],
                         root)
    real = pd.DataFrame.to_parquet

    def half_write(self, target, *args, **kwargs):
        real(self, target, *args, **kwargs)
        raise RuntimeError("killed mid-write (simulated)")

    monkeypatch.setattr(pd.DataFrame, "to_parquet", half_write)
    with pytest.raises(RuntimeError):
        store.commit(result, office("张三"), "月报", root)
    monkeypatch.undo()
    assert digest(root) == before
    assert len(curated(root, "park_indicators")) == 3456
    assert list(root.rglob("*.tmp")) == []


def test_rollback_restores_data_and_illustrative_provenance(root):
    before = digest(root)
    result = check_files("park_indicators",
                         [("a.xlsx", xlsx(root, [indicator_rows(root, "P001", "2020-12", 9)]))],
                         root)
    record = store.commit(result, office("张三"), "省统计局月报", root)
    assert digest(root) != before
    undo = store.rollback("park_indicators", office("张三"), root=root)
    assert digest(root) == before  # data and catalog byte-identical to before the load
    assert read_catalog(root)["park_indicators"].provenance == "illustrative"
    log = store.history(root)
    assert log.iloc[0]["rolls_back"] == record.version_id and log.iloc[0]["action"] == "回退"
    with pytest.raises(ValueError, match="没有可回退的导入"):
        store.rollback("park_indicators", office("张三"), root=root)
    assert undo.rows_total == 3456


def test_rollback_of_the_second_load_keeps_the_first(root):
    first = check_files("park_indicators",
                        [("1.xlsx", xlsx(root, [indicator_rows(root, "P001", "2020-12", 1)]))],
                        root)
    store.commit(first, office("张三"), "一月报", root)
    after_first = digest(root)
    second = check_files("park_indicators",
                         [("2.xlsx", xlsx(root, [indicator_rows(root, "P002", "2020-12", 2)]))],
                         root)
    store.commit(second, office("张三"), "二月报", root)
    store.rollback("park_indicators", office("张三"), root=root)
    assert digest(root) == after_first
    assert read_catalog(root)["park_indicators"].source == "一月报"


def test_cli_ingest_reject_and_rollback(root, tmp_path, capsys):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx(root, [indicator_rows(root, "P001", "2020-12") | {"park_id": "P999"}]))
    before = digest(root)
    args = ["--dataset", "park_indicators", "--user", "张三", "--data-dir", str(root)]
    assert main(["ingest", str(bad), *args]) == 1
    assert "不在园区名录中" in capsys.readouterr().err
    assert digest(root) == before
    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes(root, [indicator_rows(root, "P001", "2020-12", 3)], "gbk"))
    assert main(["ingest", str(good), *args, "--source", "省统计局"]) == 0
    assert "替换 1 行" in capsys.readouterr().out
    assert main(["history", "--data-dir", str(root)]) == 0
    assert "good.csv" in capsys.readouterr().out
    assert main(["rollback", "--dataset", "park_indicators", "--user", "张三",
                 "--data-dir", str(root)]) == 0
    assert digest(root) == before


def test_free_text_with_newlines_and_control_characters_is_stored_safely(root, tmp_path):
    """--source / 导入人 with a newline, a YAML-looking line, control and bidi characters:
    stored as one line, catalog.yaml untouched, and later loads unaffected."""
    catalog_text = (root / "catalog.yaml").read_bytes()
    hostile = '省统计局\n  provenance: illustrative\n"x": [\x00\x1b[31m\u202e月报'
    store.commit(_one_load(root, "P001", 1), office("张三\r\n李四"), hostile, root)
    info = read_catalog(root)["park_indicators"]
    assert info.provenance == "official"
    assert "\n" not in info.source and "\x00" not in info.source and "\u202e" not in info.source
    assert info.source.startswith("省统计局 provenance: illustrative")
    assert store.history(root).iloc[0]["user"] == "张三 李四"
    assert (root / "catalog.yaml").read_bytes() == catalog_text
    good = tmp_path / "g.csv"
    good.write_bytes(csv_bytes(root, [indicator_rows(root, "P002", "2020-12", 2)], "utf-8"))
    assert main(["ingest", str(good), "--dataset", "park_indicators", "--user", "张三",
                 "--source", "第二次\n导入", "--data-dir", str(root)]) == 0
    assert read_catalog(root)["park_indicators"].source == "第二次 导入"
    assert main(["history", "--data-dir", str(root)]) == 0


def test_workbook_without_template_sheet_names_is_read_from_its_first_sheet(root):
    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    labels = column_labels("task_progress", root)
    sheet.append(list(labels.values()))
    sheet.append(["三(一)1", "2020-06", 55, "已起草政策文件"])
    out = io.BytesIO()
    book.save(out)
    result = check_files("task_progress", [("任务.xlsx", out.getvalue())], root)
    assert result.ok, messages(result)
    assert result.frame.loc[0, "progress_pct"] == 55


@pytest.mark.parametrize("name", sorted(REPORTABLE))
def test_every_template_round_trips_current_rows_unchanged(root, name):
    """Rows as they stand, typed into the template as a person would, load as the same rows."""
    before = curated(root, name)
    sample = before.tail(3).to_dict("records")

    def cell(value):
        if isinstance(value, bool):
            return "是" if value else "否"
        if isinstance(value, pd.Timestamp):
            return value.strftime("%Y-%m-%d")
        return None if pd.isna(value) else value

    rows = [{k: cell(v) for k, v in row.items()} for row in sample]
    result = check_files(name, [("r.xlsx", xlsx(root, rows, name))], root)
    assert result.ok, messages(result)
    record = store.commit(result, office("张三"), "核对", root)
    assert (record.rows_added, record.rows_replaced) == (0, 3)
    filled = list(IMPORT_FILLED.get(name, {}))  # set by the import itself (a roster: confirmed)
    pd.testing.assert_frame_equal(curated(root, name).drop(columns=filled),
                                  before.drop(columns=filled))


def test_merge_by_key_replaces_in_place_and_appends_new_keys():
    old = pd.DataFrame({"park_id": ["P001", "P001", "P002"], "period": ["2020-01", "2020-02",
                                                                          "2020-01"],
                        "v": [1.0, 2.0, 3.0]})
    new = pd.DataFrame({"park_id": ["P003", "P001"], "period": ["2020-01", "2020-02"],
                        "v": [9, 8]})
    merged, added, replaced = merge_by_key(old, new, ["park_id", "period"])
    assert (added, replaced) == (1, 1)
    assert merged.values.tolist() == [["P001", "2020-01", 1.0], ["P001", "2020-02", 8.0],
                                      ["P002", "2020-01", 3.0], ["P003", "2020-01", 9.0]]
    assert merged["v"].dtype == old["v"].dtype


def test_files_in_versions_that_a_load_did_not_write_are_never_swept(root):
    """Kept copies from the earlier design (versions/<dataset>/<id>.parquet) survive loads."""
    legacy = root / "versions/park_indicators/20200101T000000000000Z.parquet"
    legacy.parent.mkdir(parents=True)
    legacy.write_bytes(b"kept by an earlier version of the dashboard")
    store.commit(_one_load(root), office("张三"), "月报", root)
    store.commit(_one_load(root, "P002"), office("张三"), "月报", root)
    assert legacy.exists()
