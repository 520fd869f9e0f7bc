"""Plan workbooks: an Excel file that keeps its dropdowns, colours and workload formulas.

:func:`write_xlsx` makes a workbook (``.xlsx``, Office Open XML) of four sheets.
Sheet names are language-neutral; titles, labels and notes inside follow ``lang``.

* **RACI**: the plan in the CSV's planner layout (``task, category, nature,
  effort_hours, <one column per role>``), one row per task, and
  :data:`SPARE_ROWS` empty rows below for tasks added in Excel. Every letter
  cell, spare rows included, has a dropdown (R, A, C, I, A/R) and conditional
  formatting that colours it by its letter (:data:`raci.letters.LETTER_COLORS`),
  so the colour follows the letter as it is edited. Natures have a dropdown
  and efforts are numbers. The header row and task column are frozen. After
  the role columns come one empty column and the helper column "R share",
  one formula per row: the task's hours divided among its R and A/R roles.
* **Workload**: per role, hours by letter (R, A, C, I), total, and by nature
  (strategic, operational, unclassified), all formulas over the RACI sheet
  (SUMIFS and COUNTIF only, which Excel and LibreOffice both compute), so
  they follow letter, nature and effort changes. The A, C and I fractions are
  labelled cells of the sheet that the formulas reference. They match
  :func:`raci.analysis.workload.workload` (tests recompute them).
* **Findings**: the rule findings at export time, as text.
* **Legend**: the letters, their colours and how each weighs on the workload.

Text (tasks, categories, role names, findings) is always written as text, never
as a formula, whatever it starts with ("=HYPERLINK(...)" stays those
characters); efforts are written with all their digits (openpyxl alone would
keep 16 significant digits). Characters XML cannot hold (control characters,
U+FFFE, U+FFFF) and the carriage return are written as Excel writes them,
``_xHHHH_``; a literal ``_xHHHH_`` in the text has its "_" escaped as ``_x005f_``
(and a literal "x005F" its "x" as ``_x0078_``, which openpyxl's reader would
otherwise delete): see :func:`encode_text`.

:func:`read_xlsx` reads the sheet named "RACI" (else the first worksheet),
turns it into the grid of texts the CSV reader works on and hands it to the
CSV reader, so a workbook is read with exactly the rules of a CSV file (same
layouts, headers, letters, messages). Cells are read as their values (a formula
typed in Excel counts by the result Excel saved with it); numbers become their
shortest exact text (8.0 -> "8"); text cells are escaped with
:func:`raci.files.csv.escape_cell`, because the grid reader undoes that escape.
The columns from the helper column on are not part of the plan: the workbook
names that column (the defined name :data:`END_NAME`, which Excel moves when
columns are inserted or removed); a workbook without the name is read whole,
like a CSV file. Rows and columns in messages are the sheet's own.

What a round trip keeps is what the CSV keeps: ``read_xlsx(write_xlsx(plan))
== plan`` for every plan that ``read_csv(write_csv(plan))`` gives back
(roles come back as :func:`raci.files.csv.default_role` of their short names).
Saved again by a spreadsheet, efforts keep the 15 significant digits
spreadsheets keep.

Limits of the live sheet, by design: a role column added in Excel is read by
the planner but has no Workload row; a task added without hours counts 0 h in
the Workload sheet but gets the CSV reader's default effort when read; the
formulas match letters case-blind ("r" counts as R) as the reader does, but
not spelled-out letters ("Responsable"), which the dropdown refuses anyway.
Text that itself looks like an escape ("_x000D_") and was saved by another
spreadsheet comes back decoded, because openpyxl's reader drops the "_x005F_"
that marked it literal.

A file that is not a workbook, is encrypted, damaged, unzips to more than
:data:`UNZIPPED_LIMIT_FACTOR` times ``max_bytes``, has no worksheet or an empty
one raises :class:`raci.files.csv.PlanFileError` (:class:`WorkbookFileError`
for the workbook-only problems, whose texts live in ``locales/<lang>/xlsx.json``);
never an openpyxl, zipfile or XML exception.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import warnings
import zipfile

import numpy as np
from openpyxl import Workbook, load_workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname, range_boundaries
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from raci import letters as L
from raci.analysis.rules import check, severity_name
from raci.analysis.settings import DEFAULT_SETTINGS, Settings
from raci.files.csv import HEADER, MAX_FILE_BYTES, PlanFileError, _megabytes, _plan_from_grid, escape_cell
from raci.i18n import normalise_lang, translate
from raci.letters import LETTER_COLORS
from raci.model import NATURES, Plan

#: Sheet names (the same in every language; the reader looks for RACI_SHEET).
RACI_SHEET, WORKLOAD_SHEET, FINDINGS_SHEET, LEGEND_SHEET = "RACI", "Workload", "Findings", "Legend"
#: Empty rows below the tasks that already have dropdowns, colours and formulas, for tasks added in Excel.
SPARE_ROWS = 100
#: Workbook-level defined name of the helper column: it and every column right of it are not read.
END_NAME = "RACI_PLAN_END"
#: The letters of the dropdown, in the order shown.
DROPDOWN_LETTERS = ("R", "A", "C", "I", "A/R")
#: A workbook may unzip to at most this many times ``max_bytes`` (a zip bomb is refused before parsing).
UNZIPPED_LIMIT_FACTOR = 25
#: Largest sheet, in cells (rows x columns up to the last filled ones), read into a grid.
MAX_GRID_CELLS = 20_000_000
#: Excel's limit on the characters of one cell.
MAX_CELL_CHARS = 32_767

_FIRST_ROLE_COLUMN = len(HEADER) + 1  # 1-based: E
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and encrypted .xlsx are OLE compound files
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
_HEADER_FILL = PatternFill("solid", start_color="FFE8EEF4", end_color="FFE8EEF4")
_HELPER_FONT = Font(italic=True, color="FF6B6B6B")
_BOLD = Font(bold=True)
_CENTER = Alignment(horizontal="center")

# ----- text as Excel stores it (ECMA-376 ST_Xstring) --------------------------------------
_XML_ILLEGAL = "\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff"
_ENCODE = re.compile(rf"_(?=x[0-9A-Fa-f]{{4}})|x(?=005F)|[\r{_XML_ILLEGAL}]")
_DECODE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_DECODED = frozenset([*range(0x01, 0x20), ord("_"), ord("x"), 0xFFFE, 0xFFFF])


def encode_text(text: str) -> str:
    """``text`` as it goes into the workbook's XML, so that :func:`decode_text` (and Excel) give it back.

    Characters XML cannot hold and "\\r" (which XML turns into "\\n") become
    ``_xHHHH_``; a "_" that starts something that looks like such an escape
    becomes ``_x005f_`` (lower-case hex, which openpyxl's reader leaves alone)
    and the "x" of "x005F" becomes ``_x0078_`` (openpyxl's reader deletes
    every "x005F_"). Everything else is written as it is.
    """
    return _ENCODE.sub(lambda match: f"_x{ord(match.group(0)):04x}_", text)


def decode_text(text: str) -> str:
    """Undo the ``_xHHHH_`` escapes of :func:`encode_text` and of spreadsheets ("\\r" and control characters).

    Only the characters that are ever escaped are decoded: control characters,
    "_", "x", U+FFFE and U+FFFF. So a literal "_x0041_" saved by a spreadsheet
    (which writes "_x005F_x0041_", and openpyxl's reader turns back into
    "_x0041_") stays "_x0041_" instead of becoming "A".
    """
    if "_x" not in text:
        return text

    def character(match: re.Match[str]) -> str:
        code = int(match.group(1), 16)
        return chr(code) if code in _DECODED else match.group(0)

    return _DECODE.sub(character, text)


class WorkbookFileError(PlanFileError):
    """A :class:`PlanFileError` whose sentence lives in ``xlsx.json`` (problems only a workbook has)."""

    AREA = "xlsx"


def _t(key: str, lang: str, **params: object) -> str:
    return translate(f"xlsx.{key}", lang, **params)


# ----- writing ------------------------------------------------------------------
def write_xlsx(plan: Plan, lang: str = "en", settings: Settings = DEFAULT_SETTINGS) -> bytes:
    """The plan as an .xlsx workbook (see the module docstring).

    Raises :class:`WorkbookFileError` ("text_too_long") if a text is longer
    than the 32,767 characters an Excel cell holds.
    """
    lang = normalise_lang(lang)
    workbook = Workbook()
    raci = workbook.active
    raci.title = RACI_SHEET
    layout = _write_matrix(raci, plan, lang)
    _write_workload(workbook.create_sheet(WORKLOAD_SHEET), plan, lang, settings, layout)
    _write_findings(workbook.create_sheet(FINDINGS_SHEET), plan, lang, settings)
    _write_legend(workbook.create_sheet(LEGEND_SHEET), lang, settings)
    workbook.defined_names[END_NAME] = DefinedName(
        END_NAME, attr_text=f"{quote_sheetname(RACI_SHEET)}!${layout.helper}:${layout.helper}")
    workbook.properties.title = _t("title", lang)
    workbook.properties.creator = _t("creator", lang)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class _Layout:
    """Where the RACI sheet put things (column letters, last row covered by formulas and dropdowns)."""

    def __init__(self, plan: Plan) -> None:
        self.roles = [get_column_letter(_FIRST_ROLE_COLUMN + k) for k in range(plan.n_roles)]
        self.helper = get_column_letter(_FIRST_ROLE_COLUMN + plan.n_roles + 1)  # one empty column between
        self.last_row = 1 + plan.n_tasks + SPARE_ROWS

    def column(self, letter: str) -> str:
        """A whole data column of the RACI sheet, absolute, as other sheets reference it."""
        return f"{quote_sheetname(RACI_SHEET)}!${letter}$2:${letter}${self.last_row}"


def _text_cell(sheet, row: int, column: int, text: str, where: tuple[int, str] | None = None):
    """Put ``text`` in a cell as text, never a formula (nor an error value such as "#N/A")."""
    if not text:
        return sheet.cell(row=row, column=column)
    encoded = encode_text(text)
    if len(encoded) > MAX_CELL_CHARS:
        place_row, place_column = where or (row, get_column_letter(column))
        raise WorkbookFileError("text_too_long", row=place_row, column=place_column,
                                length=len(text), limit=MAX_CELL_CHARS)
    cell = sheet.cell(row=row, column=column, value=encoded)
    cell.data_type = "s"  # openpyxl would make "=..." a formula and "#N/A" an error
    return cell


def _number_cell(sheet, row: int, column: int, value: float):
    """A number with all its digits: openpyxl writes "%.16g", which does not give every float back."""
    text = repr(float(value) + 0.0)  # + 0.0: no "-0.0"
    cell = sheet.cell(row=row, column=column, value=text.removesuffix(".0"))
    cell.data_type = "n"  # written as <v>text</v>, read back as the same float
    return cell


def _write_matrix(sheet, plan: Plan, lang: str) -> _Layout:
    layout = _Layout(plan)
    headers = [*HEADER, *plan.role_names]
    for j, text in enumerate(headers, start=1):
        cell = _text_cell(sheet, 1, j, text)
        cell.font, cell.fill = _BOLD, _HEADER_FILL
    helper_col = _FIRST_ROLE_COLUMN + plan.n_roles + 1
    helper = _text_cell(sheet, 1, helper_col, _t("helper_header", lang))
    helper.font, helper.fill = Font(bold=True, italic=True, color="FF6B6B6B"), _HEADER_FILL

    tasks = plan.tasks
    names, categories = tasks["name"].tolist(), tasks["category"].tolist()
    natures, efforts = tasks["nature"].tolist(), tasks["effort"].tolist()
    letters = L.LETTER_ARRAY[plan.cells].tolist()
    for i in range(plan.n_tasks):
        row = i + 2
        _text_cell(sheet, row, 1, names[i], (row, HEADER[0]))
        _text_cell(sheet, row, 2, categories[i], (row, HEADER[1]))
        _text_cell(sheet, row, 3, natures[i])
        _number_cell(sheet, row, 4, efforts[i])
        for k, letter in enumerate(letters[i]):
            if letter:
                cell = sheet.cell(row=row, column=_FIRST_ROLE_COLUMN + k, value=letter)
                cell.data_type = "s"
                cell.alignment = _CENTER

    # Helper column: each task's hours per Responsible role (R or A/R), on the spare rows too.
    if plan.n_roles:
        first, last = layout.roles[0], layout.roles[-1]
        for row in range(2, layout.last_row + 1):
            span = f"${first}{row}:${last}{row}"
            doers = f'COUNTIF({span},"R")+COUNTIF({span},"A/R")'
            cell = sheet.cell(row=row, column=helper_col, value=f"=IF({doers}=0,0,N($D{row})/({doers}))")
            cell.font = _HELPER_FONT
            cell.number_format = "0.00"

    _add_dropdowns(sheet, plan, lang, layout)
    _add_letter_colours(sheet, layout)
    sheet.freeze_panes = "B2"
    _set_widths(sheet, plan, layout)
    sheet.column_dimensions[layout.helper].outlineLevel = 1  # one click folds it away
    return layout


def _add_dropdowns(sheet, plan: Plan, lang: str, layout: _Layout) -> None:
    if plan.n_roles:
        letters = DataValidation(type="list", formula1='"' + ",".join(DROPDOWN_LETTERS) + '"', allow_blank=True,
                                 showErrorMessage=True, errorTitle=_t("letter_error_title", lang),
                                 error=_t("letter_error", lang), showInputMessage=False)
        letters.add(f"{layout.roles[0]}2:{layout.roles[-1]}{layout.last_row}")
        sheet.add_data_validation(letters)
    nature = DataValidation(type="list", formula1='"' + ",".join(NATURES) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle=_t("nature_error_title", lang),
                            error=_t("nature_error", lang))
    nature.add(f"C2:C{layout.last_row}")
    sheet.add_data_validation(nature)
    effort = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                            showErrorMessage=True, errorTitle=_t("effort_error_title", lang),
                            error=_t("effort_error", lang))
    effort.add(f"D2:D{layout.last_row}")
    sheet.add_data_validation(effort)


def _text_colour(background: str) -> str:
    """The WCAG-contrast text colour as openpyxl writes it ('FF000000' or 'FFFFFFFF')."""
    return "FF" + L.text_color(background).lstrip("#")


def letter_fill(letter: str) -> str:
    """The ARGB fill colour of a letter cell, as written in the workbook."""
    return "FF" + LETTER_COLORS[letter].lstrip("#").upper()


def _add_letter_colours(sheet, layout: _Layout) -> None:
    if not layout.roles:
        return
    cells = f"{layout.roles[0]}2:{layout.roles[-1]}{layout.last_row}"
    for letter in DROPDOWN_LETTERS:
        colour = letter_fill(letter)
        rule = CellIsRule(operator="equal", formula=[f'"{letter}"'],
                          fill=PatternFill("solid", start_color=colour, end_color=colour),
                          font=Font(bold=True, color=_text_colour(LETTER_COLORS[letter])))
        sheet.conditional_formatting.add(cells, rule)


def _set_widths(sheet, plan: Plan, layout: _Layout) -> None:
    def width(values: list[str], low: int, high: int) -> float:
        longest = max((len(v) for v in values[:2000]), default=0)
        return float(max(low, min(high, longest + 2)))

    tasks = plan.tasks
    sheet.column_dimensions["A"].width = width(tasks["name"].tolist(), 24, 60)
    sheet.column_dimensions["B"].width = width(tasks["category"].tolist(), 12, 30)
    sheet.column_dimensions["C"].width = 13.0
    sheet.column_dimensions["D"].width = 13.0
    for letter, short in zip(layout.roles, plan.role_names, strict=True):
        sheet.column_dimensions[letter].width = width([short], 7, 24)
    sheet.column_dimensions[layout.helper].width = 14.0


def _write_workload(sheet, plan: Plan, lang: str, settings: Settings, layout: _Layout) -> None:
    """One row per role, every figure a formula over the RACI sheet; fractions in labelled cells."""
    headers = [_t("workload_role", lang)] + [
        _t(f"workload_{key}", lang) for key in ("R", "A", "C", "I", "total", "strategic", "operational",
                                                 "unclassified")]
    for j, text in enumerate(headers, start=1):
        cell = _text_cell(sheet, 1, j, text)
        cell.font, cell.fill = _BOLD, _HEADER_FILL
    # Settings block (K:L): the fractions the formulas use; change them here to see their effect.
    fractions = {}
    block = [("settings_header", None), ("accountable_fraction", settings.accountable_fraction),
             ("consulted_fraction", settings.consulted_fraction), ("informed_fraction", settings.informed_fraction)]
    for offset, (key, value) in enumerate(block):
        row = 1 + offset
        if value is None:
            for j, text in ((11, _t("settings_header", lang)), (12, _t("settings_value", lang))):
                cell = _text_cell(sheet, row, j, text)
                cell.font, cell.fill = _BOLD, _HEADER_FILL
            continue
        _text_cell(sheet, row, 11, translate(f"workload.setting.{key}.label", lang))
        _number_cell(sheet, row, 12, value).number_format = "0%"
        fractions[key] = f"$L${row}"
    _text_cell(sheet, 6, 11, _t("workload_note", lang, sheet=RACI_SHEET, rows=SPARE_ROWS))

    effort, nature, share = layout.column("D"), layout.column("C"), layout.column(layout.helper)
    a, c, i = fractions["accountable_fraction"], fractions["consulted_fraction"], fractions["informed_fraction"]

    def hours(role: str, where: str = "") -> tuple[str, str, str, str]:
        """R, A, C and I hours of one role (a column of the RACI sheet), optionally of one nature."""
        cond = f',{nature},"{where}"' if where else ""

        def sumifs(values: str, letter: str) -> str:
            return f'SUMIFS({values},{role},"{letter}"{cond})'

        return (f"{sumifs(share, 'R')}+{sumifs(share, 'A/R')}",
                f"{a}*({sumifs(effort, 'A')}+{sumifs(effort, 'A/R')})",
                f"{c}*{sumifs(effort, 'C')}",
                f"{i}*{sumifs(effort, 'I')}")

    for k, (short, letter) in enumerate(zip(plan.role_names, layout.roles, strict=True)):
        row = k + 2
        role = layout.column(letter)
        _text_cell(sheet, row, 1, short, (row, headers[0]))
        for j, formula in enumerate(hours(role), start=2):
            sheet.cell(row=row, column=j, value=f"={formula}")
        sheet.cell(row=row, column=6, value=f"=SUM(B{row}:E{row})")
        for j, where in ((7, "strategic"), (8, "operational")):
            sheet.cell(row=row, column=j, value="=" + "+".join(hours(role, where)))
        sheet.cell(row=row, column=9, value=f"=F{row}-G{row}-H{row}")
        for j in range(2, 10):
            sheet.cell(row=row, column=j).number_format = "0.00"
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = max(12.0, min(24.0, max((len(s) for s in plan.role_names), default=0) + 2))
    for j in range(2, 10):
        sheet.column_dimensions[get_column_letter(j)].width = 15.0
    sheet.column_dimensions["K"].width = 34.0
    sheet.column_dimensions["L"].width = 9.0


def _write_findings(sheet, plan: Plan, lang: str, settings: Settings) -> None:
    headers = [_t(f"findings_{key}", lang) for key in ("severity", "rule", "task", "role", "message")]
    for j, text in enumerate(headers, start=1):
        cell = _text_cell(sheet, 1, j, text)
        cell.font, cell.fill = _BOLD, _HEADER_FILL
    findings = check(plan, settings)
    for row, finding in enumerate(findings, start=2):
        texts = (severity_name(finding.severity, lang), finding.rule, finding.task or "", finding.role or "",
                 finding.message(lang))
        for j, text in enumerate(texts, start=1):
            _text_cell(sheet, row, j, text, (row, headers[j - 1]))
    note_row = len(findings) + 3
    _text_cell(sheet, note_row, 1, _t("findings_none" if not findings else "findings_note", lang))
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDE", (11, 26, 40, 12, 100), strict=True):
        sheet.column_dimensions[letter].width = float(width)


def _write_legend(sheet, lang: str, settings: Settings) -> None:
    def percent(value: float) -> str:
        text = f"{value * 100:.4g}"
        return (text.replace(".", ",") if lang == "es" else text) + " %"

    headers = [_t(f"legend_{key}", lang) for key in ("letter", "meaning", "workload")]
    for j, text in enumerate(headers, start=1):
        cell = _text_cell(sheet, 1, j, text)
        cell.font, cell.fill = _BOLD, _HEADER_FILL
    weights = {"R": _t("legend_weight_R", lang), "A": percent(settings.accountable_fraction),
               "C": percent(settings.consulted_fraction), "I": percent(settings.informed_fraction),
               "A/R": _t("legend_weight_AR", lang, share=percent(settings.accountable_fraction))}
    for row, letter in enumerate(DROPDOWN_LETTERS, start=2):
        cell = _text_cell(sheet, row, 1, letter)
        colour = letter_fill(letter)
        cell.fill = PatternFill("solid", start_color=colour, end_color=colour)
        cell.font = Font(bold=True, color=_text_colour(LETTER_COLORS[letter]))
        cell.alignment = _CENTER
        _text_cell(sheet, row, 2, _t(f"legend_{letter.replace('/', '')}", lang))
        _text_cell(sheet, row, 3, weights[letter])
    for offset, key in enumerate(("note_dropdown", "note_spare", "note_workload", "note_helper", "note_findings")):
        _text_cell(sheet, len(DROPDOWN_LETTERS) + 3 + offset, 1,
                   _t(f"legend_{key}", lang, rows=SPARE_ROWS, raci=RACI_SHEET, workload=WORKLOAD_SHEET,
                      findings=FINDINGS_SHEET))
    sheet.column_dimensions["A"].width = 8.0
    sheet.column_dimensions["B"].width = 60.0
    sheet.column_dimensions["C"].width = 45.0


# ----- reading ------------------------------------------------------------------
def read_xlsx(data: bytes, max_bytes: int | None = MAX_FILE_BYTES) -> Plan:
    """The plan in a workbook's "RACI" sheet (else its first sheet), or :class:`PlanFileError`.

    ``max_bytes`` bounds the file (``None`` lifts the limit, and the unzipped
    size limit with it). See the module docstring for what is read and how.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError("read_xlsx takes the file's bytes")
    data = bytes(data)
    if max_bytes is not None and len(data) > max_bytes:
        raise PlanFileError("too_large", size=_megabytes(len(data)), limit=_megabytes(max_bytes))
    if not data.strip():
        raise PlanFileError("empty")
    _check_container(data, max_bytes)
    grid, header_row = _sheet_grid(data)
    return _plan_from_grid(grid, header_row=header_row)


def _check_container(data: bytes, max_bytes: int | None) -> None:
    """Refuse, before any XML is parsed, what is not an unencrypted .xlsx of a sensible unzipped size."""
    if data.startswith(_OLE_MAGIC):
        raise WorkbookFileError("encrypted" if _ENCRYPTED_MARK in data else "legacy_xls")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise WorkbookFileError("not_workbook") from None
    names = {entry.filename for entry in entries}
    if "xl/workbook.xml" not in names and not any(name.startswith("xl/") for name in names):
        raise WorkbookFileError("not_workbook")
    if any(entry.flag_bits & 0x1 for entry in entries):
        raise WorkbookFileError("encrypted")
    unzipped = sum(entry.file_size for entry in entries)
    if max_bytes is not None and unzipped > UNZIPPED_LIMIT_FACTOR * max_bytes:
        raise WorkbookFileError("unzipped_too_large", size=_megabytes(unzipped),
                                limit=_megabytes(UNZIPPED_LIMIT_FACTOR * max_bytes))


def _sheet_grid(data: bytes) -> tuple[np.ndarray, int]:
    """The sheet as the CSV reader's grid (header first) and the sheet row of the header."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it does not keep
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
            try:
                return _grid_of(workbook)
            finally:
                workbook.close()
    except PlanFileError:
        raise
    except Exception:  # openpyxl, zipfile and the XML parser raise many kinds: all mean a damaged workbook
        raise WorkbookFileError("unreadable") from None


def _grid_of(workbook) -> tuple[np.ndarray, int]:
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
            if filled_rows * width > MAX_GRID_CELLS:
                raise WorkbookFileError("too_many_cells", limit=f"{MAX_GRID_CELLS:,}")
    rows = rows[:filled_rows]
    first = next((r for r, texts in enumerate(rows) if any(text.strip() for text in texts)), None)
    if first is None:
        raise PlanFileError("empty")
    grid = np.full((len(rows) - first, width), "", dtype=object)
    for r, texts in enumerate(rows[first:]):
        grid[r, : len(texts)] = texts
    return grid, first + 1


def _end_column(workbook, title: str) -> int | None:
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
    """A cell's value as the text the CSV reader expects (see the module docstring)."""
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
