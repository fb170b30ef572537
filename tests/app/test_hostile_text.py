"""Text from data and from the URL is shown inert on every page and in both exports.

A data directory whose park names, task updates, project names, problem descriptions, firms
and notes hold Markdown images and links, javascript: URLs, HTML, formulas and very long odd
Unicode is opened page by page; every Markdown-rendered element must carry those strings only
in escaped form. The Excel export must hold no formula; the HTML export no live markup.
Control characters in the corpus (#29) are refused on intake; pages and every export (Excel,
HTML, PPTX, report templates) show and carry the text with them removed, never a blank page.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from hnparks.core.paths import DATA_DIR_ENV
from hnparks.core.text import CONTROL
from hnparks.data.loading import dataset_path
from tests.app.conftest import open_app, unfold
from tests.hostile.corpus import CONTROL_CORPUS, CORPUS, EVIL, LIVE_MARKDOWN, hostile_data_dir

PAGES = [(None, {}), ("targets", {}), ("clusters", {}), ("environment", {}), ("business", {}),
         ("tasks", {}), ("park", {"park": "P001"}), ("park", {"city": "430100"}),
         (None, {"park": "P002"}), ("targets", {"city": "430100"}), ("efficiency", {}),
         ("efficiency", {"city": "430100"}), ("opening", {}), ("opening", {"park": "P001"})]


@pytest.fixture(scope="module")
def hostile_root(tmp_path_factory) -> str:
    return str(hostile_data_dir(tmp_path_factory.mktemp("hostile") / "data"))


@pytest.fixture
def hostile_app(hostile_root, monkeypatch):
    monkeypatch.setenv(DATA_DIR_ENV, hostile_root)
    return open_app


def _markdown_bodies(at) -> list[str]:
    """Every string the page hands to Streamlit's Markdown renderer."""
    bodies = []
    for kind in ("markdown", "caption", "warning", "info", "success", "error", "title",
                 "header", "subheader"):
        bodies += [str(e.value) for e in getattr(at, kind)]
    bodies += [str(m.label) for m in at.metric]
    bodies += [str(getattr(e, "help", "") or "") for e in at.metric]
    return bodies


def _assert_inert(bodies: list[str]) -> None:
    """No hostile fragment in its raw form: escaped, its first character has a backslash; no
    control character at all."""
    for body in bodies:
        assert not CONTROL.search(body), f"control character in: {body[:80]!r}"
        for live in [*LIVE_MARKDOWN, f"http://{EVIL}"]:
            assert not re.search(r"(?<!\\)" + re.escape(live), body), \
                f"live markup {live!r} in: {body[:200]}"


@pytest.mark.parametrize(("page", "params"), PAGES)
def test_every_page_shows_hostile_data_text_inert(hostile_app, page, params):
    at = hostile_app(page, **params)
    assert not at.exception
    for _ in range(3):  # folded lists, then lists folded inside them: check them opened
        if not any(e.key and e.key.endswith("_open") and not e.proto.expanded
                   for e in at.expander):
            break
        unfold(at)
    _assert_inert(_markdown_bodies(at))
    for table in at.dataframe:
        frame = table.value
        texts = [v for col in frame.columns if frame[col].dtype == object or
                 pd.api.types.is_string_dtype(frame[col]) for v in frame[col] if isinstance(v, str)]
        assert not [t for t in texts if CONTROL.search(t)], table.key


def test_present_mode_slides_show_hostile_text_inert(hostile_app):
    at = hostile_app(None, present="1", park="P001")
    assert not at.exception
    _assert_inert(_markdown_bodies(at))


@pytest.mark.parametrize("value", [f"![x](http://{EVIL}/u.png)", "[a](javascript:alert(1))",
                                   "x" * 100_000])
def test_a_hostile_url_parameter_is_echoed_inert_and_short(value):
    at = open_app(None, city=value)
    notices = [w.value for w in at.sidebar.warning if "链接参数有误" in w.value]
    assert notices, [w.value for w in at.sidebar.warning]
    _assert_inert(notices)
    assert len(notices[0]) < 120


def _read(root: str, name: str) -> pd.DataFrame:
    return pd.read_parquet(dataset_path(name, Path(root)))


def test_the_excel_ledger_export_holds_no_formula(hostile_root):
    from components.views.tasks_panels import ledger_workbook
    from hnparks.views import tasks as lg

    ledger = lg.task_ledger(_read(hostile_root, "tasks"), _read(hostile_root, "task_progress"),
                            "2020-12")
    # every hostile string in some task's latest update, whatever month the corpus landed on
    ledger["latest_update"] = [CORPUS[i % len(CORPUS)] for i in range(len(ledger))]
    data = ledger_workbook(ledger, "2020-12", "文件", "全部")
    sheet = load_workbook(io.BytesIO(data)).active
    cells = [c for row in sheet.iter_rows() for c in row]
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert all(c.data_type != "f" for c in cells)
    assert any("=cmd" in t for t in texts)  # the hostile update is there, as text
    assert any("湖南湘潭" in t for t in texts)  # the control characters' text, without them
    assert not [t for t in texts if CONTROL.search(t)]
    assert not [t for t in texts if t.startswith(("=", "+", "-", "@"))]


