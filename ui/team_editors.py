"""Forms of the Team page: people and their shares, the plan's platforms, a task's recurring effort.

Every change goes through ``session.apply``: refused input (a duplicate name, a bad share,
a platform typed twice) shows the reason in the user's language and changes nothing.
"""

from __future__ import annotations

import streamlit as st

from raci.catalogue import task_display_name
from raci.i18n import hours as hours_text
from raci.limits import MAX_EFFORT_HOURS
from raci.recurrence import MAX_MINUTES, MAX_TIMES, PERIODS, Recurrence, RecurrenceError
from raci.team import MAX_PERSON_HOURS, SUGGESTED_PLATFORMS, Person
from ui import session
from ui.flash import flash
from ui.safe import md
from ui.text import lang, t

# ----- people ---------------------------------------------------------------------------------------------------


def person_from(prefix: str) -> Person:
    """The person the fields under ``prefix`` describe (raises TeamError on a bad name, hours or share)."""
    state = st.session_state
    roles = state.get(f"{prefix}roles") or []
    shares = {role: (state.get(f"{prefix}share::{role}") or 0.0) / 100 for role in roles}
    hours = state.get(f"{prefix}hours")
    return Person(state.get(f"{prefix}name") or "", session.settings().full_time_hours if hours is None else hours,
                  shares)


def _add_person() -> None:
    prefix = "team_new_"
    person = None

    def add(plan):  # noqa: ANN001, ANN202
        nonlocal person
        person = person_from(prefix)
        return plan.add_person(person)

    if session.apply(add):
        flash(t("team.added", name=person.name))
        state = st.session_state
        for role in state.get(f"{prefix}roles") or []:
            state.pop(f"{prefix}share::{role}", None)
        state[f"{prefix}name"], state[f"{prefix}roles"] = "", []
        state[f"{prefix}hours"] = session.settings().full_time_hours


def _save_person(name: str, prefix: str) -> None:
    person = None

    def save(plan):  # noqa: ANN001, ANN202
        nonlocal person
        person = person_from(prefix)
        return plan.update_person(name, person)

    if session.apply(save):
        st.session_state["team_pick"] = person.name
        flash(t("team.saved", name=person.name))


def _remove_person(name: str) -> None:
    if session.apply(lambda p: p.remove_person(name)):
        st.session_state.pop("team_pick", None)
        flash(t("team.removed", name=name))


def _person_fields(prefix: str, person: Person | None) -> None:
    """Name, hours, roles and a share per chosen role: the same fields to add and to edit."""
    plan = session.plan()
    full_time = session.settings().full_time_hours
    state = st.session_state
    # Defaults through Session State (no value= beside it): the add form clears its fields after adding.
    state.setdefault(f"{prefix}name", person.name if person else "")
    state.setdefault(f"{prefix}hours", person.hours if person else full_time)
    state.setdefault(f"{prefix}roles", [role for role in (person.roles if person else ()) if role in plan.role_names])
    state[f"{prefix}roles"] = [role for role in state[f"{prefix}roles"] if role in plan.role_names]
    name, hours = st.columns([2, 1])
    name.text_input(t("team.name"), key=f"{prefix}name", max_chars=80)
    hours.number_input(t("team.hours"), min_value=0.0, max_value=MAX_PERSON_HOURS, step=5.0, key=f"{prefix}hours",
                       help=t("team.hours_help", hours=hours_text(full_time, lang(), None)))
    chosen = st.multiselect(t("team.roles"), plan.role_names, key=f"{prefix}roles", placeholder=t("choose.many"))
    columns = st.columns(min(len(chosen), 4)) if chosen else []
    for k, role in enumerate(chosen):
        column = columns[k % len(columns)]
        share = person.roles.get(role) if person else None
        if f"{prefix}share::{role}" not in state:  # a new role starts at 100 %, or its share when editing
            state[f"{prefix}share::{role}"] = round((share or 1.0) * 100, 1)
        column.number_input(t("team.share", role=md(role)), min_value=0.0, max_value=100.0, step=5.0,
                            key=f"{prefix}share::{role}", help=t("team.share_help"))


def people_editor() -> None:
    """Add a person; edit or remove one."""
    plan = session.plan()
    with st.container(border=True, key="team_add"):
        st.markdown(f"**{t('team.add')}**")
        _person_fields("team_new_", None)
        st.button(t("team.add_button"), on_click=_add_person, type="primary", key="team_add_button")
    if not plan.people:
        return
    names = [p.name for p in plan.people]
    with st.container(border=True, key="team_edit"):
        st.markdown(f"**{t('team.manage')}**")
        if st.session_state.get("team_pick") not in names:
            st.session_state["team_pick"] = names[0]
        picked = st.selectbox(t("team.person"), names, key="team_pick", placeholder=t("choose.one"))
        prefix = f"team_edit::{picked}::{session.version()}::"  # fresh fields for each person and version
        _person_fields(prefix, plan.team.person(picked))
        save, remove = st.columns(2)
        save.button(t("team.save"), on_click=_save_person, args=(picked, prefix), type="primary", width="stretch",
                    key="team_save")
        with remove.popover(t("team.remove"), width="stretch"):
            st.write(t("team.remove_confirm", name=md(picked)))
            st.button(t("team.remove_button"), on_click=_remove_person, args=(picked,), type="primary",
                      key="team_remove")


