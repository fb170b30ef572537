"""The PowerPoint briefing: one slide per briefing slide, native charts whose series are the
slides' own figures, Chinese fonts, 口径 and 示意 in every footer and note, scope in the name."""

from __future__ import annotations

import io
import math

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from components.ui.theme import PPTX_EA_FONT as EA_FONT
from components.views.present_pptx import briefing_pptx, deck_file_name
from hnparks.core.scope import Scope
from hnparks.views.present import build_slides

NOTE = "示意数据（园区主要经济指标），非真实统计"


def _expected(slide) -> tuple[list[str], list[list[float | None]]]:
    """Categories and series values read straight from the slide's table (percent as on screen)."""
    t = slide.table

    def pct(column):
        return [None if math.isnan(v) else v * 100 for v in column.astype(float)]

    if slide.chart == "targets":
        names = [n + ("（不分解）" if math.isnan(target) else "") for n, target in
                 zip(t["指标"], t["目标"].astype(float), strict=True)]
        return names, [pct(t["完成率"]), pct(t["序时进度"])]
    if slide.chart == "cities":
        return list(t["name"]), [pct(t["completion"])]
    if slide.chart == "parks_yoy":
        return list(t["name"]), [pct(t["yoy"])]
    if slide.chart == "clusters":
        t = t[t["output"].notna()]
        return list(t["cluster_name"]), [list(t["output"])]
    if slide.chart == "environment":
        return list(t["duty"]), [pct(t["coverage"]), pct(t["expected"])]
    if slide.chart == "assessments":
        return list(t["item_name"]), [pct(t["completion"])]
    t = t.head(10)
    return [f"{a} " for a in t["task_id"]], [list(t["progress_pct"]), pct(t["elapsed"])]


def _chart(pptx_slide):
    charts = [shape.chart for shape in pptx_slide.shapes if shape.has_chart]
    assert len(charts) <= 1
    return charts[0] if charts else None


@pytest.mark.parametrize("scope", [Scope("2020-06"), Scope("2020-09", city="430500"),
                                   Scope("2020-12", park="P017")],
                         ids=["province", "city", "park"])
def test_every_chart_carries_the_slides_figures(data, scope):
    slides = build_slides(data, scope)
    deck = Presentation(io.BytesIO(briefing_pptx(
        slides, scope_label="邵阳市", cutoff="统计截止：2020年9月末", document="湘园区〔2020〕1号",
        notes={s.key: NOTE for s in slides})))
    assert len(deck.slides) == len(slides) + 1  # a cover, then one per briefing slide
    for briefing_slide, page in zip(slides, list(deck.slides)[1:], strict=True):
        text = " ".join(shape.text_frame.text for shape in page.shapes if shape.has_text_frame)
        assert briefing_slide.title in text and briefing_slide.headline in text
        chart = _chart(page)
        if briefing_slide.table.empty:
            assert chart is None
            continue
        assert chart is not None, briefing_slide.key
        categories, values = _expected(briefing_slide)
        shown = list(chart.plots[0].categories)
        if briefing_slide.chart == "tasks":  # named, not only numbered: '三(五)2 建立园区…'
            assert all(s.startswith(c) and len(s) > len(c) + 2 for s, c in
                       zip(shown, categories, strict=True))
        else:
            assert shown == categories
        series = list(chart.plots[0].series)
        assert len(series) == len(values)
        for got, want in zip(series, values, strict=True):
            assert list(got.values) == pytest.approx(want, nan_ok=True)


def test_footer_and_notes_carry_definition_cutoff_source_and_illustrative_flag(data):
    slides = build_slides(data, Scope("2020-06"))
    notes = {s.key: "官方报表数据" for s in slides}
    notes[slides[0].key] = NOTE
    deck = Presentation(io.BytesIO(briefing_pptx(
        slides, scope_label="全省", cutoff="统计截止：2020年6月末", document="湘园区〔2020〕1号",
        notes=notes)))
    cover, *pages = list(deck.slides)
    cover_text = " ".join(s.text_frame.text for s in cover.shapes if s.has_text_frame)
    assert "示意数据：本汇报第1页含" in cover_text and "湘园区〔2020〕1号" in cover_text
    for briefing_slide, page in zip(slides, pages, strict=True):
        note = page.notes_slide.notes_text_frame.text
        footer = " ".join(s.text_frame.text for s in page.shapes if s.has_text_frame)
        for text in (note, footer):
            assert f"口径：{briefing_slide.definition}" in text
            assert "统计截止：2020年6月末" in text and f"来源：{briefing_slide.source}" in text
            assert notes[briefing_slide.key] in text


def test_text_and_charts_name_an_east_asian_font(data):
    slides = build_slides(data, Scope("2020-06"))
    deck = Presentation(io.BytesIO(briefing_pptx(slides, scope_label="全省", cutoff="c",
                                                 document="d", notes={})))
    for page in deck.slides:
        for shape in page.shapes:
            if shape.has_text_frame:
                for run in (r for p in shape.text_frame.paragraphs for r in p.runs):
                    assert run._r.rPr.find(qn("a:ea")).get("typeface") == EA_FONT
            if shape.has_chart:
                ea = shape.chart._chartSpace.find(qn("c:txPr")).find(".//" + qn("a:ea"))
                assert ea is not None and ea.get("typeface") == EA_FONT


def test_file_name_says_scope_and_period():
    assert deck_file_name("邵阳市 · 湖南邵阳经济开发区", "2020-09") == \
        "园区工作要点汇报_邵阳市 · 湖南邵阳经济开发区_2020-09.pptx"
    assert "/" not in deck_file_name("a/b", "2020-06")


def test_a_name_that_looks_like_a_formula_stays_text_in_the_chart_workbook(data):
    from dataclasses import replace

    import openpyxl

    slide = next(s for s in build_slides(data, Scope("2020-09", city="430500"))
                 if s.chart == "parks_yoy")
    evil = '=HYPERLINK("http://example.invalid","x")'
    table = slide.table.copy()
    table.iloc[0, table.columns.get_loc("name")] = evil
    deck = Presentation(io.BytesIO(briefing_pptx([replace(slide, table=table)],
                                                 scope_label="邵阳市", cutoff="c", document="d",
                                                 notes={})))
    chart = _chart(list(deck.slides)[1])
    book = openpyxl.load_workbook(io.BytesIO(chart.part.chart_workbook.xlsx_part.blob))
    cells = [c for row in book.active.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    assert "'" + evil in [c.value for c in cells]
