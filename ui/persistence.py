"""Saved plans for this browser session: the Streamlit side of :mod:`raci.storage.session`.

The database is an SQLite file by default, or the URL of ``$RACI_DATABASE_URL`` /
``[connections.raci] url`` in ``.streamlit/secrets.toml`` (PostgreSQL included).
What to do on a save, a lost race, a conflict or an unreachable database is decided
by :class:`~raci.storage.session.PlanSession`; this module only keeps one store per
server process, keeps the session's state in ``st.session_state`` (under the keys
below, which other screens read), names the open plan in ``?plan=`` and turns the
session's notices into flash messages.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import timedelta

import streamlit as st

from raci.history import Description
from raci.model import Plan
from raci.seed import seed_plan
from raci.storage.access import LOCAL, Identity
from raci.storage.acting import Acting
from raci.storage.errors import StoreError
from raci.storage.session import Outcome, PlanSession, SessionState
from raci.storage.store import Store, database_url
from ui.auth import identity
from ui.flash import flash
from ui.text import lang, t

# Session keys: the open plan's id, the version it is based on, that version's content
# (the base of a rebase), an edit refused by a conflict, and whether the last save failed.
PLAN_ID, HEAD, SAVED, PENDING, UNSAVED = "plan_id", "plan_head", "plan_saved", "plan_pending", "plan_unsaved"
NAME = "plan_name"
_PROBLEM = "_store_problem"  # the StoreUnavailable that made the last save fail
_KEYS = {PLAN_ID: "plan_id", HEAD: "head", SAVED: "saved", PENDING: "pending", NAME: "name"}


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


def _connect() -> Acting:
    """The store as this session's user may use it (the signed-in identity; the local user without sign-in)."""
    # A failure is not cached here: the next call opens the store again, and the database's circuit
    # breaker (raci.storage.breaker) makes that fail at once for RACI_DB_RETRY_AFTER s after a timeout.
    return _open_store(configured_url()).acting(acting_identity())


def acting_identity() -> Identity:
    who = identity()
    return LOCAL if who is None else Identity.of(*who)


def _state() -> SessionState:
    """The session's state as kept in ``st.session_state`` (other screens read and change those keys)."""
    kept = st.session_state
    state = SessionState(**{name: kept.get(key) for key, name in _KEYS.items()})
    state.problem = kept.get(_PROBLEM) if kept.get(UNSAVED) else None
    return state


def _keep(state: SessionState) -> None:
    kept = st.session_state
    for key, name in _KEYS.items():
        value = getattr(state, name)
        if value is None:
            kept.pop(key, None)
        else:
            kept[key] = value
    kept[UNSAVED] = state.unsaved
    if state.problem is not None:
        kept[_PROBLEM] = state.problem


def _run(operation: Callable[[PlanSession], Outcome]) -> Outcome:
    """``operation`` on this session's PlanSession; its state kept, the link updated, its notices flashed."""
    session = PlanSession(_connect, _state())
    outcome = operation(session)
    _keep(session.state)
    if outcome.adopted:
        st.query_params["plan"] = session.state.plan_id
    for notice in outcome.notices:
        flash(notice.message(lang()), notice.level)
    return outcome


def store() -> Acting | None:
    """The store (one per database URL and server process), or None when it cannot be opened."""
    session = PlanSession(_connect, _state())
    opened = session.store()
    if opened is None:
        _keep(session.state)
    return opened


def raw_store() -> Store | None:
    """The store itself, for what no signed-in identity does: opening a meeting link by its token."""
    try:
        return _open_store(configured_url())
    except StoreError:
        return None


def author() -> str:
    """The name this session signs its versions with (the sidebar's "Your name")."""
    return st.session_state.get("author", "")


def plan_name() -> str:
    """The open plan's name ("" when the plan is not saved in a store)."""
    return st.session_state.get(NAME) or ""


def problem() -> str | None:
    """Why the open plan is not saved right now, if it is not (in the session's language)."""
    error = _state().problem
    return error.message(lang()) if error is not None else None


def open_initial_plan() -> Plan:
    """The plan a new session opens: ?plan=ID, else a new seeded plan of the visitor's own."""
    asked = st.query_params.get("plan")
    return _run(lambda s: s.open_initial(asked, seed_plan(lang()), t("store.first_plan_name"), author())).plan


def switch_to(plan_id: str) -> Plan | None:
    """Open another saved plan; None (and a message) when it cannot be opened."""
    return _run(lambda s: s.switch_to(plan_id)).plan


def save(plan: Plan, headline: Description | None = None) -> Plan:
    """Save ``plan`` as the next version (its history line led by ``headline``, if given); returns the plan
    now open (a merge after a concurrent save)."""
    return _run(lambda s: s.save(plan, author(), lang(), headline)).plan


def newer_version() -> tuple[Plan, str] | None:
    """A version saved by someone else since this session's, with who and what, if any."""
    session = PlanSession(_connect, _state())
    outcome = session.newer_version()  # its notice is the message returned, not a flash
    _keep(session.state)
    if outcome.plan is None:
        return None
    st.query_params["plan"] = session.state.plan_id
    return outcome.plan, outcome.notices[0].message(lang())


def restore(number: int) -> Plan | None:
    """Make version ``number`` the newest version again (itself a new version); the plan now open."""
    return _run(lambda s: s.restore(number, author())).plan
