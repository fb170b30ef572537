"""Text hygiene shared by loads and exports: one-line free text, formula-safe spreadsheet cells,
invisible control characters refused on intake and removed from what is shown and exported.
(Numbers as text: `hnparks.core.formats`.)"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

# Bidirectional overrides and isolates can make a text read differently from what it holds.
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Invisible characters no report cell may hold: C0 controls except tab and line feed (a cell
# typed with Alt+Enter holds line breaks; a carriage return counts as a line break and is
# stored as a line feed), DEL and the C1 controls, the line and paragraph separators, and the
# bidirectional embeddings, overrides and isolates. A NUL makes openpyxl and python-pptx refuse
# a workbook or slide; the others break lines, logs or the reading order of a text.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
CONTROL = re.compile(f"[{_CONTROLS}]")


def line_breaks(text: str) -> str:
    """Carriage returns (Windows or old Mac line ends) as line feeds."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def control_chars(text: str) -> list[str]:
    """The control characters in `text` (line breaks aside), each named as U+XXXX, in order of
    first appearance: what an intake message names."""
    seen = dict.fromkeys(CONTROL.findall(line_breaks(text)))
    return [f"U+{ord(ch):04X}" for ch in seen]


def printable(value: object) -> object:
    """Text without its control characters (line breaks kept as line feeds); anything else as
    it is. For data loaded before intake refused them: shown and exported, never a blank page."""
    if isinstance(value, str):
        return CONTROL.sub("", line_breaks(value))
    return value


def printable_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with `printable` applied to every text cell; the same object when none holds a
    control character or carriage return (one vectorised search per text column)."""
    out = frame
    for col in frame.columns:
        series = frame[col]
        if not (series.dtype == object or pd.api.types.is_string_dtype(series)):
            continue
        if series.astype("string").str.contains(f"[\r{_CONTROLS}]", regex=True, na=False).any():
            if out is frame:
                out = frame.copy()
            out[col] = series.map(printable)
    return out


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
