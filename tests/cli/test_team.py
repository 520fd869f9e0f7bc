"""``python -m raci team`` and the capacity columns of ``workload --format json`` (issue 11)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from raci.analysis.settings import Settings
from raci.cli.team import team_document
from raci.files import write_plan_file
from raci.model import Plan, Role, Task
from raci.team import Person

ROOT = Path(__file__).resolve().parents[2]


def raci(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "raci", *args], cwd=ROOT, capture_output=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONPATH": str(ROOT)})


def capped_plan() -> Plan:
    roles = [Role("CM", "Community Manager", "operational", capacity=80.0), Role("SMM", profile="strategic"),
             Role("Diseño", capacity=100.0)]
    tasks = [Task("Responder comentarios", "Construcción de comunidad", "operational", 120.0),
             Task("Plan de contenidos", "Planificación", "strategic", 20.0),
             Task("Banners", "Difusión de contenido", "operational", 10.0)]
    return Plan.create(tasks, roles, [["A/R", "I", ""], ["C", "A/R", ""], ["I", "A", "R"]])


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.json"
    write_plan_file(capped_plan(), path, ",", lang="es")
    return path


def test_team_json_has_roles_people_and_advice(plan_file):
    result = raci("team", str(plan_file), "--format", "json", "--lang", "en")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"roles", "people", "advice"} and data["people"] == []
    roles = {r["role"]: r for r in data["roles"]}
    assert roles["CM"] == {"role": "CM", "capacity": 80.0, "load": 133.2, "utilisation": pytest.approx(1.665)}
    assert roles["SMM"]["capacity"] is None and roles["SMM"]["utilisation"] is None
    (advice,) = data["advice"]
    assert advice["role"] == "CM" and advice["fte_gap"] == 0.5  # 53.2 h over / 140 h
    assert "Community Manager" in advice["message"]


@pytest.mark.parametrize("lang, words", [("es", ["Roles", "de 80,0 h", "capacidad desconocida", "Consejo"]),
                                         ("en", ["Roles", "of 80.0 h", "no capacity known", "Staffing advice"])])
def test_team_text_reads_in_both_languages(plan_file, lang, words):
    result = raci("team", str(plan_file), "--lang", lang)
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode()
    for word in words:
        assert word in text, (word, text)


def test_team_on_a_missing_file_is_a_clear_error(tmp_path):
    result = raci("team", str(tmp_path / "nope.csv"), "--lang", "en")
    assert result.returncode == 2 and result.stderr and b"Traceback" not in result.stderr


def test_workload_json_gains_capacity_and_utilisation(plan_file):
    result = raci("workload", str(plan_file), "--format", "json")
    assert result.returncode == 0, result.stderr
    roles = {r["role"]: r for r in json.loads(result.stdout)["roles"]}
    assert roles["CM"]["capacity"] == 80.0 and roles["CM"]["utilisation"] == pytest.approx(1.665)
    assert roles["SMM"]["capacity"] is None and roles["SMM"]["utilisation"] is None


def test_the_team_document_with_people_is_json_without_nan():
    plan = (capped_plan().add_person(Person("Lucía", 140, {"CM": 1.0}))
            .add_person(Person("Pablo", 70, {"SMM": 1.0, "Diseño": 0.5}))
            .add_person(Person("Eva", 0, {"Diseño": 0.5})))
    data = team_document(plan, Settings(), "es")
    text = json.dumps(data, allow_nan=False)
    assert "NaN" not in text
    people = {p["name"]: p for p in data["people"]}
    assert people["Lucía"] == {"name": "Lucía", "hours": 140.0, "load": 133.2,
                               "utilisation": pytest.approx(133.2 / 140, abs=1e-4), "roles": {"CM": 1.0}}
    assert people["Pablo"]["roles"] == {"SMM": 1.0, "Diseño": 0.5}
    assert people["Eva"]["utilisation"] is None  # 0 h: no fraction exists
    roles = {r["role"]: r for r in data["roles"]}
    assert roles["CM"]["capacity"] == 140.0  # from Lucía, not the role's own 80 h
    assert roles["Diseño"]["capacity"] == 35.0  # Pablo's half of 70 h; Eva adds 0 h
    assert data["advice"] == []  # CM 133.2 of 140 h, SMM 27.2 of 70 h, Diseño 9 of 35 h
