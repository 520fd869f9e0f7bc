"""The workbook's Roles sheet: what a CSV file cannot carry about the team (full names, profiles, capacities).

:func:`write_roles` adds it to a workbook, one row per role in the plan's order
(role, full name, profile, capacity in hours per month; headers and profiles in
the workbook's language); :func:`roles_from` reads it back for the roles the
plan sheet names, so ``read_xlsx(write_xlsx(plan)) == plan`` keeps the team.
A workbook without the sheet gives roles by their short names only, as a CSV does.
At most :data:`raci.limits.MAX_ROLES` rows are read, whatever the sheet holds.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from raci.files.cells import decode_text
from raci.files.errors import WorkbookFileError, show_cell
from raci.limits import MAX_ROLES
from raci.model import PROFILES, Plan, PlanError, Role
from raci.text import fold

#: The sheet's name, the same in English and Spanish.
ROLES_SHEET = "Roles"
HEADERS = {"en": ("role", "full name", "profile", "capacity (h/month)"),
           "es": ("rol", "nombre completo", "perfil", "capacidad (h/mes)")}
PROFILE_WORDS = {"en": {"strategic": "strategic", "operational": "operational", "other": "other"},
                 "es": {"strategic": "estratégico", "operational": "operativo", "other": "otro"}}
_PROFILE_BY_WORD = {fold(word): profile for words in PROFILE_WORDS.values() for profile, word in words.items()}


def write_roles(sheet, plan: Plan, lang: str, cells, bold, fill) -> None:  # noqa: ANN001 - openpyxl objects
    """Fill ``sheet`` with the plan's roles; ``cells`` are the workbook's (text, number) cell writers, so that
    text is never a formula and a capacity keeps all its digits, as on the other sheets."""
    text_cell, number_cell = cells
    words = PROFILE_WORDS.get(lang, PROFILE_WORDS["en"])
    for j, text in enumerate(HEADERS.get(lang, HEADERS["en"]), start=1):
        cell = text_cell(sheet, 1, j, text)
        cell.font, cell.fill = bold, fill
    for row, role in enumerate(plan.roles, start=2):
        text_cell(sheet, row, 1, role.short)
        text_cell(sheet, row, 2, role.name)
        text_cell(sheet, row, 3, words[role.profile])
        if role.capacity is not None:
            number_cell(sheet, row, 4, role.capacity)
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 32
    sheet.column_dimensions["C"].width = 16
    sheet.column_dimensions["D"].width = 20


def roles_from(rows: Iterable[tuple], plan: Plan) -> Plan:
    """``plan`` with each role the sheet's ``rows`` (header first) describe given that description."""
    said: dict[str, Role] = {}
    for number, values in enumerate(rows, start=1):
        if number == 1 or number > MAX_ROLES + 1:
            continue
        short, name, profile, capacity = (tuple(values) + (None,) * 4)[:4]
        short, name = (decode_text(str(text)) if text is not None else "" for text in (short, name))
        if not short.strip():
            continue
        said[short] = _role(number, short, name, profile, capacity)
    if not said:
        return plan
    roles = [said.get(role.short, role) for role in plan.roles]
    return Plan.from_columns(plan.tasks, roles, plan.cells)


def _role(row: int, short: str, name: str, profile: object, capacity: object) -> Role:
    profile_id = _PROFILE_BY_WORD.get(fold(str(profile or "other")))
    if profile_id not in PROFILES:
        raise WorkbookFileError("roles_bad_profile", row=row, column="C", value=show_cell(profile))
    if capacity in (None, ""):
        hours = None
    else:
        try:
            hours = float(capacity)
        except (TypeError, ValueError):
            hours = math.nan
        if not (math.isfinite(hours) and hours > 0):
            raise WorkbookFileError("roles_bad_capacity", row=row, column="D", value=show_cell(capacity))
    try:
        return Role(short, name, profile_id, hours)
    except PlanError as error:
        raise WorkbookFileError("roles_bad_role", row=row, column="A", value=show_cell(short), cause=error) from None
