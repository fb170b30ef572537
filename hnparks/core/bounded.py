"""Per-park lists that grow with the number of parks, bounded for the page: at national scale
(3,000 parks) a whole list is neither readable nor cheap to send with every rerun. Under the
bound a list is returned untouched (the 144-park pages are unchanged); above it the page shows
the first rows by its own order and says how many it leaves out."""

from __future__ import annotations

import pandas as pd

MAP_DOTS = 200  # park dots on a map of Hunan
CHART_ROWS = 300  # rows of a per-park chart (a heatmap row or a point each)
TABLE_ROWS = 300  # rows of a per-park table sent with the page


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
