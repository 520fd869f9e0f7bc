"""Plan workbooks: an Excel file that keeps its dropdowns, colours and workload formulas.

:func:`write_xlsx` (in ``raci/files/xlsx_write.py``) makes a workbook (``.xlsx``,
Office Open XML) of seven sheets; :func:`read_xlsx` (in ``raci/files/xlsx_read.py``)
reads it, or any workbook, back. This module names the format and re-exports both.
The "RACI" and "Roles" sheets keep their names in every language (the reader looks for
them); the others, their titles, labels, natures and notes follow ``lang``.

* **RACI**: the plan in the CSV's planner layout (``task, category, nature,
  effort_hours, <one column per role>``), one row per task, and
  :data:`SPARE_ROWS` empty rows below for tasks added in Excel. Every letter
  cell, spare rows included, has a dropdown (R, A, C, I, A/R) and conditional
  formatting that colours it by its letter (:data:`raci.letters.LETTER_COLORS`),
  so the colour follows the letter as it is edited. Natures have a dropdown
  and efforts are numbers. The header row and task column are frozen. After
  the role columns come one empty column and the helper column "R share",
  one formula per row: the task's hours divided among its R and A/R roles.
  Right of it, the recurrence columns (``raci/files/xlsx_recurrence.py``): times,
  per (day/week/month; día/semana/mes), minutes each, per platform and estimate
  (yes/no; sí/no), on the task's own row; a recurring task's hours (column D) are
  the derived figure, and read back the recurrence is the word.
* **Workload**: per role, hours by letter (R, A, C, I), total, and by nature
  (strategic, operational, unclassified), all formulas over the RACI sheet
  (SUMIFS and COUNTIF only, which Excel and LibreOffice both compute), so
  they follow letter, nature and effort changes. The A, C and I fractions are
  labelled cells of the sheet that the formulas reference. They match
  :func:`raci.analysis.workload.workload` (tests recompute them).
* **Findings**: the rule findings at export time, as text.
* **Legend**: the letters, their colours and how each weighs on the workload.
* **Roles**: each role's short name, full name, profile and capacity
  (``raci/files/xlsx_roles.py``), read back for the roles the RACI sheet names,
  so that a workbook, unlike a CSV file, carries the team.
* **Team** ("Equipo"): one row per person and role share (person, hours a month,
  role, share as a percentage), and per role and per person the capacity, load and
  utilisation as formulas over the Workload sheet (``raci/files/xlsx_team.py``).
* **Platforms** ("Plataformas"): one platform a row.

The Team and Platforms sheets and the recurrence headers are read under their English
or Spanish names; a workbook without them has no people, platforms or recurrences
(:func:`raci.files.team.keep_team` keeps the open plan's on upload).

Text (tasks, categories, role names, findings) is always written as text, never
as a formula, whatever it starts with ("=HYPERLINK(...)" stays those
characters); efforts are written with all their digits (openpyxl alone would
keep 16 significant digits). Characters XML cannot hold (control characters,
U+FFFE, U+FFFF) and the carriage return are written as Excel writes them,
``_xHHHH_``; a literal ``_xHHHH_`` in the text has its "_" escaped as ``_x005f_``
(and a literal "x005F" its "x" as ``_x0078_``, which openpyxl's reader would
otherwise delete): see :func:`encode_text`.

Reading takes the sheet through the same grid reader as a CSV file
(:func:`raci.files.grid.plan_from_grid`), so the tasks and letters a round trip
keeps are what the CSV keeps, and the Roles, Team and Platforms sheets and the
recurrence columns add what JSON v2 holds besides:
``read_xlsx(write_xlsx(plan)) == plan`` for every plan whose tasks
``read_csv(write_csv(plan))`` gives back, people, platforms and recurrences
included, so that it equals ``read_json(write_json(plan))`` (a workbook without a Roles sheet gives
roles as :func:`raci.files.grid.default_role` of their short names). Saved again by a
spreadsheet, efforts keep the 15 significant digits spreadsheets keep.

Limits of the live sheet, by design: a role column added in Excel is read by
the planner but has no Workload row; a task added without hours counts 0 h in
the Workload sheet but gets the grid reader's default effort when read; a
recurrence edited in Excel changes the task's hours only when the planner reads the
workbook (the Workload sheet uses column D); the
formulas match letters case-blind ("r" counts as R) as the reader does, but
not spelled-out letters ("Responsable"), which the dropdown refuses anyway.
Text that itself looks like an escape ("_x000D_") and was saved by another
spreadsheet comes back decoded, because openpyxl's reader drops the "_x005F_"
that marked it literal.

Problems only a workbook has raise :class:`WorkbookFileError`, whose sentences
live in ``raci/locales/<lang>/xlsx.json``.
"""

from __future__ import annotations

from raci.files.cells import decode_text, encode_text
from raci.files.errors import WorkbookFileError
from raci.files.xlsx_read import read_xlsx
from raci.files.xlsx_write import (
    DROPDOWN_LETTERS,
    END_NAME,
    FINDINGS_SHEET,
    LEGEND_SHEET,
    RACI_SHEET,
    SPARE_ROWS,
    WORKLOAD_SHEET,
    write_xlsx,
)

__all__ = [
    "DROPDOWN_LETTERS", "END_NAME", "FINDINGS_SHEET", "LEGEND_SHEET", "RACI_SHEET", "SPARE_ROWS",
    "WORKLOAD_SHEET", "WorkbookFileError", "decode_text", "encode_text", "read_xlsx", "write_xlsx",
]
