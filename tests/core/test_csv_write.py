"""write_csv: the file Excel and the planner both read back as it was."""

import codecs
import csv
import io

import pytest

from raci.files import (
    PlanFileError,
    default_role,
    escape_cell,
    is_formula_like,
    read_csv,
    unescape_cell,
    write_csv,
)
from raci.files.team import keep_team
from raci.model import Plan, PlanError, Task
from raci.seed import seed_plan


def _rows(data: bytes, delimiter: str = ",") -> list[list[str]]:
    """The file as a spreadsheet sees it (Python's csv module, independent of raci.files.csv)."""
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def _plan(*names: str, category: str = "", effort: float = 1.0) -> Plan:
    """Tasks with these names, roles SMM and CM, SMM owning every task."""
    tasks = [Task(name, category, "", effort) for name in names]
    return Plan.create(tasks, [default_role("SMM"), default_role("CM")], [["A/R", ""] for _ in names])


def test_file_starts_with_a_utf8_bom_so_excel_reads_accents():
    data = write_csv(seed_plan("es"))
    assert data.startswith(codecs.BOM_UTF8)
    assert "Planificación".encode() in data


def test_every_line_ends_with_crlf():
    text = write_csv(seed_plan("es")).decode("utf-8-sig")
    assert text.endswith("\r\n")
    assert text.count("\n") == text.count("\r\n") == seed_plan("es").n_tasks + 1
    assert "\r" not in text.replace("\r\n", "")


def test_header_is_the_planner_layout_then_one_column_per_role():
    rows = _rows(write_csv(seed_plan("en")))
    assert rows[0] == ["task", "category", "nature", "effort_hours", "SMM", "CM"]


def test_cells_are_the_canonical_letters_natures_and_efforts():
    plan = Plan.create(
        [
            Task("Plan", "Planning", "strategic", 8.0),
            Task("Post", "", "operational", 12.5),
            Task("Misc", "", "", 0),
        ],
        [default_role("SMM"), default_role("CM"), default_role("Design")],
        [["ra", "consultado", ""], ["I", "Responsable/Aprobador", "r"], ["-", "", "A"]],
    )
    assert _rows(write_csv(plan))[1:] == [
        ["Plan", "Planning", "strategic", "8", "A/R", "C", ""],
        ["Post", "", "operational", "12.5", "I", "A/R", "R"],
        ["Misc", "", "", "0", "", "", "A"],
    ]


def test_efforts_are_the_shortest_text_that_reads_back_the_same_float():
    efforts = [0.1 + 0.2, 1e-7, 1234.125, 9999.999999999998, 5e-324]  # up to raci.limits.MAX_EFFORT_HOURS
    plan = Plan.create([Task(f"t{i}", effort=e) for i, e in enumerate(efforts)], [default_role("CM")])
    written = [row[3] for row in _rows(write_csv(plan))[1:]]
    assert written == ["0.30000000000000004", "1e-07", "1234.125", "9999.999999999998", "5e-324"]
    assert [float(text) for text in written] == efforts


def test_negative_zero_effort_is_written_as_0():
    plan = Plan.create([Task("t", effort=-0.0)], [default_role("CM")])
    assert _rows(write_csv(plan))[1][3] == "0"


def test_semicolon_file_uses_a_decimal_comma_for_spanish_excel():
    data = write_csv(_plan("Diseño, banners", "Publicar", effort=12.5), ";")
    rows = _rows(data, ";")
    assert rows[0][:4] == ["task", "category", "nature", "effort_hours"]
    assert rows[1][:4] == ["Diseño, banners", "", "", "12,5"]
    assert "Diseño, banners;".encode() in data  # a comma needs no quotes when ';' separates


def test_comma_file_uses_a_decimal_point_and_quotes_commas():
    data = write_csv(_plan("Diseño, banners", effort=12.5), ",")
    assert '"Diseño, banners",,,12.5,A/R,'.encode() in data


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_cells_holding_the_delimiter_quotes_or_newlines_are_quoted(delimiter):
    names = [f"a{delimiter}b", 'say "hi"', "two\nlines", "lone\rCR", "crlf\r\nin cell"]
    rows = _rows(write_csv(_plan(*names, category=f"x{delimiter}y"), delimiter), delimiter)
    assert [row[0] for row in rows[1:]] == names
    assert {row[1] for row in rows[1:]} == {f"x{delimiter}y"}


