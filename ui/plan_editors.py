"""Forms that change the plan's shape: add, reorder and remove tasks and roles."""

from __future__ import annotations

import streamlit as st

from raci.catalogue import catalogue, category_display_name, find_task, task_display_name
from raci.files import DEFAULT_EFFORT_HOURS
from raci.limits import MAX_EFFORT_HOURS
from raci.model import NATURES, PROFILES, Role, Task
from raci.recurrence import Recurrence
from ui import session
from ui.flash import flash
from ui.text import lang, t


def _add_task() -> None:
    state = st.session_state
    owner = state["new_task_owner"]

    name = (state["new_task_name"] or "").strip()
    seeded = find_task(name)  # a task of the document's catalogue: what is left empty comes from it
    category, nature, effort = state["new_task_category"], state["new_task_nature"], state["new_task_effort"]
    recurrence = None
    if seeded is not None:
        category = category or category_display_name(seeded.category, lang())
        nature = nature or seeded.nature
        if effort is None and seeded.recurrence:  # our estimate comes with it, as in the seeded plan
            recurrence = Recurrence(**seeded.recurrence, estimate=True)
        effort = float(seeded.effort_hours_estimate) if effort is None else effort

    def add(plan):  # noqa: ANN001, ANN202
        task = Task(name, category or "", nature or "", DEFAULT_EFFORT_HOURS if effort is None else effort,
                    recurrence)
        plan = plan.add_task(task)
        return plan.assign_owner(plan.n_tasks - 1, [owner]) if owner else plan

    if session.apply(add):
        flash(t("tasks.added", name=name))


def _move_task(offset: int) -> None:
    index = st.session_state["task_pick"]
    session.apply(lambda p: p.move_task(index, index + offset))
    st.session_state["task_pick"] = max(0, min(index + offset, session.plan().n_tasks - 1))


def _remove_task() -> None:
    index = st.session_state["task_pick"]
    name = session.plan().names[index]
    if session.apply(lambda p: p.remove_task(index)):
        st.session_state["task_pick"] = 0
        flash(t("tasks.removed", name=name))


def _labels(keys, label) -> dict:  # noqa: ANN001
    """Option labels computed during the run (a format_func may be called outside it)."""
    return {key: label(key) for key in keys}


def task_editor() -> None:
    """Add a task; move or remove one."""
    plan = session.plan()
    natures = _labels(NATURES, lambda n: t(f"nature.{n}"))
    with st.expander(t("tasks.title")):
        with st.form("add_task", clear_on_submit=True, border=False):
            st.markdown(f"**{t('tasks.add')}**")
            name, category = st.columns(2)
            # The document's tasks, found by typing part of a name; any other name is typed as it is.
            seeded = [task_display_name(task.es, lang()) for task in catalogue().tasks]
            name.selectbox(t("matrix.task"), seeded, index=None, accept_new_options=True, key="new_task_name",
                           placeholder=t("tasks.name_placeholder"), help=t("tasks.name_help", count=len(seeded)))
            categories = _labels(dict.fromkeys(plan.categories), lambda c: category_display_name(c, lang()))
            category.selectbox(t("matrix.category"), list(categories), index=None,
                               placeholder=t("choose.one"), key="new_task_category",
                               accept_new_options=True, format_func=lambda c: categories.get(c, c))
            nature, effort, owner = st.columns(3)
            nature.segmented_control(t("matrix.nature"), list(NATURES), key="new_task_nature",
                                     format_func=natures.get)
            effort.number_input(t("matrix.effort"), min_value=0.0, max_value=MAX_EFFORT_HOURS, value=None, step=0.5,
                                key="new_task_effort", placeholder=t("tasks.effort_placeholder"))
            owner.selectbox(t("assign.owner"), plan.role_names,
                            placeholder=t("choose.one"), key="new_task_owner", index=None)
            st.form_submit_button(t("tasks.add_button"), on_click=_add_task, type="primary")
        if plan.n_tasks:
            st.markdown(f"**{t('tasks.manage')}**")
            if st.session_state.get("task_pick", 0) >= plan.n_tasks:
                st.session_state["task_pick"] = 0
            names = _labels(range(plan.n_tasks),
                            lambda i: f"{i + 1}. {task_display_name(plan.names[i], lang())}")
            st.selectbox(t("matrix.task"), list(names),
                         placeholder=t("choose.one"), key="task_pick", format_func=names.get)
            up, down, remove = st.columns(3)
            up.button(t("tasks.up"), on_click=_move_task, args=(-1,), width="stretch")
            down.button(t("tasks.down"), on_click=_move_task, args=(1,), width="stretch")
            with remove.popover(t("tasks.remove"), width="stretch"):
                st.write(t("tasks.remove_confirm"))
                st.button(t("tasks.remove_button"), on_click=_remove_task, type="primary", key="remove_task")


