"""Screen, phone and print layout: the page's static CSS, the print-only header, the headline
block every page opens with, and the in-page contents list of long pages."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from components.ui.text import md_escape
from components.ui.theme import PRINT_RULE, PRINT_TEXT
from hnparks.core.bounded import (
    PAGE_ROWS,
    TABLE_ROWS,
    page_count,
    page_label,
    page_note,
    table_note,
)

ROW_PX = 35  # the height of one st.dataframe row (and of its header)
HEADLINE_KEY = "page_headline"  # the block of headline numbers: first on screen, on every page
PRINT_HEADER_KEY = "print_header"
CONTENTS_KEY = "page_contents"

# Static CSS only (no data in it). Phone and tablet: narrower margins, long Chinese names wrap
# instead of pushing the page wider, wide blocks scroll inside themselves. Print: A4 landscape,
# no sidebar or toolbars, the whole page (not just the visible part of Streamlit's scrolling
# main area), and the scope/period/示意 header repeated at the top of every printed page.
_CSS = f"""<style>
[data-testid="stMainBlockContainer"] {{ padding-top: 3.5rem; }}
.st-key-{PRINT_HEADER_KEY}, [data-testid="stLayoutWrapper"]:has(> .st-key-{PRINT_HEADER_KEY}) {{
  display: none; }}
.st-key-{CONTENTS_KEY} p {{ line-height: 1.9; }}
[data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"] {{
  overflow-wrap: anywhere; }}
