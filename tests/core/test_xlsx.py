"""write_xlsx / read_xlsx: a workbook with dropdowns, colours and live workload formulas, read back exactly."""

import io
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile

import numpy as np
import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.formula import Tokenizer
from openpyxl.utils import get_column_letter, range_boundaries

from raci import letters as L
from raci.analysis.rules import RULES, check, severity_name
from raci.analysis.settings import Settings
from raci.analysis.workload import workload
from raci.files import PlanFileError, default_role, limits, read_csv, write_csv, xlsx_read
from raci.files.xlsx import (
    END_NAME,
    SPARE_ROWS,
    WorkbookFileError,
    decode_text,
    encode_text,
    read_xlsx,
    write_xlsx,
)
from raci.i18n import translate
from raci.letters import LETTER_COLORS
from raci.model import Plan, Task
from raci.seed import seed_plan

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
LETTERS = ("R", "A", "C", "I", "A/R")


def _book(data: bytes, **options):
    return load_workbook(io.BytesIO(data), **options)


def _plan(rows, roles=("SMM", "CM")):
    """Tasks (name, category, nature, effort) with letters per role."""
    tasks = [Task(*row[:4]) for row in rows]
    return Plan.create(tasks, [default_role(r) for r in roles], [row[4:] for row in rows])


def _mixed_plan() -> Plan:
    """Every letter, shared and unowned tasks, all natures, odd efforts: what the formulas must get right."""
    rows = [
        ("Plan", "Planning", "strategic", 8, "A/R", "C", "I"),
        ("Post", "Content", "operational", 12.5, "R", "A/R", "C"),
        ("Reply", "Community", "operational", 3, "A", "R", "R"),
        ("Nobody does it", "", "", 7, "A", "C", "I"),
        ("Unclassified", "", "", 2.25, "R", "I", "A/R"),
        ("Free", "x", "strategic", 0, "A/R", "", ""),
        ("Empty row", "", "operational", 5, "", "", ""),
    ]
    return _plan(rows, roles=("SMM", "CM", "Designer"))


# ----- a small evaluator of the formulas the workbook uses -----------------------------------
class Evaluator:
    """Computes the workbook's formulas as a spreadsheet does (IF, N, SUM, COUNTIF, SUMIFS, + - * / =).

    Text criteria match case-blind and whole-cell, as in Excel and LibreOffice. Independent of
    raci.files.xlsx: it reads the formulas openpyxl loads from the file.
    """

    def __init__(self, workbook) -> None:
        self.workbook = workbook
        self.cache: dict[tuple[str, str], object] = {}

    def value(self, sheet: str, coordinate: str) -> object:
        key = (sheet, coordinate.replace("$", ""))
        if key not in self.cache:
            cell = self.workbook[sheet][key[1]]
            if cell.data_type == "f":
                self.cache[key] = self.formula(sheet, cell.value)
            elif isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                self.cache[key] = np.float64(cell.value)
            else:
                self.cache[key] = cell.value
        return self.cache[key]

    def cells(self, sheet: str, ref: str) -> list[object]:
        min_col, min_row, max_col, max_row = range_boundaries(ref.replace("$", ""))
        return [self.value(sheet, f"{get_column_letter(c)}{r}")
                for r in range(min_row, max_row + 1) for c in range(min_col, max_col + 1)]

    def formula(self, sheet: str, text: str) -> object:
        python = []
        for token in Tokenizer(text).items:
            if token.type == "OPERAND" and token.subtype == "RANGE":
                where, _, ref = token.value.rpartition("!")
                where = where.strip("'") or sheet
                call = "_cells" if ":" in ref else "_value"
                python.append(f"{call}({where!r}, {ref!r})")
            elif token.type == "OPERAND" and token.subtype == "TEXT":
                python.append(repr(token.value[1:-1].replace('""', '"')))
            elif token.type == "OPERAND" and token.subtype == "NUMBER":
                python.append(f"_number({token.value!r})")
            elif token.type == "FUNC" and token.subtype == "OPEN":
                python.append(f"_{token.value[:-1].upper()}(")
            elif token.type == "OPERATOR-INFIX" and token.value == "=":
                python.append("==")
            elif token.type == "WHITE-SPACE":
                continue
            else:
                python.append(token.value)
        functions = {
            "_cells": self.cells, "_value": self.value, "_number": np.float64,
            "_IF": lambda condition, yes, no: yes if condition else no,
            "_N": lambda v: v if isinstance(v, np.float64) else np.float64(0),
            "_SUM": lambda *ranges: np.float64(sum(v for r in ranges for v in (r if isinstance(r, list) else [r])
                                                   if isinstance(v, np.float64))),
            "_COUNTIF": lambda values, criterion: np.float64(sum(_matches(v, criterion) for v in values)),
            "_SUMIFS": self._sumifs,
        }
        with np.errstate(divide="ignore", invalid="ignore"):
            return eval("".join(python), functions)  # noqa: S307 - formulas written by our own tests' subject

    @staticmethod
    def _sumifs(values, *pairs):
        total = np.float64(0)
        for k, value in enumerate(values):
            if isinstance(value, np.float64) and all(
                _matches(pairs[p][k], pairs[p + 1]) for p in range(0, len(pairs), 2)
            ):
                total += value
        return total


