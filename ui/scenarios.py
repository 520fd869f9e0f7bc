"""A plan's scenarios in the app: which one is open, and making, opening, discarding, restoring, updating and
promoting them (each a store operation whose refusal is a sentence, never a traceback).

An open scenario is the open plan like any other (every page edits it, autosaved to the scenario), so
:func:`scenario_banner` says on every page which plan it is a scenario of.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from raci.history import Conflict
from raci.i18n import date_text
from raci.storage import PlanInfo, Store, StoreError
from ui import access, persistence, session
from ui.flash import attempt, flash
from ui.safe import md
from ui.text import lang
from ui.whatif_text import w

_PARENT = "_whatif_parent"  # (open plan id, the PlanInfo of the plan it is a scenario of, or None)
_REPORT = "_whatif_report"  # what the last promotion or update did, shown once on the next screen
NEW_NAME = "whatif_new_name"


@dataclass(frozen=True)
class Report:
    """What a promotion (or an update from the plan) did: the plan's name and version, whether the changes
    were re-applied on a plan that had moved on, and the changes not applied (said as sentences)."""

    key: str
    scenario: str
    plan: str
    version: int
    rebased: bool
    conflicts: tuple[Conflict, ...]


def parent_plan() -> PlanInfo | None:
    """The plan the open plan is a scenario of; None for a plan (or when that cannot be known now).

    Asked of the store once per plan opened: whether a row is a scenario never changes.
    """
    plan_id = st.session_state.get(persistence.PLAN_ID)
    if plan_id is None:
        return None
    kept = st.session_state.get(_PARENT)
    if kept is not None and kept[0] == plan_id:
        return kept[1]
    db = persistence.store()
    if db is None:
        return None
    try:
        parent = db.parent_of(plan_id)
    except StoreError as error:
        if error.key != "not_a_scenario":
            return None  # unknown now (the database is down...): ask again on the next run
        parent = None
    st.session_state[_PARENT] = (plan_id, parent)
    return parent


def scenario_banner() -> None:
    """"Escenario «Contratar un segundo CM» de «Equipo de redes sociales»", where the open plan is a scenario."""
    parent = parent_plan()
    if parent is not None:
        st.info(w("banner", scenario=md(persistence.plan_name()), plan=md(parent.name)), icon=":material/science:")


# ----- the actions -------------------------------------------------------------------------------------------
def create(db: Store, plan_id: str) -> None:
    """Make a scenario of the open plan with the name typed, and open it."""
    name = (st.session_state.get(NEW_NAME) or "").strip() or w("untitled")
    info = attempt(lambda: db.create_scenario(plan_id, name, persistence.author()))
    if info is not None:
        session.open_plan(info.id)
        st.session_state[NEW_NAME] = ""
        flash(w("created", name=name))


def open_scenario() -> None:
    """Open the scenario picked in the list (read when clicked, not when the button was drawn)."""
    picked = st.session_state.get("whatif_pick")
    if picked is not None:
        session.open_plan(picked)


def discard_picked(db: Store, scenarios: list[PlanInfo], plan_id: str) -> None:
    picked = next((s for s in scenarios if s.id == st.session_state.get("whatif_pick")), None)
    if picked is not None:
        discard(db, picked, plan_id)


def back_to_plan(parent: PlanInfo) -> None:
    session.open_plan(parent.id)


def discard(db: Store, scenario: PlanInfo, parent_id: str) -> None:
    """Put the scenario in the bin (it can be restored); when it is the open plan, open its plan."""
    try:
        db.delete(scenario.id)
    except StoreError as error:
        flash(error.message(lang()), "error")
        return
    if st.session_state.get(persistence.PLAN_ID) == scenario.id:
        session.open_plan(parent_id)
    flash(w("discarded", name=scenario.name))


def restore(db: Store, scenario: PlanInfo) -> None:
    if attempt(lambda: db.undelete(scenario.id)) is not None:
        flash(w("restored", name=scenario.name))


def promote(db: Store, scenario_id: str) -> None:
    """Make the open scenario its plan's next version, then open the plan and say what happened."""
    if persistence.problem() is not None:
        flash(w("unsaved"), "error")
        return
    name = persistence.plan_name()
    done = attempt(lambda: db.promote(scenario_id, persistence.author()))
    if done is None:
        return
    session.open_plan(done.plan.id)
    key = "promoted" if done.new_version else "promoted_same"
    st.session_state[_REPORT] = Report(key, name, done.plan.name, done.plan.head, done.rebased, tuple(done.conflicts))


