"""read_csv: what spreadsheets really produce, read whole or refused with the row and column."""

import codecs

import numpy as np
import pytest

from raci import letters as L
from raci.files import (
    DEFAULT_EFFORT_HOURS,
    MAX_FILE_BYTES,
    PlanFileError,
    default_role,
    detect_delimiter,
    read_csv,
    write_csv,
)
from raci.files.team import keep_team
from raci.model import Plan, Task
from raci.seed import seed_plan


def csv_bytes(*lines: str, end: str = "\r\n", encoding: str = "utf-8") -> bytes:
    return "".join(line + end for line in lines).encode(encoding)


def refused(data: bytes, **options) -> PlanFileError:
    with pytest.raises(PlanFileError) as caught:
        read_csv(data, **options)
    return caught.value


SIMPLE = ["Tarea,SMM,CM", "Diseño de banners,A/R,C", "Campaña «Rebajas» – €,I,A/R"]


# ----- encodings ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + csv_bytes(*SIMPLE),
        csv_bytes(*SIMPLE),
        csv_bytes(*SIMPLE, encoding="cp1252"),
        codecs.BOM_UTF16_LE + csv_bytes(*SIMPLE, encoding="utf-16-le"),
        codecs.BOM_UTF16_BE + csv_bytes(*SIMPLE, encoding="utf-16-be"),
        "\ufeff".encode("utf-32") + csv_bytes(*SIMPLE, encoding="utf-32-le"),
    ],
    ids=["utf8-bom", "utf8", "cp1252", "utf16le", "utf16be", "utf32"],
)
def test_every_encoding_spreadsheets_write_gives_the_same_text(data):
    plan = read_csv(data)
    assert plan.tasks["name"].tolist() == ["Diseño de banners", "Campaña «Rebajas» – €"]


def test_cp1252_is_not_read_as_latin1():
    # latin-1 would turn the curly quotes and the en dash into C1 control characters.
    plan = read_csv(csv_bytes("Tarea,SMM", "“Vuelta al cole” – fase 1,A/R", encoding="cp1252"))
    assert plan.tasks["name"].iat[0] == "“Vuelta al cole” – fase 1"


@pytest.mark.parametrize(
    "data",
    [b"PK\x03\x04\x14\x00\x00\x00\x08\x00", b"task,SMM\r\nx\x00y,R\r\n", b"task,SMM\r\n\x81\x8d\x8f,R\r\n"],
    ids=["zip", "nul", "undecodable"],
)
def test_binary_files_are_refused_as_binary(data):
    assert refused(data).key == "binary"


def test_utf8_bom_with_bytes_that_are_not_utf8_names_the_row():
    error = refused(codecs.BOM_UTF8 + b"task,SMM\r\nok,R\r\nbad \xf1,R\r\n")
    assert (error.key, error.row) == ("bad_encoding", 3)
    assert "UTF-8" in error.message("en")


def test_utf8_mixed_with_cp1252_is_refused_not_garbled():
    data = "task,SMM\r\nCampaña,R\r\n".encode() + "Diseño,R\r\n".encode("cp1252")
    error = refused(data)
    assert (error.key, error.row) == ("mixed_encoding", 3)


@pytest.mark.parametrize("data", [b"", b"   ", b"\r\n\r\n", b"\xef\xbb\xbf", b",,,\r\n;;\r\n"])
def test_an_empty_file_is_refused_as_empty(data):
    assert refused(data).key == "empty"


# ----- size -----------------------------------------------------------------------------
def test_a_file_over_the_limit_is_refused_before_decoding():
    data = b"\x00" * 101  # binary too, but the size is checked first
    error = refused(data, max_bytes=100)
    assert error.key == "too_large"
    assert error.params == {"size": "0", "limit": "0"}  # MB, one decimal


