"""The dashboard's colours and fonts, in one place: what a status light, a task state, a tier
looks like, and the typefaces. Charts, badges, slides, the PowerPoint and HTML exports and the
map read them from here; the domain keeps the words (状态 labels), never the colours.

No Streamlit here, so the exports can use it as well as the pages.
"""

from __future__ import annotations

# Status lights (hnparks.core.metrics.STATUS_LABELS: 正常 / 关注 / 滞后 / 无数据).
GREEN, AMBER, RED, GREY = "#2E7D32", "#F9A825", "#C62828", "#9E9E9E"
STATUS_COLORS = {"green": GREEN, "amber": AMBER, "red": RED, "grey": GREY}
# st.badge takes Streamlit's own colour names, not hex.
STATUS_BADGE_COLORS = {"green": "green", "amber": "orange", "red": "red", "grey": "gray"}
# A status word that is not a light (不分解: the target is not split down to the scope): pale.
NOT_A_LIGHT = "#eceff3"

# Task and milestone states (hnparks.core.tasks.STATUSES, derived.milestones.MILESTONE_STATUSES):
# done reads as green, late (滞后) and overdue (逾期) as red, not started as grey, under way in
# blue (not a light).
UNDER_WAY = "#1565C0"
TASK_COLORS = {"已完成": GREEN, "推进中": UNDER_WAY, "未启动": GREY, "滞后": RED, "逾期": RED}

# Signs: a rise that is good, a fall or a shortfall that is bad.
GOOD, BAD = GREEN, RED

# The selected item among others (a city on a comparison chart).
SELECTED = UNDER_WAY

# The neutral series colours shared by charts and slides.
NAVY = "#1F4E79"       # world-class clusters, a single neutral series
LIGHT_BLUE = "#6FA8DC"  # emerging clusters
BLUE = "#1f5fa8"       # a measured value without a light
PALE = "#9aa5b1"       # context: last year, a middle tier
INK = "#111827"        # markers, outlines, the selected item
GRID = "#eceff3"
NEUTRAL_TEXT = "#374151"

# 亩均效益 tiers: A is good, C is poor, B in between.
TIER_COLORS = {"A类": GREEN, "B类": PALE, "C类": RED}

# Typefaces: Noto / Source Han on Linux (and offline machines), 微软雅黑 on the office's Windows.
FONTS = ["Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei",
         "PingFang SC", "sans-serif"]
FONT_STACK = ", ".join(FONTS)  # plotly, deck.gl
CSS_FONT_STACK = ", ".join(f'"{f}"' if " " in f else f for f in FONTS)  # HTML / CSS
CHART_FONT = {"family": FONT_STACK, "size": 13}  # plotly's layout font on every page
# PowerPoint runs name one Latin and one East Asian typeface; PowerPoint and WPS on Windows have
# 微软雅黑, elsewhere the viewer substitutes its own CJK font (LibreOffice: Noto Sans CJK SC).
PPTX_LATIN_FONT = "Microsoft YaHei"
PPTX_EA_FONT = "微软雅黑"


def status_css() -> str:
    """CSS classes `.green`, `.amber`, `.red`, `.grey` filling a badge with its light's colour."""
    return " ".join(f".{light} {{ background: {color}; }}" for light, color in STATUS_COLORS.items())


# ---- the palettes of single pages (kept here so that no colour is typed anywhere else) -------
# 生态环境整治: a problem being rectified; the light end of the neutral share ramp.
REMEDYING = "#5B8FD9"
RAMP_LOW = "#DCE8F5"
# 营商环境改革: matrix cells by state (pale versions of the lights), their text and dividers.
CELL_DONE, CELL_ONGOING, CELL_NOT_STARTED, CELL_NONE = "#C8E6C9", "#FFE082", "#FFCDD2", "#F5F5F5"
NOT_APPLICABLE_FILL = "#E0E0E0"
CELL_INK = "#212121"
OTHERS = "#90A4AE"  # the cities beside the selected one
# 产业集群: national-level clusters, the chain's stages, a highlighted bar, last year.
NATIONAL_BLUE = "#5b9bd5"
UPSTREAM, DOWNSTREAM = "#2e7d6b", "#b7791f"
HIGHLIGHT = "#c2410c"
LAST_YEAR = "#9ca3af"
ROOT_FILL = "#f3f4f6"
# 亩均效益与用地: land still to redevelop; the land under the incubator map.
REMAINING = "#f0a35e"
LAND = "#eef2f7"
# 目标达成: last year's path, waterfall connectors, the projected part of a bar.
PATH = "#8fb3d9"
CONNECTOR = "#cbd2d9"
PROJECTED = "#c5d7ee"
# Slides and the exported briefing.
DARK_TEXT = "#1B1B1B"
MUTED_TEXT = "#555555"
SLIDE_GRID = "#E5E5E5"
PAGE_BACKGROUND = "#f4f6f9"
# The map (deck.gl takes RGBA lists): ColorBrewer "Blues" light → dark for the cities' values.
MAP_BLUES = [(222, 235, 247), (198, 219, 239), (158, 202, 225), (107, 174, 214), (66, 146, 198),
             (33, 113, 181), (8, 81, 156), (8, 48, 107)]
MAP_NO_DATA = [205, 205, 205, 200]
MAP_WHITE = [255, 255, 255, 255]
MAP_SOFT_WHITE = [255, 255, 255, 230]
MAP_HOVER = [255, 255, 255, 70]
MAP_INK = [17, 24, 39, 255]
MAP_INK_HOVER = [17, 24, 39, 110]
MAP_PARK = [230, 85, 13, 210]
TOOLTIP_TEXT, TOOLTIP_BORDER = "#1f2937", "#d1d5db"
# The print header (every printed page): small grey text over a thin rule.
PRINT_TEXT, PRINT_RULE = "#333333", "#999999"
