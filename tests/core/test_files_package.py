"""raci.files as a package: one dispatcher, one size check for every reader, public names, no private reach-ins."""

import ast
import importlib
from pathlib import Path

import numpy as np
import pytest

import raci.files as files
from raci.files import (
    MAX_FILE_BYTES,
    SUFFIXES,
    PlanFileError,
    default_role,
    plan_bytes,
    plan_from_grid,
    read_csv,
    read_json,
    read_plan_bytes,
    read_xlsx,
    write_csv,
    write_json,
    write_xlsx,
)
from raci.files.limits import check_size
from raci.model import Plan, Task

ROOT = Path(__file__).resolve().parents[2]
RACI = ROOT / "raci"


def _plan() -> Plan:
    tasks = [Task("Plan", "Planning", "strategic", 8), Task("Reply", "", "operational", 2.5)]
    return Plan.create(tasks, [default_role("SMM"), default_role("CM")], [["A/R", "C"], ["I", "A/R"]])


# ----- the package's names ----------------------------------------------------------------
def test_every_name_in_all_is_importable_from_the_package():
    assert sorted(files.__all__) == sorted(set(files.__all__))
    for name in files.__all__:
        assert getattr(files, name) is not None, name


@pytest.mark.parametrize("module, names", [
    ("raci.files.csv", ["PlanFileError", "MAX_FILE_BYTES", "read_csv", "write_csv", "detect_delimiter", "DELIMITERS"]),
    ("raci.files.xlsx", ["read_xlsx", "write_xlsx", "WorkbookFileError", "END_NAME", "SPARE_ROWS", "decode_text",
                         "encode_text"]),
    ("raci.files.json", ["read_json", "write_json", "FORMAT", "VERSION"]),
])
def test_the_import_paths_callers_use_keep_working_and_name_the_same_objects(module, names):
    loaded = importlib.import_module(module)
    for name in names:
        assert getattr(loaded, name) is getattr(files, name, getattr(loaded, name)), name


def _imports_from_raci(path: Path) -> list[tuple[str, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(node.module, alias.name) for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
            and node.module and node.module.startswith("raci") for alias in node.names]


def test_no_module_of_raci_imports_another_modules_private_names():
    private = [(str(path.relative_to(ROOT)), module, name) for path in RACI.rglob("*.py")
               for module, name in _imports_from_raci(path) if name.startswith("_")]
    assert private == []


def test_every_module_of_raci_files_is_at_most_400_lines():
    long = {path.name: n for path in (RACI / "files").glob("*.py")
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}


# ----- one size check for every reader ----------------------------------------------------------
def test_every_reader_refuses_an_oversized_file_with_the_same_error():
    plan = _plan()
    files_by_suffix = {".csv": write_csv(plan), ".xlsx": write_xlsx(plan), ".json": write_json(plan)}
    for suffix, data in files_by_suffix.items():
        with pytest.raises(PlanFileError) as caught:
            read_plan_bytes(data, f"plan{suffix}", max_bytes=len(data) - 1)
        assert (caught.value.key, type(caught.value)) == ("too_large", PlanFileError), suffix
        assert caught.value.params == {"size": "0", "limit": "0"}, suffix
        assert read_plan_bytes(data, f"plan{suffix}", max_bytes=len(data)) == read_csv(write_csv(plan))


def test_the_size_check_counts_megabytes_and_a_text_by_its_utf8_bytes():
    check_size(b"x" * 10, 10)
    check_size(b"x" * 10**8, None)
    with pytest.raises(PlanFileError) as caught:
        check_size("é" * 6, 11)  # 12 bytes in UTF-8
    assert caught.value.key == "too_large"
    with pytest.raises(PlanFileError) as caught:
        check_size(b"\0" * (MAX_FILE_BYTES + 1), MAX_FILE_BYTES)
    assert caught.value.params == {"size": "5", "limit": "5"}
    assert "5 MB" in caught.value.message("en") and "5 MB" in caught.value.message("es")


def test_each_reader_checks_the_size_before_anything_else():
    for reader in (read_csv, read_xlsx, read_json):
        with pytest.raises(PlanFileError) as caught:
            reader(b"\x00\xff" * 100, max_bytes=10)
        assert caught.value.key == "too_large", reader.__name__


# ----- the dispatcher -------------------------------------------------------------------
@pytest.mark.parametrize("suffix", SUFFIXES)
def test_every_suffix_writes_a_file_its_reader_reads_back(suffix):
    plan = _plan()
    expected = read_csv(write_csv(plan))
    assert read_plan_bytes(plan_bytes(plan, f"Plan{suffix.upper()}"), f"x{suffix}") == expected


def test_tsv_is_tab_separated_and_an_unknown_suffix_is_refused():
    assert plan_bytes(_plan(), "plan.tsv").decode("utf-8-sig").startswith("task\tcategory\t")
    with pytest.raises(PlanFileError) as caught:
        read_plan_bytes(b"task,SMM\r\n", "plan.ods")
    assert caught.value.key == "unknown_format" and caught.value.params == {"suffix": ".ods"}


# ----- the grid reader, shared by CSV files and workbooks ----------------------------------------
def test_plan_from_grid_reads_a_grid_of_texts_and_names_the_files_rows():
    grid = np.array([["Tarea", "SMM", "CM"], ["Diseño", "A/R", "c"], ["Post", "R", "A"]], dtype=object)
    plan = plan_from_grid(grid)
    assert plan.role_names == ["SMM", "CM"] and plan.tasks["name"].tolist() == ["Diseño", "Post"]
    bad = grid.copy()
    bad[2, 2] = "Z"
    with pytest.raises(PlanFileError) as caught:
        plan_from_grid(bad, header_row=4)
    assert (caught.value.key, caught.value.row, caught.value.column) == ("bad_letter", 6, "CM")
