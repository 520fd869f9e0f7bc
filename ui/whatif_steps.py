"""The one-step changes to try on an open scenario: add or remove a person, scale the effort, mark someone
absent; then the tasks that lose their A and the backup the balancer proposes for them.

Every change goes through ``session.apply``: a refusal (a duplicate name, a factor out of range) is a
sentence on the next screen and changes nothing.
"""

from __future__ import annotations

import streamlit as st

from raci.errors import PlanError
from raci.i18n import number, percent
from raci.team import MAX_PERSON_HOURS, Person
from raci.whatif import Backup, backup, mark_absent, orphaned_tasks, scale_effort
from ui import session
from ui.flash import flash
from ui.safe import md
from ui.team_editors import person_from
from ui.text import lang
from ui.whatif_text import w

_NEW = "whatif_person_"


# ----- a person more -------------------------------------------------------------------------------------------
def _add_person() -> None:
    added: list[Person] = []

    def add(plan):  # noqa: ANN001, ANN202 - the Person is made inside, so that its refusal is shown too
        added.append(person_from(_NEW))
        return plan.add_person(added[0])

    if session.apply(add):
        flash(w("person_added", name=added[0].name))
        state = st.session_state
        for role in state.get(f"{_NEW}roles") or []:
            state.pop(f"{_NEW}share::{role}", None)
        state[f"{_NEW}name"], state[f"{_NEW}roles"] = "", []


def add_person() -> None:
    """Name, hours a month, roles and the share of the hours for each: "Marta, 140 h, CM 100 %"."""
    plan, state = session.plan(), st.session_state
    st.markdown(f"**{w('add_person')}**")
    state.setdefault(f"{_NEW}hours", session.settings().full_time_hours)
    state[f"{_NEW}roles"] = [role for role in state.get(f"{_NEW}roles") or [] if role in plan.role_names]
    name, hours = st.columns([2, 1])
    name.text_input(w("person_name"), key=f"{_NEW}name", max_chars=80, placeholder=w("person_example"))
    hours.number_input(w("hours"), min_value=0.0, max_value=MAX_PERSON_HOURS, step=5.0, key=f"{_NEW}hours")
    chosen = st.multiselect(w("roles"), plan.role_names, key=f"{_NEW}roles", placeholder=w("choose_many"))
    for role in chosen:
        state.setdefault(f"{_NEW}share::{role}", 100.0)
        st.number_input(w("share", role=md(role)), min_value=0.0, max_value=100.0, step=5.0,
                        key=f"{_NEW}share::{role}")
    st.button(w("add"), on_click=_add_person, key="whatif_add_person", icon=":material/person_add:")


# ----- a person less, a person absent ----------------------------------------------------------------------------
# The callbacks read the widgets' state, not values bound when the button was drawn.
def _remove_person() -> None:
    name = st.session_state.get("whatif_person_pick")
    if name is not None and session.apply(lambda p: p.remove_person(name)):
        flash(w("person_removed", name=name))


def _mark_absent() -> None:
    name = st.session_state.get("whatif_person_pick")
    if name is not None and session.apply(lambda p: mark_absent(p, name)):
        flash(w("person_absent", name=name))


def remove_or_absent() -> None:
    """Pick a person: take them off the team, or keep them with no hours (absent)."""
    plan = session.plan()
    st.markdown(f"**{w('someone_less')}**")
    if not plan.people:
        st.caption(w("no_people"))
        return
    st.selectbox(w("person"), [p.name for p in plan.people], key="whatif_person_pick", placeholder=w("choose"))
    absent, remove = st.columns(2)
    absent.button(w("mark_absent"), on_click=_mark_absent, key="whatif_absent", width="stretch",
                  icon=":material/beach_access:", help=w("mark_absent_help"))
    remove.button(w("remove_person"), on_click=_remove_person, key="whatif_remove", width="stretch",
                  icon=":material/person_remove:")


# ----- more or less work -----------------------------------------------------------------------------------------
def change_text(change: float) -> str:
    """A percentage change as the reader writes it: "+50 %", "-20 %"."""
    text = percent(change / 100, lang())
    return f"+{text}" if change > 0 else text


def _scale() -> None:
    category = st.session_state.get("whatif_scale_category")
    change = float(st.session_state.get("whatif_scale_change") or 0.0)
    if session.apply(lambda p: scale_effort(p, 1 + change / 100, category)):
        what = w("all_tasks") if category is None else category
        flash(w("scaled", change=change_text(change), what=what))


def scale() -> None:
    """A change of effort, as a percentage, on one category's tasks or on all: "+50 % en Difusión de contenido"."""
    plan = session.plan()
    st.markdown(f"**{w('scale')}**")
    categories = [None, *dict.fromkeys(c for c in plan.categories if c)]
    what, change = st.columns([2, 1])
    what.selectbox(w("category"), categories, key="whatif_scale_category",
                   format_func=lambda c: w("all_tasks") if c is None else c, placeholder=w("choose"))
    amount = change.number_input(w("change"), value=50.0, step=5.0, format="%.0f", key="whatif_scale_change",
                                 help=w("change_help"))
    st.button(w("scale_button", change=change_text(amount or 0.0)), on_click=_scale, key="whatif_scale",
              icon=":material/trending_up:")


# ----- who takes over ------------------------------------------------------------------------------------------
def _apply_backup(found: Backup) -> None:
    if session.apply(found.apply):
        flash(w("backup_applied", count=len(found.moves)))


def backup_panel() -> None:
    """The tasks whose A is on a role left with no hours, and the balancer's backup for them, to apply."""
    plan = session.plan()
    orphans = orphaned_tasks(plan)
    if not orphans:
        return
    with st.container(border=True, key="whatif_backup"):
        st.subheader(w("orphaned_title"))
        st.warning(w("orphaned", count=number(len(orphans), lang())), icon=":material/person_off:")
        st.markdown("\n".join(f"- {md(plan.names[i])} · A: {md(', '.join(plan.accountable(i)))}" for i in orphans))
        any_role = st.toggle(w("any_role"), key="whatif_any_role", help=w("any_role_help"))
        try:
            found = session.derived(("whatif_backup", any_role), lambda: backup(plan, session.settings(), any_role))
        except PlanError as error:  # a plan too large to balance
            st.error(md(error.message(lang())))
            return
        if found is None or not found.moves:  # why not: the balancer's own reason, when it moved nothing at all
            moved_nothing = found is not None and not found.proposal.moves
            st.info(md(found.proposal.summary(lang())) if moved_nothing else w("no_backup"))
            return
        st.markdown(f"**{w('backup_title')}**")
        st.markdown("\n".join(f"- {md(m.text(lang()))}" for m in found.moves))
        st.button(w("apply_backup", count=len(found.moves)), on_click=_apply_backup, args=(found,), type="primary",
                  key="whatif_apply_backup", icon=":material/swap_horiz:")
