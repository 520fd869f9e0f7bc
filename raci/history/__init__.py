"""A plan's history without a database: what changed (:mod:`.diff`), the line that says it
(:mod:`.describe`), and re-applying one edit on another (:mod:`.rebase`).

Import the names from here: the package's ``diff``, ``describe`` and ``rebase``
are the functions (each shadows its submodule's name).
"""

from raci.history.describe import Description, describe, describe_text, render_description, stored_text
from raci.history.diff import FieldChange, LetterChange, PlanDiff, RoleChange, TaskRef, diff, role_hours
from raci.history.rebase import Conflict, rebase

__all__ = ["Conflict", "Description", "FieldChange", "LetterChange", "PlanDiff", "RoleChange", "TaskRef", "describe",
           "describe_text", "diff", "rebase", "render_description", "role_hours", "stored_text"]
