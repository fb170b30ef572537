"""Text hygiene shared by loads and exports: one-line free text, formula-safe spreadsheet cells.
(Numbers as text: `hnparks.core.formats`.)"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

# Bidirectional overrides and isolates can make a text read differently from what it holds.
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def one_line(value: object, limit: int = 200) -> str:
    """Free text a person typed (导入人, 来源): control characters and line breaks become spaces,
    runs of spaces collapse, and it is cut to `limit` characters, so it can go into a log,
    a table cell or a message without changing their shape."""
    text = "".join(" " if unicodedata.category(ch) == "Cc" or ch in _BIDI else ch
                   for ch in str(value))
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def neutralise_formula(value: object) -> object:
    """A cell a spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe,
    so Excel, WPS and LibreOffice show the text instead of evaluating it. Numbers pass as they
    are: a negative number is a number, not a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell and column name of a table made formula-safe for Excel or CSV export."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise_formula)
    out.columns = [neutralise_formula(c) for c in out.columns]
    return out
