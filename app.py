"""Entry point: page config, shared context and navigation (a router only)."""

import streamlit as st

from components.shell.auth import login_page, may_open, signed_in, user_box
from components.shell.browser import run_script
from components.shell.context import present_context, sidebar_context
from components.shell.deep_link import reopen_deep_link
from components.shell.failsafe import guarded
from components.ui.layout import page_css
from components.views.present import enter_button, is_present_mode, leave_present_page, slide_pages

st.set_page_config(page_title="湖南省产业园区工作要点 · 领导驾驶舱",
                   layout="wide", initial_sidebar_state="auto")  # collapsed on phones
run_script("history")  # the app's own URL rewrites replace the browser-history entry

PAGES = [
    st.Page("pages/overview.py", title="总览", url_path="", default=True),
    st.Page("pages/targets.py", title="目标达成", url_path="targets"),
    st.Page("pages/clusters.py", title="产业集群", url_path="clusters"),
    st.Page("pages/environment.py", title="生态环境整治", url_path="environment"),
    st.Page("pages/business.py", title="营商环境改革", url_path="business"),
    st.Page("pages/efficiency.py", title="亩均效益与用地", url_path="efficiency"),
    st.Page("pages/opening.py", title="开放与创新", url_path="opening"),
    st.Page("pages/tasks.py", title="重点任务台账", url_path="tasks"),
    st.Page("pages/park.py", title="园区档案", url_path="park"),
    st.Page("pages/report.py", title="数据填报", url_path="report"),
    st.Page("pages/review.py", title="审核与发布", url_path="review"),
    st.Page("pages/admin.py", title="数据管理", url_path="admin"),
]
PRESENT_PAGE = st.Page("pages/present.py", title="汇报模式", url_path="present", visibility="hidden")


def main() -> None:
    page_css()  # phone and print layout, on every page and the slides
    identity = signed_in()
    if identity is None:  # nothing but the login form (no numbers) until someone signs in;
        # every page is registered (unrun) so the URL, page and parameters, survives the login
        st.navigation([*PAGES, PRESENT_PAGE], position="hidden")
        login_page()
        return
    if is_present_mode():
        # Meeting room: whatever the path, show the slides, with no sidebar or selectors (the
        # path stays, so Back or Esc returns to the page the slides were opened from).
        navigation = st.navigation(slide_pages(PAGES, PRESENT_PAGE), position="hidden")
        present_context()
    else:
        # 数据填报 (parks), 审核与发布 (cities) and 数据管理 exist only for the roles that use
        # them (each page and the domain check again)
        mine = [page for page in PAGES if may_open(identity, page.url_path)]
        navigation = st.navigation([*mine, PRESENT_PAGE])
        leave_present_page(navigation, PAGES[0])
        reopen_deep_link()
        sidebar_context()
        enter_button()
        user_box(identity)
    navigation.run()


guarded(main)  # a missing or broken data directory shows a Chinese notice, never a traceback
