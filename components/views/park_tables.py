"""The profile page's (园区档案, /park) table defaults: every row visible, '—' for gaps, rows that
open a park, dates, ranks and shares read alike in every section."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.shell.context import open_park
from components.ui.layout import paged_table, table_height


def date_column(label: str) -> st.column_config.Column:
    """A date column read as 'YYYY-MM-DD'."""
    return st.column_config.DateColumn(label, format="YYYY-MM-DD")


def park_table(frame: pd.DataFrame, key: str, opens_park: pd.Series | None = None, **options):
    """st.dataframe with the profile's defaults: no index, '—' for gaps, every row visible.

    With `opens_park` (the park_id of each row), selecting a row opens that park's profile.
    More rows than a page are paged (`paged_table`; the event is then None).
    """
    if opens_park is None:
        return paged_table(frame, lambda rows: _table(rows, key, None, options), key=key)
    opens = frame.assign(**{_OPENS: opens_park.to_numpy()})
    return paged_table(opens, lambda rows: _table(rows.drop(columns=_OPENS), key, rows[_OPENS],
                                                  options), key=key)


_OPENS = "__opens_park"  # the park a row opens, carried through the pager beside the rows


def _table(frame: pd.DataFrame, key: str, opens_park: pd.Series | None, options: dict):
    defaults = {
        "hide_index": True,
        "placeholder": "—",
        "height": table_height(min(len(frame), 15)),  # then it scrolls
        "width": "stretch",
    }
    if opens_park is not None:
        defaults |= {"on_select": "rerun", "selection_mode": "single-row"}
    event = st.dataframe(frame, key=key, **(defaults | options))
    rows = event.selection.rows if opens_park is not None and event else []
    if opens_park is not None:
        st.caption("点选一行（左侧方框）可打开该园区档案。")
    if rows:
        open_park(str(opens_park.iloc[rows[0]]))
    return event


def rank_text(rank: float, of: int) -> str:
    """'第3名 / 144'; '—' without a rank."""
    return "—" if pd.isna(rank) else f"第{int(rank)}名 / {of}"




def percent_column(label: str, help: str) -> st.column_config.Column:
    """A 0–100 share drawn as a bar with its percentage (the column holds percent, not ratio)."""
    return st.column_config.ProgressColumn(label, format="%.0f%%", min_value=0, max_value=100,
                                           color="blue", help=help)


def share_table(frame: pd.DataFrame, key: str, *, name: tuple[str, str],
                counts: dict[str, str], share: tuple[str, str, str], **options) -> None:
    """Items of a city or the province with their park counts and a share of them as a bar:
    `name` (column, heading), `counts` (column → heading, whole numbers), `share` (column of
    a 0–1 ratio, heading, 口径)."""
    column, label, basis = share
    shown = frame[[name[0], *counts, column]].copy()
    shown[column] = shown[column] * 100
    park_table(shown, key, column_config={
        name[0]: name[1],
        **{c: st.column_config.NumberColumn(h, format="%d") for c, h in counts.items()},
        column: percent_column(label, basis),
    }, **options)


def park_list(frame: pd.DataFrame, key: str, with_park: bool, columns: dict,
              park_after: int = 0, percent: tuple[str, ...] = ()) -> None:
    """A list of things in parks, `columns` (column → heading or column config) in order: above
    one park (`with_park`) it gets a 园区 column (after the first `park_after` columns, heading
    `columns["park_name"]` or 园区) and selecting a row opens that park's profile. The `percent`
    columns hold ratios and are shown ×100."""
    names = [c for c in columns if c != "park_name"]
    shown = frame[names[:park_after] + (["park_name"] if with_park else []) + names[park_after:]].copy()
    for column in percent:
        shown[column] = shown[column] * 100
    park_table(shown, key, opens_park=frame["park_id"] if with_park else None,
               column_config={"park_name": "园区"} | columns)