def test_the_default_limit_is_5_mb_and_none_lifts_it():
    assert MAX_FILE_BYTES == 5 * 1024 * 1024
    # 90,000 tasks: more bytes than the limit, fewer tasks than a plan may hold (raci.limits.MAX_TASKS).
    rows = (f"Tarea número {i:07d} con un nombre largo y un poco más de texto,A/R" for i in range(90_000))
    data = csv_bytes("Tarea,SMM", *rows)
    assert len(data) > MAX_FILE_BYTES
    assert refused(data).params["limit"] == "5"
    assert read_csv(data, max_bytes=None).n_tasks == 90_000


# ----- delimiters and line endings ----------------------------------------------------------
@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_each_delimiter_is_detected(delimiter):
    lines = [["Tarea", "Horas", "SMM", "CM"], ["Publicar", "2", "A/R", "C"]]
    plan = read_csv(csv_bytes(*(delimiter.join(line) for line in lines)))
    assert plan.role_names == ["SMM", "CM"]
    assert plan.letter(0, "CM") == "C"


def test_detection_is_not_fooled_by_other_separators_inside_cells():
    data = csv_bytes("Tarea;Horas;SMM;CM", "Copys, hashtags y emojis;1,5;A/R;C", "Informe, mensual;2;A/R;I")
    plan = read_csv(data)
    assert plan.tasks["name"].tolist() == ["Copys, hashtags y emojis", "Informe, mensual"]
    assert plan.tasks["effort"].tolist() == [1.5, 2.0]


def test_detect_delimiter_prefers_the_planner_header():
    assert detect_delimiter("task|category|nature|effort_hours|a;b;c;d;e;f\r\n") == "|"


def test_the_delimiter_can_be_given():
    data = csv_bytes("Tarea;SMM", "Copys, hashtags;A/R")
    assert read_csv(data, delimiter=";").tasks["name"].iat[0] == "Copys, hashtags"
    error = refused(data, delimiter=",")  # then the comma inside the name splits row 2
    assert (error.key, error.row) == ("too_many_cells", 2)


def test_an_unknown_delimiter_argument_is_refused():
    assert refused(csv_bytes(*SIMPLE), delimiter=":").key == "bad_delimiter"


@pytest.mark.parametrize("end", ["\r\n", "\n", "\r"], ids=["crlf", "lf", "cr"])
def test_every_line_ending_is_read(end):
    plan = read_csv(csv_bytes(*SIMPLE, end=end))
    assert plan.n_tasks == 2 and plan.letter(1, "CM") == "A/R"


def test_quoted_newlines_stay_in_the_cell_and_rows_count_as_records():
    data = csv_bytes("Tarea,SMM,CM", '"Línea 1\r\nLínea 2\nLínea 3\rfin",A/R,C', "Otra,A/R,X")
    error = refused(data)
    assert (error.key, error.row) == ("bad_letter", 3)
    plan = read_csv(data.replace(b",X", b",I"))
    assert plan.tasks["name"].iat[0] == "Línea 1\r\nLínea 2\nLínea 3\rfin"


def test_a_row_with_more_cells_than_the_header_is_refused_naming_the_row():
    error = refused(csv_bytes("Tarea,SMM,CM", "a,A/R,C", "b,A/R,C", "c, d,A/R,C"))
    assert (error.key, error.row, error.params) == ("too_many_cells", 4, {"expected": 3, "found": 4})


def test_a_short_row_is_padded_with_empty_cells():
    plan = read_csv(csv_bytes("Tarea,SMM,CM", "Publicar,A/R"))
    assert plan.letter(0, "CM") == ""


def test_an_unclosed_quote_is_refused_naming_the_row():
    error = refused(csv_bytes("Tarea,SMM", "a,A/R", '"b,A/R', "c,A/R"))
    assert (error.key, error.row) == ("unclosed_quote", 3)


# ----- every cell is text --------------------------------------------------------------------
def test_cells_that_pandas_would_turn_into_missing_values_or_numbers_stay_text():
    names = ["NA", "N/A", "None", "null", "nan", "NaN", "0", "007", "1e3", "TRUE", "#N/A"]
    plan = read_csv(csv_bytes("task,SMM", *(f"{name},A/R" for name in names)))
    assert plan.tasks["name"].tolist() == names


