"""Text from data and from the URL is shown inert on every page and in both exports.

A data directory whose park names, task updates, project names, problem descriptions, firms
and notes hold Markdown images and links, javascript: URLs, HTML, formulas and very long odd
Unicode is opened page by page; every Markdown-rendered element must carry those strings only
in escaped form. The Excel export must hold no formula; the HTML export no live markup.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from hnparks.core.paths import DATA_DIR_ENV
from hnparks.data.loading import dataset_path
from tests.app.conftest import open_app
from tests.hostile.corpus import CORPUS, EVIL, LIVE_MARKDOWN, hostile_data_dir

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
    """No hostile fragment in its raw form: escaped, its first character has a backslash."""
    for body in bodies:
        for live in [*LIVE_MARKDOWN, f"http://{EVIL}"]:
            assert not re.search(r"(?<!\\)" + re.escape(live), body), \
                f"live markup {live!r} in: {body[:200]}"


@pytest.mark.parametrize(("page", "params"), PAGES)
def test_every_page_shows_hostile_data_text_inert(hostile_app, page, params):
    at = hostile_app(page, **params)
    assert not at.exception
    _assert_inert(_markdown_bodies(at))


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
