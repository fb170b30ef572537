"""Meeting-room presentation mode: no sidebar, large type, one slide at a time, auto-advance."""

from __future__ import annotations

import time
from dataclasses import replace

import streamlit as st

from components.shell.auth import viewer
from components.shell.context import get_scope
from components.ui.data import datasets, view
from components.ui.kpi import status_badge
from components.ui.provenance import slide_note
from components.ui.text import inert_figure, md_escape
from components.views.present_charts import slide_figure
from hnparks.core.access import drop_hidden_parks
from hnparks.core.metrics import STATUS_LABELS
from hnparks.views import present as _briefing
from hnparks.views.present import Slide, cutoff_label, worst_label

build_slides = view(_briefing.build_slides)

MODE_PARAM = "mode"
PRESENT = "present"
SLIDES_SCRIPT = "pages/present.py"
_INDEX = "present_index"
_LAST_ADVANCE = "present_last_advance"

# Static CSS only (no data in it): hide the sidebar and toolbar, enlarge type for projection;
# the controls sit in a slim bar over the top edge that fades out while the mouse rests
# (body.hnparks-idle, set by components/shell/js/presenter.js), so the slide title leads the screen.
PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stToolbar"], header[data-testid="stHeader"] { display: none !important; }
.block-container { padding-top: 1.25rem !important; padding-bottom: 1rem !important;
  max-width: 100% !important; }
.stApp h1 { font-size: clamp(36px, 3.4vw, 60px) !important; line-height: 1.15 !important;
  padding-top: 0 !important; }
[data-testid="stMetricValue"] { font-size: clamp(44px, 4vw, 72px) !important; }
[data-testid="stMetricLabel"] p { font-size: clamp(20px, 1.6vw, 28px) !important; }
[data-testid="stBadge"], .stBadge, .stMarkdownBadge { font-size: 26px !important; }
.st-key-present_headline p { font-size: clamp(26px, 2.2vw, 38px) !important; line-height: 1.4 !important; }
[data-testid="stCaptionContainer"] p { font-size: clamp(16px, 1.2vw, 22px) !important; }
.st-key-present_bar, .st-key-present_nav {
  position: fixed !important; top: 0; margin: 0 !important; z-index: 1000; height: 52px;
  padding: 6px 16px;
  background: rgba(255, 255, 255, 0.94); box-shadow: 0 1px 6px rgba(0, 0, 0, 0.15);
  transition: opacity 0.4s; }
.st-key-present_nav { left: 0; width: 330px !important; z-index: 1001; box-shadow: none; }
.st-key-present_bar { left: 0; right: 0; width: 100% !important; padding-left: 340px; }
.st-key-present_chart { flex: 0 0 auto !important;
  height: clamp(300px, calc(100vh - 500px), 640px) !important; }
@media (max-height: 800px) {  /* 1280×720 projectors: a tighter head leaves the chart room */
  .block-container { padding-top: 0.75rem !important; }
  .stApp h1 { font-size: 36px !important; }
  [data-testid="stMetricValue"] { font-size: 44px !important; }
  .st-key-present_headline p { font-size: 24px !important; }
  .st-key-present_chart { height: calc(100vh - 390px) !important; }
}
.st-key-present_bar [data-testid="stCaptionContainer"] { min-width: 0; overflow: hidden; }
.st-key-present_bar [data-testid="stCaptionContainer"] p { font-size: 15px !important;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
body.hnparks-idle .st-key-present_bar, body.hnparks-idle .st-key-present_nav {
  opacity: 0; pointer-events: none; }
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
    """Exit button (and Esc) callback: drop the mode; the page under the same path reopens
    with the same context (the URL keeps 报告期 · 市州 · 园区)."""
    if MODE_PARAM in st.query_params:
        del st.query_params[MODE_PARAM]


def slide_pages(pages: list[st.Page], present: st.Page) -> list[st.Page]:
    """Presentation mode's navigation: the slides under /present and under every page's own
    path (hidden), so the path and the browser history stay those of the page it came from."""
    return [present, *(st.Page(SLIDES_SCRIPT, title=page.title, url_path=page.url_path,
                               default=not page.url_path, visibility="hidden") for page in pages)]


def leave_present_page(page: st.Page, overview: st.Page) -> None:
    """/present outside presentation mode (after leaving it there, or a link without the mode)
    opens the overview with the same context."""
    if page.url_path == PRESENT:
        st.switch_page(overview, query_params=st.query_params.to_dict())


def current_slides() -> list[Slide]:
    """The slides for the shared scope, as shown and as exported: a park user's slides list no
    other park one by one (hnparks.core.access)."""
    identity, scope = viewer(), get_scope()
    data = datasets(scope)
    return [replace(slide, table=drop_hidden_parks(identity, data["parks"], slide.table))
            for slide in build_slides(data, scope)]


def _step(delta: int, count: int) -> None:
    st.session_state[_INDEX] = (st.session_state.get(_INDEX, 0) + delta) % count
    st.session_state[_LAST_ADVANCE] = time.monotonic()


def render_slide(slide: Slide, number: int, count: int) -> None:
    """One slide: title, big number, headline sentence, chart, 口径 / 截止 / 来源 / 示意."""
    scope = get_scope()
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    with left:
        st.title(f"{number}/{count} · {md_escape(slide.title)}")
        with st.container(horizontal=True, gap="small"):
            status_badge(slide.light, worst_label(slide.light))  # in words: the slide's worst
            if slide.big_light:  # the big number's own light, named by the number
                status_badge(slide.big_light, f"{md_escape(slide.big_label)}："
                                              f"{STATUS_LABELS[slide.big_light]}")
    right.metric(slide.big_label, slide.big_number)
    with st.container(key="present_headline"):
        st.markdown(md_escape(slide.headline))
    if slide.table.empty:
        st.success("当前范围内没有需要展示的滞后事项。")
    else:
        with st.container(key="present_chart"):  # as tall as the screen leaves (CSS above)
            figure = slide_figure(slide).update_layout(height=None)  # the container's height
            st.plotly_chart(inert_figure(figure), width="stretch", height="stretch",
                            key=f"present_chart_{slide.key}", config={"displayModeBar": False},
                            theme=None)
    note = slide_note(list(slide.datasets), scope.period)
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
        with st.container(key="present_nav", horizontal=True, vertical_alignment="center"):
            # Callbacks run before the (fragment) rerun, so the new slide shows at once.
            st.button("上一页", icon=":material/arrow_back:", key="present_prev",
                      help="键盘 ← 或 PageUp", on_click=_step, args=(-1, count))
            st.button("下一页", icon=":material/arrow_forward:", key="present_next",
                      help="键盘 → 、空格或 PageDown", on_click=_step, args=(1, count))
        index = st.session_state.get(_INDEX, 0) % count
        render_slide(slides[index], index + 1, count)

    show()
