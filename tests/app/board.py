"""The Assignment page's task list (ui/owner_board.py) through AppTest: what it shows, and a click on it.

AppTest has no handle on a custom component: the list's data is read from its element, and a click
is the event the browser sends (a trigger value, as ui/owner_board.js sets it) on the next run.
"""

from __future__ import annotations

import json

from streamlit.components.v2.bidi_component.main import _make_trigger_id
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest

SHARED = "__shared__"


def _element(at: AppTest):  # noqa: ANN202
    boards = [e for e in at.get("bidi_component") if e.proto.component_name == "raci_owner_board"]
    assert len(boards) == 1, f"{len(boards)} task lists on the page"
    return boards[0]


def board(at: AppTest) -> dict:
    """The list's data: ``{"groups": [{"title", "rows"}], "disabled"}``."""
    return json.loads(_element(at).proto.json)


def rows(at: AppTest) -> dict[str, dict]:
    """Each task shown, by id."""
    return {row["id"]: row for group in board(at)["groups"] for row in group["rows"]}


def on(at: AppTest, task: str, control: str = "owner") -> list[str]:
    """The values shown as chosen in a task's control ("__shared__" for a shared task of two roles)."""
    spec = rows(at)[task][control]
    return [option["value"] for option in spec["options"] if option["on"]]


def pick(at: AppTest, task: str, *values: str, control: str = "owner") -> AppTest:
    """A click on the list: the task's ``control`` now has ``values`` on (what the page sends); then the run."""
    states = at._tree.get_widget_states()
    event = {"event": "pick", "value": {"task": task, "control": control, "values": list(values)}}
    states.widgets.append(WidgetState(id=_make_trigger_id(_element(at).proto.id, "events"),
                                      json_trigger_value=json.dumps([event])))
    at._run(states)
    assert not at.exception, [e.value for e in at.exception]
    return at
