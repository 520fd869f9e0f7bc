"""Property tests: any plan the model accepts survives a CSV round trip; no input crashes the reader."""

import csv
import io

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from raci import letters as L
from raci.files import PlanFileError, default_role, read_csv, write_csv
from raci.limits import MAX_EFFORT_HOURS
from raci.model import RESERVED_ROLE_NAMES, Plan
from raci.text import hidden_character

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters that matter to CSV, spreadsheets and this reader, mixed into arbitrary Unicode.
TRICKY = list("=+-@'\"\t\r\n ,;|\u00a0\u200d") + ["🚀", "ñ", "É", "ع", "ש", "€", "“", "–"]
# No NUL (the model refuses it) and no lone surrogates (text that UTF-8 cannot hold).
# No hidden characters either (the model refuses them: raci.text.HIDDEN).
any_character = st.characters(exclude_characters="\x00", exclude_categories=("Cs",)).filter(
    lambda ch: hidden_character(ch) is None)
text = st.text(alphabet=st.sampled_from(TRICKY) | any_character, max_size=12)
names = text.filter(lambda s: s.strip() != "")
role_names = names.filter(lambda s: s.strip().casefold() not in RESERVED_ROLE_NAMES)
efforts = st.floats(min_value=0, max_value=MAX_EFFORT_HOURS, allow_nan=False) | st.just(-0.0)
natures = st.sampled_from(["strategic", "operational", ""])


@st.composite
def plans(draw) -> Plan:
    shorts = draw(st.lists(role_names, min_size=1, max_size=5, unique=True))
    n_tasks = draw(st.integers(min_value=0, max_value=6))
    column = lambda values: draw(st.lists(values, min_size=n_tasks, max_size=n_tasks))  # noqa: E731
    tasks = pd.DataFrame({
        "name": pd.Series(column(names), dtype=object),
        "category": pd.Series(column(text), dtype=object),
        "nature": pd.Series(column(natures), dtype=object),
        "effort": pd.Series(column(efforts), dtype="float64"),
    })
    codes = draw(st.lists(st.integers(0, len(L.LETTERS) - 1), min_size=n_tasks * len(shorts),
                          max_size=n_tasks * len(shorts)))
    cells = np.array(codes, dtype=np.int8).reshape(n_tasks, len(shorts))
    return Plan.from_columns(tasks, [default_role(short) for short in shorts], cells)


@SETTINGS
@given(plan=plans(), delimiter=st.sampled_from([",", ";", "\t"]), lang=st.sampled_from(["en", "es"]))
def test_any_plan_round_trips_with_the_delimiter_detected(plan, delimiter, lang):
    assert read_csv(write_csv(plan, delimiter, lang)) == plan  # Spanish headers and natures read back too


@SETTINGS
@given(plan=plans(), delimiter=st.sampled_from([",", ";", "\t", "|"]))
def test_any_plan_round_trips_with_the_delimiter_given(plan, delimiter):
    assert read_csv(write_csv(plan, delimiter), delimiter=delimiter) == plan


@SETTINGS
@given(plan=plans())
def test_no_written_cell_starts_like_a_formula(plan):
    # Every cell a spreadsheet sees is safe: the dangerous ones start with the "'" Excel hides.
    rows = csv.reader(io.StringIO(write_csv(plan).decode("utf-8-sig"), newline=""))
    for row in rows:
        for cell in row:
            assert not cell.lstrip(" \u00a0").startswith(("=", "+", "-", "@", "\t", "\r", "\n")), cell


SPELLINGS = {
    L.EMPTY: ["", " ", "-"], L.R: ["R", "r", "Responsable", "responsible"],
    L.A: ["A", "a", "Aprobador", "Autoridad"], L.C: ["C", "c", "Consultado"],
    L.I: ["I", "informado", "Informed"], L.AR: ["A/R", "r/a", "AR", "A,R", "Responsable/Aprobador"],
}


@SETTINGS
@given(st.data(), st.integers(1, 5), st.integers(1, 4), st.sampled_from(";\t|"))
def test_letters_spelled_any_way_read_as_their_codes(data, n_tasks, n_roles, delimiter):
    row = st.lists(st.sampled_from(sorted(SPELLINGS)), min_size=n_roles, max_size=n_roles)
    codes = data.draw(st.lists(row, min_size=n_tasks, max_size=n_tasks))
    cells = [[data.draw(st.sampled_from(SPELLINGS[code])) for code in row] for row in codes]
    lines = [delimiter.join(["Tarea", *(f"Rol {k}" for k in range(n_roles))])]
    lines += [delimiter.join([f"Tarea {i}", *row]) for i, row in enumerate(cells)]
    plan = read_csv(("\r\n".join(lines) + "\r\n").encode())
    assert plan.cells.tolist() == codes


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=300))
def test_any_bytes_give_a_plan_or_a_plan_file_error(data):
    try:
        plan = read_csv(data)
    except PlanFileError as error:
        assert error.message("es") and error.message("en")
    else:
        assert isinstance(plan, Plan)


CSV_PIECES = list('abcRACI/ ,;|\t"\r\n\'=-ñ') + ["Tarea", "task", "SMM", "Horas", "A/R", "12,5"]
CSVISH = st.lists(st.sampled_from(CSV_PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(body=CSVISH, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
def test_any_csv_like_text_gives_a_plan_or_a_plan_file_error(body, encoding):
    try:
        read_csv(("Tarea,SMM,CM\r\n" + body).encode(encoding))
    except PlanFileError as error:
        assert error.row is None or error.row >= 1
