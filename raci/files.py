"""Plan files by extension: the one place that decides how a path is read or written.

CSV today (``.csv``, ``.tsv``, ``.txt``); other formats join here by extension.
"""

from __future__ import annotations

from pathlib import Path

from raci.csvio import PlanFileError, read_csv, write_csv
from raci.model import Plan

CSV_SUFFIXES = (".csv", ".tsv", ".txt")


def _check_suffix(path: Path) -> None:
    if path.suffix.lower() not in CSV_SUFFIXES:
        raise PlanFileError("unknown_format", {"suffix": path.suffix or path.name})


def read_plan_file(path: str | Path, delimiter: str | None = None, max_bytes: int | None = None) -> Plan:
    """Read a plan from a file; PlanFileError (never another exception) when it cannot."""
    path = Path(path)
    _check_suffix(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise PlanFileError("unreadable", {"path": str(path), "reason": error.strerror or str(error)}) from None
    return read_csv(data, delimiter=delimiter, max_bytes=max_bytes)


def write_plan_file(plan: Plan, path: str | Path, delimiter: str = ",") -> None:
    """Write a plan to a file, its format chosen by the extension."""
    path = Path(path)
    _check_suffix(path)
    if path.suffix.lower() == ".tsv":
        delimiter = "\t"
    path.write_bytes(write_csv(plan, delimiter=delimiter))
