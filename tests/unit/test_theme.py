"""Colours and fonts have one home, components/ui/theme.py: a colour or a typeface typed anywhere
else in the code drifts from it (a status red that is not the status red)."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
THEME = REPO / "components" / "ui" / "theme.py"
HEX = re.compile(r"#[0-9A-Fa-f]{6}\b|#[0-9A-Fa-f]{3}\b")
FONTS = re.compile(r"YaHei|微软雅黑|Noto Sans|Source Han|PingFang|sans-serif")
RGBA = re.compile(r"\[\s*\d{1,3},\s*\d{1,3},\s*\d{1,3},\s*\d{1,3}\s*\]")


def _strings(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module (comments and docstrings may name a colour)."""
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
    return [(t.start[0], t.string) for t in tokens if t.type == tokenize.STRING]


def _typed_elsewhere(pattern: re.Pattern, source: str = "string") -> list[str]:
    """Where `pattern` stands in a string literal (or, with source="code", on a line of the UI's
    code: deck.gl colours are lists) outside the theme."""
    files = [*REPO.glob("components/**/*.py"), *REPO.glob("pages/*.py"), REPO / "app.py"]
    if source == "string":
        files += REPO.glob("hnparks/**/*.py")
    found = []
    for path in files:
        if path == THEME:
            continue
        if source == "string":
            hits = [(line, text) for line, text in _strings(path) if pattern.search(text)]
        else:
            hits = [(n, line) for n, line in enumerate(path.read_text(encoding="utf-8")
                                                       .splitlines(), 1) if pattern.search(line)]
        found += [f"{path.relative_to(REPO)}:{line}" for line, _ in hits]
    return found


def test_no_colour_outside_the_theme():
    assert _typed_elsewhere(HEX) == []


def test_no_rgba_colour_outside_the_theme():
    assert _typed_elsewhere(RGBA, source="code") == []


def test_no_typeface_outside_the_theme():
    assert _typed_elsewhere(FONTS) == []


def test_the_checks_see_a_typed_colour(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('BAR = "#C62828"  # red\nFONT = "Microsoft YaHei"\n', encoding="utf-8")
    texts = [text for _, text in _strings(sample)]
    assert any(HEX.search(t) for t in texts) and any(FONTS.search(t) for t in texts)