# ----- headers ----------------------------------------------------------------------------
@pytest.mark.parametrize("task", ["task", "Tarea", "TAREAS", " Actividad ", "activity", "Tasks", "tárea"])
@pytest.mark.parametrize("category", ["category", "Categoría", "CATEGORIA"])
@pytest.mark.parametrize("nature", ["nature", "Naturaleza"])
@pytest.mark.parametrize(
    "effort", ["effort_hours", "Horas/mes", "horas_mes", "Esfuerzo", "hours", "Effort (hours)"]
)
def test_header_aliases_in_english_and_spanish_any_case_accents_or_spacing(task, category, nature, effort):
    data = csv_bytes(f"{category},{task},SMM,{nature},{effort},CM", "Diseño,Banners,A/R,operativa,\"2,5\",C")
    plan = read_csv(data)
    assert plan.role_names == ["SMM", "CM"]
    assert plan.task(0) == Task("Banners", "Diseño", "operational", 2.5)


def test_other_headers_are_roles_with_the_catalogue_profile_for_smm_and_cm():
    plan = read_csv(csv_bytes("Tarea,smm,CM ,Diseño gráfico", "Banners,A,R,C"))
    assert plan.role_names == ["smm", "CM", "Diseño gráfico"]
    assert [r.profile for r in plan.roles] == ["strategic", "operational", "other"]
    assert plan.role("CM").name == "Community Manager"
    assert plan.role("Diseño gráfico").name == "Diseño gráfico"


@pytest.mark.parametrize(
    "header, column, other",
    [
        ("Tarea,SMM,CM,SMM", "SMM", "SMM"),
        ("Tarea,SMM,CM,smm ", "smm", "SMM"),
        ("Tarea,Diseño,CM,DISENO", "DISENO", "Diseño"),
        ("Tarea,Horas,SMM,Esfuerzo", "Esfuerzo", "Horas"),
        ("Tarea,SMM,Actividad", "Actividad", "Tarea"),
    ],
)
def test_duplicate_headers_are_refused_naming_the_column(header, column, other):
    error = refused(csv_bytes(header, "x," + ",".join(["A/R"] * header.count(","))))
    assert (error.key, error.row, error.column) == ("duplicate_column", 1, column)
    assert error.params["other"] == other


def test_an_empty_header_over_data_is_refused_with_the_spreadsheet_column_letter():
    error = refused(csv_bytes("Tarea,SMM,CM,", "Publicar,A/R,C,R"))
    assert (error.key, error.row, error.params["position"]) == ("empty_header", 1, "D")
    assert error.message("en").startswith("Row 1, column D:")
    assert error.message("es").startswith("Fila 1, columna D:")


def test_empty_columns_without_a_header_are_ignored():
    plan = read_csv(csv_bytes("Tarea;SMM;;CM;;", "Publicar;A/R;;C;;", "Moderar;I;  ;A/R;;"))
    assert plan.role_names == ["SMM", "CM"]


def test_a_file_without_a_task_column_is_refused():
    error = refused(csv_bytes("Nombre,SMM,CM", "Publicar,A/R,C"))
    assert (error.key, error.row, error.column) == ("no_task_column", 1, None)
    assert "task" in error.message("en") and "tarea" in error.message("es")


def test_a_file_without_role_columns_is_refused():
    assert refused(csv_bytes("Tarea,Horas", "Publicar,2")).key == "no_role_columns"


def test_an_id_column_is_ignored():
    plan = read_csv(csv_bytes("ID,Tarea,SMM", "T-1,Publicar,A/R"))
    assert plan.role_names == ["SMM"]


def test_blank_lines_above_the_header_are_skipped_and_still_counted():
    error = refused(csv_bytes("", ";;", "Tarea;SMM", "Publicar;Z"))
    assert (error.key, error.row, error.column) == ("bad_letter", 4, "SMM")


