"""A click on the Assignment page's task list (ui/owner_board.py) for AppTest, which has no handle on a custom
component: the event the browser sends (a trigger value, as ui/owner_board.js sets it), as the next run's widget
states. Used by the app tests (tests/app/board.py) and benchmarks/bench_app.py."""

from __future__ import annotations

import json

from streamlit.components.v2.bidi_component.main import _make_trigger_id
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates
from streamlit.testing.v1 import AppTest

COMPONENT = "raci_owner_board"


def board_element(at: AppTest):  # noqa: ANN201
    """The task list's element on the page AppTest last ran."""
    boards = [e for e in at.get("bidi_component") if e.proto.component_name == COMPONENT]
    assert len(boards) == 1, f"{len(boards)} task lists on the page"
    return boards[0]


def event_states(at: AppTest, value: object) -> WidgetStates:
    """The widget states of the next run when the page sends ``value`` as its pick."""
    states = at._tree.get_widget_states()
    states.widgets.append(WidgetState(id=_make_trigger_id(board_element(at).proto.id, "events"),
                                      json_trigger_value=json.dumps([{"event": "pick", "value": value}])))
    return states


def pick_states(at: AppTest, task: str, values: list[str], control: str = "owner") -> WidgetStates:
    """The widget states of the next run after a click that leaves ``values`` on in the task's ``control``."""
    return event_states(at, {"task": task, "control": control, "values": values})