def _matches(value: object, criterion: str) -> bool:
    return isinstance(value, str) and value.casefold() == criterion.casefold()


def _workload_sheet(data_or_book, plan: Plan) -> dict[str, dict[str, float]]:
    """The Workload sheet's figures per role, computed from its formulas."""
    book = data_or_book if not isinstance(data_or_book, bytes) else _book(data_or_book)
    evaluator = Evaluator(book)
    columns = ("R", "A", "C", "I", "total", "strategic", "operational", "unclassified")
    figures = {}
    for k, short in enumerate(plan.role_names):
        row = k + 2
        assert book["Workload"].cell(row=row, column=1).value == short
        figures[short] = {name: float(evaluator.value("Workload", f"{get_column_letter(j)}{row}"))
                          for j, name in enumerate(columns, start=2)}
    return figures


def _assert_figures_match(figures: dict, plan: Plan, settings: Settings | None = None) -> None:
    """The sheet's figures are raci.analysis.workload's (to rounding: the spreadsheet adds in another order)."""
    expected = workload(plan, settings or Settings())
    for short in plan.role_names:
        for frame, names in ((expected.by_letter, ("R", "A", "C", "I", "total")),
                             (expected.by_nature, ("strategic", "operational", "unclassified"))):
            for name in names:
                assert figures[short][name] == pytest.approx(frame.loc[short, name], rel=1e-12, abs=1e-9), (short, name)


# ----- the RACI sheet -------------------------------------------------------------------------
def test_sheets_and_the_matrix_in_the_csv_layout():
    plan = seed_plan("es")
    book = _book(write_xlsx(plan, "es"))
    assert book.sheetnames == ["RACI", "Carga", "Hallazgos", "Leyenda", "Roles", "Equipo",
                               "Plataformas"]  # a Spanish workbook speaks Spanish
    assert _book(write_xlsx(plan, "en")).sheetnames == ["RACI", "Workload", "Findings", "Legend", "Roles",
                                                              "Team", "Platforms"]
    sheet = book["RACI"]
    header = [c.value for c in sheet[1]][: 4 + plan.n_roles]
    assert header == ["tarea", "categoría", "naturaleza", "horas", "SMM", "CM"]
    for i in range(plan.n_tasks):
        row = [c.value for c in sheet[i + 2]][: 4 + plan.n_roles]
        task = plan.task(i)
        nature = {"strategic": "estratégica", "operational": "operativa"}.get(task.nature, task.nature)
        assert row[:4] == [task.name, task.category, nature, task.effort]
        assert isinstance(row[3], (int, float))
        assert row[4:] == [plan.letter(i, r) or None for r in plan.role_names]
    assert sheet.freeze_panes == "B2"
    assert sheet.column_dimensions["A"].width >= 24
    assert book.properties.title == "Plan RACI"


def test_every_letter_cell_and_the_spare_rows_have_the_letter_dropdown():
    plan = _mixed_plan()
    sheet = _book(write_xlsx(plan))["RACI"]
    last = 1 + plan.n_tasks + SPARE_ROWS
    lists = [dv for dv in sheet.data_validations.dataValidation if dv.type == "list"]
    letter_lists = [dv for dv in lists if dv.formula1 == '"R,A,C,I,A/R"']
    assert letter_lists and all(dv.allow_blank for dv in letter_lists)
    for row in range(2, last + 1):
        for column in range(5, 5 + plan.n_roles):
            coordinate = f"{get_column_letter(column)}{row}"
            assert any(coordinate in dv.sqref for dv in letter_lists), coordinate
    assert not any(f"{get_column_letter(5 + plan.n_roles)}2" in dv.sqref for dv in letter_lists)
    natures = [dv for dv in lists if dv.formula1 == '"strategic,operational"']
    assert natures and all(f"C{row}" in natures[0].sqref for row in range(2, last + 1))


