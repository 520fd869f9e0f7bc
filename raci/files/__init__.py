"""Plan files by extension: the one place that decides how a file is read or written.

| extension        | format                                               | module                                   |
|------------------|------------------------------------------------------|------------------------------------------|
| .csv, .tsv, .txt | the spreadsheet layout                               | raci/files/csv.py                        |
| .xlsx            | an Excel workbook with dropdowns and formulas        | raci/files/xlsx.py (xlsx_write, xlsx_read) |
| .json            | the versioned structure for scripts                  | raci/files/json.py (json_read, json_team) |

Shared by the readers: ``errors.py`` (:class:`PlanFileError`, :class:`WorkbookFileError`),
``limits.py`` (:data:`MAX_FILE_BYTES` and the other limits, one check each),
``cells.py`` (formula-injection and Excel text escapes) and ``grid.py`` (the grid
of cells, from a CSV file or a sheet, to a plan; :func:`default_role`);
``team.py`` (:func:`keep_team`: what a file does not say about the team is kept from the open plan).
Every public name of the package is importable from here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from raci.files.cells import decode_text, encode_text, escape_cell, is_formula_like, unescape_cell
from raci.files.csv import DELIMITERS, detect_delimiter, read_csv, write_csv
from raci.files.errors import PlanFileError, WorkbookFileError
from raci.files.grid import DEFAULT_EFFORT_HOURS, default_role, plan_from_grid
from raci.files.json import read_json, write_json
from raci.files.layout import HEADER
from raci.files.limits import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_GRID_CELLS,
    MAX_ROWS,
    MAX_SHARED_STRINGS,
    MAX_UNZIPPED_BYTES,
    UNZIPPED_LIMIT_FACTOR,
)
from raci.files.team import keep_team
from raci.files.xlsx import read_xlsx, write_xlsx
from raci.model import Plan

__all__ = [
    "DEFAULT_EFFORT_HOURS", "DELIMITERS", "HEADER", "MAX_CELL_CHARS", "MAX_COLUMNS", "MAX_FILE_BYTES",
    "MAX_GRID_CELLS", "MAX_ROWS", "MAX_SHARED_STRINGS", "MAX_UNZIPPED_BYTES",
    "READERS", "SUFFIXES", "UNZIPPED_LIMIT_FACTOR", "PlanFileError", "WorkbookFileError",
    "decode_text", "default_role", "detect_delimiter", "encode_text", "escape_cell", "is_formula_like",
    "keep_team", "plan_bytes", "plan_from_grid", "read_csv", "read_json", "read_plan_bytes", "read_plan_file",
    "read_xlsx",
    "unescape_cell", "write_csv", "write_json", "write_plan_file", "write_xlsx",
]

#: The reader of each file extension (the writers follow the same extensions: :func:`plan_bytes`).
READERS: dict[str, Callable[..., Plan]] = {
    ".csv": read_csv, ".tsv": read_csv, ".txt": read_csv, ".xlsx": read_xlsx, ".json": read_json,
}
#: The extensions of plan files, as upload widgets and the command line offer them.
SUFFIXES = tuple(READERS)


def _suffix(name: str | Path) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in READERS:
        raise PlanFileError("unknown_format", suffix=Path(name).suffix or str(name))
    return suffix


def read_plan_bytes(data: bytes, name: str, delimiter: str | None = None,
                    max_bytes: int | None = MAX_FILE_BYTES) -> Plan:
    """A plan from a file's bytes, its format chosen by the file name's extension."""
    suffix = _suffix(name)
    if READERS[suffix] is read_csv:
        return read_csv(data, delimiter=delimiter, max_bytes=max_bytes)
    return READERS[suffix](data, max_bytes=max_bytes)


def plan_bytes(plan: Plan, name: str, delimiter: str = ",", lang: str = "en") -> bytes:
    """A plan as the bytes of a file called ``name`` (.csv, .tsv, .txt, .xlsx, .json)."""
    suffix = _suffix(name)
    if suffix == ".xlsx":
        return write_xlsx(plan, lang=lang)
    if suffix == ".json":
        return write_json(plan)
    return write_csv(plan, delimiter="\t" if suffix == ".tsv" else delimiter, lang=lang)


def read_plan_file(path: str | Path, delimiter: str | None = None, max_bytes: int | None = None) -> Plan:
    """Read a plan from a file; PlanFileError (never another exception) when it cannot."""
    _suffix(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise PlanFileError("unreadable", path=str(path), reason=error.strerror or str(error)) from None
    return read_plan_bytes(data, str(path), delimiter=delimiter, max_bytes=max_bytes)


def write_plan_file(plan: Plan, path: str | Path, delimiter: str = ",", lang: str = "en") -> None:
    """Write a plan to a file, its format chosen by the extension."""
    Path(path).write_bytes(plan_bytes(plan, str(path), delimiter=delimiter, lang=lang))
