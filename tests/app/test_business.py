"""营商环境改革 page: what a user sees equals the curated parquet, computed here with pandas."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

from tests.app.conftest import open_app
from tests.rules import departments_as_document

DEADLINE = date(2020, 6, 30)
MONTH_END = {"2020-03": date(2020, 3, 31), "2020-06": date(2020, 6, 30),
             "2020-09": date(2020, 9, 30)}


@pytest.fixture(scope="module")
def frames(data_dir):
    read = lambda name: pd.read_parquet(data_dir / f"curated/{name}.parquet")  # noqa: E731
    items = read("assessment_items")
    rows = read("assessments").merge(read("parks")[["park_id", "city_code"]], on="park_id")
    rows = rows.merge(items[["item_id", "item_name"]], on="item_id")
    return {"items": items, "rows": rows, "cities": read("cities"),
            "reform_items": read("reform_items"), "reform_progress": read("reform_progress"),
            "tasks": read("tasks")}


def _applicable_at(rows: pd.DataFrame, period: str, city: str | None = None) -> pd.DataFrame:
    end = pd.Timestamp(MONTH_END[period])
    rows = rows[rows["applicable"]]
    if city:
        rows = rows[rows["city_code"] == city]
    return rows.assign(done=rows["completion_date"] <= end,
                       published=rows["published_date"] <= end)


def _table(at, column: str) -> pd.DataFrame:
    """The first dataframe on the page that has `column`."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _open_table_tab(at):
    """Unfold the matrix and open its 明细表 tab (both lazy: built only when open)."""
    from components.views.business_matrix_panel import OPEN_KEY, TAB_KEY, TABLE_TAB

    at.session_state[OPEN_KEY] = True
    at.session_state[TAB_KEY] = TABLE_TAB
    return at.run()


def _metric(at, label_start: str):
    return next(m for m in at.metric if m.label.startswith(label_start))


def test_all_twelve_item_names_are_shown(frames):
    at = open_app("business", period="2020-06")
    names = frames["items"]["item_name"].tolist()
    assert len(names) == 12
    assert _table(at, "item_name")["item_name"].tolist() == names
    assert not any("park_name" in d.value.columns for d in at.dataframe)  # matrix folded
    matrix = _table(_open_table_tab(at), "park_name")
    assert [c for c in matrix.columns if c in names] == names
    assert len(matrix) == 144


def test_the_matrix_is_folded_and_sent_only_when_opened():
    """The 144 × 12 matrix is detail under the summary: folded, and not sent until opened."""
    from components.views.business_matrix_panel import OPEN_KEY, TITLE

    at = open_app("business", period="2020-06")
    matrix = lambda: [c for c in at.get("plotly_chart")  # noqa: E731
                      if "business_matrix_chart" in c.proto.id]
    assert any(e.label == TITLE for e in at.expander)
    assert matrix() == []
    at.session_state[OPEN_KEY] = True
    at.run()
    assert len(matrix()) == 1


@pytest.mark.parametrize(("period", "city"), [("2020-06", None), ("2020-03", "430200")])
def test_completion_by_item_equals_the_parquet(frames, period, city):
    at = open_app("business", period=period, **({"city": city} if city else {}))
    rows = _applicable_at(frames["rows"], period, city)
    expected = rows.groupby("item_name", sort=False).agg(
        applicable=("park_id", "size"), done=("done", "sum"), published=("published", "sum"))
    shown = _table(at, "item_name").set_index("item_name")
    for name, row in expected.iterrows():
        assert shown.loc[name, "applicable"] == row["applicable"], name
        assert shown.loc[name, "done"] == row["done"], name
        assert shown.loc[name, "published"] == row["published"], name
        assert shown.loc[name, "rate_pct"] == pytest.approx(100 * row["done"] / row["applicable"])
    # The headline rate is the same ratio over every applicable park-item in scope.
    assert _metric(at, "区域评估完成率").value == f"{rows['done'].mean() * 100:.1f}%"


@pytest.mark.parametrize("period", ["2020-06", "2020-09"])
def test_completion_by_city_equals_the_parquet(frames, period):
    at = open_app("business", period=period)
    rows = _applicable_at(frames["rows"], period)
    expected = rows.groupby("city_code").agg(done=("done", "sum"), applicable=("park_id", "size"),
                                             published=("published", "sum"))
    per_park = _applicable_at(frames["rows"], period).groupby(["city_code", "park_id"])["done"].all()
    all_done = per_park.groupby("city_code").sum()
    names = frames["cities"].set_index("city_code")["city_name"]
    shown = _table(at, "parks_all_done").set_index("city_name")
    assert len(shown) == 14
    for code, row in expected.iterrows():
        city = shown.loc[names[code]]
        assert city["done"] == row["done"], code
        assert city["published"] == row["published"], code
        assert city["rate_pct"] == pytest.approx(100 * row["done"] / row["applicable"]), code
        assert city["parks_all_done"] == all_done[code], code
    assert _metric(at, "12项全部完成").value == f"{int(all_done.sum())} 家"


