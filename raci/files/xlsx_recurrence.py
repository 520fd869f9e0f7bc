"""The workbook's recurrence columns: a task's effort as "3 per week, 45 minutes each, on every platform".

They sit on the RACI sheet right of the helper column "R share" (so the CSV-style grid
reader, which stops at that column, never takes them for roles), one row per task on the
task's own row: times, per (day/week/month, "día/semana/mes" in Spanish), minutes each,
per platform (yes/no, "sí/no") and estimate (yes/no: our own estimate, not the team's).
Headers and words are read in either language. A task whose times cell is empty has plain
hours. For a task with a recurrence the hours column (D) holds the derived figure, as
written; read back, the recurrence is the word and the hours are derived from it again
(edit the recurrence, or clear its cells to give plain hours).

:func:`write_recurrences` writes them; :func:`recurrences_from` reads them for the tasks
the plan sheet gave, raising :class:`WorkbookFileError` naming the sheet, row and column
of a cell that is not what its column holds.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from raci.files.cells import decode_text
from raci.files.errors import WorkbookFileError, show_cell
from raci.recurrence import MAX_MINUTES, MAX_TIMES, PERIODS, Recurrence, RecurrenceError
from raci.text import fold

FIELDS = ("times", "per", "minutes", "per_platform", "estimate")
HEADERS = {"en": ("times", "per", "minutes each", "per platform", "estimate"),
           "es": ("veces", "cada", "minutos cada vez", "por plataforma", "estimación")}
PERIOD_WORDS = {"en": {"day": "day", "week": "week", "month": "month"},
                "es": {"day": "día", "week": "semana", "month": "mes"}}
FLAG_WORDS = {"en": ("yes", "no"), "es": ("sí", "no")}
_FIELD_BY_HEADER = {fold(text): name for texts in HEADERS.values() for name, text in zip(FIELDS, texts, strict=True)}
_PERIOD_BY_WORD = {fold(word): period for words in PERIOD_WORDS.values() for period, word in words.items()}
_PERIOD_BY_WORD.update({fold(p): p for p in PERIODS})
_FLAG_BY_WORD = {"yes": True, "si": True, "true": True, "verdadero": True, "1": True, "x": True,
                 "no": False, "false": False, "falso": False, "0": False, "": False}


def write_recurrences(sheet, plan, lang: str, first_column: int, last_row: int,  # noqa: ANN001 - openpyxl
                      cells, style) -> None:  # noqa: ANN001
    """The recurrence columns from ``first_column`` on, header in row 1, one row per task, dropdowns to ``last_row``."""
    text_cell, number_cell = cells
    bold, fill = style
    periods = PERIOD_WORDS.get(lang, PERIOD_WORDS["en"])
    yes, no = FLAG_WORDS.get(lang, FLAG_WORDS["en"])
    for j, text in enumerate(HEADERS.get(lang, HEADERS["en"])):
        cell = text_cell(sheet, 1, first_column + j, text)
        cell.font, cell.fill = bold, fill
        sheet.column_dimensions[get_column_letter(first_column + j)].width = 14.0
    for i, recurrence in enumerate(plan.recurrences):
        if recurrence is None:
            continue
        row = i + 2
        number_cell(sheet, row, first_column, recurrence.times)
        text_cell(sheet, row, first_column + 1, periods[recurrence.per])
        number_cell(sheet, row, first_column + 2, recurrence.minutes)
        text_cell(sheet, row, first_column + 3, yes if recurrence.per_platform else no)
        if recurrence.estimate:
            text_cell(sheet, row, first_column + 4, yes)
    letter = [get_column_letter(first_column + j) for j in range(len(FIELDS))]
    for j, formula in ((1, '"' + ",".join(periods[p] for p in PERIODS) + '"'), (3, f'"{yes},{no}"'),
                       (4, f'"{yes},{no}"')):
        rule = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True)
        rule.add(f"{letter[j]}2:{letter[j]}{last_row}")
        sheet.add_data_validation(rule)
    for j, limit in ((0, MAX_TIMES), (2, MAX_MINUTES)):
        rule = DataValidation(type="decimal", operator="between", formula1="0", formula2=str(limit),
                              allow_blank=True, showErrorMessage=True)
        rule.add(f"{letter[j]}2:{letter[j]}{last_row}")
        sheet.add_data_validation(rule)


def recurrence_columns(header: Sequence[object], offset: int) -> dict[str, int]:
    """Which of the row's cells (0-based, ``offset`` added) hold each recurrence field, by their headers."""
    found: dict[str, int] = {}
    for j, value in enumerate(header):
        if isinstance(value, str):
            name = _FIELD_BY_HEADER.get(fold(decode_text(value)))
            if name is not None and name not in found:
                found[name] = offset + j
    return found if "times" in found else {}


def recurrences_from(rows: Sequence[tuple[int, Sequence[object]]], columns: dict[str, int],
                     sheet: str, offset: int = 0) -> list[Recurrence | None]:
    """Each task row's recurrence, None where it has none. ``rows``: the sheet row number and the row's
    cells from column ``offset`` (0-based) on; ``columns``: :func:`recurrence_columns` of the header."""
    return [_recurrence(row, values, columns, sheet, offset) if columns else None for row, values in rows]


def _recurrence(row: int, values: Sequence[object], columns: dict[str, int], sheet: str,
                offset: int) -> Recurrence | None:
    def cell(name: str) -> object:
        j = columns[name] - offset if name in columns else None
        value = values[j] if j is not None and 0 <= j < len(values) else None
        return decode_text(value).strip() if isinstance(value, str) else value

    def where(name: str) -> dict[str, object]:
        return {"sheet": sheet, "row": row, "column": get_column_letter(columns[name] + 1) if name in columns else "?"}

    said = {name: cell(name) for name in FIELDS}
    if all(said[name] in (None, "") for name in ("times", "per", "minutes")):
        return None
    for name in ("times", "per", "minutes"):
        if said[name] in (None, ""):
            raise WorkbookFileError("recurrence_incomplete", **where(name))
    times = _number(said["times"], MAX_TIMES, where("times"))
    minutes = _number(said["minutes"], MAX_MINUTES, where("minutes"))
    per = _PERIOD_BY_WORD.get(fold(str(said["per"])))
    if per is None:
        raise WorkbookFileError("recurrence_bad_period", value=show_cell(said["per"]), **where("per"))
    flags = []
    for name in ("per_platform", "estimate"):
        value = said[name]
        flag = value if isinstance(value, bool) else _FLAG_BY_WORD.get(fold(str(value if value is not None else "")))
        if flag is None:
            raise WorkbookFileError("recurrence_bad_flag", value=show_cell(value), **where(name))
        flags.append(flag)
    try:
        return Recurrence(times, per, minutes, per_platform=flags[0], estimate=flags[1])
    except RecurrenceError:  # pragma: no cover - the checks above are Recurrence's own
        raise WorkbookFileError("recurrence_bad_number", value=show_cell(said["times"]), limit=MAX_TIMES,
                                **where("times")) from None


def _number(value: object, limit: float, where: dict[str, object]) -> float:
    try:
        number = float(str(value).replace(",", ".")) if isinstance(value, str) else float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        number = math.nan
    if isinstance(value, bool) or not (math.isfinite(number) and 0 < number <= limit):
        raise WorkbookFileError("recurrence_bad_number", value=show_cell(value), limit=limit, **where)
    return number
