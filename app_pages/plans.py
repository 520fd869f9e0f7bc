"""Plans: one per brand, client or quarter. Open, create, rename, duplicate, delete and restore."""

import pandas as pd
import streamlit as st

from raci.files import SUFFIXES, read_plan_bytes
from raci.files.csv import PlanFileError
from raci.i18n import date_text
from raci.model import Plan
from raci.seed import seed_plan, seed_roles
from raci.storage import StoreError
from ui import access, persistence, session
from ui.auth import auth_enabled
from ui.flash import attempt, flash
from ui.sharing import sharing_panel
from ui.text import lang, t


def saved_when(info) -> str:  # noqa: ANN001 - a PlanInfo
    """When the plan was last saved, in the reader's way; a damaged row says so instead."""
    return t("plans.damaged") if info.damaged else date_text(info.updated_at.astimezone(), lang())


def on_open() -> None:
    session.open_plan(st.session_state["plans_pick"])


def on_create() -> None:
    state = st.session_state
    source = state["new_plan_source"]
    if source == "seed":
        plan = seed_plan(lang())
    elif source == "blank":
        plan = Plan.create([], seed_roles())
    else:
        upload = state.get("new_plan_file")
        if upload is None:
            flash(t("plans.need_file"), "error")
            return
        try:
            plan = read_plan_bytes(upload.getvalue(), upload.name)
        except PlanFileError as error:
            flash(t("files.refused", file=upload.name, reason=error.message(lang())), "error")
            return
    name = state["new_plan_name"].strip() or t("plans.untitled")
    info = attempt(lambda: db.create_plan(name, plan, persistence.author()))
    if info is not None:
        session.open_plan(info.id)
        state["new_plan_name"] = ""  # ready for the next one; a refused file keeps what was typed
        flash(t("plans.created", name=name))


def on_rename() -> None:
    if attempt(lambda: db.rename(plan_id, st.session_state["rename_plan"])) is not None:
        st.session_state[persistence.NAME] = st.session_state["rename_plan"]


def on_duplicate() -> None:
    name = t("plans.copy_of", name=persistence.plan_name())
    info = attempt(lambda: db.duplicate(plan_id, name, persistence.author()))
    if info is not None:
        session.open_plan(info.id)
        flash(t("plans.duplicated", name=name))


def on_delete() -> None:
    try:
        db.delete(plan_id)
    except StoreError as error:
        flash(error.message(lang()), "error")
        return
    remaining = [p for p in attempt(db.list_plans) or [] if p.id != plan_id and not p.damaged]
    if remaining:
        session.open_plan(max(remaining, key=lambda p: p.updated_at).id)
    else:
        info = attempt(lambda: db.create_plan(t("store.first_plan_name"), seed_plan(lang()), persistence.author()))
        if info is not None:
            session.open_plan(info.id)
    flash(t("plans.deleted"))


def on_undelete(deleted_id: str) -> None:
    if attempt(lambda: db.undelete(deleted_id)) is not None:
        session.open_plan(deleted_id)
        flash(t("plans.undeleted"))


st.title(t("plans.title"))
db, plan_id = persistence.store(), st.session_state.get(persistence.PLAN_ID)
if db is None or plan_id is None:
    st.warning(t("history.unavailable"))
    st.stop()
plans = attempt(lambda: db.list_plans(include_deleted=True)) or []
live = [p for p in plans if p.deleted_at is None]

st.caption(t("plans.link_help"))
current, manage = st.columns([3, 2], gap="large")
with current:
    st.dataframe(
        pd.DataFrame({t("plans.name"): [p.name for p in live], t("history.version"): [p.head for p in live],
                      t("plans.updated"): [saved_when(p) for p in live],
                      t("history.author"): [p.updated_by for p in live]}),
        hide_index=True,
    )
    names = {p.id: p.name for p in live}
    if st.session_state.get("_plans_shown") != (plan_id, persistence.plan_name()):  # opened, created, renamed
        st.session_state["_plans_shown"] = (plan_id, persistence.plan_name())
        st.session_state["rename_plan"] = persistence.plan_name()
        if plan_id in names:
            st.session_state["plans_pick"] = plan_id
    st.selectbox(t("plans.pick"), list(names), format_func=names.get, placeholder=t("choose.one"), key="plans_pick")
    st.button(t("plans.open"), on_click=on_open, type="primary", key="open_plan")

with manage:
    with st.form("new_plan", border=True):
        st.markdown(f"**{t('plans.new')}**")
        st.text_input(t("plans.name"), key="new_plan_name", max_chars=120)
        sources = {"seed": t("plans.from_seed"), "blank": t("plans.blank"), "file": t("plans.from_file")}
        st.radio(t("plans.source"), list(sources), format_func=sources.get, key="new_plan_source", horizontal=True)
        st.file_uploader(t("files.upload_label"), type=[s.lstrip(".") for s in SUFFIXES], key="new_plan_file")
        st.form_submit_button(t("plans.create"), on_click=on_create)
    st.markdown(f"**{t('plans.this_plan')}**")
    st.text_input(t("plans.name"), key="rename_plan", max_chars=120)
    rename, duplicate, delete = st.columns(3)
    rename.button(t("plans.rename"), on_click=on_rename, key="rename_button", width="stretch",
                  disabled=not access.can_edit())
    duplicate.button(t("plans.duplicate"), on_click=on_duplicate, key="duplicate_button", width="stretch")
    with delete.popover(t("plans.delete"), width="stretch", disabled=not access.is_owner()):
        st.write(t("plans.delete_confirm"))
        st.button(t("plans.delete_yes"), on_click=on_delete, type="primary", key="delete_plan")

if auth_enabled():
    sharing_panel(plan_id)
else:
    st.caption(t("sharing.local"))

binned = [p for p in plans if p.deleted_at is not None]
if binned:
    st.subheader(t("plans.bin"))
    st.caption(t("plans.bin_help", days=persistence.KEEP_DELETED.days))
    for plan_info in binned:
        name, restore = st.columns([4, 1])
        deleted = t("plans.damaged") if plan_info.damaged else date_text(plan_info.deleted_at.astimezone(), lang())
        name.text(f"{plan_info.name} · {deleted}")
        restore.button(t("plans.undelete"), on_click=on_undelete, args=(plan_info.id,),
                       key=f"undelete::{plan_info.id}")
