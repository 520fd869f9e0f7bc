"""``python -m raci plans``, run as a user runs it, on each backend (``--db``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from raci.files.csv import read_csv
from raci.files.team import keep_team
from raci.seed import seed_plan

ROOT = Path(__file__).resolve().parents[2]


def raci(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "raci", *args], cwd=ROOT, capture_output=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONPATH": str(ROOT)})


def one_line(result: subprocess.CompletedProcess) -> str:
    text = result.stderr.decode("utf-8")
    assert result.returncode == 2 and text.count("\n") == 1 and "Traceback" not in text, text
    return text.strip()


@pytest.fixture
def saved(store):
    """Two plans, one with two versions, and one in the bin."""
    first = store.create_plan("Equipo redes", seed_plan("es"), author="ana")
    edited = seed_plan("es").set_letter(0, "CM", "I")
    store.save(first.id, edited, 1, author="bea")
    second = store.create_plan("Team EN", seed_plan("en"), author="carl")
    binned = store.create_plan("Viejo", seed_plan("es"))
    store.delete(binned.id)
    return {"first": first.id, "second": second.id, "binned": binned.id, "edited": edited}


def test_help_lists_the_plan_commands():
    result = raci("plans", "--help")
    assert result.returncode == 0 and b"list" in result.stdout and b"export" in result.stdout
    for action in ("list", "export"):
        assert raci("plans", action, "--help").returncode == 0


def test_list_as_json(store_url, saved):
    result = raci("plans", "list", "--db", store_url, "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["id"], r["name"], r["head"], r["updated_by"]) for r in rows] == [
        (saved["second"], "Team EN", 1, "carl"), (saved["first"], "Equipo redes", 2, "bea")]
    assert rows[0]["created_at"].endswith("+00:00") and rows[0]["deleted_at"] is None
    with_bin = json.loads(raci("plans", "list", "--db", store_url, "--format", "json", "--deleted").stdout)
    assert saved["binned"] in {r["id"] for r in with_bin} and any(r["deleted_at"] for r in with_bin)


def test_list_as_text_in_both_languages(store_url, saved):
    english = raci("plans", "list", "--db", store_url).stdout.decode("utf-8").splitlines()
    assert english[0].split() == ["id", "version", "updated", "(UTC)", "by", "name"]
    assert english[1].startswith(saved["second"]) and english[1].endswith("Team EN")
    assert english[2].startswith(saved["first"]) and " 2 " in english[2] and english[2].endswith("Equipo redes")
    spanish = raci("plans", "--lang", "es", "list", "--db", store_url, "--deleted").stdout.decode("utf-8")
    assert spanish.splitlines()[0].split()[:2] == ["id", "versión"] and "Viejo (eliminado)" in spanish
    assert "versión" in raci("plans", "list", "--lang", "es", "--db", store_url).stdout.decode("utf-8")


def test_listing_a_missing_sqlite_file_creates_nothing(tmp_path):
    path = tmp_path / "none.db"
    result = raci("plans", "list", "--db", f"sqlite:///{path}")
    assert result.returncode == 0 and result.stdout.decode("utf-8").strip() == f"No plans in sqlite:///{path}."
    assert not path.exists()
    assert json.loads(raci("plans", "list", "--db", f"sqlite:///{path}", "--format", "json").stdout) == []


def test_export_writes_the_latest_or_an_older_version(store_url, saved, tmp_path):
    out = tmp_path / "plan.csv"
    result = raci("plans", "export", saved["first"], "-o", str(out), "--db", store_url)
    assert result.returncode == 0, result.stderr
    assert keep_team(read_csv(out.read_bytes()), saved["edited"]).plan == saved["edited"]  # a CSV is the matrix
    old = tmp_path / "old.csv"
    assert raci("plans", "export", saved["first"], "-o", str(old), "--db", store_url, "--version", "1",
                "--delimiter", ";").returncode == 0
    assert old.read_bytes().decode("utf-8-sig").startswith("task;category;nature;effort_hours;SMM;CM")
    assert keep_team(read_csv(old.read_bytes()), seed_plan("es")).plan == seed_plan("es")


def test_export_to_json_keeps_everything(store, store_url, tmp_path):
    from raci.files.json import read_json
    from raci.model import Role

    plan = seed_plan("en").add_role(Role("Ads", "Paid media specialist", "operational", 62.5), letter="I")
    info = store.create_plan("Rich", plan)
    out = tmp_path / "plan.json"
    assert raci("plans", "export", info.id, "-o", str(out), "--db", store_url).returncode == 0
    assert read_json(out.read_bytes()) == plan


def test_export_failures_are_one_line_and_exit_2(store_url, saved, tmp_path):
    out = str(tmp_path / "x.csv")
    assert one_line(raci("plans", "export", "nope", "-o", out, "--db", store_url)) == "There is no plan 'nope'."
    assert one_line(raci("plans", "export", "nope", "-o", out, "--db", store_url, "--lang", "es")) == (
        "No hay ningún plan 'nope'.")
    assert "has no version 9" in one_line(raci("plans", "export", saved["first"], "-o", out, "--db", store_url,
                                               "--version", "9"))
    assert "cannot be written" in one_line(raci("plans", "export", saved["first"], "-o",
                                                str(tmp_path / "no" / "dir" / "x.csv"), "--db", store_url))
    assert one_line(raci("plans", "export", saved["first"], "-o", str(tmp_path / "x.xyz"), "--db", store_url))
    assert not Path(out).exists()


def test_an_unusable_database_is_one_line_and_exit_2(tmp_path):
    line = one_line(raci("plans", "list", "--db", "postgresql+psycopg://raci:pw@127.0.0.1:1/raci"))
    assert line.startswith("The plan database cannot be reached (postgresql+psycopg://raci:***@127.0.0.1:1/raci)")
    line = one_line(raci("plans", "export", "abc", "-o", str(tmp_path / "x.csv"), "--db",
                         f"sqlite:///{tmp_path / 'd.db'}", "--lang", "es"))
    assert line == "No hay ningún plan 'abc'."
    (tmp_path / "bad.db").write_bytes(b"not a database at all" * 50)
    line = one_line(raci("plans", "list", "--db", f"sqlite:///{tmp_path / 'bad.db'}"))
    assert "is not a plan database" in line
    assert "is not a database address" in one_line(raci("plans", "list", "--db", "nonsense"))
