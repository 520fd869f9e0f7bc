import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from raci.files import PlanFileError, WorkbookFileError, read_json, read_xlsx, write_json, write_xlsx
from raci.model import Role
from raci.seed import seed_plan
from tests.core.test_csv_hypothesis import plans, text


def team_plan():
    return (seed_plan("es").update_role("CM", name="Laura García", capacity=80.5)
            .add_role(Role("Diseño", "=Estudio_x000D_ «externo»", "operational", 20.0), letter="I"))


@pytest.mark.parametrize("lang, headers", [("es", ["rol", "nombre completo", "perfil", "capacidad (h/mes)"]),
                                           ("en", ["role", "full name", "profile", "capacity (h/month)"])])
def test_the_roles_sheet_carries_the_team_and_a_workbook_round_trip_keeps_it(lang, headers):
    plan = team_plan()
    data = write_xlsx(plan, lang)
    sheet = load_workbook(io.BytesIO(data))["Roles"]
    assert [c.value for c in sheet[1]] == headers
    assert read_xlsx(data) == plan
    # What a JSON file says and what a workbook says are the same plan.
    assert read_xlsx(data) == read_json(write_json(plan))


@settings(max_examples=60, deadline=None)
@given(plan=plans(), names=st.lists(text, min_size=1, max_size=4), capacity=st.floats(0.5, 744))
def test_any_team_round_trips_through_a_workbook(plan, names, capacity):
    for k, short in enumerate(plan.role_names):
        plan = plan.update_role(short, name=names[k % len(names)], capacity=capacity if k % 2 else None)
    assert read_xlsx(write_xlsx(plan)) == read_json(write_json(plan))


def edited(change) -> bytes:  # noqa: ANN001
    book = load_workbook(io.BytesIO(write_xlsx(team_plan(), "es")))
    change(book["Roles"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("cell, value, key", [("C3", "jefe", "roles_bad_profile"), ("D3", "-5", "roles_bad_capacity"),
                                              ("D2", "mucho", "roles_bad_capacity")])
def test_a_bad_cell_of_the_roles_sheet_is_refused_naming_it(cell, value, key):
    data = edited(lambda sheet: sheet.__setitem__(cell, value))
    with pytest.raises(WorkbookFileError) as caught:
        read_xlsx(data)
    assert caught.value.key == key and f"fila {cell[1]}" in caught.value.message("es")


def test_a_roles_sheet_edited_by_hand_in_english_words_or_without_some_roles_reads():
    def change(sheet):  # noqa: ANN001
        sheet["C3"] = "Strategic"
        sheet.delete_rows(4)  # Diseño is no longer described: it comes back by its short name
    plan = read_xlsx(edited(change))
    assert plan.role("CM").profile == "strategic" and plan.role("CM").capacity == 80.5
    assert plan.role("Diseño") == Role("Diseño")


def test_a_roles_sheet_of_a_million_rows_is_refused_before_openpyxl_reads_it():
    import zipfile

    data = write_xlsx(team_plan(), "en")
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet5.xml":  # the Roles sheet, fifth
                rows = b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>' % (r, r)
                                for r in range(2, 1_000_002))
                body = body.replace(b"</sheetData>", rows + b"</sheetData>")
            target.writestr(item, body)
    with pytest.raises(PlanFileError) as caught:
        read_xlsx(out.getvalue(), max_bytes=None)
    assert caught.value.key == "too_many_rows"