# ----- letters ------------------------------------------------------------------------------
def test_letters_in_any_case_combined_or_spelled_out():
    row = ["a/r", "R/A", "ar", "A,R", "r", "Aprobador", "consultado", "Informed", "-", " "]
    roles = [f"Rol{k}" for k in range(len(row))]
    plan = read_csv(csv_bytes("Tarea;" + ";".join(roles), "Publicar;" + ";".join(row)))
    assert plan.letters().iloc[0].tolist() == ["A/R", "A/R", "A/R", "A/R", "R", "A", "C", "I", "", ""]


def test_the_first_bad_letter_in_file_order_is_reported():
    data = csv_bytes(*SIMPLE, "Moderar,A/R,ok", "Otra,X,Y", "Última,Z,A")
    error = refused(data)
    assert (error.key, error.row, error.column, error.params["value"]) == ("bad_letter", 4, "CM", "ok")


def test_a_bad_letter_message_names_row_column_value_and_what_was_expected_in_both_languages():
    lines = ["Tarea,SMM,CM", *(f"Tarea {i},A/R,C" for i in range(5)), "Gestionar crisis,A,X"]
    error = refused(csv_bytes(*lines))
    assert error.message("en") == "Row 7, column 'CM': 'X' is not one of R, A, C, I, A/R."
    assert error.message("es") == "Fila 7, columna 'CM': 'X' no es una de R, A, C, I, A/R."


def test_an_overlong_bad_value_is_shortened_in_the_message():
    error = refused(csv_bytes("Tarea,SMM", "Publicar," + "word " * 50))
    assert len(error.params["value"]) <= 40 and error.params["value"].endswith("…")


def test_a_role_column_with_no_letters_is_still_a_role():
    plan = read_csv(csv_bytes("Tarea,SMM,Agencia", "Publicar,A/R,", "Moderar,I,"))
    assert plan.role_names == ["SMM", "Agencia"]
    assert (plan.cells[:, 1] == L.EMPTY).all()


def test_wide_files_whose_roles_are_named_like_raci_columns_stay_wide():
    plan = read_csv(csv_bytes("Tarea,R,A", "Publicar,A/R,C"))
    assert plan.role_names == ["R", "A"]
    assert plan.letters().iloc[0].tolist() == ["A/R", "C"]
    empty = Plan.create([Task("t")], [default_role("R"), default_role("Accountable")])
    assert read_csv(write_csv(empty)) == empty  # the planner's own file: no letters, still wide


# ----- nature and effort ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "written, nature",
    [("strategic", "strategic"), ("Estratégica", "strategic"), ("ESTRATEGICO", "strategic"),
     ("estrategica", "strategic"), ("Operational", "operational"), ("operativa", "operational"),
     ("Operativo", "operational"), ("operacional", "operational"), ("", ""), ("  ", "")],
)
def test_natures_in_english_and_spanish(written, nature):
    plan = read_csv(csv_bytes("Tarea,Naturaleza,SMM", f"Banners,{written},A/R"))
    assert plan.tasks["nature"].iat[0] == nature


def test_a_bad_nature_is_refused_naming_row_and_column():
    error = refused(csv_bytes("Tarea,Naturaleza,SMM", "Banners,operativa,A/R", "Reels,táctica,A/R"))
    assert (error.key, error.row, error.column) == ("bad_nature", 3, "Naturaleza")
    assert error.params["value"] == "táctica"


@pytest.mark.parametrize(
    "written, hours",
    [("12", 12.0), ("12.5", 12.5), ("12,5", 12.5), (" 7 ", 7.0), ("0", 0.0), ("-0", 0.0), (".5", 0.5),
     ("1e2", 100.0), ("", DEFAULT_EFFORT_HOURS)],
)
def test_efforts_with_point_or_comma_and_a_default_when_empty(written, hours):
    plan = read_csv(csv_bytes("Tarea;Horas;SMM", f"Banners;{written};A/R"))
    assert plan.tasks["effort"].iat[0] == hours
    assert not np.signbit(plan.tasks["effort"].iat[0])


