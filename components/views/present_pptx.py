"""The briefing as an editable PowerPoint deck: native charts from the slides' own tables.

No Streamlit here: `briefing_pptx(...)` returns the file's bytes. Each briefing slide becomes
one PowerPoint slide with its title, status, headline number and sentence, a native chart
(editable in PowerPoint and WPS: the figures are in the chart's own data sheet, not a picture)
and a footer with 口径, 统计截止, 来源 and the 示意 flag, repeated in the speaker notes.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_TICK_LABEL_POSITION,
)
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from components.ui.theme import (
    BAD,
    DARK_TEXT,
    GOOD,
    GREY,
    LIGHT_BLUE,
    MUTED_TEXT,
    NAVY,
    PPTX_EA_FONT,
    PPTX_LATIN_FONT,
    RED,
    SLIDE_GRID,
    STATUS_COLORS,
    TASK_COLORS,
)
from components.views.present_export import ILLUSTRATIVE_NOTICE, illustrative_pages
from hnparks.core.formats import pct_places
from hnparks.core.metrics import STATUS_LABELS
from hnparks.core.text import neutralise_formula, printable
from hnparks.views.present import Slide, worst_label

TIERS = {"世界级产业集群": NAVY}
NEUTRAL = NAVY
DARK = DARK_TEXT
MUTED = MUTED_TEXT


@dataclass(frozen=True)
class ChartSpec:
    """What one slide's chart shows: its kind, categories and series (values in the unit of the
    axis), a colour per point of the first series, and its axis title."""

    kind: str  # "bar" (horizontal) or "column"
    categories: list[str]
    series: list[tuple[str, list[float | None]]]
    colors: list[str]
    axis_title: str
    number_format: str = '0.0"%"'


def _pct_format(ratios: pd.Series, lights: object = None) -> str:
    """'0.0"%"', or more decimals where rounding would hide a difference (hnparks.core.text)."""
    places = pct_places(ratios, 1, lights)
    return f'0.{"0" * places}"%"'


def _values(column: pd.Series, factor: float = 100.0) -> list[float | None]:
    return [None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v) * factor
            for v in column]


def chart_spec(slide: Slide) -> ChartSpec | None:
    """The chart of a slide as categories and series, from the same table as the on-screen
    chart (`components.views.present_charts`); None when the slide has nothing to draw."""
    t = slide.table
    if t.empty:
        return None
    if slide.chart == "targets":
        names = [f"{name}（不分解）" if target != target else name  # the province's target only
                 for name, target in zip(t["指标"], t["目标"], strict=True)]
        return ChartSpec("bar", names, [("完成率（%）", _values(t["完成率"])),
                                                 ("序时进度（%）", _values(t["序时进度"]))],
                         [STATUS_COLORS[light] for light in t["状态"]], "完成率与序时进度（%）",
                         _pct_format(t["完成率"], t["状态"]))
    if slide.chart == "cities":
        return ChartSpec("column", list(t["name"]), [("完成率（%）", _values(t["completion"]))],
                         [STATUS_COLORS[light] for light in t["light"]], "完成率（%）",
                         _pct_format(t["completion"], t["light"]))
    if slide.chart == "parks_yoy":
        return ChartSpec("bar", list(t["name"]), [("同比（%）", _values(t["yoy"]))],
                         [BAD if v < 0 else GOOD
                          for v in t["yoy"]], "技工贸总收入同比（%）")
    if slide.chart == "clusters":
        t = t.dropna(subset=["output"])
        return ChartSpec("bar", list(t["cluster_name"]),
                         [("产值（亿元）", _values(t["output"], 1.0))],
                         [TIERS.get(tier, LIGHT_BLUE) for tier in t["tier"]],
                         "产值（亿元，累计）；深色为世界级产业集群", '#,##0')
    if slide.chart == "environment":
        return ChartSpec("column", list(t["duty"]), [("覆盖率（%）", _values(t["coverage"])),
                                                    ("序时进度（%）", _values(t["expected"]))],
                         [STATUS_COLORS[light] for light in t["light"]], "覆盖率与序时进度（%）",
                         _pct_format(t["coverage"], t["light"]))
    if slide.chart == "assessments":
        return ChartSpec("bar", list(t["item_name"]), [("完成率（%）", _values(t["completion"]))],
                         [NEUTRAL] * len(t), "完成率（%）", _pct_format(t["completion"]))
    if slide.chart == "tasks":
        t = t.head(10)
        names = [f"{name}（已逾期）" if late else name
                 for name, late in zip(t["name"], t["overdue"], strict=True)]
        return ChartSpec("bar", names,
                         [("完成进度（%）", _values(t["progress_pct"], 1.0)),
                          ("序时进度（%）", _values(t["elapsed"]))],
                         [TASK_COLORS.get(s, NEUTRAL) for s in t["status"]],
                         "完成进度与序时进度（%）", '0"%"')
    raise ValueError(f"unknown chart {slide.chart!r}")


def _rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#").upper())


def _fonts(rpr) -> None:
    """Latin, East Asian and complex-script typefaces on one run's properties (a:rPr/a:defRPr)."""
    for tag, face in (("a:latin", PPTX_LATIN_FONT), ("a:ea", PPTX_EA_FONT),
                      ("a:cs", PPTX_LATIN_FONT)):
        element = rpr.find(qn(tag))
        if element is None:
            element = rpr.makeelement(qn(tag), {})
            rpr.append(element)
        element.set("typeface", face)


