"""``python -m raci balance``: the proposal as text and JSON, locks by name, -o, exit codes."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from raci.analysis.balance import balance
from raci.files import read_plan_file, write_plan_file
from raci.seed import seed_plan

ROOT = Path(__file__).resolve().parents[2]


def raci(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "raci", *args], cwd=ROOT, capture_output=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONPATH": str(ROOT)})


@pytest.fixture
def overloaded(tmp_path: Path) -> Path:
    """The seeded plan, its CM at 64 h (the JSON keeps the capacity)."""
    path = tmp_path / "marca.json"
    write_plan_file(seed_plan("es").update_role("CM", capacity=64.0), path, ",", lang="es")
    return path


def test_json_has_the_moves_and_the_team_before_and_after(overloaded):
    done = raci("balance", str(overloaded), "--format", "json", "--any-role")
    assert done.returncode == 0, done.stderr
    said = json.loads(done.stdout)
    assert said["optimal"] is True and said["gap"] == 0.0
    assert said["before"]["max_utilisation"] > 1.5 and said["after"]["max_utilisation"] <= 1.0
    assert set(said["before"]["utilisation"]) == {"SMM", "CM"}
    move = said["moves"][0]
    assert set(move) == {"task", "before", "after", "hours"}
    assert move["before"]["CM"] == "A/R" and move["after"]["SMM"] == "A/R"
    expected = balance(read_plan_file(overloaded), any_role=True)
    assert [m["task"] for m in said["moves"]] == [m.task for m in expected.moves]


def test_text_in_spanish_max_moves_and_a_lock_by_its_english_name(overloaded):
    free = balance(read_plan_file(overloaded), any_role=True)
    first = free.moves[0].task  # "Construir y gestionar la comunidad en línea"
    done = raci("balance", str(overloaded), "--lang", "es", "--any-role", "--max-moves", "1",
                "--lock", "build and manage the ONLINE community")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode().splitlines()
    assert lines[0].startswith("1 cambio baja la utilización más alta")
    assert len([line for line in lines if "->" in line and ";" in line]) == 1
    assert first not in done.stdout.decode()
    assert any(line.strip().startswith("CM:") and "%" in line for line in lines)


def test_output_writes_the_balanced_plan_in_any_format(overloaded, tmp_path):
    out = tmp_path / "equilibrado.xlsx"
    done = raci("balance", str(overloaded), "--any-role", "-o", str(out))
    assert done.returncode == 0, done.stderr
    plan = read_plan_file(overloaded)
    assert read_plan_file(out) == balance(plan, any_role=True).apply(plan)


def test_nothing_to_move_says_why_and_exits_0(overloaded):
    plan = read_plan_file(overloaded)
    locks = [arg for tid in plan.task_ids for arg in ("--lock", tid)]
    done = raci("balance", str(overloaded), "--lang", "en", *locks)
    assert done.returncode == 0
    assert done.stdout.decode().startswith("Nothing can move: every task is locked in place.")


@pytest.mark.parametrize("args, message", [
    (["--lock", "No existe"], "No task is called 'No existe'"),
    (["--max-moves", "-2"], "is not a number of moves"),
    (["--time-limit", "0"], "is not a time limit"),
])
def test_impossible_requests_exit_2_with_one_line(overloaded, args, message):
    done = raci("balance", str(overloaded), "--lang", "en", *args)
    assert done.returncode == 2
    assert message in done.stderr.decode() and "Traceback" not in done.stderr.decode()


def test_an_unreadable_file_exits_2(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\x00\xff\x00garbage")
    done = raci("balance", str(bad))
    assert done.returncode == 2 and "Traceback" not in done.stderr.decode()
