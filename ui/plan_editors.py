"""Forms that change the plan's shape: add (from the task library or by name), reorder and remove tasks and roles."""

from __future__ import annotations

import streamlit as st

from raci.catalogue import category_display_name, task_display_name
from raci.files import DEFAULT_EFFORT_HOURS
from raci.i18n import hours, percent
from raci.library import category_name, find, library, search, suggest
from raci.limits import MAX_EFFORT_HOURS
from raci.model import NATURES, PROFILES, Role, Task
from raci.text import clip, fold
from ui import session
from ui.flash import flash, flash_pending
from ui.library_text import lib
from ui.safe import md
from ui.text import lang, t

#: Library tasks offered under the name field as the user types.
MATCHES_SHOWN = 6
_FORM_KEYS = ("new_task_name", "new_task_category", "new_task_nature", "new_task_effort", "new_task_owner")


def _category_options(plan) -> dict[str, str]:  # noqa: ANN001
    """The plan's categories, then the library's (in the user's language) that the plan does not have yet."""
    options = _labels(dict.fromkeys(plan.categories), lambda c: category_display_name(c, lang()))
    shown = {fold(label) for label in options.values()} | {fold(c) for c in options}
    for category in library().categories:
        name = category.name(lang())
        if fold(name) not in shown:
            options[name] = name
            shown.add(fold(name))
    return options


def _fill(category_id: str, nature: str, owner: str) -> None:
    """Put a library category, nature and owner in the form (the owner only when the plan has that role)."""
    state = st.session_state
    name = category_name(category_id, lang())
    options = _category_options(session.plan())  # the plan's own spelling when it has the category already
    state["new_task_category"] = next((key for key, label in options.items() if fold(name) in (fold(key), fold(label))),
                                      name)
    state["new_task_nature"] = nature
    state["new_task_owner"] = owner if owner in session.plan().role_names else None


def _pick(task_id: str) -> None:
    task = library().task(task_id)
    st.session_state["new_task_name"] = task.name(lang())
    _fill(task.category, task.nature, task.owner)
    st.session_state["new_task_effort"] = task.hours(len(session.plan().platforms))


def _add_task() -> None:
    state = st.session_state
    owner = state["new_task_owner"]
    plan = session.plan()

    name = (state["new_task_name"] or "").strip()
    known = find(name)  # a library task (the document's or our practice): what is left empty comes from it
    category, nature, effort = state["new_task_category"], state["new_task_nature"], state["new_task_effort"]
    recurrence = None
    if known is not None:
        category = category or category_name(known.category, lang())
        nature = nature or known.nature
        hours = known.hours(len(plan.platforms))
        if known.recurrence is not None and (effort is None or effort == hours):  # our estimate comes with it
            recurrence = known.recurrence
        effort = hours if effort is None else effort

    def add(plan):  # noqa: ANN001, ANN202
        task = Task(name, category or "", nature or "", DEFAULT_EFFORT_HOURS if effort is None else effort,
                    recurrence)
        plan = plan.add_task(task)
        return plan.assign_owner(plan.n_tasks - 1, [owner]) if owner else plan

    if session.apply(add):
        flash(t("tasks.added", name=name))
        for key in _FORM_KEYS:
            state[key] = "" if key == "new_task_name" else None


def _library_help(name: str, natures: dict[str, str]) -> None:
    """Under the name: the library task it is, or the matches to pick and the suggestion for a name of one's own."""
    plan = session.plan()
    typed = name.strip()
    if not typed:
        return
    known = find(typed)
    if known is not None:
        effort = (known.recurrence.formula(len(plan.platforms), lang()) if known.recurrence
                  else lib("effort_hours", hours=hours(known.hours(), lang(), None)))
        st.caption(lib("picked", source=lib(f"source_{known.source}").lower(),
                       category=category_name(known.category, lang()), nature=natures[known.nature].lower(),
                       owner=known.owner, effort=effort))
        return
    matches = search(typed, lang(), MATCHES_SHOWN)
    if matches:
        st.caption(lib("matches"))
        for task in matches:
            st.button(task.name(lang()), key=f"library_pick::{task.id}", on_click=_pick, args=(task.id,),
                      help=lib(f"source_{task.source}"), type="tertiary", icon=":material/add:")
    else:
        st.caption(lib("no_match", query=md(clip(typed))))
    suggestion = suggest(typed, lang())
    if suggestion is None:
        st.caption(lib("nothing_to_suggest"))
        return
    similar = ", ".join(f"'{task.name(lang())}'" for task in suggestion.similar)
    st.caption(lib("suggested", category=category_name(suggestion.category, lang()),
                   nature=natures[suggestion.nature].lower(), owner=suggestion.owner, similar=similar)
               + ". " + lib("suggested_confidence", confidence=percent(suggestion.confidence, lang())))
    st.button(lib("use_suggestion"), key="use_suggestion", on_click=_fill,
              args=(suggestion.category, suggestion.nature, suggestion.owner))


@st.fragment
def _add_task_form() -> None:
    """The add-task fields: typing a name reruns only this part (the library's matches and suggestion)."""
    plan = session.plan()
    natures = _labels(NATURES, lambda n: t(f"nature.{n}"))
    st.markdown(f"**{t('tasks.add')}**")
    name_side, category_side = st.columns(2)
    with name_side:
        name = st.text_input(t("matrix.task"), key="new_task_name", live="300ms", placeholder=lib("name_placeholder"),
                             help=lib("name_help", count=len(library().tasks)))
        _library_help(name or "", natures)
    categories = _category_options(plan)
    category_side.selectbox(t("matrix.category"), list(categories), index=None,
                            placeholder=t("choose.one"), key="new_task_category",
                            accept_new_options=True, format_func=lambda c: categories.get(c, c))
    nature, effort, owner = st.columns(3)
    nature.segmented_control(t("matrix.nature"), list(NATURES), key="new_task_nature", format_func=natures.get)
    effort.number_input(t("matrix.effort"), min_value=0.0, max_value=MAX_EFFORT_HOURS, value=None, step=0.5,
                        key="new_task_effort", placeholder=lib("effort_placeholder"))
    owner.selectbox(t("assign.owner"), plan.role_names, placeholder=t("choose.one"), key="new_task_owner", index=None)
    if st.button(t("tasks.add_button"), key="add_task", on_click=_add_task, type="primary") and flash_pending():
        st.rerun()  # only this fragment ran: the whole page then, its message, grid and findings with the new task


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
    with st.expander(t("tasks.title")):
        _add_task_form()
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
