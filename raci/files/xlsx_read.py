"""Reading a plan workbook: :func:`read_xlsx`, the workbook of ``raci/files/xlsx.py`` or any other .xlsx.

The sheet named "RACI" (else the first worksheet) becomes the grid of texts that
:func:`raci.files.grid.plan_from_grid` reads, so a workbook is read with exactly
the rules of a CSV file (same layouts, headers, letters, messages). Cells are
read as their values (a formula typed in Excel counts by the result Excel saved
with it); numbers become their shortest exact text (8.0 -> "8"); text cells are
escaped with :func:`raci.files.cells.escape_cell`, because the grid reader undoes
that escape. The columns from the helper column on are not part of the plan:
the workbook names that column (the defined name
:data:`raci.files.xlsx_write.END_NAME`, which Excel moves when columns are
inserted or removed); a workbook without the name is read whole, like a CSV
file. Rows and columns in messages are the sheet's own.

A file that is not a workbook, is encrypted, damaged, too big (zipped or
unzipped: :mod:`raci.files.limits`), has no worksheet or an empty one raises
:class:`~raci.files.errors.PlanFileError` (:class:`~raci.files.errors.WorkbookFileError`
for the workbook-only problems); never an openpyxl, zipfile or XML exception.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import warnings
import zipfile

import numpy as np
from openpyxl import load_workbook
from openpyxl.utils import range_boundaries
from openpyxl.workbook.workbook import Workbook

from raci.files.cells import decode_text, escape_cell
from raci.files.errors import PlanFileError, WorkbookFileError
from raci.files.grid import plan_from_grid
from raci.files.layout import is_planner_header
from raci.files.limits import MAX_FILE_BYTES, check_grid, check_size, check_unzipped
from raci.files.xlsx_recurrence import recurrence_columns, recurrences_from
from raci.files.xlsx_roles import ROLES_SHEET, roles_from
from raci.files.xlsx_scan import scan_workbook
from raci.files.xlsx_team import PLATFORM_SHEETS, TEAM_SHEETS, team_from
from raci.files.xlsx_write import END_NAME, RACI_SHEET
from raci.limits import MAX_ROLES
from raci.model import Plan
from raci.team import MAX_PLATFORMS

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and encrypted .xlsx are OLE compound files
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")


def read_xlsx(data: bytes, max_bytes: int | None = MAX_FILE_BYTES) -> Plan:
    """The plan in a workbook's "RACI" sheet (else its first sheet), or :class:`PlanFileError`.

    ``max_bytes`` bounds the file (``None`` lifts that limit, but not the
    absolute unzipped limit nor the shared-string, row and column limits of
    :mod:`raci.files.limits`). See the module docstring for what is read and how.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError("read_xlsx takes the file's bytes")
    data = bytes(data)
    check_size(data, max_bytes)
    if not data.strip():
        raise PlanFileError("empty")
    _check_container(data, max_bytes)
    sheets = _sheets(data)
    plan = plan_from_grid(sheets.grid, header_row=sheets.header_row)
    if sheets.roles:
        plan = roles_from(sheets.roles, plan)
    recurrences = _recurrences(sheets, plan)
    if sheets.team is None and sheets.platforms is None and recurrences is None:
        return plan
    team = team_from(sheets.team or [], sheets.platforms or [], plan, sheets.team_titles)
    tasks = plan.tasks if recurrences is None else plan.tasks.assign(recurrence=recurrences)
    return Plan.from_columns(tasks, plan.roles, plan.cells, team)


class _Sheets:
    """What the reader takes from a workbook: the plan sheet's grid and the other sheets' rows."""

    def __init__(self) -> None:
        self.grid: np.ndarray = np.empty((0, 0), dtype=object)
        self.header_row = 1
        self.tails: list[tuple] = []  # the plan sheet's cells from its helper column on, per sheet row
        self.end: int | None = None
        self.title = RACI_SHEET
        self.roles: list[tuple] = []
        self.team: list[tuple] | None = None
        self.platforms: list[tuple] | None = None
        self.team_titles = (TEAM_SHEETS["en"], PLATFORM_SHEETS["en"])


def _recurrences(sheets: _Sheets, plan: Plan) -> list | None:
    """The recurrences of the plan sheet's recurrence columns (raci/files/xlsx_recurrence.py), None if it has none."""
    if sheets.end is None or not sheets.tails or not is_planner_header(list(sheets.grid[0])):
        return None
    first = sheets.header_row - 1  # 0-based index of the header row among the sheet's rows
    if first >= len(sheets.tails):
        return None
    columns = recurrence_columns(sheets.tails[first], sheets.end)
    if not columns:
        return None
    rows = [(first + 1 + r + 1, sheets.tails[first + 1 + r] if first + 1 + r < len(sheets.tails) else ())
            for r, name in enumerate(sheets.grid[1:, 0]) if str(name).strip()]
    if len(rows) != plan.n_tasks:  # pragma: no cover - the grid reader keeps exactly the named rows
        return None
    found = recurrences_from(rows, columns, sheets.title, sheets.end)
    return found if any(r is not None for r in found) else None


