"""Any year's work points: with only the fictitious 2031 test plan (tests/fixtures/plans/2031) in
the data directory, every page, every slide and the exports show that plan's title, deadlines and
targets, and not one other year."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest

from hnparks.core.paths import DATA_DIR_ENV
from hnparks.plans.registry import load_plan
from tests.app.conftest import open_app
from tests.app.test_provenance import shown_texts
from tests.fixtures.year_fixture import FIXTURE_PLAN, build_fixture_data_dir

PLAN = load_plan(FIXTURE_PLAN)
PAGES = [None, "targets", "clusters", "environment", "business", "efficiency", "opening", "tasks",
         "park"]
PERIOD = f"{PLAN.year}-10"  # after the plan's assessment deadline: the overdue wording shows it
# A year as text names it (年, a date, a 文号) anywhere, chart specs included; in plain text any
# standalone 19xx/20xx (a chart's numbers, e.g. coordinates or 亿元 values, are not years).
DATED_YEAR = re.compile(r"(?<![\d.])(19|20)\d{2}(?=年|-\d\d|〕)")
ANY_YEAR = re.compile(r"(?<![\d.])(19|20)\d{2}(?![\d.])")


@pytest.fixture(scope="module")
def year_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("plan_year")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(DATA_DIR_ENV, str(root))
        build_fixture_data_dir(root)
        yield root


def _foreign_years(texts: list[str], rendered: bool = False) -> list[str]:
    """Snippets that name a year other than the plan's and the year before (its 同比 base);
    `rendered`: a page's visible text, where chart axes show bare numbers."""
    allowed = {str(PLAN.year), str(PLAN.base_year)}
    out = []
    for text in texts:
        pattern = DATED_YEAR if rendered or text.startswith(("{", "[")) else ANY_YEAR
        for hit in pattern.finditer(text):
            if hit.group() not in allowed:
                out.append(text[max(0, hit.start() - 30):hit.end() + 30])
    return out


@pytest.mark.parametrize("page", PAGES)
def test_every_page_reads_the_plan_of_its_year(year_dir, page):
    at = open_app(page, period=PERIOD)
    texts = shown_texts(at)
    joined = "\n".join(texts)
    assert PLAN.document in joined  # the page header cites the plan's 文号 and title
    assert not _foreign_years(texts), _foreign_years(texts)[:5]
    assert at.sidebar.selectbox(key="ctx_period").value == PERIOD


def test_the_targets_deadlines_and_issue_date_are_the_plans(year_dir):
    texts = "\n".join(shown_texts(open_app("targets", period=PERIOD)))
    assert "6.6万亿元" in texts or "6.6" in texts  # the plan's own 技工贸总收入 target
    business = "\n".join(shown_texts(open_app("business", period=PERIOD)))
    assert "2031年9月30日" in business or "2031-09-30" in business  # the plan's assessment deadline


def test_every_slide_and_the_exports_follow_the_plan(year_dir):
    from components.views.present_export import briefing_html
    from components.views.tasks_panels import ledger_workbook
    from hnparks.core.schemas import SCHEMAS
    from hnparks.core.scope import Scope
    from hnparks.data.loading import load_dataset
    from hnparks.derived.indicator_store import STORE, load_or_build
    from hnparks.views import tasks as lg
    from hnparks.views.present import build_slides

    at = open_app(mode="present", period=PERIOD)
    seen: list[str] = []
    for _ in range(8):
        seen += shown_texts(at)
        at.button(key="present_next").click().run()
    assert not _foreign_years(seen), _foreign_years(seen)[:5]
    assert f"{PLAN.year}年底目标" in "\n".join(seen)  # the environment chart's year-end line

    data = {name: load_dataset(name, year_dir) for name in SCHEMAS}
    data[STORE] = load_or_build(year_dir)
    slides = build_slides(data, Scope(PERIOD))
    html = briefing_html(slides, scope_label="全省", cutoff=f"统计截止：{PLAN.year}年10月末",
                         document=PLAN.document, notes={s.key: "示意数据" for s in slides})
    assert PLAN.document in html and "2031年9月30日" in html
    # plotly's version and scripts, and the charts' random element ids ("fa9d1964-…") are not
    # years the page names
    assert not _foreign_years([re.sub(r'plotly\.js v[\d.]+|<script.*?</script>|id="[0-9a-f-]{36}"',
                                      "", html, flags=re.S)])
    ledger = lg.ledger_for(data, PERIOD)
    book = openpyxl.load_workbook(io.BytesIO(ledger_workbook(ledger, PERIOD, PLAN.document, "全部")))
    cells = [str(c) for row in book.active.iter_rows(values_only=True) for c in row if c]
    assert any(PLAN.document in c for c in cells)
    assert not _foreign_years(cells), _foreign_years(cells)[:5]
