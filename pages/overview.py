"""总览 (/): headline targets against 序时进度, the pace they need, briefing, alerts, map."""

import streamlit as st

from components.shell.auth import viewer
from components.shell.page import page_header
from components.ui.data import datasets, view
from components.ui.layout import headline_block
from components.views.overview_cards import alert_list, briefing_block, headline_cards
from components.views.overview_map import map_panel
from components.views.published_panel import published_comparison
from components.views.review_office import overview_late_block
from hnparks.core.scope import Scope
from hnparks.core.status import rules_caption
from hnparks.derived import attainment as _attainment
from hnparks.views import overview as _overview_view
from hnparks.views import published as _published
from hnparks.views import targets as _targets_view

headline_targets = view(_attainment.headline_targets)
alerts = view(_overview_view.alerts)
briefing = view(_overview_view.briefing)
park_target_basis = view(_targets_view.park_target_basis)
published = view(_published.comparison)

DATASETS = ["targets", "park_indicators", "parks", "city_target_allocation", "specialty_parks",
            "specialty_output", "tasks", "task_progress", "env_problems", "assessments"]

scope = page_header("湖南省产业园区工作要点 · 总览", datasets=DATASETS)
data = datasets(scope)
headline = headline_targets(data, scope)
province = headline if scope.level == "province" else headline_targets(data, Scope(scope.period))

with headline_block():
    st.subheader("主要目标完成情况")
    headline_cards(headline, province)
    st.caption(rules_caption())

left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader("全省分布")
    map_panel(data, scope)

with right:
    st.subheader("形势简报")
    briefing_block(briefing(data, scope, headline))
    overview_late_block(viewer())  # the office only: who has not reported

st.subheader("需要关注")
alert_list(alerts(data, scope))
st.caption("落后序时进度 = 序时进度 − 完成率，从大到小列出；"
           f"{park_target_basis(data)}。点击一行打开说明该事项的页面，悬停可看详情。")

st.subheader("与公开报道对照（全省）")
published_comparison(published(data, scope.period), "overview_published")
