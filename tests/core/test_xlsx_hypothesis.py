"""Property tests: any plan the CSV round-trips survives a workbook; its formulas are the planner's; no file crashes."""

import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from raci import letters as L
from raci.files import PlanFileError, default_role, read_csv, write_csv
from raci.files.xlsx import decode_text, encode_text, read_xlsx, write_xlsx
from raci.limits import MAX_EFFORT_HOURS
from raci.model import Plan
from raci.seed import seed_plan
from tests.core.test_csv_hypothesis import any_character, plans
from tests.core.test_xlsx import _assert_figures_match, _workload_sheet

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Extreme efforts make the rules (run for the Findings sheet) warn about inf/overflow: not this module's concern.
pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")


@SETTINGS
@given(plan=plans(), lang=st.sampled_from(["en", "es"]))
def test_any_plan_round_trips_through_a_workbook_as_through_a_csv(plan, lang):
    assert read_csv(write_csv(plan)) == plan  # the premise: plans() are the plans a CSV round-trips
    back = read_xlsx(write_xlsx(plan, lang))
    assert back == plan
    assert write_csv(back) == write_csv(plan)


# The characters the workbook escapes, or that look like its escapes, mixed into any text.
ESCAPE_PIECES = ["_", "x", "X", "0", "5", "F", "f", "D", "d", "000D", "005F", "_x", "x005F_", "_x005F_", "_x005f_",
                 "\r", "\n", "\x01", "\x1f", "\x0b", "\ufffe", "\uffff", "'", "=", " "]
escape_text = st.lists(st.sampled_from(ESCAPE_PIECES) | any_character, max_size=20).map("".join)


@settings(max_examples=500, deadline=None)
@given(text=escape_text)
def test_the_text_codec_gives_back_any_text(text):
    encoded = encode_text(text)
    assert not any(ch in encoded for ch in "\r\x01\x02\x08\x0b\x0c\x0e\x1f\ufffe\uffff")
    assert "x005F_" not in encoded  # openpyxl's shared-string reader would delete it
    assert decode_text(encoded) == text
    assert decode_text(encoded.replace("x005F_", "")) == text


@SETTINGS
@given(plan=plans().filter(lambda p: p.n_tasks > 0), text=escape_text.filter(lambda s: s.strip() != ""))
def test_escape_like_text_round_trips_in_a_workbook(plan, text):
    plan = plan.update_task(0, name=text, category=text)
    assert read_xlsx(write_xlsx(plan)) == plan


efforts = st.floats(min_value=0, max_value=MAX_EFFORT_HOURS, allow_nan=False) | st.sampled_from([0.0, 1.0, 2.5, 8.0])


@st.composite
def matrices(draw) -> Plan:
    n_roles = draw(st.integers(1, 4))
    n_tasks = draw(st.integers(0, 8))
    tasks = pd.DataFrame({
        "name": [f"Task {i}" for i in range(n_tasks)],
        "category": [""] * n_tasks,
        "nature": draw(st.lists(st.sampled_from(["strategic", "operational", ""]), min_size=n_tasks,
                                max_size=n_tasks)),
        "effort": draw(st.lists(efforts, min_size=n_tasks, max_size=n_tasks)),
    })
    codes = draw(st.lists(st.integers(0, len(L.LETTERS) - 1), min_size=n_tasks * n_roles,
                          max_size=n_tasks * n_roles))
    cells = np.array(codes, dtype=np.int8).reshape(n_tasks, n_roles)
    return Plan.from_columns(tasks, [default_role(f"Role {k}") for k in range(n_roles)], cells)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=matrices())
def test_the_workload_formulas_give_the_planners_numbers_for_any_matrix(plan):
    _assert_figures_match(_workload_sheet(write_xlsx(plan), plan), plan)


GOOD = write_xlsx(seed_plan("es"))


@SETTINGS
@given(data=st.data())
def test_a_damaged_workbook_is_refused_never_crashes(data):
    raw = bytearray(GOOD)
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(raw) - 1))
        raw[position] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        raw = raw[: data.draw(st.integers(0, len(raw)))]
    try:
        read_xlsx(bytes(raw))
    except PlanFileError as error:
        assert error.message("es") and error.message("en")


@SETTINGS
@given(raw=st.binary(max_size=2000))
def test_arbitrary_bytes_are_refused_never_crash(raw):
    try:
        read_xlsx(b"PK\x03\x04" + raw)
        read_xlsx(raw)
    except PlanFileError as error:
        assert error.message("es")


def test_the_workbook_damaged_above_is_readable_before_damage():
    assert load_workbook(io.BytesIO(GOOD)).sheetnames[0] == "RACI"
    assert read_xlsx(GOOD) == seed_plan("es")
