"""The open plan in this browser session, and everything derived from it.

One canonical, immutable ``Plan`` lives in ``st.session_state``. Every change
goes through :func:`apply` / :func:`replace_plan`; findings, workload and figures
are computed once per plan (and language), not on every rerun.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from raci.analysis import Analysis, Settings, analyse
from raci.history import Description
from raci.model import Plan, PlanError
from raci.output import charts
from raci.undo import UndoHistory
from ui import access, persistence
from ui.flash import flash
from ui.text import lang, t

T = TypeVar("T")
_PLAN, _VERSION, _GRID, _MEMO, _UNDO = "plan", "plan_version", "grid_generation", "_derived", "_undo"


def plan() -> Plan:
    """The open plan (the seeded plan, in the session's language, on first use)."""
    if _PLAN not in st.session_state:
        st.session_state[_PLAN] = persistence.open_initial_plan()
    st.session_state.setdefault(_VERSION, 0)
    st.session_state.setdefault(_GRID, 0)
    return st.session_state[_PLAN]


def version() -> int:
    plan()
    return st.session_state[_VERSION]


def grid_generation() -> int:
    """Changes when the plan changed outside the grid, so the grid drops stale edits."""
    plan()
    return st.session_state[_GRID]


def settings() -> Settings:
    return st.session_state.setdefault("settings", Settings())


def _undo() -> UndoHistory:
    return st.session_state.setdefault(_UNDO, UndoHistory())


def replace_plan(new_plan: Plan, *, from_grid: bool = False, save: bool = True,
                 headline: Description | None = None) -> None:
    """Make ``new_plan`` the open plan, and save it: the one place where the plan changes.

    When the save met a newer version by someone else, the plan that ends up open
    (the merge, or their version on a conflict) replaces ``new_plan``. A saved change
    is this person's own and can be undone; a plan opened or arriving unsaved (another
    plan, someone else's version) forgets the steps.
    """
    before = plan()
    if save and not access.can_edit():  # drawn disabled for a viewer; a stray change is refused here too
        flash(t("access.refused"), "error")
        return
    if save:
        _undo().changed(before, new_plan)
    else:
        _undo().forget()
    _show(new_plan, from_grid=from_grid, save=save, headline=headline)


def _show(new_plan: Plan, *, from_grid: bool, save: bool, headline: Description | None = None) -> None:
    """Save ``new_plan`` (if asked) and make what was saved the open plan; the grid redraws unless it made it."""
    if save:
        saved = persistence.save(new_plan, headline)
        from_grid = from_grid and saved is new_plan
        new_plan = saved
    st.session_state[_PLAN] = new_plan
    st.session_state[_VERSION] += 1
    if not from_grid:
        st.session_state[_GRID] += 1


def can_undo() -> bool:
    return bool(_undo().undo)


def can_redo() -> bool:
    return bool(_undo().redo)


def undo() -> None:
    """Step back over this person's last change, saved as a new version (history is never rewritten)."""
    _step(_undo().step_back)


def redo() -> None:
    """Step forward again over the last undo, saved as a new version."""
    _step(_undo().step_forward)


def _step(move: Callable[[Plan], Plan | None]) -> None:
    if not access.can_edit():
        return
    target = move(plan())
    if target is not None:
        _show(target, from_grid=False, save=True)  # a new version, like any edit; the steps already moved


def open_plan(plan_id: str) -> None:
    """Open another saved plan in this session."""
    opened = persistence.switch_to(plan_id)
    if opened is not None:
        replace_plan(opened, save=False)


def sync() -> None:
    """At the start of a run: retry a failed save, or show a version someone else saved."""
    current = plan()  # a new session opens its plan here, before anything is drawn
    if persistence.problem() is not None:
        saved = persistence.save(current)
        if saved is not current:  # the retry met someone else's newer version
            replace_plan(saved, save=False)
        return
    newer = persistence.newer_version()
    if newer is not None:
        newer_plan, message = newer
        replace_plan(newer_plan, save=False)
        flash(message, "info")


def apply(operation: Callable[[Plan], Plan], *, from_grid: bool = False, headline: Description | None = None) -> bool:
    """Run a plan operation; on PlanError (a person, platform or recurrence refused too) keep the plan
    and show the reason. True when applied. ``headline`` leads the version's history line."""
    try:
        new_plan = operation(plan())
    except PlanError as error:
        flash(error.message(lang()), "error")
        return False
    replace_plan(new_plan, from_grid=from_grid, headline=headline)
    return True


def _memo() -> dict:
    # Keyed on the plan object itself: plans are immutable, so identity means "unchanged".
    memo = st.session_state.get(_MEMO)
    if memo is None or memo["plan"] is not plan() or memo["settings"] is not settings():
        memo = {"plan": plan(), "settings": settings()}
        st.session_state[_MEMO] = memo
    return memo


def analysis() -> Analysis:
    """Findings, health score, workload and key figures of the open plan, computed once per plan."""
    memo = _memo()
    if "analysis" not in memo:
        memo["analysis"] = analyse(plan(), settings())
    return memo["analysis"]


def derived(key: tuple, build: Callable[[], T]) -> T:
    """Something computed from the open plan (a table, a figure), built once per plan and ``key``."""
    memo = _memo()
    if key not in memo:
        memo[key] = build()
    return memo[key]


def figure(kind: str):  # noqa: ANN201 - a plotly Figure
    """One of the plan's charts (see raci.output.charts.FIGURES), built once per plan and language."""
    return derived(("figure", kind, lang()), lambda: charts.FIGURES[kind](plan(), analysis().workload, lang()))