@pytest.mark.parametrize("written", ["doce", "8 h", "1.234,5", "1e999", "nan", "inf", "12..5", "--3"])
def test_an_effort_that_is_not_a_number_is_refused(written):
    error = refused(csv_bytes("Tarea;Horas;SMM", "Banners;2;A/R", f"Reels;{written};A/R"))
    assert (error.key, error.row, error.column) == ("bad_effort", 3, "Horas")


def test_a_negative_effort_is_refused():
    error = refused(csv_bytes("Tarea;Horas;SMM", "Reels;-3,5;A/R"))
    assert (error.key, error.row, error.column) == ("negative_effort", 2, "Horas")
    assert error.message("es") == "Fila 2, columna 'Horas': '-3,5' es negativo; las horas deben ser 0 o más."


# ----- defaults from the catalogue ------------------------------------------------------------
def test_only_task_and_role_columns_take_category_nature_and_effort_from_the_catalogue():
    data = csv_bytes(
        "Tarea,SMM,CM",
        "Planificar la estrategia de contenido,A/R,C",
        "Answer questions and comments,I,A/R",
        "Grabar reels,C,A/R",
    )
    plan = read_csv(data)
    assert plan.task(0) == Task("Planificar la estrategia de contenido", "Planificación", "strategic", 8.0)
    assert plan.task(1) == Task("Answer questions and comments", "Community building", "operational", 21.0)
    assert plan.task(2) == Task("Grabar reels", "", "", DEFAULT_EFFORT_HOURS)


def test_empty_cells_of_a_foreign_file_take_defaults_but_written_values_win():
    data = csv_bytes(
        "Tarea,Categoría,Naturaleza,Horas,SMM",
        "Planificar la estrategia de contenido,,,,A/R",
        "Planificar la estrategia de contenido,Mi categoría,operativa,3,A/R",
    )
    plan = read_csv(data)
    assert plan.task(0) == Task("Planificar la estrategia de contenido", "Planificación", "strategic", 8.0)
    assert plan.task(1) == Task("Planificar la estrategia de contenido", "Mi categoría", "operational", 3.0)


def test_in_the_planner_layout_an_empty_category_or_nature_means_none():
    data = csv_bytes("task,category,nature,effort_hours,SMM", "Planificar la estrategia de contenido,,,,A/R")
    assert read_csv(data).task(0) == Task("Planificar la estrategia de contenido", "", "", 8.0)


# ----- rows --------------------------------------------------------------------------------------
def test_rows_of_only_delimiters_or_spaces_are_skipped():
    plan = read_csv(csv_bytes("Tarea;SMM;CM", ";;", "Publicar;A/R;C", "  ; ;  ", "", "Moderar;I;A/R", ";-;"))
    assert plan.tasks["name"].tolist() == ["Publicar", "Moderar"]


@pytest.mark.parametrize("name", ["", "   ", "\u00a0"])
def test_a_row_with_letters_but_no_task_name_is_refused(name):
    error = refused(csv_bytes("Tarea,SMM", "Publicar,A/R", f"{name},C"))
    assert (error.key, error.row, error.column) == ("empty_task", 3, "Tarea")


def test_task_names_are_kept_exactly_as_written():
    names = ["  con espacios  ", "\ttabulada", "'comilla", 'dice "hola"', "emoji 🚀", "עברית"]
    quoted = ['"' + name.replace('"', '""') + '"' for name in names]
    plan = read_csv(csv_bytes("Tarea,SMM", *(f"{q},A/R" for q in quoted)))
    assert plan.tasks["name"].tolist() == names


def test_our_formula_escapes_are_removed_on_reading():
    lines = ["Tarea,'=SMM", "'=1+1,A/R", "'+34 600,A/R", "'- Lanzar,A/R", "'sin fórmula,A/R"]
    plan = read_csv(csv_bytes(*lines))
    assert plan.role_names == ["=SMM"]
    assert plan.tasks["name"].tolist() == ["=1+1", "+34 600", "- Lanzar", "'sin fórmula"]


