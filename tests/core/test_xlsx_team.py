"""The workbook's people, platforms and recurrences: Team and Platforms sheets, recurrence columns."""

import io
import subprocess
import zipfile

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from raci.analysis.utilisation import utilisation
from raci.analysis.workload import workload
from raci.errors import RaciError
from raci.files import (
    PlanFileError,
    WorkbookFileError,
    keep_team,
    read_csv,
    read_json,
    read_xlsx,
    write_csv,
    write_json,
    write_xlsx,
)
from raci.recurrence import PERIODS, Recurrence
from raci.seed import seed_plan
from raci.team import Person, Team
from tests.core.test_csv_hypothesis import names, plans
from tests.core.test_xlsx import _soffice


def people_plan():
    plan = seed_plan("es")
    plan = plan.update_task(2, recurrence=Recurrence(2.5, "day", 7.5, per_platform=False))
    team = Team((Person("Lucía", 140, {"CM": 1.0}), Person("Pablo", 120.5, {"CM": 0.5, "SMM": 0.75}),
                 Person("=Ana_x000D_", 80)), ("Instagram", "TikTok", "LinkedIn"))
    return plan.with_team(team)


def _book(data: bytes):  # noqa: ANN202
    return load_workbook(io.BytesIO(data))


def _save(book) -> bytes:  # noqa: ANN001
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("lang", ["es", "en"])
def test_people_platforms_and_recurrences_round_trip_through_a_workbook(lang):
    plan = people_plan()
    assert plan.people and plan.platforms and any(r is not None for r in plan.recurrences)
    data = write_xlsx(plan, lang)
    assert read_xlsx(data) == plan
    assert read_xlsx(data) == read_json(write_json(plan))
    book = _book(data)
    team = book["Equipo" if lang == "es" else "Team"]
    assert [c.value for c in team[1]][:4] == (["persona", "horas al mes", "rol", "dedicación"] if lang == "es"
                                              else ["person", "hours a month", "role", "share"])
    assert [team.cell(row=3, column=j).value for j in range(1, 5)] == ["Pablo", 120.5, "CM", 0.5]
    assert team["D3"].number_format == "0%" and team["K2"].number_format == "0%" and team["P2"].number_format == "0%"
    assert str(team["K2"].value).startswith("=") and str(team["P2"].value).startswith("=")
    platforms = book["Plataformas" if lang == "es" else "Platforms"]
    assert [c.value for c in platforms["A"]][1:] == list(plan.platforms)


def test_the_recurrence_columns_sit_right_of_the_helper_column_in_the_workbooks_words():
    plan = people_plan()
    sheet = _book(write_xlsx(plan, "es"))["RACI"]
    helper = 4 + plan.n_roles + 2
    assert [sheet.cell(row=1, column=helper + j).value for j in range(1, 6)] == \
        ["veces", "cada", "minutos cada vez", "por plataforma", "estimación"]
    i = next(k for k, r in enumerate(plan.recurrences) if r is not None and r.per_platform)
    r = plan.recurrences[i]
    row = [sheet.cell(row=i + 2, column=helper + j).value for j in range(1, 6)]
    assert row[:4] == [r.times, {"day": "día", "week": "semana", "month": "mes"}[r.per], r.minutes, "sí"]
    assert sheet.cell(row=i + 2, column=4).value == plan.efforts[i]  # the hours column: the derived figure


def test_english_words_in_a_spanish_workbook_read():
    book = _book(write_xlsx(people_plan(), "es"))
    sheet = book["RACI"]
    helper = 4 + people_plan().n_roles + 2
    for j, text in enumerate(["times", "per", "minutes each", "per platform", "estimate"], start=1):
        sheet.cell(row=1, column=helper + j).value = text
    sheet.cell(row=4, column=helper + 2).value = "Week"
    sheet.cell(row=4, column=helper + 4).value = "YES"
    plan = read_xlsx(_save(book))
    assert plan.recurrences[2] == Recurrence(2.5, "week", 7.5, per_platform=True)
    assert plan.efforts[2] == Recurrence(2.5, "week", 7.5, per_platform=True).hours(3)