def test_letter_cells_are_coloured_by_their_letter_with_the_chart_colours():
    plan = _mixed_plan()
    sheet = _book(write_xlsx(plan))["RACI"]
    last = 1 + plan.n_tasks + SPARE_ROWS
    colours = {}
    for formatting in sheet.conditional_formatting:
        for rule in formatting.rules:
            assert rule.type == "cellIs" and rule.operator == "equal"
            letter = rule.formula[0].strip('"')
            colours[letter] = (rule.dxf.fill.bgColor.rgb, rule.dxf.fill.fgColor.rgb, formatting.sqref)
    assert set(colours) == set(LETTERS)
    for letter, (background, foreground, cells) in colours.items():
        expected = "FF" + LETTER_COLORS[letter].lstrip("#").upper()
        assert background == foreground == expected, letter
        for coordinate in ("E2", f"{get_column_letter(4 + plan.n_roles)}{last}"):
            assert coordinate in cells, (letter, coordinate)
    assert len({c[0] for c in colours.values()}) == len(LETTERS)


FORMULA_TEXTS = ['=HYPERLINK("http://evil.example","click")', "=1+1", "+34 600 000 000", "-2", "@SUM(A1)",
                 "#N/A", "=cmd|' /C calc'!A0", "TRUE", "8", "'=x", "  =x", "\t=x"]


def test_text_is_written_as_text_never_as_a_formula():
    rows = [(text, text, "", 1, "A/R", "") for text in FORMULA_TEXTS]
    plan = _plan(rows, roles=("=SMM", "#REF!"))
    data = write_xlsx(plan)
    # The sheet's XML: no formula anywhere but the helper column.
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = ET.fromstring(archive.read("xl/worksheets/sheet1.xml"))
    helper = get_column_letter(4 + plan.n_roles + 2)
    for cell in root.iter(f"{MAIN}c"):
        column = cell.get("r").rstrip("0123456789")
        if cell.find(f"{MAIN}f") is not None:
            assert column == helper, cell.get("r")
        elif column in ("A", "B") and cell.get("r") not in ("A1", "B1"):
            assert cell.get("t") == "inlineStr"
            assert cell.find(f"{MAIN}is/{MAIN}t").text in FORMULA_TEXTS
    # And as a spreadsheet library loads it.
    sheet = _book(data)["RACI"]
    for i, text in enumerate(FORMULA_TEXTS, start=2):
        for column in ("A", "B"):
            assert sheet[f"{column}{i}"].data_type == "s"
            assert sheet[f"{column}{i}"].value == text
    assert [sheet["E1"].value, sheet["F1"].value] == ["=SMM", "#REF!"]
    assert sheet["E1"].data_type == sheet["F1"].data_type == "s"
    assert read_xlsx(data) == plan


# ----- the Workload sheet ------------------------------------------------------------------------
def test_workload_figures_are_formulas_that_give_the_planners_numbers():
    plan = _mixed_plan()
    data = write_xlsx(plan)
    sheet = _book(data)["Workload"]
    for row in range(2, 2 + plan.n_roles):
        for column in range(2, 10):
            cell = sheet.cell(row=row, column=column)
            assert cell.data_type == "f" and cell.value.startswith("="), cell.coordinate
    _assert_figures_match(_workload_sheet(data, plan), plan)


def test_the_fractions_are_labelled_cells_the_formulas_use():
    settings = Settings(accountable_fraction=0.2, consulted_fraction=0.1, informed_fraction=0.05)
    plan = _mixed_plan()
    data = write_xlsx(plan, "en", settings)
    book = _book(data)
    sheet = book["Workload"]
    labels = {sheet[f"K{r}"].value: sheet[f"L{r}"].value for r in range(2, 5)}
    assert labels == {translate("workload.setting.accountable_fraction.label", "en"): 0.2,
                      translate("workload.setting.consulted_fraction.label", "en"): 0.1,
                      translate("workload.setting.informed_fraction.label", "en"): 0.05}
    _assert_figures_match(_workload_sheet(book, plan), plan, settings)
    # Changing a fraction in its cell changes the figures as the planner's settings would.
    sheet["L3"].value = 0.5
    _assert_figures_match(_workload_sheet(book, plan), plan,
                          Settings(accountable_fraction=0.2, consulted_fraction=0.5, informed_fraction=0.05))