# ----- platforms ------------------------------------------------------------------------------------------------


def _set_platforms(key: str) -> None:
    chosen = [p.strip() for p in st.session_state.get(key) or [] if p and p.strip()]
    session.apply(lambda p: p.with_platforms(chosen))


def platforms_editor() -> None:
    """The plan's platforms, from the suggested ones or typed; per-platform tasks follow their number."""
    plan = session.plan()
    options = list(dict.fromkeys([*plan.platforms, *SUGGESTED_PLATFORMS]))
    key = f"team_platforms::{session.version()}"
    st.multiselect(t("team.platforms_label"), options, default=list(plan.platforms), key=key,
                   accept_new_options=True, on_change=_set_platforms, args=(key,), placeholder=t("choose.many"))
    per_platform = [i for i, r in enumerate(plan.recurrences) if r is not None and r.per_platform]
    if per_platform:
        names = ", ".join(task_display_name(plan.names[i], lang()) for i in per_platform)
        st.caption(md(t("team.platforms_help", tasks=names)))
    else:
        st.caption(t("team.platforms_none"))


# ----- recurring effort -----------------------------------------------------------------------------------------


def _recurrence_from(prefix: str) -> Recurrence:
    state = st.session_state
    return Recurrence(state.get(f"{prefix}times") or 0, state.get(f"{prefix}per") or "week",
                      state.get(f"{prefix}minutes") or 0, bool(state.get(f"{prefix}per_platform")))


def _save_effort(index: int, prefix: str) -> None:
    state = st.session_state
    if state.get(f"{prefix}mode") == "recurring":
        change = {"recurrence": None}

        def operation(plan):  # noqa: ANN001, ANN202
            change["recurrence"] = _recurrence_from(prefix)
            return plan.update_task(index, **change)
    else:
        hours = state.get(f"{prefix}hours") or 0.0

        def operation(plan):  # noqa: ANN001, ANN202
            return plan.update_task(index, effort=float(hours))

    if session.apply(operation):
        flash(t("team.effort_saved", name=task_display_name(session.plan().names[index], lang())))


def effort_editor() -> None:
    """Pick a task; give its effort as plain hours or as a recurrence, with the formula it makes."""
    plan = session.plan()
    if not plan.n_tasks:
        return
    language = lang()
    if st.session_state.get("team_task_pick", 0) >= plan.n_tasks:
        st.session_state["team_task_pick"] = 0
    names = {i: f"{i + 1}. {task_display_name(plan.names[i], language)}" for i in range(plan.n_tasks)}
    index = st.selectbox(t("team.task"), list(names), key="team_task_pick", format_func=names.get,
                         placeholder=t("choose.one"))
    current = plan.recurrences[index]
    prefix = f"team_effort::{index}::{session.version()}::"
    modes = {"hours": t("team.mode_hours"), "recurring": t("team.mode_recurring")}
    mode = st.segmented_control(t("team.effort_mode"), list(modes), format_func=modes.get, required=True,
                                default="recurring" if current else "hours", key=f"{prefix}mode")
    if mode == "recurring":
        periods = {p: t(f"team.per_{p}") for p in PERIODS}
        times, per, minutes = st.columns(3)
        times.number_input(t("team.times"), min_value=0.0, max_value=float(MAX_TIMES), step=1.0,
                           value=current.times if current else 1.0, key=f"{prefix}times")
        per.segmented_control(t("team.per"), list(periods), format_func=periods.get, required=True,
                              default=current.per if current else "week", key=f"{prefix}per")
        minutes.number_input(t("team.minutes"), min_value=0.0, max_value=float(MAX_MINUTES), step=5.0,
                             value=current.minutes if current else 30.0, key=f"{prefix}minutes")
        st.checkbox(t("team.per_platform"), value=current.per_platform if current else False,
                    key=f"{prefix}per_platform")
        try:
            formula = _recurrence_from(prefix).formula(len(plan.platforms), language)
            st.markdown(md(t("team.formula", formula=formula)))
        except RecurrenceError as error:
            st.caption(md(error.message(language)))
    else:
        st.number_input(t("team.mode_hours"), min_value=0.0, max_value=MAX_EFFORT_HOURS, step=0.5,
                        value=float(plan.efforts[index]), key=f"{prefix}hours")
    st.button(t("team.effort_save"), on_click=_save_effort, args=(index, prefix), type="primary",
              key="team_effort_save")


def recurring_list() -> None:
    """Every recurring task with its formula; our estimates say so."""
    plan = session.plan()
    language = lang()
    rows = [(i, r) for i, r in enumerate(plan.recurrences) if r is not None]
    if not rows:
        st.caption(t("team.recurring_none"))
        return
    lines = []
    for i, recurrence in rows:
        formula = recurrence.formula(len(plan.platforms), language)
        line = f"- **{md(task_display_name(plan.names[i], language))}**: {md(formula)}"
        if recurrence.estimate:
            line += f" · *{md(t('team.estimate'))}*"
        lines.append(line)
    st.markdown("\n".join(lines))

