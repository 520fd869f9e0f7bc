"""Writing the plan workbook: :func:`write_xlsx`, the sheets described in ``raci/files/xlsx.py``.

The constants here fix the layout the reader (:mod:`raci.files.xlsx_read`) relies on:
the sheet names, the spare rows and the defined name :data:`END_NAME` of the helper column.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from raci import letters as L
from raci.analysis import DEFAULT_SETTINGS, RULES, Settings, analyse, severity_name
from raci.files.cells import encode_text
from raci.files.errors import WorkbookFileError
from raci.files.layout import HEADER, nature_words, planner_header
from raci.files.limits import MAX_CELL_CHARS
from raci.files.xlsx_recurrence import write_recurrences
from raci.files.xlsx_roles import ROLES_SHEET, write_roles
from raci.files.xlsx_team import PLATFORM_SHEETS, TEAM_SHEETS, write_team
from raci.i18n import decimals, normalise_lang, percent, translate
from raci.letters import LETTER_COLORS
from raci.model import NATURES, Plan

#: Sheet names: the plan's sheet is "RACI" in every language (the reader looks for it), the others
#: are named in the workbook's language (English names below, Spanish ones in SHEET_NAMES).
RACI_SHEET, WORKLOAD_SHEET, FINDINGS_SHEET, LEGEND_SHEET = "RACI", "Workload", "Findings", "Legend"
SHEET_NAMES = {"en": (WORKLOAD_SHEET, FINDINGS_SHEET, LEGEND_SHEET), "es": ("Carga", "Hallazgos", "Leyenda")}
#: Empty rows below the tasks that already have dropdowns, colours and formulas, for tasks added in Excel.
SPARE_ROWS = 100
#: Workbook-level defined name of the helper column: it and every column right of it are not read.
END_NAME = "RACI_PLAN_END"
#: The letters of the dropdown, in the order shown: every letter of raci.letters but "no letter".
DROPDOWN_LETTERS = tuple(letter for letter in L.LETTERS if letter)

_FIRST_ROLE_COLUMN = len(HEADER) + 1  # 1-based: E
_HEADER_FILL = PatternFill("solid", start_color="FFE8EEF4", end_color="FFE8EEF4")
_HELPER_FONT = Font(italic=True, color="FF6B6B6B")
_BOLD = Font(bold=True)
_CENTER = Alignment(horizontal="center")


def _t(key: str, lang: str, **params: object) -> str:
    return translate(f"xlsx.{key}", lang, **params)


def write_xlsx(plan: Plan, lang: str = "en", settings: Settings = DEFAULT_SETTINGS) -> bytes:
    """The plan as an .xlsx workbook (see ``raci/files/xlsx.py``).

    Raises :class:`WorkbookFileError` ("text_too_long") if a text is longer
    than the 32,767 characters an Excel cell holds.
    """
    lang = normalise_lang(lang)
    workbook = Workbook()
    raci = workbook.active
    raci.title = RACI_SHEET
    layout = _write_matrix(raci, plan, lang)
    workload_sheet, findings_sheet, legend_sheet = SHEET_NAMES.get(lang, SHEET_NAMES["en"])
    _write_workload(workbook.create_sheet(workload_sheet), plan, lang, settings, layout)
    _write_findings(workbook.create_sheet(findings_sheet), plan, lang, settings)
    _write_legend(workbook.create_sheet(legend_sheet), lang, settings, (workload_sheet, findings_sheet))
    write_roles(workbook.create_sheet(ROLES_SHEET), plan, lang, (_text_cell, _number_cell), _BOLD, _HEADER_FILL)
    team_sheet = workbook.create_sheet(TEAM_SHEETS.get(lang, TEAM_SHEETS["en"]))
    platform_sheet = workbook.create_sheet(PLATFORM_SHEETS.get(lang, PLATFORM_SHEETS["en"]))
    write_team(team_sheet, platform_sheet, plan, lang, (workload_sheet, ROLES_SHEET), (_text_cell, _number_cell),
               (_BOLD, _HEADER_FILL))
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


def _text_cell(sheet: Worksheet, row: int, column: int, text: str, where: tuple[int, str] | None = None) -> Cell:
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


def _number_cell(sheet: Worksheet, row: int, column: int, value: float) -> Cell:
    """A number with all its digits: openpyxl writes "%.16g", which does not give every float back."""
    text = repr(float(value) + 0.0)  # + 0.0: no "-0.0"
    cell = sheet.cell(row=row, column=column, value=text.removesuffix(".0"))
    cell.data_type = "n"  # written as <v>text</v>, read back as the same float
    return cell


def _write_matrix(sheet: Worksheet, plan: Plan, lang: str) -> _Layout:
    layout = _Layout(plan)
    headers = [*planner_header(lang), *plan.role_names]
    for j, text in enumerate(headers, start=1):
        cell = _text_cell(sheet, 1, j, text)
        cell.font, cell.fill = _BOLD, _HEADER_FILL
    helper_col = _FIRST_ROLE_COLUMN + plan.n_roles + 1
    helper = _text_cell(sheet, 1, helper_col, _t("helper_header", lang))
    helper.font, helper.fill = Font(bold=True, italic=True, color="FF6B6B6B"), _HEADER_FILL

    tasks = plan.tasks
    names, categories = tasks["name"].tolist(), tasks["category"].tolist()
    words = nature_words(lang)
    natures, efforts = [words.get(n, n) for n in tasks["nature"].tolist()], tasks["effort"].tolist()
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

    write_recurrences(sheet, plan, lang, helper_col + 1, layout.last_row, (_text_cell, _number_cell),
                      (_BOLD, _HEADER_FILL))
    _add_dropdowns(sheet, plan, lang, layout)
    _add_letter_colours(sheet, layout)
    sheet.freeze_panes = "B2"
    _set_widths(sheet, plan, layout)
    sheet.column_dimensions[layout.helper].outlineLevel = 1  # one click folds it away
    return layout


def _add_dropdowns(sheet: Worksheet, plan: Plan, lang: str, layout: _Layout) -> None:
    if plan.n_roles:
        letters = DataValidation(type="list", formula1='"' + ",".join(DROPDOWN_LETTERS) + '"', allow_blank=True,
                                 showErrorMessage=True, errorTitle=_t("letter_error_title", lang),
                                 error=_t("letter_error", lang), showInputMessage=False)
        letters.add(f"{layout.roles[0]}2:{layout.roles[-1]}{layout.last_row}")
        sheet.add_data_validation(letters)
    words = nature_words(lang)
    nature = DataValidation(type="list", formula1='"' + ",".join(words[n] for n in NATURES) + '"', allow_blank=True,
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


def _letter_fill(letter: str) -> str:
    """The ARGB fill colour of a letter cell, as written in the workbook."""
    return "FF" + LETTER_COLORS[letter].lstrip("#").upper()


def _add_letter_colours(sheet: Worksheet, layout: _Layout) -> None:
    if not layout.roles:
        return
    cells = f"{layout.roles[0]}2:{layout.roles[-1]}{layout.last_row}"
    for letter in DROPDOWN_LETTERS:
        colour = _letter_fill(letter)
        rule = CellIsRule(operator="equal", formula=[f'"{letter}"'],
                          fill=PatternFill("solid", start_color=colour, end_color=colour),
                          font=Font(bold=True, color=_text_colour(LETTER_COLORS[letter])))
        sheet.conditional_formatting.add(cells, rule)


def _set_widths(sheet: Worksheet, plan: Plan, layout: _Layout) -> None:
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


def _write_workload(sheet: Worksheet, plan: Plan, lang: str, settings: Settings, layout: _Layout) -> None:
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
        for j, where in ((7, nature_words(lang)["strategic"]), (8, nature_words(lang)["operational"])):
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


def _write_findings(sheet: Worksheet, plan: Plan, lang: str, settings: Settings) -> None:
    headers = [_t(f"findings_{key}", lang) for key in ("severity", "rule", "task", "role", "message")]
    for j, text in enumerate(headers, start=1):
        cell = _text_cell(sheet, 1, j, text)
        cell.font, cell.fill = _BOLD, _HEADER_FILL
    findings = analyse(plan, settings).findings
    for row, finding in enumerate(findings, start=2):
        texts = (severity_name(finding.severity, lang), RULES[finding.rule].title(lang), finding.task or "",
                 finding.role or finding.person or "",
                 finding.message(lang))
        for j, text in enumerate(texts, start=1):
            _text_cell(sheet, row, j, text, (row, headers[j - 1]))
    note_row = len(findings) + 3
    _text_cell(sheet, note_row, 1, _t("findings_none" if not findings else "findings_note", lang))
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDE", (11, 26, 40, 12, 100), strict=True):
        sheet.column_dimensions[letter].width = float(width)


def _write_legend(sheet: Worksheet, lang: str, settings: Settings, sheets: tuple[str, str]) -> None:
    def share(fraction: float) -> str:
        return percent(fraction, lang, digits=decimals(100 * fraction))  # 12.5%, 33.33%, 0%

    headers = [_t(f"legend_{key}", lang) for key in ("letter", "meaning", "workload")]
    for j, text in enumerate(headers, start=1):
        cell = _text_cell(sheet, 1, j, text)
        cell.font, cell.fill = _BOLD, _HEADER_FILL
    weights = {"R": _t("legend_weight_R", lang), "A": share(settings.accountable_fraction),
               "C": share(settings.consulted_fraction), "I": share(settings.informed_fraction),
               "A/R": _t("legend_weight_AR", lang, share=share(settings.accountable_fraction))}
    for row, letter in enumerate(DROPDOWN_LETTERS, start=2):
        cell = _text_cell(sheet, row, 1, letter)
        colour = _letter_fill(letter)
        cell.fill = PatternFill("solid", start_color=colour, end_color=colour)
        cell.font = Font(bold=True, color=_text_colour(LETTER_COLORS[letter]))
        cell.alignment = _CENTER
        _text_cell(sheet, row, 2, _t(f"legend_{letter.replace('/', '')}", lang))
        _text_cell(sheet, row, 3, weights[letter])
    for offset, key in enumerate(("note_dropdown", "note_spare", "note_workload", "note_helper", "note_findings")):
        _text_cell(sheet, len(DROPDOWN_LETTERS) + 3 + offset, 1,
                   _t(f"legend_{key}", lang, rows=SPARE_ROWS, raci=RACI_SHEET, workload=sheets[0], findings=sheets[1]))
    sheet.column_dimensions["A"].width = 8.0
    sheet.column_dimensions["B"].width = 60.0
    sheet.column_dimensions["C"].width = 45.0
