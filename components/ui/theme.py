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

# Task and milestone states (hnparks.core.tasks.STATUSES, derived.milestones.MILESTONE_STATUSES):
# done reads as green, late as red, not started as grey, under way in blue (not a light).
UNDER_WAY = "#1565C0"
TASK_COLORS = {"已完成": GREEN, "推进中": UNDER_WAY, "未启动": GREY, "滞后": RED}

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