def test_formulas_follow_letters_changed_and_tasks_added_in_the_spreadsheet():
    plan = _mixed_plan()
    book = _book(write_xlsx(plan))
    sheet = book["RACI"]
    sheet["E3"].value = "C"  # Post: SMM R -> C
    sheet["G4"].value = "A/R"  # Reply: Designer R -> A/R
    sheet["C5"].value = "strategic"
    spare = 2 + plan.n_tasks  # the first spare row
    for column, value in zip("ABCDEFG", ["Added", "New", "operational", 10, "R", "A/R", "I"], strict=True):
        sheet[f"{column}{spare}"].value = value
    changed = (plan.set_letter(1, "SMM", "C").set_letter(2, "Designer", "A/R").update_task(3, nature="strategic")
               .add_task(Task("Added", "New", "operational", 10), letters={"SMM": "R", "CM": "A/R", "Designer": "I"}))
    out = io.BytesIO()
    book.save(out)
    assert read_xlsx(out.getvalue()) == changed
    _assert_figures_match(_workload_sheet(book, changed), changed)


def test_workload_sheet_without_roles_or_tasks():
    for plan in (_plan([], roles=("SMM",)), Plan.create([Task("Alone", "", "", 3)], [])):
        data = write_xlsx(plan)
        book = _book(data)
        assert book["Workload"].max_row == max(1 + plan.n_roles, 6)
        _ = _workload_sheet(book, plan)


# ----- findings and legend -----------------------------------------------------------------
def test_findings_sheet_lists_the_findings_in_the_language_as_text():
    plan = _plan([("=HYPERLINK(1)", "", "", 2, "R", ""), ("Ok", "", "", 2, "A/R", "C")])
    findings = check(plan)
    assert findings
    sheet = _book(write_xlsx(plan, "es"))["Hallazgos"]
    for row, finding in enumerate(findings, start=2):
        values = [sheet.cell(row=row, column=j).value for j in range(1, 6)]
        # The rule's title, as the app shows it, not its id.
        assert values == [severity_name(finding.severity, "es"), RULES[finding.rule].title("es"), finding.task or None,
                          finding.role or None, finding.message("es")]
        assert all(sheet.cell(row=row, column=j).data_type == "s" for j in (1, 2, 5))
    assert "=HYPERLINK(1)" in [sheet.cell(row=r, column=3).value for r in range(2, 2 + len(findings))]


def test_legend_explains_the_letters_in_the_language():
    for lang in ("en", "es"):
        sheet = _book(write_xlsx(seed_plan(lang), lang)).worksheets[3]
        texts = {sheet.cell(row=r, column=2).value for r in range(2, 7)}
        assert translate("xlsx.legend_A", lang) in texts
        assert [sheet.cell(row=r, column=1).value for r in range(2, 7)] == list(LETTERS)
        assert sheet["A2"].fill.fgColor.rgb == "FF" + LETTER_COLORS["R"].lstrip("#")
    assert translate("xlsx.legend_A", "es") != translate("xlsx.legend_A", "en")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_legend_weights_are_the_settings_shares_as_the_language_writes_percents(lang):
    settings = Settings(accountable_fraction=0.125, consulted_fraction=1 / 3, informed_fraction=0.0)
    sheet = _book(write_xlsx(seed_plan(lang), lang, settings)).worksheets[3]
    weights = {sheet.cell(row=r, column=1).value: sheet.cell(row=r, column=3).value for r in range(2, 7)}
    shares = {"en": ("12.5%", "33.33%", "0%"), "es": ("12,5 %", "33,33 %", "0 %")}[lang]
    assert (weights["A"], weights["C"], weights["I"]) == shares
    assert weights["A/R"] == translate("xlsx.legend_weight_AR", lang, share=shares[0])
    assert weights["R"] == translate("xlsx.legend_weight_R", lang)


# ----- round trips --------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_seeded_plan_round_trips_and_gives_the_same_csv(lang):
    plan = seed_plan(lang)
    back = read_xlsx(write_xlsx(plan, lang))
    assert back == plan
    assert write_csv(back) == write_csv(plan)
    assert read_xlsx(write_xlsx(plan, "es" if lang == "en" else "en")) == plan  # reading does not depend on lang


