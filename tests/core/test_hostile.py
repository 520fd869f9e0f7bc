"""Hostile files cost bounded work: each is refused with its limit named, or read, by the upload's reader
and by ``python -m raci check``; and the plan's own limits hold however a plan is built.

The files come from tests/hostile/make_hostile.py, the outcomes from tests/hostile/expected.toml.
How long each takes is measured by ``python -m benchmarks.bench_hostile``, not asserted here.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from raci.cli.common import say_json
from raci.files import MAX_UNZIPPED_BYTES, PlanFileError, read_plan_bytes, read_plan_file
from raci.files.limits import check_unzipped, unzipped_limit
from raci.i18n import texts
from raci.limits import MAX_CELLS, MAX_EFFORT_HOURS, MAX_NAME_CHARS, MAX_ROLES, MAX_TASKS
from raci.model import Plan, PlanError, Role, Task
from tests.hostile.make_hostile import FILES, write_all

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = tomllib.loads((ROOT / "tests" / "hostile" / "expected.toml").read_text(encoding="utf-8"))
CASES = {case["file"]: ("refused", case) for case in EXPECTED["refused"]} | {
    case["file"]: ("accepted", case) for case in EXPECTED["accepted"]}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile")
    write_all(path)
    return path


def test_every_hostile_file_has_an_expected_outcome():
    assert sorted(CASES) == sorted(FILES)
    assert len(CASES) == len(EXPECTED["refused"]) + len(EXPECTED["accepted"])  # no file twice


@pytest.mark.parametrize("name", sorted(FILES))
def test_the_upload_reader_refuses_or_reads_each_hostile_file(folder, name):
    outcome, case = CASES[name]
    data = (folder / name).read_bytes()
    if outcome == "accepted":
        plan = read_plan_bytes(data, name)
        assert (plan.n_tasks, plan.n_roles) == (case["tasks"], case["roles"])
        return
    with pytest.raises(PlanFileError) as caught:
        read_plan_bytes(data, name)
    error = caught.value
    assert error.key == case["key"]
    if "row" in case:
        assert error.row == case["row"]
    for lang in ("en", "es"):
        message = error.message(lang)
        assert message != f"{error.AREA}.{error.key}" and "{" not in message.replace("{{", "")


@pytest.mark.parametrize("name", sorted(FILES))
def test_the_command_line_refuses_or_checks_each_hostile_file(folder, name):
    outcome, case = CASES[name]
    path = folder / name
    result = subprocess.run([sys.executable, "-m", "raci", "check", str(path), "--format", "json", "--lang", "es"],
                            cwd=ROOT, capture_output=True, timeout=120,
                            env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONPATH": str(ROOT)})
    stdout, stderr = result.stdout.decode(), result.stderr.decode()
    assert "Traceback" not in stderr
    if outcome == "refused":
        with pytest.raises(PlanFileError) as caught:
            read_plan_file(path)  # as the CLI reads it: no size limit
        assert caught.value.key == case["key"]
        assert result.returncode == 2
        assert stderr.strip().splitlines() == [f"{path}: {caught.value.message('es')}"]
        return
    assert result.returncode == case["check_exit"], stderr
    findings = json.loads(stdout, parse_constant=_no_constant)
    assert isinstance(findings, list)
    assert not any(word in stdout.lower() for word in ("infinity", "nan,", "inf "))


def _no_constant(name: str) -> None:
    raise AssertionError(f"{name} in the JSON output")


def test_json_output_refuses_nan_and_infinity_rather_than_writing_them(capsys):
    for value in (float("nan"), float("inf")):
        with pytest.raises(ValueError):
            say_json({"hours": value})
    assert capsys.readouterr().out == ""


# ----- the workbook's unpack limit holds without max_bytes -------------------------------------
def test_the_unzipped_limit_is_25_times_max_bytes_and_never_above_512_mb():
    assert MAX_UNZIPPED_BYTES == 512 * 1024 * 1024
    assert unzipped_limit(None) == MAX_UNZIPPED_BYTES
    assert unzipped_limit(1024) == 25 * 1024
    assert unzipped_limit(100 * 1024 * 1024) == MAX_UNZIPPED_BYTES
    check_unzipped(MAX_UNZIPPED_BYTES, None)
    with pytest.raises(PlanFileError) as caught:
        check_unzipped(MAX_UNZIPPED_BYTES + 1, None)
    assert caught.value.key == "unzipped_too_large" and caught.value.params["limit"] == "512"


# ----- the plan's own limits, however the plan is built --------------------------------------------
def _frame(n: int, effort: float = 1.0, name: str = "t") -> pd.DataFrame:
    return pd.DataFrame({"name": [f"{name}{i}" for i in range(n)], "category": [""] * n, "nature": [""] * n,
                         "effort": [effort] * n})


def _refused(build) -> PlanError:  # noqa: ANN001
    with pytest.raises(PlanError) as caught:
        build()
    return caught.value


def test_a_plan_holds_at_most_the_documented_tasks_roles_and_cells():
    roles = [Role(f"r{k}") for k in range(MAX_ROLES + 1)]
    error = _refused(lambda: Plan.from_columns(_frame(1), roles, np.zeros((1, MAX_ROLES + 1))))
    assert (error.key, error.params["limit"], error.params["found"]) == ("too_many_roles", MAX_ROLES, MAX_ROLES + 1)
    assert _refused(lambda: Plan.create([], roles)).key == "too_many_roles"
    error = _refused(lambda: Plan.from_columns(_frame(MAX_TASKS + 1), roles[:1], np.zeros((MAX_TASKS + 1, 1))))
    assert error.key == "too_many_tasks"
    n_tasks = MAX_CELLS // 1000 + 1
    error = _refused(lambda: Plan.from_columns(_frame(n_tasks), roles[:1000], np.zeros((n_tasks, 1000))))
    assert error.key == "too_many_cells"
    assert "5.000.000" in error.message("es") and "5,000,000" in error.message("en")


def test_adding_a_task_or_a_role_beyond_the_limits_is_refused():
    full_of_tasks = Plan.from_columns(_frame(MAX_TASKS), [Role("CM")], np.zeros((MAX_TASKS, 1)))
    assert _refused(lambda: full_of_tasks.add_task(Task("one more"))).key == "too_many_tasks"
    full_of_roles = Plan.create([Task("t")], [Role(f"r{k}") for k in range(MAX_ROLES)])
    assert _refused(lambda: full_of_roles.add_role(Role("one more"))).key == "too_many_roles"


def test_names_and_efforts_beyond_the_limits_are_refused_in_both_languages():
    long = "x" * (MAX_NAME_CHARS + 1)
    for build in (lambda: Task(long), lambda: Task("t", category=long), lambda: Role(long),
                  lambda: Role("R1", name=long),
                  lambda: Plan.from_columns(_frame(1, name=long), [Role("CM")], np.zeros((1, 1)))):
        assert _refused(build).key == "text_too_long"
    Task("x" * MAX_NAME_CHARS, effort=MAX_EFFORT_HOURS)  # the limits themselves are allowed
    for build in (lambda: Task("t", effort=1e308),
                  lambda: Plan.from_columns(_frame(2, effort=1e308), [Role("CM")], np.zeros((2, 1)))):
        error = _refused(build)
        assert error.key == "effort_too_large"
        assert "10,000" in error.message("en") and "10.000" in error.message("es")


def test_every_new_message_is_in_both_languages():
    keys = ["plan_error.too_many_tasks", "plan_error.too_many_roles", "plan_error.too_many_cells",
            "plan_error.text_too_long", "plan_error.effort_too_large", "files.too_many_rows",
            "files.too_many_columns", "files.too_many_roles", "files.too_many_tasks", "files.too_many_matrix_cells",
            "files.text_too_long", "files.effort_too_large", "files.grid_too_large", "files.json_effort_too_large",
            "files.json_text_too_long", "files.json_too_many", "xlsx.too_many_shared_strings", "xlsx.doctype"]
    for lang in ("en", "es"):
        assert [key for key in keys if key not in texts(lang)] == []
