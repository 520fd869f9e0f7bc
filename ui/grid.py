"""The RACI grid: the plan as an editable table, and the edits folded back into the plan.

The grid is drawn from the canonical plan and never fed its own output
(streamlit-notes.md, the data_editor trap): its edits are folded into the plan
by :func:`fold_pending_edits`. Its key carries the plan's grid generation and
the filter, so edits made elsewhere never meet stale grid state.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from raci import letters as L
from raci.catalogue import category_display_name, task_display_name
from raci.letters import LETTER_COLORS
from raci.limits import MAX_EFFORT_HOURS
from raci.model import NATURES, Plan, PlanError
from ui import access, session
from ui.text import lang, t

LETTER_OPTIONS = list(L.LETTERS[1:])
META = ("task", "category", "nature", "effort")


def letter_column(label: str | None = None, disabled: bool = False) -> st.column_config.Column:
    """A column of coloured letter pills with a dropdown of R, A, C, I, A/R."""
    return st.column_config.MultiselectColumn(
        label, options=LETTER_OPTIONS, color=[LETTER_COLORS[x] for x in LETTER_OPTIONS],
        disabled=disabled, width="small", help=t("matrix.letter_help"),
    )


def grid_frame(plan: Plan, rows: Sequence[int]) -> pd.DataFrame:
    """The grid's data: display names, task fields and one list-of-letter cell per role."""
    rows, language = list(rows), lang()
    frame = pd.DataFrame(
        {
            # Typed, so that an empty grid (a search that finds nothing) still has text columns.
            "task": pd.Series([task_display_name(plan.names[i], language) for i in rows], index=rows, dtype="str"),
            "category": pd.Series([category_display_name(plan.categories[i], language) for i in rows], index=rows,
                                  dtype="str"),
            "nature": pd.Series([plan.natures[i] or None for i in rows], index=rows, dtype="object"),
            "effort": plan.efforts[rows],
        },
        index=rows,
    )
    cells = plan.cells[list(rows)]
    for k, role in enumerate(plan.role_names):
        frame[role] = pd.Series([[L.LETTERS[c]] if c else [] for c in cells[:, k]], index=rows, dtype="object")
    return frame


def grid_config(plan: Plan) -> dict:
    config = {
        "task": st.column_config.TextColumn(t("matrix.task"), required=True, pinned=True, width="large"),
        "category": st.column_config.TextColumn(t("matrix.category")),
        "nature": st.column_config.SelectboxColumn(
            t("matrix.nature"), options=list(NATURES), format_func={n: t(f"nature.{n}") for n in NATURES}.get
        ),
        "effort": st.column_config.NumberColumn(t("matrix.effort"), min_value=0.0, max_value=MAX_EFFORT_HOURS,
                                                step=0.5, format="%g h"),
    }
    for role in plan.roles:
        config[role.short] = letter_column(role.short)
    return config


def _letter(plan: Plan, index: int, role: str, value: object) -> int:
    """The letter a cell's new value means: one pick replaces the letter the cell had.

    The grid's cell is a list of pills; picking a letter next to the old one adds
    it to the list, so the new letter is the one that is not the old. Two new
    letters at once (a paste) are one letter only when they spell it (A + R = A/R).
    """
    chosen = [str(v) for v in (value or [])]
    old = plan.letter(index, role)
    added = [letter for letter in chosen if letter != old] if len(chosen) > 1 else chosen
    try:
        return L.parse_letter("/".join(added))
    except ValueError:
        raise PlanError("one_letter", task=task_display_name(plan.names[index], lang()), role=role) from None


def _picked_beside_the_old(edits: dict) -> bool:
    """Whether some letter cell was given more than one pill (the grid must be redrawn with one)."""
    return any(isinstance(value, list) and len(value) > 1
               for changes in edits.values() for column, value in changes.items() if column not in META)


def fold_edits(plan: Plan, edited_rows: dict, rows: Sequence[int]) -> Plan:
    """Apply the grid's ``edited_rows`` ({position: {column: value}}) to the plan."""
    for position, changes in edited_rows.items():
        index = rows[int(position)]
        for column, value in changes.items():
            if column == "task":
                if value != task_display_name(plan.names[index], lang()):
                    plan = plan.update_task(index, name=value or "")
            elif column == "category":
                if value != category_display_name(plan.categories[index], lang()):
                    plan = plan.update_task(index, category=value or "")
            elif column == "nature":
                plan = plan.update_task(index, nature=value or "")
            elif column == "effort":
                plan = plan.update_task(index, effort=0.0 if value is None else value)
            else:
                plan = plan.set_letter(index, column, _letter(plan, index, column, value))
    return plan


_SHOWN, _FOLDED = "_grid_shown", "_grid_folded"


def fold_pending_edits() -> None:
    """Fold the grid's latest edits into the plan; run at the start of every script run.

    The grid's widget state (``edited_rows``: {position: {column: value}}) holds
    every edit since the grid was drawn; it is folded once per new state, before
    anything on screen is computed, so findings and charts always show the edit.
    A refused edit (e.g. C and I in one cell) leaves the plan as it was and
    redraws the grid from it.
    """
    shown = st.session_state.get(_SHOWN)
    if not shown:
        return
    key, rows = shown
    edits = (st.session_state.get(key) or {}).get("edited_rows") or {}
    signature = (key, repr(edits))
    if not edits or st.session_state.get(_FOLDED) == signature:
        return
    st.session_state[_FOLDED] = signature
    # A cell showing two pills is redrawn with its one letter; other edits keep the grid as it is.
    if not session.apply(lambda p: fold_edits(p, edits, rows), from_grid=not _picked_beside_the_old(edits)):
        session.replace_plan(session.plan())  # a fresh grid, drawn from the unchanged plan


def raci_grid(rows: Sequence[int], filter_signature: str = "") -> None:
    """The editable matrix for the tasks at ``rows`` (positions in the plan)."""
    plan = session.plan()
    key = f"grid::{session.grid_generation()}::{filter_signature}"
    st.session_state[_SHOWN] = (key, list(rows))
    st.data_editor(
        session.derived(("grid", lang(), tuple(rows)), lambda: grid_frame(plan, rows)),
        key=key,
        column_config=grid_config(plan),
        column_order=["task", *plan.role_names, "category", "nature", "effort"],  # letters first, in view
        hide_index=True,
        num_rows="fixed",
        disabled=not access.can_edit(),  # a viewer sees the letters, cannot change them
        width="stretch",
        height=min(36 * (len(rows) + 1) + 3, 640),
    )


def letters_table(plan: Plan) -> None:
    """A read-only matrix: task names and one coloured letter pill per role."""
    frame = grid_frame(plan, range(plan.n_tasks))[["task", *plan.role_names]]
    config = {"task": st.column_config.TextColumn(t("matrix.task"), width="medium")}
    config.update({role.short: letter_column(role.short, disabled=True) for role in plan.roles})
    st.dataframe(frame, hide_index=True, column_config=config, height=min(36 * (plan.n_tasks + 1) + 3, 480))


def legend() -> None:
    """What each letter means, in the grid's own colours."""
    frame = pd.DataFrame(
        {"letter": [[x] for x in LETTER_OPTIONS], "meaning": [t(f"letter.{x}") for x in LETTER_OPTIONS]}
    )
    st.dataframe(
        frame, hide_index=True,
        column_config={"letter": letter_column(t("matrix.letter"), disabled=True),
                       "meaning": st.column_config.TextColumn(t("matrix.meaning"), width="large")},
    )