def test_a_reserved_name_in_the_role_position_of_the_planner_layout_is_refused():
    error = refused(csv_bytes("task,category,nature,effort_hours,SMM,Task", "Publicar,,,1,A/R,C"))
    assert (error.key, error.row, error.column) == ("reserved_role", 1, "Task")


def test_the_planner_layout_keeps_role_names_exactly_even_if_they_differ_only_in_case():
    plan = Plan.create([Task("t")], [default_role(" a "), default_role("A"), default_role("Tasks")])
    assert read_csv(write_csv(plan)) == plan


# ----- all or nothing ---------------------------------------------------------------------------
def test_a_bad_last_row_refuses_the_whole_file():
    lines = ["Tarea,Horas,SMM,CM", *(f"Tarea {i},2,A/R,C" for i in range(500)), "Última,-1,A/R,C"]
    error = refused(csv_bytes(*lines))
    assert (error.key, error.row) == ("negative_effort", 502)


def test_the_error_reported_is_the_first_in_file_order_whatever_its_kind():
    data = csv_bytes(
        "Tarea,Naturaleza,Horas,SMM",
        "a,operativa,2,A/R",
        "b,operativa,dos,A/R",  # row 3: effort
        "c,táctica,2,X",  # row 4: nature and letter
        ",operativa,2,A/R",  # row 5: no name
    )
    error = refused(data)
    assert (error.key, error.row, error.column) == ("bad_effort", 3, "Horas")


def test_read_csv_refuses_text_that_is_not_bytes():
    with pytest.raises(TypeError):
        read_csv("task,SMM\r\nx,R\r\n")


def test_a_plan_file_error_is_a_value_error_with_a_readable_str():
    error = refused(csv_bytes("Tarea,SMM", "Publicar,X"))
    assert isinstance(error, ValueError)
    assert str(error) == error.message("en")


def test_params_may_be_given_as_a_dict_as_raci_files_does():
    error = PlanFileError("unknown_format", {"suffix": ".xlsx"})
    assert error.params == {"suffix": ".xlsx"} and error.row is None
    assert ".xlsx" in error.message("en") and ".xlsx" in error.message("es")


# ----- the long layout ---------------------------------------------------------------------------
def test_long_layout_from_the_wild():
    data = csv_bytes(
        "Task,Responsible,Accountable,Consulted,Informed",
        "Gather requirements,BA Team,Product Manager,Engineering Lead,Stakeholders",
        'Design mockups,"Designer; Agency",Product Manager,BA Team,',
    )
    plan = read_csv(data)
    assert plan.role_names == [
        "BA Team", "Product Manager", "Engineering Lead", "Stakeholders", "Designer", "Agency",
    ]
    assert plan.letters().values.tolist() == [["R", "A", "C", "I", "", ""], ["C", "A", "", "", "R", "R"]]
    assert {r.profile for r in plan.roles} == {"other"}


def test_long_layout_in_spanish_with_short_headers_and_lists_separated_by_commas():
    data = csv_bytes(
        "Tarea;Responsable;Autoridad;Consultado;Informado;Horas",
        "Planificar la estrategia de contenido;SMM;SMM;CM;;",
        "Banners;Diseño, Agencia;smm;CM;Dirección;2,5",
    )
    plan = read_csv(data)
    assert plan.role_names == ["SMM", "CM", "Diseño", "Agencia", "Dirección"]
    assert plan.letters().values.tolist() == [["A/R", "C", "", "", ""], ["A", "C", "R", "R", "I"]]
    assert plan.role("SMM").profile == "strategic"
    assert plan.tasks["effort"].tolist() == [8.0, 2.5]


@pytest.mark.parametrize(
    "header", ["Task,R,A,C,I", "Tarea,Responsable (R),Aprobador (A),Consultado (C),Informado (I)"]
)
def test_long_layout_with_letter_headers(header):
    plan = read_csv(csv_bytes(header, "Publicar,CM,SMM,,Agencia"))
    assert plan.role_names == ["CM", "SMM", "Agencia"]
    assert plan.letters().iloc[0].tolist() == ["R", "A", "I"]