TRIGGERS = [
    "=1+1", "+34 600", "-5", "@SUM(A1)", "\tx", "\rx", "\nx",  # each trigger
    "  =x", "\u00a0=x", " \u00a0 +x", "\u00a0\u00a0@x",  # after spaces and non-breaking spaces
]


@pytest.mark.parametrize("text", TRIGGERS)
def test_every_formula_trigger_is_neutralised_in_task_category_and_role_header(text):
    plan = Plan.create([Task(text, text)], [default_role("SMM"), default_role(text)], [["A/R", "C"]])
    rows = _rows(write_csv(plan))
    assert rows[0][5] == "'" + text
    assert rows[1][0] == "'" + text
    assert rows[1][1] == "'" + text
    assert read_csv(write_csv(plan)) == plan


@pytest.mark.parametrize("text", ["Plan =", "a-b", "e-mail", "'quoted'", "x@y.com", "  spaced", "Lanzar"])
def test_text_that_is_not_formula_like_is_written_unchanged(text):
    assert _rows(write_csv(_plan(text, category=text)))[1][:2] == [text, text]


@pytest.mark.parametrize(
    "text, escaped",
    [
        ("=x", "'=x"), ("'=x", "''=x"), ("''=x", "'''=x"), ("' =x", "'' =x"),
        ("'x", "'x"), ("", ""), ("'", "'"),
    ],
)
def test_escape_adds_one_quote_and_unescape_removes_exactly_it(text, escaped):
    assert escape_cell(text) == escaped
    assert unescape_cell(escaped) == text


def test_formula_like_looks_past_spaces_and_nbsps_only():
    assert is_formula_like(" \u00a0 =x")
    assert not is_formula_like("x=1")
    assert not is_formula_like("'=x")


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("text", ["+34 600 000 000", "- Lanzar campaña", "====== 2"])
def test_legitimate_text_starting_like_a_formula_round_trips(text, delimiter):
    plan = Plan.create(
        [Task(text, text, "operational", 3.5)], [default_role("SMM"), default_role(text)], [["A/R", "C"]]
    )
    back = read_csv(write_csv(plan, delimiter))
    assert keep_team(back, plan).plan == plan  # a CSV is the matrix; the upload keeps the rest
    assert back.tasks["name"].iat[0] == text
    assert back.role_names == ["SMM", text]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_seeded_plan_round_trips_with_its_roles_full_names(delimiter, lang):
    plan = seed_plan(lang)
    back = read_csv(write_csv(plan, delimiter))
    assert keep_team(back, plan).plan == plan  # a CSV is the matrix; the upload keeps the rest
    assert back.role("SMM").name == "Social Media Manager"


def test_seeded_task_names_with_no_category_or_nature_stay_without_them():
    task = Task("Planificar la estrategia de contenido", "", "", 1.0)
    plan = Plan.create([task], [default_role("SMM")], [["A/R"]])
    assert read_csv(write_csv(plan)).task(0) == task


def test_a_plan_without_tasks_is_a_header():
    plan = Plan.create([], [default_role("SMM"), default_role("CM")])
    assert write_csv(plan) == "\ufefftask,category,nature,effort_hours,SMM,CM\r\n".encode()
    assert read_csv(write_csv(plan)) == plan


def test_an_unknown_delimiter_is_refused():
    with pytest.raises(PlanFileError) as caught:
        write_csv(seed_plan("en"), ":")
    assert caught.value.key == "bad_delimiter"


def test_text_no_file_can_hold_never_reaches_a_plan():
    # A lone surrogate cannot be written as UTF-8: the model refuses it up front.
    with pytest.raises(PlanError):
        default_role("broken \ud800")
    with pytest.raises(PlanError):
        Plan.create([Task("broken \ud800")], [default_role("CM")])


def test_a_spanish_file_has_spanish_headers_and_natures_and_reads_back_the_same():
    plan = seed_plan("es")
    data = write_csv(plan, ";", lang="es")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "tarea;categoría;naturaleza;horas;SMM;CM"
    assert lines[1] == "Seleccionar plataformas de redes sociales;Planificación;estratégica;2;A/R;C"
    assert any(";operativa;" in line for line in lines)
    assert keep_team(read_csv(data), plan).plan == plan
    # A person's sheet with the same words, capitalised, is not the planner's own: empty cells get defaults.
    foreign = read_csv("Tarea;Categoría;Naturaleza;Horas;SMM\r\nPlanificar la estrategia de contenido;;;;A/R\r\n"
                       .encode())
    assert foreign.task(0).category == "Planificación"
