"""Real-looking plan files (tests/samples/) read as the hand-written manifest says."""

import importlib.util
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from raci import letters as L
from raci.files import MAX_FILE_BYTES, PlanFileError, default_role, read_csv, write_csv
from raci.model import Plan

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
MANIFEST = tomllib.loads((SAMPLES / "expected.toml").read_text(encoding="utf-8"))
ACCEPTED = MANIFEST["accepted"]
REFUSED = MANIFEST["refused"]


def _read(entry: dict) -> bytes:
    return (SAMPLES / entry["file"]).read_bytes()


@pytest.mark.parametrize("entry", ACCEPTED, ids=[e["file"] for e in ACCEPTED])
def test_accepted_sample_reads_as_the_manifest_says(entry):
    plan = read_csv(_read(entry))
    assert plan.n_tasks == entry["tasks"]
    assert plan.role_names == entry["roles"]
    for task, role, letter in entry["letters"]:
        assert plan.letter(task, role) == letter, (task, role)
    for field, column in (("names", "name"), ("categories", "category"), ("natures", "nature")):
        for task, value in entry.get(field, []):
            assert plan.tasks[column].iat[task] == value, (field, task)
    for task, hours in entry.get("efforts", []):
        assert plan.tasks["effort"].iat[task] == hours, task
    for role, profile in entry.get("profiles", []):
        assert plan.role(role).profile == profile


@pytest.mark.parametrize("entry", REFUSED, ids=[e["file"] for e in REFUSED])
def test_refused_sample_names_the_problem_and_the_place(entry):
    with pytest.raises(PlanFileError) as caught:
        read_csv(_read(entry))
    error = caught.value
    assert error.key == entry["key"]
    assert error.row == entry.get("row")
    assert error.column == entry.get("column")
    for name, value in entry.get("params", {}).items():
        assert error.params[name] == value, name
    for lang in ("en", "es"):
        message = error.message(lang)
        assert not message.startswith("files."), "the message is missing from the translations"
        assert "{" not in message, message
        if error.row is not None:
            assert str(error.row) in message
        if error.column is not None:
            assert error.column in message


def test_every_sample_file_is_in_the_manifest_and_every_entry_has_a_file():
    listed = {e["file"] for e in ACCEPTED + REFUSED}
    on_disk = {p.name for p in SAMPLES.iterdir() if p.suffix in (".csv", ".txt")}
    assert listed == on_disk


def test_the_samples_are_what_make_samples_writes():
    spec = importlib.util.spec_from_file_location("make_samples", SAMPLES / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, data in module.samples().items():
        assert (SAMPLES / name).read_bytes() == data, f"{name}: run tests/samples/make_samples.py"


# ----- a very large file (generated here, never committed) ------------------------------------
def _large_plan(n_tasks: int, n_roles: int) -> Plan:
    rng = np.random.default_rng(7)
    cells = rng.integers(0, len(L.LETTERS), size=(n_tasks, n_roles), dtype=np.int8)
    tasks = pd.DataFrame({
        "name": [f"Tarea {i}: «campaña», \"fase\" {i % 13}" for i in range(n_tasks)],
        "category": np.array(["Planificación", "Análisis", "Difusión de contenido"])[np.arange(n_tasks) % 3],
        "nature": np.array(["strategic", "operational", ""])[np.arange(n_tasks) % 3],
        "effort": rng.random(n_tasks) * 40,
    })
    return Plan.from_columns(tasks, [default_role(f"Rol {k}") for k in range(n_roles)], cells)


@pytest.fixture(scope="module")
def large_file() -> tuple[Plan, bytes]:
    plan = _large_plan(100_000, 50)
    return plan, write_csv(plan, ";")


def test_a_very_large_file_is_refused_before_it_is_parsed(large_file, monkeypatch):
    _, data = large_file
    assert len(data) > MAX_FILE_BYTES

    def must_not_parse(*args, **kwargs):
        raise AssertionError("parsed a file over the limit")

    monkeypatch.setattr(pd, "read_csv", must_not_parse)
    with pytest.raises(PlanFileError) as caught:
        read_csv(data)
    assert caught.value.key == "too_large"
    assert "5 MB" in caught.value.message("en") and "5 MB" in caught.value.message("es")


def test_a_very_large_file_reads_whole_without_a_limit(large_file):
    plan, data = large_file
    assert read_csv(data, max_bytes=None) == plan


def test_a_very_large_file_with_one_bad_cell_near_the_end_is_refused_at_that_cell(large_file):
    _, data = large_file
    lines = data.split(b"\r\n")
    row = len(lines) - 3  # 1-based: the header is row 1
    cells = lines[row - 1].split(b";")
    cells[-1] = b"Z"
    lines[row - 1] = b";".join(cells)
    with pytest.raises(PlanFileError) as caught:
        read_csv(b"\r\n".join(lines), max_bytes=None)
    assert (caught.value.key, caught.value.row, caught.value.column) == ("bad_letter", row, "Rol 49")
