"""The Assignment page's task list (ui/owner_board.py) through AppTest: what it shows (the data of its element),
and a click on it (tools/board.py)."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from tools.board import board_element, pick_states
from ui.owner_board import SHARED

__all__ = ["SHARED", "board", "on", "pick", "rows"]


def board(at: AppTest) -> dict:
    """The list's data: ``{"groups": [{"title", "rows"}], "disabled"}``."""
    return json.loads(board_element(at).proto.json)


def rows(at: AppTest) -> dict[str, dict]:
    """Each task shown, by id."""
    return {row["id"]: row for group in board(at)["groups"] for row in group["rows"]}


def on(at: AppTest, task: str, control: str = "owner") -> list[str]:
    """The values shown as chosen in a task's control ("__shared__" for a shared task of two roles)."""
    spec = rows(at)[task][control]
    return [option["value"] for option in spec["options"] if option["on"]]


def pick(at: AppTest, task: str, *values: str, control: str = "owner") -> AppTest:
    """A click on the list: the task's ``control`` now has ``values`` on (what the page sends); then the run."""
    at._run(pick_states(at, task, list(values), control))
    assert not at.exception, [e.value for e in at.exception]
    return at
