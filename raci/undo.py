"""Undo and redo of one person's own changes, as a bounded pair of stacks of plans.

Plans are immutable values, so a step is just the plan before it. Undoing does not
rewrite the saved history: the caller saves the plan it gets back as a new version.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from raci.model import Plan

#: Steps kept: older ones are forgotten (each is a whole plan, shared with the versions around it).
MAX_STEPS = 50


@dataclass
class UndoHistory:
    """The plans before this person's last changes (``undo``) and the ones undone (``redo``)."""

    undo: deque[Plan] = field(default_factory=lambda: deque(maxlen=MAX_STEPS))
    redo: deque[Plan] = field(default_factory=lambda: deque(maxlen=MAX_STEPS))

    def changed(self, before: Plan, after: Plan) -> None:
        """A change of the person's own, from ``before`` to ``after``: it can be undone; what was undone is gone."""
        if before != after:
            self.undo.append(before)
            self.redo.clear()

    def step_back(self, current: Plan) -> Plan | None:
        """The plan before the last change (None when there is nothing to undo)."""
        if not self.undo:
            return None
        self.redo.append(current)
        return self.undo.pop()

    def step_forward(self, current: Plan) -> Plan | None:
        """The plan the last undo left (None when there is nothing to redo)."""
        if not self.redo:
            return None
        self.undo.append(current)
        return self.redo.pop()

    def forget(self) -> None:
        """Another plan, or someone else's version, is open: the steps no longer apply."""
        self.undo.clear()
        self.redo.clear()