def test_the_html_briefing_export_has_no_live_markup(hostile_root):
    from components.views.present_export import briefing_html
    from hnparks.core.scope import Scope
    from hnparks.views.present import build_slides, cutoff_label

    data = _Data(hostile_root)
    for scope in (Scope("2020-12", None, None), Scope("2020-12", "430100", "P001")):
        slides = build_slides(data, scope)
        html = briefing_html(slides, scope_label=CORPUS[2], cutoff=cutoff_label(scope),
                             document=CORPUS[3], notes={s.key: CORPUS[0] for s in slides})
        body = html.split("<script", 1)[0] + "".join(  # outside plotly.js, no live markup
            part.split("</script>", 1)[-1] for part in html.split("<script")[1:])
        assert "<img" not in body and "<a " not in body and "<script>alert" not in body
        assert not re.search(r"href\s*=\s*['\"]?javascript", body)
        assert "&lt;img" in body  # the text is there, as text
        assert not CONTROL.search(html.split("<script", 1)[0])


class _Data(dict):
    """Datasets read straight from a data directory, for domain functions taking `data`."""

    def __init__(self, root: str) -> None:
        super().__init__()
        self.root = root

    def __missing__(self, name: str) -> pd.DataFrame:
        from hnparks.core.schemas import SCHEMAS
        from hnparks.derived.indicator_store import STORE, load_or_build

        if name not in SCHEMAS and name != STORE:
            raise KeyError(name)
        self[name] = load_or_build(Path(self.root)) if name == STORE else _read(self.root, name)
        return self[name]


def test_the_pptx_briefing_and_report_templates_build_from_such_data(hostile_root):
    """python-pptx and openpyxl refuse a control character: both exports build, without them."""
    from pptx import Presentation

    from components.views.present_pptx import briefing_pptx
    from hnparks.commands.templates import build_template
    from hnparks.core.scope import Scope
    from hnparks.views.present import build_slides, cutoff_label

    scope = Scope("2020-12", "430100", None)
    slides = build_slides(_Data(hostile_root), scope)
    deck = Presentation(io.BytesIO(briefing_pptx(
        slides, scope_label=CORPUS[-1], cutoff=cutoff_label(scope), document=CORPUS[-1],
        notes={s.key: CORPUS[-1] for s in slides})))
    texts = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes
             if shape.has_text_frame]
    assert any("湖南湘潭" in t for t in texts)
    assert not [t for t in texts if CONTROL.search(t)]
    book = load_workbook(io.BytesIO(build_template("park_indicators", Path(hostile_root))))
    names = [c.value for row in book["园区名录"].iter_rows() for c in row
             if isinstance(c.value, str)]
    assert any("湖南湘潭" in n for n in names) and not [n for n in names if CONTROL.search(n)]


def test_intake_refuses_the_corpus_strings_holding_control_characters(tmp_path):
    """Each corpus string in a task report's 最新进展: those with a control character are
    refused with row, column and the character; the rest load as text."""
    import shutil

    from hnparks.commands.ingest import check_files, column_labels

    root = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parents[2] / "data", root,
                    ignore=shutil.ignore_patterns("geo", "versions", "load_state.json"))
    june = _read(str(root), "task_progress").query("period == '2020-06'").head(len(CORPUS))
    june = june.assign(latest_update=CORPUS[: len(june)])
    labels = column_labels("task_progress", root)
    data = june[list(labels)].rename(columns=labels).to_csv(index=False).encode("utf-8")
    result = check_files("task_progress", [("hostile.csv", data)], root)
    refused = {p.row - 2 for p in result.problems}
    assert refused == {CORPUS.index(s) for s in CONTROL_CORPUS}, result.report()
    assert all(p.column == "最新进展" and p.message.startswith("含不可见控制字符 U+")
               for p in result.problems)
    assert "U+0000" in result.report() and "U+202E" in result.report()
    clean = june.drop(june.index[sorted(refused)])
    data = clean[list(labels)].rename(columns=labels).to_csv(index=False).encode("utf-8")
    assert check_files("task_progress", [("hostile.csv", data)], root).ok


def test_the_tasks_export_is_built_on_request_and_a_failure_stays_beside_it(hostile_app,
                                                                          monkeypatch):
    """/tasks with a NUL in a task update: the page shows, the Excel builds when asked; a
    build that fails says so beside its button and leaves the page up."""
    at = hostile_app("tasks", period="2020-06")
    assert not at.get("download_button")  # nothing built while the page loads
    at.button(key="tasks_export_build").click().run()
    assert [b for b in at.get("download_button") if b.proto.label.startswith("下载Excel")]
    import components.views.tasks_panels as panels

    def broken(*_args: object) -> bytes:
        raise RuntimeError("disk full")

    monkeypatch.setattr(panels, "ledger_workbook", broken)
    at.selectbox(key="tasks_department").set_value(at.selectbox(key="tasks_department")
                                                   .options[1]).run()
    at.button(key="tasks_export_build").click().run()
    assert not at.exception
    notes = [c.value for c in at.caption if "文件生成失败" in c.value]
    assert notes and "错误编号" in notes[0] and "disk full" not in notes[0]
    assert not [e for e in at.error if "数据暂时无法显示" in e.value]
    assert [m for m in at.markdown if "重点任务" in m.value or "#####" in m.value]