TRICKY_TEXTS = [
    "'=x", "=x", "+34 600", "''=x", "'", "'plain", "_x0041_", "_x005F_", "x005F_", "a_x005f_x0041_b", "_x000D_",
    "line\r\nbreak", "cr\ronly", "ctrl\x01\x1f", "\ufffe\uffff", " ", "  lead", "trail  ", "\n", "#N/A", "🚀 ñ ع ש",
    "€ “quoted” – dash", "\u00a0=nbsp", "\t=tab", "1e5", "0012", "TRUE", "<b>&amp;</b>", "a" * 990,
]


def test_tricky_text_round_trips_exactly():
    rows = [(f"{k} {text}", text, "", 1, "A/R", "", "C", "I", "R") for k, text in enumerate(TRICKY_TEXTS)]
    rows += [(text, "", "operational", 2, "", "R", "", "", "") for text in TRICKY_TEXTS if text.strip()]
    plan = _plan(rows, roles=("SMM", "cm", "CM", "'=role", "_x0041_"))
    back = read_xlsx(write_xlsx(plan))
    assert back == plan
    assert write_csv(back) == write_csv(plan)


# Extreme efforts (up to MAX_EFFORT_HOURS; 5e-324 divides to inf) make the rules and the workload warn: not ours.
@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("effort", [0.30000000000000004, 1e-300, 5e-324, 10_000.0, 0.0, -0.0,
                                    12.5, 9999.999999999998, 1234.56789012345678, 2 / 3])
def test_efforts_round_trip_to_the_last_digit(effort):
    plan = _plan([("T", "", "", effort, "A/R", "")])
    back = read_xlsx(write_xlsx(plan))
    assert back == plan
    assert back.tasks["effort"].iloc[0] == effort


def test_the_codec_gives_back_any_text_even_after_openpyxls_reader():
    for text in TRICKY_TEXTS:
        encoded = encode_text(text)
        assert "\r" not in encoded and "x005F_" not in encoded
        assert decode_text(encoded.replace("x005F_", "")) == text  # what openpyxl's shared-string reader does


def test_escapes_written_by_other_spreadsheets_read_as_they_show():
    # Excel writes "\r" as _x000D_; a literal "_x0041_" reaches us as those characters (openpyxl drops its _x005F_).
    book = Workbook()
    book.active.append(["task", "SMM"])
    book.active.append(["Line_x000D_\nnext", "A/R"])
    book.active.append(["Code _x0041_ and _x00e9_", "A/R"])
    out = io.BytesIO()
    book.save(out)
    assert read_xlsx(out.getvalue()).tasks["name"].tolist() == ["Line\r\nnext", "Code _x0041_ and _x00e9_"]