def test_a_workbook_without_team_sheets_reads_without_people_and_keep_team_fills_them():
    plan = people_plan()
    book = _book(write_xlsx(plan, "en"))
    for title in ("Team", "Platforms"):
        del book[title]
    sheet = book["RACI"]
    helper = 4 + plan.n_roles + 2
    sheet.delete_cols(helper + 1, 5)
    read = read_xlsx(_save(book))
    assert read.people == () and read.platforms == () and all(r is None for r in read.recurrences)
    kept = keep_team(read, plan)
    assert kept.plan == plan and kept.people == len(plan.people)


# ----- bad cells ------------------------------------------------------------------------------------
RECURRENCE_CELLS = [("veces", "mucho", "recurrence_bad_number"), ("veces", 0, "recurrence_bad_number"),
                    ("cada", "quincena", "recurrence_bad_period"), ("minutos cada vez", -3, "recurrence_bad_number"),
                    ("minutos cada vez", None, "recurrence_incomplete"),
                    ("por plataforma", "quizá", "recurrence_bad_flag"),
                    ("estimación", "tal vez", "recurrence_bad_flag")]


@pytest.mark.parametrize("header, value, key", RECURRENCE_CELLS)
def test_a_bad_recurrence_cell_is_refused_naming_sheet_row_and_column(header, value, key):
    plan = people_plan()
    book = _book(write_xlsx(plan, "es"))
    sheet = book["RACI"]
    column = next(c.column_letter for c in sheet[1] if c.value == header)
    sheet[f"{column}4"] = value
    with pytest.raises(WorkbookFileError) as caught:
        read_xlsx(_save(book))
    error = caught.value
    assert error.key == key and error.row == 4 and error.column == column
    assert f"Hoja RACI, fila 4, columna {column}" in error.message("es")
    assert f"RACI sheet, row 4, column {column}" in error.message("en")


TEAM_CELLS = [("A3", None, "team_no_person"), ("B3", "mucho", "team_bad_hours"), ("B3", 800, "team_bad_hours"),
              ("B4", 100, "team_hours_differ"), ("C3", "Diseño", "team_unknown_role"),
              ("C4", "CM", "team_duplicate_role"),
              ("D3", 1.5, "team_bad_share"), ("D3", "media", "team_bad_share"), ("D3", None, "team_bad_share"),
              ("C5", None, "team_share_without_role")]


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("cell, value, key", TEAM_CELLS)
def test_a_bad_team_cell_is_refused_naming_sheet_row_and_column(lang, cell, value, key):
    plan = people_plan()
    book = _book(write_xlsx(plan, lang))
    title = "Equipo" if lang == "es" else "Team"
    sheet = book[title]
    sheet["D5"] = 0.5 if cell == "C5" else sheet["D5"].value  # Ana's row: a share, then no role
    sheet[cell] = value
    with pytest.raises(WorkbookFileError) as caught:
        read_xlsx(_save(book))
    error = caught.value
    assert error.key == key and error.row == int(cell[1:]) and error.column == cell[0]
    assert f"Hoja {title}, fila {cell[1:]}, columna {cell[0]}" in error.message("es")
    assert f"{title} sheet, row {cell[1:]}, column {cell[0]}" in error.message("en")


def test_a_share_typed_as_a_percentage_text_and_a_role_with_a_stray_space_read():
    book = _book(write_xlsx(people_plan(), "es"))
    book["Equipo"]["D3"] = "50 %"
    book["Equipo"]["C3"] = "CM "
    assert read_xlsx(_save(book)) == people_plan()


def test_a_repeated_platform_is_refused_naming_its_row():
    book = _book(write_xlsx(people_plan(), "es"))
    book["Plataformas"]["A5"] = "instagram"
    with pytest.raises(WorkbookFileError) as caught:
        read_xlsx(_save(book))
    assert caught.value.key == "platforms_bad" and caught.value.row == 5
    assert "Hoja Plataformas, fila 5, columna A" in caught.value.message("es")


@pytest.mark.parametrize("title", ["Equipo", "Plataformas"])
def test_a_team_sheet_of_a_million_rows_is_refused_before_openpyxl_reads_it(title):
    data = write_xlsx(people_plan(), "es")
    book = _book(data)
    part = f"xl/worksheets/sheet{book.sheetnames.index(title) + 1}.xml"
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == part:
                body = body.replace(b"</sheetData>", b'<row r="1000000"><c r="A1000000" t="inlineStr"><is><t>x</t>'
                                                     b"</is></c></row></sheetData>")
            target.writestr(item, body)
    with pytest.raises(PlanFileError) as caught:
        read_xlsx(out.getvalue(), max_bytes=None)
    assert caught.value.key == "too_many_rows"