def _text(slide, left, top, width, height, lines: list[tuple[str, float, str, bool]], *,
          anchor=MSO_ANCHOR.TOP, align=PP_ALIGN.LEFT) -> None:
    """A text box; each line is (text, size in pt, colour, bold). Wraps inside its width."""
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    for i, (text, size, color, bold) in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = align
        run = para.add_run()
        run.text = printable(text)  # python-pptx refuses a control character
        run.font.size, run.font.bold = Pt(size), bold
        run.font.color.rgb = _rgb(color)
        _fonts(run._r.get_or_add_rPr())


def _badge(slide, light: str, left, top, label: str | None = None) -> None:
    width = Inches(1.5) if label is None else Inches(1.55)
    shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, left, top, width, Inches(0.6))
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(STATUS_COLORS[light])
    shape.line.fill.background()
    frame = shape.text_frame
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    para = frame.paragraphs[0]
    para.alignment = PP_ALIGN.CENTER
    run = para.add_run()
    run.text = label or STATUS_LABELS[light]
    run.font.size, run.font.bold = Pt(24 if label is None else 14), True
    run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    _fonts(run._r.get_or_add_rPr())


def _chart(slide, spec: ChartSpec, left, top, width, height) -> None:
    data = CategoryChartData(number_format=spec.number_format)
    # The chart's data sheet is a real workbook (PowerPoint's 编辑数据): a name such as "=cmd|…"
    # would be written there as a formula, so it gets a leading apostrophe like every export.
    data.categories = [neutralise_formula(printable(name)) for name in spec.categories]
    for name, values in spec.series:
        data.add_series(printable(name), values)
    kind = XL_CHART_TYPE.BAR_CLUSTERED if spec.kind == "bar" else XL_CHART_TYPE.COLUMN_CLUSTERED
    chart = slide.shapes.add_chart(kind, left, top, width, height, data).chart
    chart.font.size = Pt(16 if len(spec.categories) <= 8 else 13)
    chart.has_title = False  # the slide's title says it
    _fonts(chart._chartSpace.get_or_add_txPr().find(".//" + qn("a:defRPr")))
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.overlap = 0
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format, labels.number_format_is_linked = spec.number_format, False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.font.size = Pt(16 if len(spec.categories) <= 8 else 13)
    first = plot.series[0]
    for point, color in enumerate(spec.colors):
        fill = first.points[point].format.fill
        fill.solid()
        fill.fore_color.rgb = _rgb(color)
    for extra in list(plot.series)[1:]:  # 序时进度: one grey for every point
        extra.format.fill.solid()
        extra.format.fill.fore_color.rgb = _rgb(GREY)
    chart.has_legend = len(spec.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
    value_axis = chart.value_axis
    value_axis.has_title = True
    value_axis.axis_title.text_frame.text = printable(spec.axis_title)
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = _rgb(SLIDE_GRID)
    if all(v is None or v >= 0 for _, values in spec.series for v in values):
        value_axis.minimum_scale = 0
    # Names beside the lowest value, so negative bars (同比) do not run over them.
    chart.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    if spec.kind == "bar":  # first category at the top, as on screen
        chart.category_axis.reverse_order = True


def slide_notes(slide: Slide, cutoff: str, note: str) -> str:
    """The footer and speaker notes of one slide: 口径, 统计截止, 来源, 示意 or 官方."""
    return f"口径：{slide.definition} ｜ {cutoff} ｜ 来源：{slide.source} ｜ {note}"


def deck_file_name(scope_label: str, period: str) -> str:
    """园区工作要点汇报_<范围>_<报告期>.pptx (the scope and period say what the deck covers)."""
    safe = "".join("_" if ch in '\\/:*?"<>|' or ord(ch) < 32 else ch for ch in scope_label)
    return f"园区工作要点汇报_{safe}_{period}.pptx"


WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)