def _check_container(data: bytes, max_bytes: int | None) -> None:
    """Refuse, before any XML is parsed, what is not an unencrypted .xlsx of a sensible unzipped size."""
    if data.startswith(_OLE_MAGIC):
        raise WorkbookFileError("encrypted" if _ENCRYPTED_MARK in data else "legacy_xls")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise WorkbookFileError("not_workbook") from None
    with archive:
        names = {entry.filename for entry in entries}
        if "xl/workbook.xml" not in names and not any(name.startswith("xl/") for name in names):
            raise WorkbookFileError("not_workbook")
        if any(entry.flag_bits & 0x1 for entry in entries):
            raise WorkbookFileError("encrypted")
        check_unzipped(sum(entry.file_size for entry in entries), max_bytes)
        try:
            scan_workbook(archive)  # shared strings, rows and columns counted by streaming, not built
        except PlanFileError:
            raise
        except Exception:  # zipfile, zlib and the XML parser raise many kinds: all mean a damaged workbook
            raise WorkbookFileError("unreadable") from None


def _sheets(data: bytes) -> _Sheets:
    """The plan sheet as the CSV reader's grid (header first) and its recurrence cells, and the rows of the
    Roles, Team and Platforms sheets (each bounded, and scanned before: raci/files/xlsx_scan.py)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it does not keep
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
            try:
                sheets = _Sheets()
                sheets.grid, sheets.header_row = _grid_of(workbook, sheets)
                if ROLES_SHEET in workbook.sheetnames:  # at most a header and MAX_ROLES rows, 4 columns
                    sheets.roles = list(workbook[ROLES_SHEET].iter_rows(max_row=MAX_ROLES + 1, max_col=4,
                                                                        values_only=True))
                team_title = next((t for t in TEAM_SHEETS.values() if t in workbook.sheetnames), None)
                platform_title = next((t for t in PLATFORM_SHEETS.values() if t in workbook.sheetnames), None)
                sheets.team_titles = (team_title or TEAM_SHEETS["en"], platform_title or PLATFORM_SHEETS["en"])
                if team_title is not None:  # rows bounded by the scan (MAX_ROWS); columns A to D
                    sheets.team = list(_sheet_rows(workbook[team_title], None, 4))
                if platform_title is not None:  # a header, MAX_PLATFORMS rows and one more to refuse
                    sheets.platforms = list(_sheet_rows(workbook[platform_title], MAX_PLATFORMS + 2, 1))
                return sheets
            finally:
                workbook.close()
    except PlanFileError:
        raise
    except Exception:  # openpyxl, zipfile and the XML parser raise many kinds: all mean a damaged workbook
        raise WorkbookFileError("unreadable") from None


def _sheet_rows(sheet, max_row: int | None, max_col: int):  # noqa: ANN001, ANN202 - openpyxl's sheet
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()  # the saved dimension can be wrong: read every stored row
    return sheet.iter_rows(max_row=max_row, max_col=max_col, values_only=True)


def _grid_of(workbook: Workbook, sheets: _Sheets) -> tuple[np.ndarray, int]:
    if RACI_SHEET in workbook.sheetnames:
        sheet = workbook[RACI_SHEET]
    elif workbook.worksheets:
        sheet = workbook.worksheets[0]
    else:
        raise WorkbookFileError("no_worksheet")
    end = _end_column(workbook, sheet.title)
    sheets.end, sheets.title = end, sheet.title
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()  # the saved dimension can be wrong: read every stored row
    rows: list[list[str]] = []
    filled_rows = 0  # rows up to the last one holding something
    width = 0
    for values in sheet.iter_rows(values_only=True):
        texts = [_cell_text(value) for value in (values[:end] if end is not None else values)]
        if end is not None:
            sheets.tails.append(values[end:])
        while texts and not texts[-1]:
            texts.pop()
        rows.append(texts)
        if texts:
            filled_rows = len(rows)
            width = max(width, len(texts))
            check_grid(filled_rows, width)
    rows = rows[:filled_rows]
    first = next((r for r, texts in enumerate(rows) if any(text.strip() for text in texts)), None)
    if first is None:
        raise PlanFileError("empty")
    grid = np.full((len(rows) - first, width), "", dtype=object)
    for r, texts in enumerate(rows[first:]):
        grid[r, : len(texts)] = texts
    return grid, first + 1


def _end_column(workbook: Workbook, title: str) -> int | None:
    """How many columns of sheet ``title`` belong to the plan (those left of END_NAME), None when unnamed."""
    try:
        defined = workbook.defined_names.get(END_NAME)
        if defined is None:
            return None
        for sheet_title, cells in defined.destinations:
            if sheet_title == title:
                min_col = range_boundaries(cells.replace("$", ""))[0]
                return max(0, min_col - 1) if min_col else None
    except (ValueError, TypeError, AttributeError, KeyError):
        return None  # a damaged name: read the whole sheet, as for a file without it
    return None


def _cell_text(value: object) -> str:
    """A cell's value as the text the grid reader expects (see the module docstring)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return escape_cell(decode_text(value))
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        text = repr(value + 0.0)
        return text.removesuffix(".0")
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return escape_cell(str(value))
