"""The briefing as one self-contained HTML file: every chart embedded, no network needed."""

from __future__ import annotations

from html import escape as _escape

from components.ui.text import inert_figure
from components.ui.theme import CSS_FONT_STACK, DARK_TEXT, MUTED_TEXT, PAGE_BACKGROUND, status_css
from components.views.present_charts import slide_figure
from hnparks.core.metrics import STATUS_LABELS
from hnparks.core.text import printable
from hnparks.views.present import Slide, worst_label

_STYLE = """
body { font-family: FONTS; margin: 0; background: PAGE_BACKGROUND; color: DARK_TEXT; }
section { background: white; margin: 24px auto; padding: 32px 48px; max-width: 1760px;
          border-radius: 12px; box-shadow: 0 1px 4px rgba(0,0,0,.12); page-break-after: always; }
h1 { font-size: 40px; margin: 0 0 8px; } h2 { font-size: 36px; margin: 0; }
.headline { font-size: 26px; line-height: 1.5; margin: 12px 0 8px; }
.big { font-size: 48px; font-weight: 700; }
.light { display: inline-block; padding: 4px 14px; border-radius: 14px; color: white;
         font-size: 20px; margin-left: 16px; vertical-align: middle; }
STATUS_CSS
.note { font-size: 16px; color: MUTED_TEXT; margin-top: 8px; }
.cover { text-align: left; }
""".replace("FONTS", CSS_FONT_STACK).replace("PAGE_BACKGROUND", PAGE_BACKGROUND).replace(
    "DARK_TEXT", DARK_TEXT).replace("MUTED_TEXT", MUTED_TEXT).replace("STATUS_CSS", status_css())


def escape(value: object) -> str:
    """Text for the HTML file: control characters removed, then escaped."""
    return _escape(str(printable(value)))


ILLUSTRATIVE_NOTICE = ("示意数据：本汇报{pages}含按固定随机种子生成的示意数据，仅用于演示，"
                       "不代表真实统计，请勿对外引用；各页页脚注明所用数据的性质。")


def _own_light(slide: Slide) -> str:
    """The big number's own light beside it (the title's badge is the slide's worst)."""
    if not slide.big_light:
        return ""
    return f" <span class='light {slide.big_light}'>{STATUS_LABELS[slide.big_light]}</span>"


def illustrative_pages(slides: list[Slide], notes: dict[str, str]) -> str:
    """'各页均' or '第1、3页': the pages whose figures are illustrative ('' when none)."""
    pages = [str(n) for n, s in enumerate(slides, start=1)
             if notes.get(s.key, "").startswith("示意数据")]
    if not pages:
        return ""
    return "各页均" if len(pages) == len(slides) else f"第{'、'.join(pages)}页"


def _cover_notice(slides: list[Slide], notes: dict[str, str]) -> str:
    """The cover says up front which pages carry illustrative figures (a forwarded file is
    often read from its cover only)."""
    which = illustrative_pages(slides, notes)
    if not which:
        return ""
    return f"<p class='headline'>{escape(ILLUSTRATIVE_NOTICE.format(pages=which))}</p>"


def briefing_html(slides: list[Slide], *, scope_label: str, cutoff: str, document: str,
                  notes: dict[str, str]) -> str:
    """A standalone HTML document: a cover, then one section per slide with its chart.

    plotly.js is embedded once (inline), so the file opens with the network disabled.
    `notes` maps a slide key to its provenance line (示意数据… or 官方报表数据).
    """
    parts = [f"<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>"
             f"<title>{escape(scope_label)} · 园区工作要点汇报</title><style>{_STYLE}</style>"
             "</head><body>",
             f"<section class='cover'><h1>湖南省产业园区工作要点汇报 · {escape(scope_label)}</h1>"
             f"<p class='headline'>{escape(cutoff)} ｜ 依据：{escape(document)}</p>"
             f"<p class='note'>共 {len(slides)} 页，按问题严重程度排序（红色在前）。</p>"
             f"{_cover_notice(slides, notes)}</section>"]
    plotly_js_embedded = False
    for number, slide in enumerate(slides, start=1):
        if slide.table.empty:
            chart = "<p class='headline'>当前范围内没有需要展示的滞后事项。</p>"
        else:
            chart = inert_figure(slide_figure(slide, height=620)).to_html(
                full_html=False, include_plotlyjs=not plotly_js_embedded,
                config={"displayModeBar": False})
            plotly_js_embedded = True
        parts.append(
            f"<section><h2>{number}/{len(slides)} · {escape(slide.title)}"
            f"<span class='light {slide.light}'>{escape(worst_label(slide.light))}</span></h2>"
            f"<div class='big'>{escape(slide.big_number)}{_own_light(slide)}</div>"
            f"<p class='headline'>{escape(slide.headline)}</p>{chart}"
            f"<p class='note'>口径：{escape(slide.definition)} ｜ {escape(cutoff)} ｜ "
            f"来源：{escape(slide.source)} ｜ {escape(notes.get(slide.key, ''))}</p></section>")
    parts.append("</body></html>")
    return "".join(parts)