def briefing_pptx(slides: list[Slide], *, scope_label: str, cutoff: str, document: str,
                  notes: dict[str, str]) -> bytes:
    """A 16:9 deck: a cover, then one slide per briefing slide, as .pptx bytes.

    `notes` maps a slide key to its provenance line (示意数据… or 官方报表数据), as for
    `components.views.present_export.briefing_html`.
    """
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    blank = deck.slide_layouts[6]
    inner = Emu(WIDTH - 2 * MARGIN)

    cover = deck.slides.add_slide(blank)
    pages = illustrative_pages(slides, notes)
    notice = ILLUSTRATIVE_NOTICE.format(pages=pages) if pages else ""
    _text(cover, MARGIN, Inches(1.6), inner, Inches(4.5), [
        (f"湖南省产业园区工作要点汇报 · {scope_label}", 40, DARK, True),
        (f"{cutoff} ｜ 依据：{document}", 22, MUTED, False),
        (f"共 {len(slides)} 页，按问题严重程度排序（红色在前）。", 20, MUTED, False),
        *([(notice, 22, RED, True)] if notice else []),
    ])
    cover.notes_slide.notes_text_frame.text = printable("\n".join(
        [f"{scope_label} ｜ {cutoff} ｜ 依据：{document}", notice or "官方报表数据"]))

    for number, item in enumerate(slides, start=1):
        page = deck.slides.add_slide(blank)
        _text(page, MARGIN, Inches(0.3), Inches(7.6), Inches(0.9),
              [(f"{number}/{len(slides)} · {item.title}", 36, DARK, True)])
        _badge(page, item.light, Inches(8.2), Inches(0.45), worst_label(item.light))
        own = f"（{STATUS_LABELS[item.big_light]}）" if item.big_light else ""
        _text(page, Inches(9.8), Inches(0.25), Inches(3.03), Inches(1.1),
              [(item.big_number, 32, STATUS_COLORS[item.big_light] if item.big_light else DARK,
                True), (f"{item.big_label}{own}", 14, MUTED, False)],
              align=PP_ALIGN.RIGHT)
        _text(page, MARGIN, Inches(1.4), inner, Inches(0.9), [(item.headline, 22, DARK, False)])
        spec = chart_spec(item)
        if spec is None:
            _text(page, MARGIN, Inches(2.4), inner, Inches(1),
                  [("当前范围内没有需要展示的滞后事项。", 24, MUTED, False)])
        else:
            _chart(page, spec, MARGIN, Inches(2.35), inner, Inches(4.2))
        footer = slide_notes(item, cutoff, notes.get(item.key, ""))
        _text(page, MARGIN, Inches(6.6), inner, Inches(0.8), [(footer, 11, MUTED, False)],
              anchor=MSO_ANCHOR.BOTTOM)
        page.notes_slide.notes_text_frame.text = printable(footer)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