def test_long_layout_with_only_an_accountable_column():
    plan = read_csv(csv_bytes("Task,Accountable", "Publicar,SMM"))
    assert plan.letters().values.tolist() == [["A"]]


def test_long_layout_role_in_two_lists_other_than_r_and_a_is_refused():
    data = csv_bytes("Task,Responsible,Accountable,Consulted", "Brief,Copy,PM,", "Post,Copy,PM,copy")
    error = refused(data)
    assert (error.key, error.row, error.column) == ("conflicting_letters", 3, "Consulted")
    assert error.params == {"role": "copy", "other": "Responsible"}
    assert "'copy'" in error.message("es") and "Fila 3" in error.message("es")


def test_long_layout_with_a_reserved_role_name_is_refused():
    error = refused(csv_bytes("Task,Responsible,Accountable", "Post,Tarea,PM"))
    assert (error.key, error.row, error.column) == ("reserved_role", 2, "Responsible")


def test_long_layout_where_no_task_names_a_role_is_refused():
    error = refused(csv_bytes("Task,Responsible,Accountable", "Post,,"))
    assert error.key == "no_roles_named"


def test_long_layout_duplicate_list_columns_are_refused():
    error = refused(csv_bytes("Task,Responsible,R,Accountable", "Post,CM,SMM,PM"))
    assert (error.key, error.column) == ("duplicate_column", "R")


# ----- what every message looks like -------------------------------------------------------------
@pytest.mark.parametrize(
    "data",
    [
        b"", b"\x00\x01", csv_bytes("Nombre,SMM"), csv_bytes("Tarea,Horas"), csv_bytes("Tarea,SMM,SMM"),
        csv_bytes("Tarea,SMM,", "x,R,R"), csv_bytes("Tarea,SMM", "x,Q"), csv_bytes("Tarea,SMM", " ,R"),
        csv_bytes("Tarea,Horas,SMM", "x,-1,R"), csv_bytes("Tarea,Horas,SMM", "x,y,R"),
        csv_bytes("Tarea,Naturaleza,SMM", "x,y,R"), csv_bytes("Tarea,SMM", "x,R,C"),
        csv_bytes("Tarea,SMM", '"x,R'), csv_bytes("Task,Responsible,Consulted", "x,CM,CM"),
    ],
)
def test_every_refusal_has_a_sentence_in_both_languages_with_its_place(data):
    error = refused(data)
    english, spanish = error.message("en"), error.message("es")
    assert english != spanish
    for message in (english, spanish):
        assert not message.startswith("files.") and "{" not in message and message.endswith(".")
    if error.row is not None:
        assert f"Row {error.row}" in english and f"ila {error.row}" in spanish
    if error.column is not None:
        assert f"'{error.column}'" in english and f"'{error.column}'" in spanish


def test_reading_an_exported_plan_gives_the_same_plan_and_a_refusal_leaves_nothing_behind():
    plan = seed_plan("es")
    data = write_csv(plan, ";")
    back = read_csv(data)
    assert keep_team(back, plan).plan == plan  # a CSV is the matrix; the upload keeps the rest
    broken = data.replace(b";A/R;C\r\n", b";A/R;Q\r\n", 1)
    assert refused(broken).key == "bad_letter"
    assert read_csv(data) == back  # nothing cached or half-built from the refused file


def test_a_hidden_character_in_a_cell_or_a_role_header_is_refused_naming_the_row_and_column():
    error = refused(csv_bytes("task,SMM", "ok,R", "evil\u202etxt.exe,R"))
    assert error.key == "hidden_char" and error.row == 3
    assert "U+202E" in error.message("en") and "<U+202E>" in error.message("en")
    assert "\u202e" not in error.message("es") and "Fila 3" in error.message("es")
    error = refused(csv_bytes("task,S\u200bMM", "ok,R"))
    assert error.key == "hidden_char" and error.row == 1 and "U+200B" in error.message("en")