def test_before_the_deadline_shows_days_left():
    at = open_app("business", period="2020-03", city="430200")
    days = (DEADLINE - MONTH_END["2020-03"]).days
    assert days == 91
    assert _metric(at, "完成期限").value == f"剩余{days}天"
    labels = _table(at, "item_name")["deadline_label"]
    assert not labels.str.startswith("逾期").any()
    assert (labels.str.startswith("剩余") | (labels == "按期完成")).all()


def test_after_the_deadline_shows_days_overdue(frames):
    at = open_app("business", period="2020-09")
    days = (MONTH_END["2020-09"] - DEADLINE).days
    rows = _applicable_at(frames["rows"], "2020-09")
    assert not rows["done"].all()  # the province is not finished, so it is overdue
    assert _metric(at, "完成期限").value == f"逾期{days}天"
    shown = _table(at, "item_name").set_index("item_name")
    unfinished = rows.groupby("item_name")["done"].all()
    for name, finished in unfinished.items():
        label = shown.loc[name, "deadline_label"]
        assert label.startswith("逾期") != finished, (name, label)
        if not finished:
            assert label == f"逾期{days}天"


def test_changing_the_period_changes_the_figures(frames):
    at = open_app("business", period="2020-03")
    before = _metric(at, "区域评估完成率").value
    next(s for s in at.sidebar.selectbox if s.label == "报告期").set_value("2020-09").run()
    after = _metric(at, "区域评估完成率").value
    assert before != after
    assert after == f"{_applicable_at(frames['rows'], '2020-09')['done'].mean() * 100:.1f}%"


def test_a_park_sees_its_own_twelve_items(frames):
    rows = frames["rows"]
    park = rows.loc[~rows["applicable"], "park_id"].iloc[0]  # a park with a 不适用 item
    at = open_app("business", period="2020-06", park=park)
    own = rows[rows["park_id"] == park].set_index("item_name")
    shown = _table(at, "status").set_index("item_name")
    assert shown.index.tolist() == frames["items"]["item_name"].tolist()
    end = pd.Timestamp(MONTH_END["2020-06"])
    for name, row in own.iterrows():
        expected = ("不适用" if not row["applicable"] else "已完成"
                    if row["completion_date"] <= end else "进行中"
                    if row["start_date"] <= end else "未启动")
        assert shown.loc[name, "status"] == expected, name
    assert not any("parks_all_done" in d.value.columns for d in at.dataframe)


def test_matrix_puts_the_parks_furthest_behind_first_within_each_city(frames):
    at = open_app("business", period="2020-06", city="430100")
    matrix = _table(_open_table_tab(at), "park_name")
    rows = _applicable_at(frames["rows"], "2020-06", "430100")
    rates = rows.groupby("park_id")["done"].mean()
    assert matrix["park_id"].iloc[0] == rates.idxmin()
    assert list(matrix["rate_pct"]) == sorted(matrix["rate_pct"])


@pytest.mark.parametrize(("period", "reform", "status"),
                         [("2020-01", "R01", "未启动"), ("2020-06", "R01", "推进中"),
                          ("2020-12", "R05", "已落地")])
def test_reform_checklist_lists_every_item_with_its_status(frames, period, reform, status):
    at = open_app("business", period=period)
    # st.table renders Markdown and data text is escaped for it: compare what a reader sees
    shown = pd.concat([t.value for t in at.table]).map(
        lambda v: re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", v) if isinstance(v, str) else v)
    items = frames["reform_items"]
    assert sorted(shown["改革举措"]) == sorted(items["reform_name"])
    row = shown[shown["改革举措"] == items.set_index("reform_id").loc[reform, "reform_name"]]
    progress = frames["reform_progress"]
    report = progress[(progress["reform_id"] == reform) & (progress["period"] == period)].iloc[0]
    assert row["推进状态"].iloc[0] == status
    assert row["最新佐证说明"].iloc[0] == report["evidence_note"]
    task = items.set_index("reform_id").loc[reform, "task_id"]  # "等" as the document has it
    assert row["责任单位"].iloc[0] == departments_as_document(frames["tasks"])[task]