def bring_up_to_date(db: Store, scenario_id: str) -> None:
    """Re-apply the scenario's changes on its plan's latest version (saved as the scenario's next version)."""
    if persistence.problem() is not None:
        flash(w("unsaved"), "error")
        return
    done = attempt(lambda: db.rebase_scenario(scenario_id, persistence.author()))
    if done is None:
        return
    session.open_plan(scenario_id)  # the scenario's new version
    parent = parent_plan()
    st.session_state[_REPORT] = Report("brought_up_to_date", persistence.plan_name(), parent.name if parent else "",
                                       done.plan.head, done.rebased, tuple(done.conflicts))


def report() -> None:
    """What the last promotion or update did, once: the new version, a rebase, every change not applied."""
    done: Report | None = st.session_state.pop(_REPORT, None)
    if done is None:
        return
    st.success(w(done.key, scenario=md(done.scenario), plan=md(done.plan), version=done.version))
    if done.rebased:
        st.info(w("rebased"), icon=":material/merge:")
    if done.conflicts:
        lines = "\n".join(f"- {md(c.message(lang()))}" for c in done.conflicts)
        intro = w("conflicts_one" if len(done.conflicts) == 1 else "conflicts", count=len(done.conflicts))
        st.warning(f"{intro}\n\n{lines}")


# ----- the plan's scenarios ------------------------------------------------------------------------------------
def _when(info: PlanInfo, moment: object) -> str:
    return w("damaged") if info.damaged else date_text(moment.astimezone(), lang())  # type: ignore[attr-defined]


def scenario_list(db: Store, plan_id: str, scenarios: list[PlanInfo]) -> None:
    """The plan's live scenarios (name, version, the plan's version it started from, when), opening one."""
    if not scenarios:
        st.caption(w("none_yet"))
        return
    st.dataframe(pd.DataFrame({w("name"): [s.name for s in scenarios], w("version"): [s.head for s in scenarios],
                               w("based_on"): [f"v{s.base_version}" for s in scenarios],
                               w("updated"): [_when(s, s.updated_at) for s in scenarios],
                               w("by"): [s.updated_by for s in scenarios]}),
                 hide_index=True)
    names = {s.id: s.name for s in scenarios}
    pick, open_it, drop = st.columns([3, 1, 1], vertical_alignment="bottom")
    chosen = pick.selectbox(w("pick"), list(names), format_func=names.get, key="whatif_pick",
                            placeholder=w("choose"))
    open_it.button(w("open"), on_click=open_scenario, type="primary", key="whatif_open", disabled=chosen is None,
                   width="stretch")
    with drop.popover(w("discard"), width="stretch", disabled=chosen is None or not access.can_edit()):
        st.write(w("discard_confirm", days=persistence.KEEP_DELETED.days))
        st.button(w("discard_yes"), on_click=discard_picked, args=(db, scenarios, plan_id),
                  key="whatif_discard_listed", type="primary")


def new_scenario(db: Store, plan_id: str) -> None:
    """Make a scenario by name ("Contratar un segundo CM"); it opens at once."""
    with st.form("whatif_new", border=True):
        st.markdown(f"**{w('new')}**")
        st.text_input(w("name"), key=NEW_NAME, max_chars=120, placeholder=w("name_example"))
        st.form_submit_button(w("create"), on_click=create, args=(db, plan_id), type="primary")


def scenario_bin(db: Store, scenarios: list[PlanInfo]) -> None:
    """Scenarios promoted or discarded, each with a button to take it back out of the bin."""
    binned = [s for s in scenarios if s.deleted_at is not None]
    if not binned:
        return
    st.subheader(w("bin"))
    st.caption(w("bin_help", days=persistence.KEEP_DELETED.days))
    for info in binned:
        name, button = st.columns([4, 1])
        name.text(f"{info.name} · {_when(info, info.deleted_at)}")
        button.button(w("restore"), on_click=restore, args=(db, info), key=f"whatif_restore::{info.id}")
