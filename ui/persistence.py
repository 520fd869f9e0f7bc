"""Saved plans for this browser session: open, autosave, follow other people's saves.

The database is an SQLite file by default, or the URL of ``$RACI_DATABASE_URL`` /
``[connections.raci] url`` in ``.streamlit/secrets.toml`` (PostgreSQL included).
Every change of the open plan is saved as a new version. A save based on a stale
version is never applied over someone else's: the newer plan is loaded, the
user is told who changed what, and their own edit is re-applied when it does not
conflict, or kept aside and offered when it does. When the database cannot be
reached the plan stays in the session and saving resumes at the next run.
"""

from __future__ import annotations

import os
from datetime import timedelta

import streamlit as st

from raci.history.diff import describe, diff, rebase
from raci.model import Plan
from raci.seed import seed_plan
from raci.storage.store import PlanInfo, PlanNotFound, StaleVersion, Store, StoreError, StoreUnavailable, database_url
from ui.flash import flash
from ui.text import lang, t

# Session keys: the open plan's id, the version it is based on, that version's content
# (the base of a rebase), an edit refused by a conflict, and whether the last save failed.
PLAN_ID, HEAD, SAVED, PENDING, UNSAVED = "plan_id", "plan_head", "plan_saved", "plan_pending", "plan_unsaved"
NAME = "plan_name"


def configured_url() -> str:
    """``$RACI_DATABASE_URL``, else ``[connections.raci] url`` in secrets, else the SQLite default."""
    if os.environ.get("RACI_DATABASE_URL"):
        return database_url()
    try:
        url = st.secrets["connections"]["raci"]["url"]
    except (KeyError, FileNotFoundError, AttributeError, st.errors.StreamlitSecretNotFoundError):
        url = None
    return database_url(url)


KEEP_DELETED = timedelta(days=30)  # deleted plans can be restored for this long


@st.cache_resource(show_spinner=False)
def _open_store(url: str) -> Store:
    opened = Store(url)
    opened.purge_deleted(older_than=KEEP_DELETED)
    return opened


def store() -> Store | None:
    """The store (one per database URL and server process), or None when it cannot be opened."""
    try:
        return _open_store(configured_url())
    except StoreUnavailable as error:
        _warn_unsaved(error)
        return None


def author() -> str:
    return st.session_state.get("author", "")


def _warn_unsaved(error: StoreError) -> None:
    st.session_state[UNSAVED] = True
    st.session_state["_store_problem"] = error.message(lang())


def problem() -> str | None:
    """Why the open plan is not saved right now, if it is not."""
    return st.session_state.get("_store_problem") if st.session_state.get(UNSAVED) else None


def _adopt(info: PlanInfo, saved: Plan) -> None:
    st.session_state[PLAN_ID], st.session_state[HEAD], st.session_state[SAVED] = info.id, info.head, saved
    st.session_state[NAME] = info.name
    st.session_state[UNSAVED] = False
    st.query_params["plan"] = info.id


def open_initial_plan() -> Plan:
    """The plan a new session opens: ?plan=ID, else the latest saved plan, else a new seeded one."""
    db = store()
    if db is None:
        return seed_plan(lang())
    asked = st.query_params.get("plan")
    try:
        if asked:
            try:
                plan, info = db.open_plan(asked)
                _adopt(info, plan)
                return plan
            except PlanNotFound:
                flash(t("store.not_found", plan=asked), "warning")
        plans = db.list_plans()
        if plans:
            latest = max(plans, key=lambda p: p.updated_at)
            plan, info = db.open_plan(latest.id)
        else:
            plan = seed_plan(lang())
            info = db.create_plan(t("store.first_plan_name"), plan, author())
        _adopt(info, plan)
        return plan
    except StoreUnavailable as error:
        _warn_unsaved(error)
        return seed_plan(lang())


def switch_to(plan_id: str) -> Plan | None:
    """Open another saved plan; None (and a message) when it cannot be opened."""
    db = store()
    if db is None:
        return None
    try:
        plan, info = db.open_plan(plan_id)
    except StoreError as error:
        flash(error.message(lang()), "error")
        return None
    st.session_state.pop(PENDING, None)
    _adopt(info, plan)
    return plan


def save(plan: Plan) -> Plan:
    """Save ``plan`` as the next version; returns the plan now open (a merge after a concurrent save)."""
    db = store()
    plan_id = st.session_state.get(PLAN_ID)
    if db is None:
        return plan
    try:
        if plan_id is None:  # the database was unreachable when the session started
            info = db.create_plan(t("store.first_plan_name"), plan, author())
            _adopt(info, plan)
            return plan
        for _ in range(3):
            try:  # the history line in the user's language
                what = describe(diff(st.session_state[SAVED], plan), lang())
                info = db.save(plan_id, plan, st.session_state[HEAD], author(), description=what)
            except StaleVersion as stale:
                plan = _merge(plan, stale)
                if plan is stale.plan:  # a conflict: their version stays open, mine is offered
                    return plan
                continue
            _adopt(info, plan)
            return plan
    except StoreUnavailable as error:
        _warn_unsaved(error)
    except StoreError as error:
        flash(error.message(lang()), "error")
    return plan


def _merge(mine: Plan, stale: StaleVersion) -> Plan:
    """Re-apply my edit on top of the newer version someone else saved."""
    who = stale.author or t("store.someone")
    merged, conflicts = rebase(st.session_state[SAVED], mine, stale.plan)
    st.session_state[HEAD], st.session_state[SAVED] = stale.head, stale.plan
    if conflicts:
        st.session_state[PENDING] = mine
        flash(t("store.conflict", who=who, what=stale.description, count=len(conflicts)), "warning")
        return stale.plan
    flash(t("store.merged", who=who, what=stale.description), "info")
    return merged


def newer_version() -> tuple[Plan, str] | None:
    """A version saved by someone else since this session's, with who and what, if any."""
    db, plan_id = store(), st.session_state.get(PLAN_ID)
    if db is None or plan_id is None or st.session_state.get(UNSAVED):
        return None
    try:
        latest = db.history(plan_id, limit=1)
        if not latest or latest[0].number == st.session_state[HEAD]:
            return None
        plan, info = db.open_plan(plan_id)
    except StoreError:
        return None
    _adopt(info, plan)
    who = latest[0].author or t("store.someone")
    return plan, t("store.updated", who=who, what=latest[0].description)


def restore(number: int) -> Plan | None:
    """Make version ``number`` the newest version again (itself a new version); the plan now open."""
    db, plan_id = store(), st.session_state.get(PLAN_ID)
    if db is None or plan_id is None:
        return None
    try:
        info = db.restore(plan_id, number, st.session_state[HEAD], author())
        plan = db.version(plan_id, info.head)
    except StoreError as error:  # a stale base included: the next run shows the newer version
        flash(error.message(lang()), "error")
        return None
    _adopt(info, plan)
    return plan
