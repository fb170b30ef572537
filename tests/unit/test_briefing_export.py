"""The offline briefing file: every slide, every chart, plotly.js inlined once, no remote script."""

from __future__ import annotations

import re

from components.views.present_export import briefing_html
from hnparks.core.scope import Scope
from hnparks.views.present import build_slides


def test_export_holds_every_slide_and_needs_no_network(data):
    slides = build_slides(data, Scope("2020-06"))
    html = briefing_html(slides, scope_label="全省", cutoff="统计截止：2020年6月末",
                         document="湘园区〔2020〕1号", notes={s.key: "示意数据" for s in slides})
    charts = sum(not s.table.empty for s in slides)
    assert html.count("<section>") == len(slides) == 6
    assert html.count('class="plotly-graph-div"') == charts
    assert len(re.findall(r"<script[^>]+src=", html)) == 0  # nothing loaded from elsewhere
    assert html.count("plotly.js v") <= 2 and "Plotly.newPlot" in html
    for slide in slides:
        assert slide.headline in html


def test_a_park_name_with_markup_is_escaped(data):
    slides = build_slides(data, Scope("2020-06"))
    html = briefing_html(slides, scope_label="<b>园区</b>", cutoff="c", document="d", notes={})
    assert "<b>园区</b>" not in html and "&lt;b&gt;园区&lt;/b&gt;" in html


def test_the_cover_names_the_pages_with_illustrative_figures(data):
    slides = build_slides(data, Scope("2020-06"))
    notes = {s.key: "官方报表数据" for s in slides}
    notes[slides[1].key] = "示意数据（园区主要经济指标），非真实统计"
    cover = briefing_html(slides, scope_label="全省", cutoff="c", document="d",
                          notes=notes).split("<section>", 1)[0]
    assert "示意数据：本汇报第2页含" in cover and "不代表真实统计" in cover
    every = briefing_html(slides, scope_label="全省", cutoff="c", document="d",
                          notes={s.key: "示意数据" for s in slides}).split("<section>", 1)[0]
    assert "示意数据：本汇报各页均含" in every
    official = briefing_html(slides, scope_label="全省", cutoff="c", document="d",
                             notes={s.key: "官方报表数据" for s in slides})
    assert "示意数据" not in official.split("<section>", 1)[0]
