"""Provenance on every page: 待核 beside every unconfirmed national park name, 推定 beside every
deadline the document does not state, departments exactly as the document writes them; an
official roster and city split loaded through the import path take their 示意 labels away on
every page, and a rollback brings them back."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from hnparks.commands import store
from hnparks.core.access import Identity
from hnparks.core.paths import DATA_DIR_ENV
from tests.app.conftest import REPO, open_app
from tests.rules import PENDING, departments_as_document
from tests.unit.test_ingest import xlsx

PAGES = [None, "targets", "clusters", "environment", "business", "tasks", "park", "efficiency",
         "opening"]
SOURCES = REPO / "data" / "sources"
PLAN = REPO / "data" / "plans" / "2020"
OFFICE = Identity("office", "省园区办 测试", "admin")


def _parks() -> pd.DataFrame:
    return pd.read_parquet(REPO / "data" / "curated" / "parks.parquet")


def _scopes() -> list[dict[str, str]]:
    parks = _parks()
    national = parks[parks["level"] == "国家级"].iloc[0]["park_id"]
    provincial = parks[(parks["level"] == "省级") & (parks["city_code"] == "430300")]
    return [{}, {"city": "430300"}, {"park": national},
            {"park": provincial.iloc[0]["park_id"]}]


def shown_texts(at) -> list[str]:
    """Every text the page shows: Markdown bodies, labels, help, options, table cells, and the
    strings inside charts and maps (plotly and deck specs, decoded)."""
    out: list[str] = []

    def add(value: object) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, pd.DataFrame):
            out.extend(str(c) for c in value.columns)
            out.extend(str(v) for v in value.to_numpy().ravel() if isinstance(v, str))
        elif isinstance(value, list | tuple):
            for v in value:
                add(v)

    def walk(node) -> None:
        for attr in ("value", "label", "help", "options", "placeholder"):
            with contextlib.suppress(Exception):  # an element type without that field
                add(getattr(node, attr, None))
        proto = getattr(node, "proto", None)
        for field in ("spec", "json"):
            raw = getattr(proto, field, "") if proto is not None else ""
            if isinstance(raw, str) and raw.startswith(("{", "[")):
                out.append(json.dumps(json.loads(raw), ensure_ascii=False))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return out


def _national_names() -> list[str]:
    roster = pd.read_csv(SOURCES / "national_parks.csv")
    return roster.loc[~roster["verified"].astype(bool), "park_name"].tolist()


def _unmarked(texts: list[str], names: list[str]) -> list[str]:
    """Places where a national park name is shown without （待核） right after it."""
    found = []
    for text in texts:
        for name in names:
            for hit in re.finditer(re.escape(name), text):
                if not text[hit.end():].startswith(PENDING):
                    found.append(text[max(0, hit.start() - 20):hit.end() + 20])
    return found


def _departments_shown(texts: list[str]) -> list[str]:
    """Each department list shown after 责任单位： (up to the next separator)."""
    out = []
    for text in texts:
        if "责任单位：全部；" in text or text.startswith("筛选"):  # a filter in words, not a list
            continue
        out += re.findall(r"责任单位[：:]\s*([^　｜|\n；。）]+?)(?=[　｜|\n；。）]|\s*$|\s+｜)", text)
    return [d.strip() for d in out]


@pytest.fixture(scope="module")
def document_departments() -> set[str]:
    tasks = pd.read_csv(PLAN / "tasks.csv")
    # 主要目标 (section 二) name no department in the document: they read 文件未列明
    return set(departments_as_document(tasks).values()) | {"文件未列明"}


@pytest.mark.parametrize("period", ["2020-06", "2020-12"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_marks_names_and_keeps_the_documents_departments(page, period,
                                                                      document_departments):
    names = _national_names()
    seen = 0
    for params in _scopes():
        at = open_app(page, period=period, **params)
        texts = shown_texts(at)
        assert not _unmarked(texts, names), (page, params, _unmarked(texts, names)[:5])
        seen += sum(text.count(PENDING) for text in texts)
        for shown in _departments_shown(texts):
            assert shown in document_departments, (page, params, shown)
        table_depts = [v for d in at.dataframe if "责任单位" in d.value.columns
                       for v in d.value["责任单位"]]
        table_depts += [re.sub(r"\\(.)", r"\1", v) for t in at.table
                        if "责任单位" in t.value.columns for v in t.value["责任单位"]]
        assert set(table_depts) <= document_departments, (page, params)
    assert seen, f"{page}: no national park name shown in any scope (the check saw nothing)"


def test_the_ledger_marks_every_inferred_deadline_and_only_those():
    tasks = pd.read_csv(PLAN / "tasks.csv")
    inferred = tasks["deadline_basis"].str.startswith("文件未明确")
    at = open_app("tasks", period="2020-06")
    # each task card (one Markdown block) says 期限：… at the end of its departments line
    cards = [re.search(r"期限：[^\\\]]*", m.value).group(0) for m in at.markdown
             if "期限：" in m.value]
    assert len(cards) == len(tasks)
    marked = [c for c in cards if re.search(r"期限：\d{4}年\d{1,2}月\d{1,2}日（推定）", c)]
    assert len(marked) == int(inferred.sum())
    stated = tasks.loc[~inferred, "deadline"].map(
        lambda d: f"期限：{pd.Timestamp(d).year}年{pd.Timestamp(d).month}月{pd.Timestamp(d).day}日")
    for text in stated:
        assert any(c.endswith(text) for c in cards), text
    note = [c.value for c in at.caption if "各市州人民政府、各园区管委会参与" in c.value]
    assert note, "the document's all-tasks note is not shown on the ledger"


def test_the_environment_task_panels_mark_inferred_deadlines():
    tasks = pd.read_csv(PLAN / "tasks.csv")
    written = departments_as_document(tasks)
    inferred = dict(zip(tasks["task_id"], tasks["deadline_basis"].str.startswith("文件未明确"),
                        strict=True))
    at = open_app("environment", period="2020-06")
    task, checked = None, []
    for text in shown_texts(at):  # a panel: "**三(四)N** …", then its 责任单位 caption
        if hit := re.match(r"\*\*(三\(.\)\d)\*\*", text):
            task = re.sub(r"\\(.)", r"\1", hit.group(1))
        elif text.startswith("责任单位：") and task:
            assert _departments_shown([text]) == [written[task]], text
            assert ("（推定）" in text) == inferred[task], (task, text)
            checked.append(task)
    assert set(checked) == {"三(四)1", "三(四)3"}, checked  # the two task panels


# ---- official roster and city split: 示意 labels go, and come back on rollback ----------------

@pytest.fixture
def root(tmp_path, monkeypatch) -> Path:
    shutil.copytree(REPO / "data", tmp_path / "data")
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    return tmp_path / "data"


def _load(root: Path, name: str) -> None:
    rows = pd.read_parquet(root / "curated" / f"{name}.parquet").to_dict("records")
    result, record = store.load(name, [(f"{name}.xlsx", xlsx(root, rows, name))], OFFICE, None,
                                root)
    assert record is not None, result.report()


def _labels(period: str = "2020-06") -> dict[str, list[str]]:
    """What each page (and the city briefing slide) says about the roster and the city split."""
    out = {}
    for page in PAGES:
        at = open_app(page, period=period, city="430100")
        out[page or "overview"] = shown_texts(at)
    at = open_app(None, mode="present", period=period, city="430100")
    out["slide"] = shown_texts(at)
    for _ in range(5):  # every slide of the city briefing
        at.button(key="present_next").click().run()
        out["slide"] += shown_texts(at)
    return out


def _illustrative_mentions(texts: list[str]) -> list[str]:
    """Texts calling the roster or the city split 示意, or a park name 待核."""
    pattern = r"园区名录|市州目标分解|市州分解目标按2019年|示意，待园区办导入正式分解|非正式分解，示意"
    marked = [name + PENDING for name in _national_names()]
    return [t for t in texts if (re.search(pattern, t) and "示意" in t)
            or any(m in t for m in marked)]


def test_official_roster_and_city_split_remove_their_labels_and_rollback_restores(root):
    before = _labels()
    assert all(_illustrative_mentions(texts) for texts in before.values()), \
        [p for p, t in before.items() if not _illustrative_mentions(t)]
    assert any("市州目标分解" in t for t in before["slide"]), "city slide does not say 示意 split"

    _load(root, "parks")
    _load(root, "city_target_allocation")
    after = _labels()
    for page, texts in after.items():
        assert not _illustrative_mentions(texts), (page, _illustrative_mentions(texts)[:3])
    assert any("园区办导入的正式分解" in t for t in after["targets"])

    store.rollback("city_target_allocation", OFFICE, root=root)
    store.rollback("parks", OFFICE, root=root)
    again = _labels()
    assert all(_illustrative_mentions(texts) for texts in again.values())
    assert any(name + PENDING in t for name in _national_names() for t in again["targets"])
