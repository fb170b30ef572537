"""Meeting-room presentation mode: no sidebar, large type, one slide at a time, auto-advance."""

from __future__ import annotations

import time
from dataclasses import replace

import streamlit as st

from components.auth import viewer
from components.context import get_scope, query_params_for
from components.data import datasets, view
from components.kpi import status_badge
from components.present_charts import slide_figure
from components.provenance import illustrative_titles
from components.text import inert_figure, md_escape
from hnparks import briefing as _briefing
from hnparks.access import drop_hidden_parks
from hnparks.briefing import Slide, cutoff_label

build_slides = view(_briefing.build_slides)

MODE_PARAM = "mode"
PRESENT = "present"
_INDEX = "present_index"
_LAST_ADVANCE = "present_last_advance"
_LEAVING = "present_leaving"

# Static CSS only (no data in it): hide the sidebar and toolbar, enlarge type for projection.
PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stToolbar"], header[data-testid="stHeader"] { display: none !important; }
.block-container { padding-top: 1.5rem !important; max-width: 100% !important; }
.stApp h1 { font-size: 56px !important; line-height: 1.15 !important; }
[data-testid="stMetricValue"] { font-size: 64px !important; }
[data-testid="stMetricLabel"] p { font-size: 24px !important; }
[data-testid="stBadge"], .stBadge, .stMarkdownBadge { font-size: 26px !important; }
.st-key-present_headline p { font-size: 34px !important; line-height: 1.4 !important; }
[data-testid="stCaptionContainer"] p { font-size: 20px !important; }
</style>
"""


def is_present_mode() -> bool:
    return st.query_params.get(MODE_PARAM) == PRESENT


def enter_button() -> None:
    """Sidebar button that switches to presentation mode, keeping the context."""
    if st.sidebar.button("进入汇报模式", icon=":material/slideshow:", width="stretch",
                         help="全屏大字号逐页汇报，适合会议室大屏；可随时退出。"):
        st.query_params[MODE_PARAM] = PRESENT
        st.rerun()


def request_exit() -> None:
    """Exit button callback: drop the mode; the next run opens the overview (see finish_exit)."""
    st.session_state[_LEAVING] = query_params_for(get_scope())
    if MODE_PARAM in st.query_params:
        del st.query_params[MODE_PARAM]


def finish_exit(overview: st.Page) -> None:
    """In the first normal run after leaving, open the overview with the same context."""
    params = st.session_state.pop(_LEAVING, None)
    if params is not None:
        st.switch_page(overview, query_params=params)


def current_slides() -> list[Slide]:
    """The slides for the shared scope, as shown and as exported: a park user's slides list no
    other park one by one (hnparks.access)."""
    identity, parks = viewer(), datasets()["parks"]
    return [replace(slide, table=drop_hidden_parks(identity, parks, slide.table))
            for slide in build_slides(datasets(), get_scope())]


def _step(delta: int, count: int) -> None:
    st.session_state[_INDEX] = (st.session_state.get(_INDEX, 0) + delta) % count
    st.session_state[_LAST_ADVANCE] = time.monotonic()


def render_slide(slide: Slide, number: int, count: int) -> None:
    """One slide: title, big number, headline sentence, chart, 口径 / 截止 / 来源 / 示意."""
    scope = get_scope()
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    with left:
        st.title(f"{number}/{count} · {md_escape(slide.title)}")
        status_badge(slide.light)
    right.metric(slide.big_label, slide.big_number)
    with st.container(key="present_headline"):
        st.markdown(md_escape(slide.headline))
    if slide.table.empty:
        st.success("当前范围内没有需要展示的滞后事项。")
    else:
        st.plotly_chart(inert_figure(slide_figure(slide)), width="stretch", key=f"present_chart_{slide.key}",
                        config={"displayModeBar": False}, theme=None)
    illustrative = illustrative_titles(list(slide.datasets))
    note = f"示意数据（{'、'.join(illustrative)}），非真实统计" if illustrative else "官方报表数据"
    st.caption(f"口径：{md_escape(slide.definition)} ｜ {cutoff_label(scope)} ｜ "
               f"来源：{md_escape(slide.source)} ｜ {md_escape(note)}")


def slideshow(seconds: int, autoplay: bool) -> None:
    """The slide area as a fragment: buttons and the timer rerun only this part of the page."""

    @st.fragment(run_every=seconds if autoplay else None)
    def show() -> None:
        slides = current_slides()
        count = len(slides)
        now = time.monotonic()
        last = st.session_state.setdefault(_LAST_ADVANCE, now)
        if autoplay and now - last >= seconds - 0.25:
            _step(1, count)
        prev_col, next_col, _ = st.columns([1, 1, 6])
        # Callbacks run before the (fragment) rerun, so the new slide shows at once.
        prev_col.button("上一页", icon=":material/arrow_back:", key="present_prev",
                        width="stretch", on_click=_step, args=(-1, count))
        next_col.button("下一页", icon=":material/arrow_forward:", key="present_next",
                        width="stretch", on_click=_step, args=(1, count))
        index = st.session_state.get(_INDEX, 0) % count
        render_slide(slides[index], index + 1, count)

    show()
