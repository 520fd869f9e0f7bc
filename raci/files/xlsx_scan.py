"""A workbook's size, measured by streaming its XML before openpyxl builds anything from it.

openpyxl's reader builds every shared string in memory, and in read-only mode
yields one (empty) row for each row number it skips: a 290 KB workbook of
7 million shared strings, or a tiny sheet whose last row is row 1,048,576,
costs minutes and gigabytes there. :func:`scan_workbook` reads the shared
strings and the sheet the planner will read as zip streams, a megabyte at a
time, counting tags with one regular expression per chunk, and stops at the
first limit passed (:mod:`raci.files.limits`): shared strings, rows, columns,
rows x columns (the plan sheet and the Roles, Team and Platforms sheets each
within the same limits). Its cost is linear in the unzipped bytes, which
:func:`raci.files.limits.check_unzipped` has bounded already. A part that
declares a document type (``<!DOCTYPE``, the door to entity expansion and
external entities) is refused; Excel never writes one.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator

from raci.files.errors import WorkbookFileError
from raci.files.limits import (
    MAX_COLUMNS,
    MAX_ROWS,
    check_columns,
    check_grid,
    check_rows,
    check_shared_strings,
)
from raci.files.xlsx_roles import ROLES_SHEET
from raci.files.xlsx_team import PLATFORM_SHEETS, TEAM_SHEETS
from raci.files.xlsx_write import RACI_SHEET

_CHUNK = 1 << 20
_LONGEST_TAG = 64 * 1024  # a row or cell tag longer than this is not one a spreadsheet writes
_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"
_SHARED_STRING = re.compile(rb"<" + _PREFIX + rb"si[\s/>]")
_ROW = re.compile(rb"<" + _PREFIX + rb"row(?=[\s/>])[^>]*>")
_ROW_NUMBER = re.compile(rb"""\sr\s*=\s*["'](\d+)["']""")
_CELL_COLUMN = re.compile(rb"""<""" + _PREFIX + rb"""c\s[^>]*?\br\s*=\s*["']([A-Za-z]{1,4})\d""")
_TAG_START = re.compile(rb"<" + _PREFIX + rb"(?:row|c)[\s/>]")
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def scan_workbook(archive: zipfile.ZipFile) -> None:
    """Refuse a workbook whose shared strings or sheet pass a limit, before openpyxl reads it."""
    names = set(archive.namelist())
    for name in names:
        if posixpath.basename(name).lower() == "sharedstrings.xml":
            count = 0
            for chunk in _chunks(archive, name):
                count += len(_SHARED_STRING.findall(chunk))
                check_shared_strings(count)  # stops at the first megabyte beyond the limit
    for sheet in _sheet_parts(archive, names):
        _scan_sheet(archive, sheet)


def _scan_sheet(archive: zipfile.ZipFile, name: str) -> None:
    row_count, last_row, columns = 0, 0, set()
    for chunk in _chunks(archive, name):
        for match in _ROW.finditer(chunk):
            number = _ROW_NUMBER.search(match.group(0))
            row_count += 1
            last_row = max(last_row, int(number.group(1)) if number else row_count, row_count)
            if last_row > MAX_ROWS:
                check_rows(last_row)
        columns.update(_CELL_COLUMN.findall(chunk))
        width = max((_column_number(letters) for letters in columns), default=0)
        if width > MAX_COLUMNS:
            check_columns(width)
        check_grid(last_row, width)


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - ord("A") + 1
    return number


def _chunks(archive: zipfile.ZipFile, name: str) -> Iterator[bytes]:
    """The part's bytes a megabyte at a time, each chunk ending before a tag cut in two."""
    tail = b""
    first = True
    with archive.open(name) as stream:
        while block := stream.read(_CHUNK):
            if first and b"<!DOCTYPE" in block[:_CHUNK]:
                raise WorkbookFileError("doctype")
            first = False
            data = tail + block
            cut = data.rfind(b"<")
            cut = len(data) if cut < 0 else cut
            tail = data[cut:]
            if len(tail) > _LONGEST_TAG:
                if _TAG_START.match(tail):
                    raise WorkbookFileError("unreadable")
                tail = b""  # a long text or other tag: nothing to count in it
                cut = len(data)
            yield data[:cut]
    if tail:
        yield tail


def _sheet_parts(archive: zipfile.ZipFile, names: set[str]) -> list[str]:
    """The zip parts of the sheets openpyxl will read: "RACI" (else the first worksheet), "Roles", and the
    Team and Platforms sheets (under their English or Spanish names, the first found of each, as the reader)."""
    try:
        workbook = _xml(archive, "xl/workbook.xml")
        rels = _xml(archive, "xl/_rels/workbook.xml.rels")
    except (KeyError, ET.ParseError):
        return []  # openpyxl says what is wrong
    targets = {}
    for rel in rels.iter(f"{_RELS}Relationship"):
        if rel.get("Type", "").endswith("/worksheet"):
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
            targets[rel.get("Id")] = path
    sheets = [(sheet.get("name"), targets.get(sheet.get(_R_ID))) for sheet in workbook.iter(f"{_MAIN}sheet")]
    sheets = [(title, path) for title, path in sheets if path in names]
    chosen = next((path for title, path in sheets if title == RACI_SHEET), None) or (sheets[0][1] if sheets else None)
    paths = dict(sheets[::-1])  # a title given twice: its first sheet, as openpyxl's
    others = [paths.get(ROLES_SHEET),
              next((paths[t] for t in TEAM_SHEETS.values() if t in paths), None),
              next((paths[t] for t in PLATFORM_SHEETS.values() if t in paths), None)]
    return [path for path in dict.fromkeys((chosen, *others)) if path is not None]


def _xml(archive: zipfile.ZipFile, name: str) -> ET.Element:
    data = archive.read(name)
    if b"<!DOCTYPE" in data:
        raise WorkbookFileError("doctype")
    return ET.fromstring(data)

