"""What a plan may hold: the documented limits every plan obeys, however it is built.

:class:`raci.model.Plan` checks them where a plan is made (``Plan.create``,
``Plan.from_columns``, ``add_task``, ``add_role``) and :class:`raci.model.Task` /
:class:`raci.model.Role` check the texts and the effort; the file readers check
them too, before the expensive work, to say where in the file the problem is.
They keep the cost of one plan (its matrix, its rules, its charts, its exports)
bounded, and its sums finite: 100,000 tasks of 10,000 h add up to 1e9 h, never
``inf``. The limits of files themselves (bytes, rows, workbook parts) are in
:mod:`raci.files.limits`. The README's "Limits" section lists them all.
"""

from __future__ import annotations

#: Most tasks in one plan.
MAX_TASKS = 100_000
#: Most roles in one plan.
MAX_ROLES = 2_000
#: Most cells of the matrix (tasks x roles).
MAX_CELLS = 5_000_000
#: Most characters of a task name, a category, a role's short or full name.
MAX_NAME_CHARS = 1_000
#: Most hours per month one task may take.
MAX_EFFORT_HOURS = 10_000.0