# ----- someone else's workbook -----------------------------------------------------------------
def _workbook(rows, title="Hoja1", at_row=1) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for r, row in enumerate(rows, start=at_row):
        for c, value in enumerate(row, start=1):
            sheet.cell(row=r, column=c, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_workbook_without_a_raci_sheet_is_read_from_its_first_sheet_like_a_csv():
    data = _workbook([["Tarea", "Categoría", "Horas", "SMM", "CM"],
                      ["Publicar", "Contenido", 3, "r", "a/r"],
                      ["Medir", None, 2.5, "Aprobador", "informado"]])
    plan = read_xlsx(data)
    csv = "Tarea,Categoría,Horas,SMM,CM\r\nPublicar,Contenido,3,r,a/r\r\nMedir,,2.5,Aprobador,informado\r\n"
    assert plan == read_csv(csv.encode())
    assert plan.letter(1, "SMM") == "A" and plan.tasks["effort"].tolist() == [3.0, 2.5]


def test_rows_in_messages_are_the_sheets_rows():
    data = _workbook([["task", "SMM"], ["One", "A/R"], [None, None], ["Two", "X"]], at_row=3)
    with pytest.raises(PlanFileError) as caught:
        read_xlsx(data)
    assert (caught.value.key, caught.value.row, caught.value.column) == ("bad_letter", 6, "SMM")
    assert "6" in caught.value.message("es") and "'X'" in caught.value.message("en")


def test_columns_from_the_helper_column_on_are_not_read():
    plan = _mixed_plan()
    book = _book(write_xlsx(plan))
    sheet = book["RACI"]
    helper = range_boundaries(book.defined_names[END_NAME].attr_text.split("!")[1].replace("$", ""))[0]
    assert sheet.cell(row=1, column=helper).value == translate("xlsx.helper_header", "en")
    sheet.cell(row=1, column=helper + 2, value="Notes")
    sheet.cell(row=2, column=helper + 2, value="anything, even X")
    out = io.BytesIO()
    book.save(out)
    assert read_xlsx(out.getvalue()) == plan
    # Without the name, the workbook is read whole, like a CSV: the helper column is then a (bad) role.
    del book.defined_names[END_NAME]
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(PlanFileError):
        read_xlsx(out.getvalue())


def test_a_role_typed_in_the_empty_column_after_the_roles_is_read():
    plan = _plan([("T", "", "", 1, "A/R", "C")])
    book = _book(write_xlsx(plan))
    book["RACI"]["G1"].value = "Designer"
    book["RACI"]["G2"].value = "I"
    out = io.BytesIO()
    book.save(out)
    assert read_xlsx(out.getvalue()) == plan.add_role(default_role("Designer"), letter="I")


# ----- files that are refused ------------------------------------------------------------------
def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def _replace_part(data: bytes, part: str, content: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    files[part] = content
    return _zip(files)


GOOD = write_xlsx(seed_plan("es"))
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


REFUSED = [
    (b"", "empty"),
    (b"task,SMM\r\nT,A/R\r\n", "not_workbook"),
    (bytes(range(256)) * 10, "not_workbook"),
    (GOOD[: len(GOOD) // 2], "not_workbook"),
    (_zip({"word/document.xml": b"<w/>", "[Content_Types].xml": b"<Types/>"}), "not_workbook"),
    (OLE + b"Workbook".decode().encode("utf-16-le") + b"\x00" * 100, "legacy_xls"),
    (OLE + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 100, "encrypted"),
    (_replace_part(GOOD, "xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row"), "unreadable"),
    (_replace_part(GOOD, "xl/workbook.xml", b"not xml at all"), "unreadable"),
    (_zip({"xl/workbook.xml": b"<workbook/>"}), "unreadable"),
    (_workbook([]), "empty"),
    (_workbook([[None], [None, "  "]]), "empty"),
    (_workbook([["Name", "SMM"], ["T", "A/R"]]), "no_task_column"),
    (_workbook([["task", "category"], ["T", "x"]]), "no_role_columns"),
    (_workbook([["task", "SMM"], ["T", "Z"]]), "bad_letter"),
]


@pytest.mark.parametrize("data, key", REFUSED, ids=[f"{k}-{key}" for k, (_, key) in enumerate(REFUSED)])
def test_refused_files_get_a_clear_message_in_both_languages(data, key):
    with pytest.raises(PlanFileError) as caught:
        read_xlsx(data)
    error = caught.value
    assert error.key == key
    english, spanish = error.message("en"), error.message("es")
    assert english and spanish and english != spanish
    assert not english.startswith(("files.", "xlsx.")) and "{" not in english and "{" not in spanish


def test_an_oversized_file_is_refused_before_it_is_parsed(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("parsed")

    monkeypatch.setattr(xlsx_read, "load_workbook", fail)
    monkeypatch.setattr(xlsx_read.zipfile, "ZipFile", fail)
    with pytest.raises(PlanFileError) as caught:
        read_xlsx(GOOD, max_bytes=len(GOOD) - 1)
    assert caught.value.key == "too_large"


def test_a_zip_bomb_is_refused_before_its_xml_is_parsed(monkeypatch):
    bomb = _replace_part(GOOD, "xl/sharedStrings.xml", b" " * 3_000_000)
    assert len(bomb) < 100_000
    monkeypatch.setattr(xlsx_read, "load_workbook", lambda *a, **k: pytest.fail("parsed"))
    with pytest.raises(WorkbookFileError) as caught:
        read_xlsx(bomb, max_bytes=50_000)
    assert caught.value.key == "unzipped_too_large"
    assert "MB" in caught.value.message("es")


def test_a_workbook_of_only_charts_is_refused():
    book = Workbook()
    data = book.active
    data.append([1, 2, 3])
    chart = BarChart()
    chart.add_data(Reference(data, min_col=1, max_col=3, min_row=1))
    book.create_chartsheet("Chart").add_chart(chart)
    data.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    book = load_workbook(io.BytesIO(out.getvalue()))  # a chartsheet whose data sheet is then removed
    book.remove(book["Sheet"])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(WorkbookFileError) as caught:
        read_xlsx(out.getvalue())
    assert caught.value.key == "no_worksheet"


def test_a_sheet_spanning_too_many_cells_is_refused(monkeypatch):
    monkeypatch.setattr(limits, "MAX_GRID_CELLS", 1000)
    book = Workbook()
    book.active.append(["task", "SMM"])
    book.active.append(["T", "A/R"])
    book.active.cell(row=2000, column=1, value="far below")
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(WorkbookFileError) as caught:
        read_xlsx(out.getvalue())
    assert caught.value.key == "too_many_cells" and "1,000" in caught.value.message("en")


def test_a_workbook_error_is_a_plan_file_error_with_its_own_texts():
    error = WorkbookFileError("encrypted")
    assert isinstance(error, PlanFileError)
    assert error.message("es") == translate("xlsx.encrypted", "es") != translate("xlsx.encrypted", "en")
    assert str(error) == translate("xlsx.encrypted", "en")


def test_a_text_longer_than_an_excel_cell_is_refused_on_writing(monkeypatch):
    # A plan's names hold at most MAX_NAME_CHARS (1,000) characters, far below Excel's 32,767 even escaped,
    # so the writer's own check is shown with a smaller cell.
    from raci.files import xlsx_write

    monkeypatch.setattr(xlsx_write, "MAX_CELL_CHARS", 100)
    plan = _plan([("T" * 400, "", "", 1, "A/R", "")])
    with pytest.raises(WorkbookFileError) as caught:
        write_xlsx(plan)
    assert (caught.value.key, caught.value.row, caught.value.column) == ("text_too_long", 2, "task")
    assert "100" in caught.value.message("en")


# ----- a real spreadsheet recalculates the formulas ------------------------------------------
def _soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        message = "LibreOffice (soffice) is not installed: apt-get install -y --no-install-recommends " \
                  "libreoffice-calc-nogui"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}: in CI the recalculation test must run", pytrace=False)
        pytest.skip(message)
    return path


def test_libreoffice_recalculates_the_workload_after_a_letter_changes(tmp_path):
    soffice = _soffice()
    plan = seed_plan("es")
    book = _book(write_xlsx(plan, "es"))
    book["RACI"]["E2"].value = "C"  # the first task: SMM A/R -> C, so CM's letter decides alone
    book["RACI"]["F3"].value = "A/R"
    spare = 2 + plan.n_tasks
    for column, value in zip("ABCDEF", ["Nueva tarea", "Extra", "operativa", 9.5, "R", "A/R"], strict=True):
        book["RACI"][f"{column}{spare}"].value = value
    changed = (plan.set_letter(0, "SMM", "C").set_letter(1, "CM", "A/R")
               .add_task(Task("Nueva tarea", "Extra", "operational", 9.5), letters={"SMM": "R", "CM": "A/R"}))
    source = tmp_path / "edited.xlsx"
    book.save(source)
    assert read_xlsx(source.read_bytes()) == changed
    out = tmp_path / "out"
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--norestore",
         "--convert-to", "xlsx", "--outdir", str(out), str(source)],
        capture_output=True, text=True, timeout=180, check=False,
    )
    recalculated = out / "edited.xlsx"
    assert recalculated.exists(), result.stdout + result.stderr
    values = load_workbook(recalculated, data_only=True)["Carga"]
    expected = workload(changed)
    for k, short in enumerate(changed.role_names):
        row = [values.cell(row=k + 2, column=j).value for j in range(1, 10)]
        assert row[0] == short
        by_letter = [expected.by_letter.loc[short, c] for c in ("R", "A", "C", "I", "total")]
        by_nature = [expected.by_nature.loc[short, c] for c in ("strategic", "operational", "unclassified")]
        assert row[1:] == pytest.approx(by_letter + by_nature, abs=0.01), short
    # The workbook LibreOffice saved still reads as the edited plan.
    assert read_xlsx(recalculated.read_bytes()) == changed


def test_letters_written_cover_every_code():
    plan = _mixed_plan()
    sheet = _book(write_xlsx(plan))["RACI"]
    seen = {sheet.cell(row=i + 2, column=5 + k).value or "" for i in range(plan.n_tasks) for k in range(plan.n_roles)}
    assert seen == set(L.LETTERS)
