"""The Assignment page's task list as one element: each task's name, effort, owner and Accountable.

Drawn by Streamlit as one segmented control, a name and a caption per task, the list cost the
browser about 6 ms a task at every click (every element of a page is redrawn twice per run); as
one component (ui/owner_board.js, st.components.v2) a click costs the same for 5 tasks or 50.
It looks like Streamlit's own controls (the app's theme through its --st-* CSS properties), is
used with the keyboard (Tab to a control, arrows along it) and puts every text in the page as
text, never as HTML.

A pick reaches Python as ``{"task": id, "control": "owner" | "accountable", "values": [...]}``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

_HERE = Path(__file__).with_suffix("")
_BOARD = st.components.v2.component(
    "raci_owner_board", js=_HERE.with_suffix(".js").read_text(encoding="utf-8"),
    css=_HERE.with_suffix(".css").read_text(encoding="utf-8"),
)
CONTROLS = ("owner", "accountable")
SHARED = "__shared__"  # the owner option "both roles" of a two-role plan


@dataclass(frozen=True)
class Pick:
    """What a click chose: the task, which of its controls, and the values now on."""

    task: str
    control: str
    values: tuple[str, ...]


def choice(label: str, options: list[tuple[str, str]], on: set[str], multi: bool = False) -> dict:
    """A control's data: its label (for screen readers), its (value, text) options and those on."""
    return {"label": label, "multi": multi,
            "options": [{"value": value, "label": text, "on": value in on} for value, text in options]}


def task(task_id: str, name: str, meta: str, owner: dict, accountable: dict | None) -> dict:
    """A task's row: its name, a line below it (nature and effort) and its controls."""
    return {"id": task_id, "name": name, "meta": meta, "owner": owner, "accountable": accountable}


def read_pick(value: object) -> Pick | None:
    """The pick sent by the browser, or None when it is not one (nothing is trusted from the page)."""
    if not isinstance(value, dict):
        return None
    task_id, control, values = value.get("task"), value.get("control"), value.get("values")
    if not isinstance(task_id, str) or control not in CONTROLS or not isinstance(values, list):
        return None
    if not values or not all(isinstance(v, str) for v in values) or len(values) > 1_000:
        return None
    return Pick(task_id, control, tuple(values))


def owner_board(groups: list[dict], *, key: str, disabled: bool, on_pick: Callable[[Pick], None]) -> None:
    """The list: ``groups`` of ``{"title": category or None, "rows": [task(...)]}``; ``on_pick`` runs before the
    rerun a click starts, as a widget's callback does."""

    def picked() -> None:
        pick = read_pick((st.session_state.get(key) or {}).get("pick"))
        if pick is not None:
            on_pick(pick)

    _BOARD(data={"groups": groups, "disabled": disabled}, key=key, on_pick_change=picked)
