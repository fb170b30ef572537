"""How park names are shown: a public-record name not yet checked against an official roster
carries 待核 wherever it appears, until the office loads the roster."""

from __future__ import annotations

import pandas as pd

PENDING_MARK = "（待核）"


def name_pending(parks: pd.DataFrame) -> pd.Series:
    """True for names taken from public records (national-level parks) that no official roster
    has confirmed yet (`name_verified` false); generated names are 示意, said by the banner."""
    return (parks["name_provenance"] == "official") & ~parks["name_verified"].astype(bool)


def with_marked_names(parks: pd.DataFrame) -> pd.DataFrame:
    """The roster as the dashboard shows it: '长沙经济技术开发区（待核）' for unconfirmed names."""
    pending = name_pending(parks)
    if not pending.any():
        return parks
    out = parks.copy()
    out.loc[pending, "park_name"] = out.loc[pending, "park_name"] + PENDING_MARK
    return out
