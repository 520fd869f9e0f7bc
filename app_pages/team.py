"""Team: the people behind the roles, how busy each one and each role is, the platforms, recurring effort."""

import streamlit as st

from raci.i18n import hours, percent
from ui import access, session
from ui.advice import advice_panel
from ui.balance import balance_button, balance_panel
from ui.capacity import bar, team_use
from ui.figures import chart
from ui.safe import md
from ui.team_editors import effort_editor, people_editor, platforms_editor, recurring_list
from ui.text import lang, t

MAX_ROWS = 200  # a table of rows of widgets; beyond this many people the chart and the editor still work

plan = session.plan()
use = team_use()
language = lang()


def use_cell(share: float | None) -> None:
    """The capacity used, as a percentage and a bar ("—" where no capacity is known)."""
    if share is None:
        st.markdown("—")
        return
    st.markdown(md(percent(share, lang())))
    bar(share)

st.title(t("team.title"))
st.caption(t("team.help"))
access.read_only_banner()
if access.can_edit():
    balance_button("team")
    balance_panel("team")

people, roles = st.columns([3, 2], gap="large")
with people:
    st.subheader(t("team.people"))
    if not use.people:
        st.info(t("team.none"))
    else:
        widths = [2, 3, 1.2, 1.2, 2]
        for column, head in zip(st.columns(widths), ("team.name", "team.roles", "team.hours", "team.load", "team.use"),
                                strict=True):
            column.markdown(f"**{t(head)}**")
        for person in use.people[:MAX_ROWS]:
            name, shares, own, load, used = st.columns(widths, vertical_alignment="center")
            name.markdown(md(person.name))
            shares.markdown(md(", ".join(f"{role} {percent(share, language)}" for role, share in person.roles.items())
                               or "—"))
            own.markdown(md(hours(person.hours, language, None)))
            load.markdown(md(hours(person.load, language)))
            with used:
                use_cell(person.utilisation)
                if person.booked > 1:
                    st.caption(t("team.overbooked", share=percent(person.booked, language)))
        if len(use.people) > MAX_ROWS:
            st.caption(t("findings.more", count=len(use.people) - MAX_ROWS))
    if access.can_edit():
        people_editor()

with roles:
    st.subheader(t("team.per_role"))
    widths = [1.5, 2, 1.3, 2]
    for column, head in zip(st.columns(widths), ("team.role", "team.capacity", "team.load", "team.use"), strict=True):
        column.markdown(f"**{t(head)}**")
    for role in use.roles:
        name, capacity, load, used = st.columns(widths, vertical_alignment="center")
        name.markdown(md(role.role))
        if role.capacity is None:
            capacity.markdown("—")
            capacity.caption(t("team.unknown"))
        else:
            capacity.markdown(md(hours(role.capacity, language, None)))
            capacity.caption(t("team.from_people" if role.staffed else "team.from_role"))
        load.markdown(md(hours(role.load, language)))
        with used:
            use_cell(role.utilisation)

st.subheader(t("team.platforms"))  # full width: ten platforms must fit without being cut
if access.can_edit():
    platforms_editor()
else:
    st.markdown(md(", ".join(plan.platforms) or "—"))

if use.known:
    chart("utilisation")
advice_panel()

st.subheader(t("team.recurring"))
st.caption(t("team.recurring_help"))
edit, listing = st.columns([3, 2], gap="large")
with edit:
    if access.can_edit():
        effort_editor()
with listing:
    st.markdown(f"**{t('team.recurring_list')}**")
    recurring_list()
