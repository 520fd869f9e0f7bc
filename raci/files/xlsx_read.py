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
from raci.files.limits import MAX_FILE_BYTES, check_grid, check_size, check_unzipped
from raci.files.xlsx_roles import ROLES_SHEET, roles_from
from raci.files.xlsx_scan import scan_workbook
from raci.files.xlsx_write import END_NAME, RACI_SHEET
from raci.limits import MAX_ROLES
from raci.model import Plan

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
    grid, header_row, team = _sheet_grid(data)
    plan = plan_from_grid(grid, header_row=header_row)
    return roles_from(team, plan) if team else plan


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


def _sheet_grid(data: bytes) -> tuple[np.ndarray, int, list[tuple]]:
    """The sheet as the CSV reader's grid (header first), the sheet row of the header, and the Roles sheet's rows."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it does not keep
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
            try:
                grid, header_row = _grid_of(workbook)
                team = []
                if ROLES_SHEET in workbook.sheetnames:  # at most a header and MAX_ROLES rows, 4 columns
                    team = list(workbook[ROLES_SHEET].iter_rows(max_row=MAX_ROLES + 1, max_col=4, values_only=True))
                return grid, header_row, team
            finally:
                workbook.close()
    except PlanFileError:
        raise
    except Exception:  # openpyxl, zipfile and the XML parser raise many kinds: all mean a damaged workbook
        raise WorkbookFileError("unreadable") from None


def _grid_of(workbook: Workbook) -> tuple[np.ndarray, int]:
    if RACI_SHEET in workbook.sheetnames:
        sheet = workbook[RACI_SHEET]
    elif workbook.worksheets:
        sheet = workbook.worksheets[0]
    else:
        raise WorkbookFileError("no_worksheet")
    end = _end_column(workbook, sheet.title)
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()  # the saved dimension can be wrong: read every stored row
    rows: list[list[str]] = []
    filled_rows = 0  # rows up to the last one holding something
    width = 0
    for values in sheet.iter_rows(values_only=True):
        texts = [_cell_text(value) for value in (values[:end] if end is not None else values)]
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
