"""RACI planner for social-media teams: who does what between the SMM and the CM.

Run with ``streamlit run raci_app.py``. The screens live in app_pages/, the
shared components in ui/, and every rule, figure and file format in raci/.
"""

import streamlit as st

from ui import access, live, session
from ui.auth import require_sign_in
from ui.author import restore_author
from ui.brief import b
from ui.flash import show_flash
from ui.grid import fold_pending_edits
from ui.meeting_link import meeting_token, open_meeting
from ui.not_found import address_page, not_found_page
from ui.present import presenting, stop_presenting
from ui.save_status import pending_edit_offer
from ui.sidebar import sidebar
from ui.text import resolve_lang, t
from ui.whatif_text import w

st.set_page_config(page_title="RACI · SMM & CM", page_icon=":material/assignment_ind:", layout="wide")
resolve_lang()
meeting = st.Page("app_pages/meeting.py", title=t("nav.meeting"), icon=":material/co_present:", url_path="meeting")
# A meeting link (/?meeting=TOKEN) opens that plan's Meeting view read-only, without signing in.
if (token := meeting_token()) is not None:
    st.navigation([meeting], position="hidden")
    if open_meeting(token):
        meeting.run()
    st.stop()
require_sign_in()  # with [auth] in the secrets: a signed-out visitor sees the sign-in page and nothing else
restore_author()  # before the plan opens: its first version is signed with the e-mail or remembered name


def assignment(**where) -> st.Page:  # noqa: ANN003
    return st.Page("app_pages/assign.py", title=t("nav.assign"), icon=":material/group:", **where)


HOME, asked = "assign", address_page()  # the default page, served at the root and at /assign
pages = [
    assignment(url_path=HOME, default=asked != HOME),
    st.Page("app_pages/team.py", title=t("nav.team"), icon=":material/groups:", url_path="team"),
    st.Page("app_pages/matrix.py", title=t("nav.matrix"), icon=":material/table:", url_path="matrix"),
    st.Page("app_pages/dashboard.py", title=t("nav.dashboard"), icon=":material/bar_chart:", url_path="dashboard"),
    meeting,
    st.Page("app_pages/mywork.py", title=b("nav"), icon=":material/person:", url_path="mywork"),
    st.Page("app_pages/files.py", title=t("nav.files"), icon=":material/folder_open:", url_path="files"),
    st.Page("app_pages/plans.py", title=t("nav.plans"), icon=":material/library_books:", url_path="plans"),
    st.Page("app_pages/history.py", title=t("nav.history"), icon=":material/history:", url_path="history"),
    st.Page("app_pages/whatif.py", title=w("nav"), icon=":material/science:", url_path="whatif"),
]
# Streamlit finds its default page at the root only: at /assign the root is a hidden copy of it instead.
# An address naming no page gets a page saying so in the user's language, not Streamlit's English dialog.
if asked == HOME:
    pages.append(assignment(url_path="inicio", default=True, visibility="hidden"))
elif asked not in {"", HOME} | {page.url_path for page in pages}:
    pages.append(not_found_page(asked, pages[0]))
# Presenting the Meeting view: no navigation and no sidebar (ui/present.py); elsewhere it means nothing.
current = st.navigation(pages, position="hidden" if presenting() else "sidebar")
if presenting() and current.url_path != "meeting":
    stop_presenting()
    st.rerun()
fold_pending_edits()
session.sync()
access.refresh()  # the user's role on the open plan: a viewer gets every page read-only
live.begin(page_redraws=current.url_path in {"", HOME})  # Assignment: a click redraws its part (ui/live.py)
if not presenting():
    sidebar()
show_flash()
pending_edit_offer()
current.run()
