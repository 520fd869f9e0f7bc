"""Plan files by extension: the one place that decides how a file is read or written.

| extension              | format                                                     |
|------------------------|------------------------------------------------------------|
| .csv, .tsv, .txt       | the spreadsheet layout (raci.files.csv)                        |
| .xlsx                  | an Excel workbook with dropdowns and formulas (raci.files.xlsx) |
| .json                  | the versioned structure for scripts (raci.files.json)          |
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from raci.files.csv import MAX_FILE_BYTES, PlanFileError, read_csv, write_csv
from raci.files.json import read_json, write_json
from raci.files.xlsx import read_xlsx, write_xlsx
from raci.model import Plan

READERS: dict[str, Callable[..., Plan]] = {
    ".csv": read_csv, ".tsv": read_csv, ".txt": read_csv, ".xlsx": read_xlsx, ".json": read_json,
}
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
    return write_csv(plan, delimiter="\t" if suffix == ".tsv" else delimiter)


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
