"""No year in code: titles, dates and months come from the plan folders (data/plans/<year>/), so
the dashboard tracks next year's work points without a programmer. A literal 19xx/20xx in
hnparks/, components/, pages/ or app.py fails here with its file:line, unless allowed below."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
YEAR = re.compile(r"(?<![\w\\.+])(19|20)\d{2}(?![\d])")
# The generator's seed settings: the illustrative facts are generated for one plan year
# (hnparks/commands/generate: PLAN_YEAR, FIRST_PERIOD/LAST_PERIOD and the calibration written for them).
ALLOWED_FOLDERS = ("hnparks/commands/generate/",)
# Numbers that look like years but are not a plan's: (file, the text on that line).
ALLOWED_LINES = {
    ("hnparks/core/schemas.py", '"min_value": 1990, "max_value": 2030'),  # plausible approval years
    ("hnparks/core/schemas.py", '"min_value": 2000, "max_value": 2100'),  # plausible plan years
    ("hnparks/commands/templates.py", '{letter}2:{letter}2000'),  # a drop-down list's cell range
    ("components/views/present_charts.py", "1920×1080"),  # screen size
    ("components/ui/map_asset.py", "http://www.w3.org/2000/svg"),  # the SVG namespace
}


def year_literals(root: Path = REPO) -> list[str]:
    """'file:line: text' of every literal year outside the allowed places."""
    files = [root / "app.py"] + [p for d in ("hnparks", "components", "pages")
                                 for p in sorted((root / d).rglob("*.py"))]
    found = []
    for path in files:
        rel = path.relative_to(root).as_posix()
        if rel.startswith(ALLOWED_FOLDERS):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if YEAR.search(line) and not any(rel == f and text in line for f, text in ALLOWED_LINES):
                found.append(f"{rel}:{number}: {line.strip()}")
    return found


def test_no_literal_year_in_the_dashboard_code():
    found = year_literals()
    assert not found, "代码中不应写死年份（请从计划包 data/plans/<年度>/ 读取）：\n" + "\n".join(found)


def test_the_scan_finds_a_year_and_names_file_and_line(tmp_path: Path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "app.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "pages" / "p.py").write_text('a = 1\nTITLE = "2021年湖南省产业园区工作要点"\n',
                                             encoding="utf-8")
    assert year_literals(tmp_path) == ['pages/p.py:2: TITLE = "2021年湖南省产业园区工作要点"']
