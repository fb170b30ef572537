"""Per-park lists that grow with the number of parks, bounded for the page: at national scale
(3,000 parks) a whole list is neither readable nor cheap to send with every rerun. Under the
bound a list is returned untouched (the 144-park pages are unchanged); above it the page shows
the first rows by its own order and says how many it leaves out."""

from __future__ import annotations

import pandas as pd

MAP_DOTS = 150  # park dots on a map of Hunan (above the 144 parks of Hunan: all of them)
CHART_ROWS = 300  # rows of a per-park chart (a heatmap row or a point each)
BAR_ROWS = 30  # parks of a per-park bar chart (44 px a park; a Hunan city has at most 15 parks)
TABLE_ROWS = 300  # rows of a per-park table sent with the page
PAGE_ROWS = 25  # rows of a paged per-park table sent at once (about what its height shows)


def first_rows(frame: pd.DataFrame, limit: int, by: str | None = None,
               ascending: bool = False, keep: str | None = None) -> pd.DataFrame:
    """`frame` itself when it has at most `limit` rows; else `limit` rows: the largest (or,
    `ascending`, smallest) by column `by` (gaps last), or the first `limit` in the frame's order,
    kept in the frame's order. `keep`: a park_id always kept (the park in context)."""
    if len(frame) <= limit:
        return frame
    ranked = frame if by is None else frame.sort_values(by, ascending=ascending, kind="stable",
                                                         na_position="last")
    chosen = ranked.index[:limit]
    if keep is not None and "park_id" in frame and keep not in set(frame.loc[chosen, "park_id"]):
        chosen = chosen.append(frame.index[frame["park_id"] == keep])
    return frame.loc[frame.index.isin(chosen)]


def left_out_note(shown: int, total: int, what: str) -> str:
    """'' when nothing is left out, else e.g. '仅显示技工贸总收入最高的前200家（共3000家园区）。'"""
    if shown >= total:
        return ""
    return f"仅显示{what}的前{shown}家（共{total}家园区）。"


def table_note(shown: int, total: int) -> str:
    """'' when a table shows every row, else how many it lists of how many."""
    if shown >= total:
        return ""
    return f"仅列出前{shown}行（共{total}行），选择市州或园区可缩小范围。"


def page_count(rows: int, limit: int = PAGE_ROWS) -> int:
    """How many pages of `limit` rows a table of `rows` rows takes (at least one)."""
    return max(1, -(-rows // limit))


def page_label(page: int, rows: int, limit: int = PAGE_ROWS) -> str:
    """A pager's option: '第2页（51–100行）'; the option after the last page is '全部288行'."""
    if page >= page_count(rows, limit):
        return f"全部{rows}行"
    return f"第{page + 1}页（{page * limit + 1}–{min(rows, (page + 1) * limit)}行）"


def page_note(page: int, rows: int, limit: int = PAGE_ROWS) -> str:
    """What a paged table shows and how to see the rest, e.g. '第1页/共6页，每页50行（共288行）。…'."""
    pages = page_count(rows, limit)
    if page >= pages:
        return f"列出全部{rows}行，可点列名排序。"
    return (f"第{page + 1}页/共{pages}页，每页{limit}行（共{rows}行）。点列名仅在本页内排序；"
            f"选“全部{rows}行”可一次列出并排序，选择市州或园区可缩小范围。")