# ----- any team --------------------------------------------------------------------------------------
def _person(name: str, hours: float, shares: dict) -> Person | None:
    try:
        return Person(name, hours, shares)
    except RaciError:
        return None


@st.composite
def team_plans(draw):  # noqa: ANN001, ANN201
    plan = draw(plans())
    platforms = draw(st.lists(names, max_size=4))
    try:
        team = Team((), tuple(platforms))
    except RaciError:
        team = Team()
    people = []
    for name in draw(st.lists(names, max_size=4)):
        roles = draw(st.lists(st.sampled_from(plan.role_names), unique=True, max_size=3)) if plan.n_roles else []
        shares = {role: draw(st.floats(0.001, 1)) for role in roles}
        person = _person(name, draw(st.floats(0, 744)), shares)
        if person is not None:
            people.append(person)
    try:
        team = Team(tuple(people), team.platforms)
    except RaciError:
        pass
    plan = plan.with_team(team)
    for i in range(plan.n_tasks):
        if draw(st.booleans()):
            recurrence = Recurrence(draw(st.floats(0.01, 1000)), draw(st.sampled_from(PERIODS)),
                                    draw(st.floats(0.01, 1440)), draw(st.booleans()), draw(st.booleans()))
            assume(recurrence.hours(len(plan.platforms)) <= 10_000)
            plan = plan.update_task(i, recurrence=recurrence)
    return plan


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(plan=team_plans(), lang=st.sampled_from(["en", "es"]))
def test_any_team_and_recurrences_round_trip_through_a_workbook_as_through_json(plan, lang):
    tasks_back = read_csv(write_csv(plan))  # the workbook keeps the tasks a CSV keeps (see raci/files/xlsx.py)
    assume(tasks_back.names == plan.names and tasks_back.categories == plan.categories)
    event(f"people: {bool(plan.people)}, shares: {any(p.roles for p in plan.people)}, "
          f"platforms: {bool(plan.platforms)}, recurrences: {any(r is not None for r in plan.recurrences)}")
    assert read_xlsx(write_xlsx(plan, lang)) == read_json(write_json(plan)) == plan


# ----- LibreOffice recalculates ------------------------------------------------------------------------
def test_libreoffice_recalculates_the_team_utilisation_after_a_letter_changes(tmp_path):
    soffice = _soffice()
    # No escape-like text here: saved by another spreadsheet it comes back decoded (see raci/files/xlsx.py).
    plan = people_plan().update_person("=Ana_x000D_", Person("Ana", 80))
    book = _book(write_xlsx(plan, "es"))
    book["RACI"]["E2"].value = "C"  # the first task: SMM A/R -> C
    book["RACI"]["F3"].value = "A/R"
    changed = plan.set_letter(0, "SMM", "C").set_letter(1, "CM", "A/R")
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
    values = load_workbook(recalculated, data_only=True)["Equipo"]
    before = utilisation(plan, workload(plan).load.to_dict())
    expected = utilisation(changed, workload(changed).load.to_dict())
    for k, use in enumerate(expected.roles):
        row = [values.cell(row=k + 2, column=j).value for j in range(8, 12)]
        assert row[0] == use.role
        assert row[1] == pytest.approx(use.capacity, abs=1e-9)
        assert row[2] == pytest.approx(use.load, abs=1e-9)
        assert row[3] == pytest.approx(use.utilisation, abs=1e-9), use.role
    changed_people = 0
    for k, use in enumerate(expected.people):
        row = [values.cell(row=k + 2, column=j).value for j in range(13, 17)]
        assert row[0] == use.name and row[1] == pytest.approx(use.hours)
        assert row[2] == pytest.approx(use.load, abs=1e-9)
        if use.utilisation is None:
            assert row[3] in (None, "")
        else:
            assert row[3] == pytest.approx(use.utilisation, abs=1e-9), use.name
            changed_people += use.utilisation != pytest.approx(before.people[k].utilisation)
    assert changed_people  # the letters moved load between people: their utilisation cells followed
    assert read_xlsx(recalculated.read_bytes()) == changed