def _capacity(value: float) -> float | None:
    return value if value and value > 0 else None


def _add_role() -> None:
    state = st.session_state

    def add(plan):  # noqa: ANN001, ANN202
        role = Role(state["new_role_short"], state["new_role_name"], state["new_role_profile"] or "other",
                    _capacity(state["new_role_capacity"]))
        return plan.add_role(role, letter=state["new_role_letter"] or "")

    if session.apply(add):
        flash(t("roles.added", name=state["new_role_short"]))


def _save_role(short: str, suffix: str) -> None:
    state = st.session_state
    changes = {"short": state[f"edit_role_short{suffix}"], "name": state[f"edit_role_name{suffix}"],
               "profile": state[f"edit_role_profile{suffix}"] or "other",
               "capacity": _capacity(state[f"edit_role_capacity{suffix}"])}
    if session.apply(lambda p: p.update_role(short, **changes)):
        state["role_pick"] = changes["short"]


def _move_role(short: str, offset: int) -> None:
    session.apply(lambda p: p.move_role(short, p.role_index(short) + offset))


def _remove_role(short: str) -> None:
    if session.apply(lambda p: p.remove_role(short)):
        st.session_state.pop("role_pick", None)
        flash(t("roles.removed", name=short))


def role_editor() -> None:
    """Add a role (designer, agency, marketing director...); rename, move or remove one."""
    plan = session.plan()
    profiles = _labels(PROFILES, lambda p: t(f"profile.{p}"))
    with st.expander(t("roles.title")):
        with st.form("add_role", clear_on_submit=True, border=False):
            st.markdown(f"**{t('roles.add')}**")
            short, name = st.columns([1, 2])
            short.text_input(t("roles.short"), key="new_role_short", max_chars=40)
            name.text_input(t("roles.name"), key="new_role_name")
            profile, capacity, letter = st.columns(3)
            profile.selectbox(t("roles.profile"), list(PROFILES),
                              placeholder=t("choose.one"), key="new_role_profile", index=2,
                              format_func=profiles.get)
            capacity.number_input(t("roles.capacity"), min_value=0.0, value=0.0, step=1.0, key="new_role_capacity",
                                  help=t("roles.capacity_help"))
            letter.selectbox(t("roles.initial_letter"), ["", "I", "C"],
                             placeholder=t("choose.one"), key="new_role_letter",
                             format_func=lambda x: x or "—")
            st.form_submit_button(t("roles.add_button"), on_click=_add_role, type="primary")
        if not plan.n_roles:
            return
        st.markdown(f"**{t('roles.manage')}**")
        if st.session_state.get("role_pick") not in plan.role_names:
            st.session_state["role_pick"] = plan.role_names[0]
        picked = st.selectbox(t("roles.short"), plan.role_names, placeholder=t("choose.one"), key="role_pick")
        role = plan.role(picked)
        suffix = f"::{picked}::{session.version()}"  # fresh fields for each role and version
        with st.form(f"edit_role{suffix}", border=False):
            short, name = st.columns([1, 2])
            short.text_input(t("roles.short"), value=role.short, key=f"edit_role_short{suffix}", max_chars=40)
            name.text_input(t("roles.name"), value=role.name, key=f"edit_role_name{suffix}")
            profile, capacity = st.columns(2)
            profile.selectbox(t("roles.profile"), list(PROFILES), index=PROFILES.index(role.profile),
                              placeholder=t("choose.one"), key=f"edit_role_profile{suffix}", format_func=profiles.get)
            capacity.number_input(t("roles.capacity"), min_value=0.0, value=float(role.capacity or 0.0), step=1.0,
                                  key=f"edit_role_capacity{suffix}", help=t("roles.capacity_help"))
            st.form_submit_button(t("roles.save"), on_click=_save_role, args=(picked, suffix))
        left, right, remove = st.columns(3)
        left.button(t("roles.left"), on_click=_move_role, args=(picked, -1), width="stretch")
        right.button(t("roles.right"), on_click=_move_role, args=(picked, 1), width="stretch")
        with remove.popover(t("roles.remove"), width="stretch"):
            st.write(t("roles.remove_confirm", name=picked))
            st.button(t("roles.remove_button"), on_click=_remove_role, args=(picked,), type="primary",
                      key="remove_role")
