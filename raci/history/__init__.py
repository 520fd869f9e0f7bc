"""A plan's history without a database: what changed (:mod:`.diff`), the line that says it
(:mod:`.describe`), and re-applying one edit on another (:mod:`.rebase`)."""

from raci.history.describe import describe
from raci.history.diff import FieldChange, LetterChange, PlanDiff, RoleChange, TaskRef, diff, role_hours
from raci.history.rebase import Conflict, rebase

__all__ = ["Conflict", "FieldChange", "LetterChange", "PlanDiff", "RoleChange", "TaskRef", "describe", "diff",
           "rebase", "role_hours"]