@media (max-width: 768px) {{
  [data-testid="stMainBlockContainer"] {{ padding-left: 1rem; padding-right: 1rem;
    padding-top: 3.5rem; }}
  [data-testid="stMain"] h1 {{ font-size: 1.9rem; }}
  [data-testid="stElementContainer"], [data-testid="stVerticalBlock"],
  [data-testid="stHorizontalBlock"] {{ max-width: 100%; }}
  [data-testid="stMarkdownContainer"] table {{ display: block; overflow-x: auto; }}
  [data-testid="stMetricValue"] {{ font-size: 1.75rem; }}
  [data-testid="stMetricLabel"] *, [data-testid="stMetricValue"],
  [data-testid="stMetricValue"] * {{ white-space: normal !important; overflow-wrap: anywhere;
    text-overflow: clip !important; }}
  [data-testid="stPlotlyChart"], [data-testid="stDeckGlJsonChart"] {{ max-width: 100%;
    overflow-x: auto; }}
}}
@page {{ size: A4 landscape; margin: 10mm; }}
@media print {{
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stStatusWidget"], .st-key-{CONTENTS_KEY} {{ display: none !important; }}
  html, body, #root, [data-testid="stApp"], [data-testid="stAppViewContainer"],
  [data-testid="stMain"], [data-testid="stAppScrollToBottomContainer"] {{
    height: auto !important; min-height: 0 !important; overflow: visible !important;
    position: static !important; }}
  [data-testid="stMainBlockContainer"] {{ padding: 0 !important; max-width: none !important; }}
  /* The main block as a table whose header group is the print header: Chromium repeats a
     table's header group at the top of every printed page (a fixed element would overlap). */
  [data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] {{
    display: table !important; width: 100%; }}
  [data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] > * {{
    margin-bottom: 0.8rem; }}
  [data-testid="stLayoutWrapper"]:has(> .st-key-{PRINT_HEADER_KEY}) {{
    display: table-header-group !important; break-inside: avoid; }}  /* avoid: else no repeat */
  .st-key-{PRINT_HEADER_KEY} {{ display: block !important; font-size: 9pt; color: {PRINT_TEXT};
    border-bottom: 1px solid {PRINT_RULE}; padding-bottom: 2mm; margin-bottom: 3mm; }}
  .st-key-{PRINT_HEADER_KEY} p {{ margin: 0; font-size: 9pt; }}
  [data-testid="stElementContainer"], [data-testid="stDeckGlJsonChart"],
  [data-testid="stPlotlyChart"], [data-testid="stMetric"] {{ break-inside: avoid; }}
  h1, h2, h3 {{ break-after: avoid; }}
}}
</style>"""


def page_css() -> None:
    """The layout and print CSS of every page, the slides included (static: no data in it)."""
    st.html(_CSS)


def print_header(line: str) -> None:
    """A line printed at the top of every page (scope, period, 示意), hidden on screen.
    `line` is Markdown built by the caller with every data value escaped."""
    with st.container(key=PRINT_HEADER_KEY):
        st.markdown(line)


def headline_block() -> DeltaGenerator:
    """The block holding a page's headline numbers (`with headline_block(): …`): the layout keeps it
    on the first screen, and tests find it by its key."""
    return st.container(key=HEADLINE_KEY)


def contents(sections: Sequence[tuple[str, str]]) -> None:
    """An in-page contents list for a long page: (title, anchor) pairs, each a link to the
    section whose header carries that anchor. Not printed."""
    links = " ｜ ".join(f"[{md_escape(title)}](#{anchor})" for title, anchor in sections)
    with st.container(key=CONTENTS_KEY):
        st.markdown(f"**本页目录**：{links}")


def table_height(rows: int, *, row_px: int = ROW_PX, max_px: int | None = None) -> int:
    """A st.dataframe height that shows `rows` rows and the header without an inner scrollbar;
    at most `max_px` (the table then scrolls inside itself)."""
    height = row_px * rows + ROW_PX + 3
    return min(height, max_px) if max_px else height


@st.fragment
def lazy_tabs(labels: Sequence[str], renders: Sequence[Callable[[], None]], *, key: str) -> None:
    """Tabs whose content is built (and sent) only while open, the first open at first;
    switching tabs reruns these tabs alone (a fragment), not the page."""
    tabs = st.tabs(list(labels), key=key, on_change="rerun")
    for tab, render in zip(tabs, renders, strict=True):
        if tab.open:
            with tab:
                render()


@st.fragment
def lazy_expander(label: str, render: Callable[[], None], *, key: str,
                  icon: str | None = None) -> None:
    """A folded section whose content is built (and sent) only when opened; opening or folding
    it reruns the section alone (a fragment), not the page."""
    with st.expander(label, key=key, on_change="rerun", icon=icon) as section:
        if section.open:
            render()


def bounded_rows(rows: pd.DataFrame, limit: int = TABLE_ROWS) -> pd.DataFrame:
    """A per-park table's first `limit` rows (in its order; all of them when there are no more),
    with a caption saying how many are left out: at national scale a whole list is re-sent
    with every rerun (`hnparks.core.bounded`)."""
    if len(rows) <= limit:
        return rows
    st.caption(table_note(limit, len(rows)))
    return rows.iloc[:limit]


def paged_table(rows: pd.DataFrame, render: Callable[[pd.DataFrame], object], *, key: str,
                limit: int = PAGE_ROWS) -> object:
    """`render(rows)` when the rows fit one page (returning what it returns); else a pager (第1页
    … and 全部N行) with a note, and `render` of the chosen page, in a fragment: a context change
    re-sends one page instead of the whole list, and paging reruns the table alone. Returns None
    then (`render` handles a selection itself). A new list (another length) starts at page 1."""
    if len(rows) <= limit:
        return render(rows)
    _pages(rows, render, key=key, limit=limit)
    return None


@st.fragment
def _pages(rows: pd.DataFrame, render: Callable[[pd.DataFrame], object], *, key: str,
           limit: int) -> None:
    pages = page_count(len(rows), limit)
    choice = st.selectbox("分页", range(pages + 1), key=f"{key}_page_{len(rows)}",
                          format_func=lambda page: page_label(page, len(rows), limit),
                          label_visibility="collapsed", width=220)
    st.caption(page_note(choice, len(rows), limit))
    render(rows if choice >= pages else rows.iloc[choice * limit:(choice + 1) * limit])
