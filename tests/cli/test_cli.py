"""The command line, run as a user runs it: ``python -m raci`` in a subprocess."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from raci.files.csv import read_csv, write_csv
from raci.files.team import keep_team
from raci.seed import seed_plan

ROOT = Path(__file__).resolve().parents[2]


def raci(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "raci", *args], cwd=ROOT, capture_output=True, input=stdin,
                          timeout=60, env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONPATH": str(ROOT)})


@pytest.fixture
def broken_plan(tmp_path: Path) -> Path:
    path = tmp_path / "broken.csv"
    path.write_bytes("task,SMM,CM\r\nPresupuestos,A,A\r\nVacía,,\r\n".encode("utf-8-sig"))
    return path


@pytest.mark.parametrize("command", [[], ["seed"], ["check"], ["convert"], ["workload"], ["deck"]])
def test_help_is_there_for_every_command(command):
    result = raci(*command, "--help")
    assert result.returncode == 0 and b"usage: python -m raci" in result.stdout


@pytest.mark.parametrize("lang, first, header", [
    ("es", "Seleccionar plataformas", "tarea,categoría,naturaleza,horas,SMM,CM"),
    ("en", "Select social media platforms", "task,category,nature,effort_hours,SMM,CM"),
])
def test_seed_writes_the_documents_plan_to_stdout(lang, first, header):
    result = raci("seed", "--lang", lang)
    assert result.returncode == 0
    assert result.stdout.startswith(b"\xef\xbb\xbf" + header.encode() + b"\r\n")  # in the user's language
    assert keep_team(read_csv(result.stdout), seed_plan(lang)).plan == seed_plan(lang)
    assert first in result.stdout.decode("utf-8-sig").splitlines()[1]


def test_seed_to_a_file_with_semicolons(tmp_path):
    out = tmp_path / "plan.csv"
    assert raci("seed", "--lang", "es", "-o", str(out), "--delimiter", ";").returncode == 0
    assert out.read_bytes().decode("utf-8-sig").splitlines()[0] == "tarea;categoría;naturaleza;horas;SMM;CM"
    assert keep_team(read_csv(out.read_bytes()), seed_plan("es")).plan == seed_plan("es")


def test_check_passes_the_seeded_plan(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_bytes(write_csv(seed_plan("en")))
    result = raci("check", str(path))
    assert result.returncode == 0
    assert b"Health score: 100/100" in result.stdout


def test_check_reports_errors_as_json_and_exits_1(broken_plan):
    result = raci("check", str(broken_plan), "--format", "json", "--lang", "es")
    assert result.returncode == 1
    findings = json.loads(result.stdout)
    assert {tuple(sorted(f)) for f in findings} == {("message", "role", "rule", "severity", "task")}
    rules = {(f["rule"], f["task"]) for f in findings}
    assert ("multiple-accountable", "Presupuestos") in rules and ("unassigned-task", "Vacía") in rules
    assert any("Aprobadores" in f["message"] for f in findings)


def test_check_text_lists_each_finding_with_its_id(broken_plan):
    result = raci("check", str(broken_plan), "--lang", "en")
    assert result.returncode == 1
    out = result.stdout.decode()
    assert "multiple-accountable" in out and "'Presupuestos' has 2 Accountable roles" in out


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"task,SMM\r\nPlan,X\r\n", "Row 2, column 'SMM': 'X' is not one of R, A, C, I, A/R."),
        (b"", "empty"),
        (b"\x00\x01\x02PK\x03\x04" * 50, "not a CSV text file"),
    ],
    ids=["bad letter", "empty", "binary"],
)
def test_unreadable_files_exit_2_with_one_line_and_no_traceback(tmp_path, content, expected):
    path = tmp_path / "plan.csv"
    path.write_bytes(content)
    for command in ("check", "workload"):
        result = raci(command, str(path), "--lang", "en")
        assert result.returncode == 2
        assert b"Traceback" not in result.stderr and result.stdout == b""
        assert expected.lower() in result.stderr.decode().lower()


def test_a_missing_file_exits_2(tmp_path):
    result = raci("check", str(tmp_path / "nope.csv"))
    assert result.returncode == 2 and b"Traceback" not in result.stderr and b"nope.csv" in result.stderr


def test_convert_normalises_a_messy_spanish_excel_file(tmp_path):
    messy = tmp_path / "excel.csv"
    messy.write_bytes("Tarea;Horas;SMM;CM\r\nDiseñar «banners»;7,5;c;a/r\r\n".encode("cp1252"))
    out = tmp_path / "clean.csv"
    result = raci("convert", str(messy), "-o", str(out))
    assert result.returncode == 0
    expected = "\ufefftask,category,nature,effort_hours,SMM,CM\r\nDiseñar «banners»,,,7.5,C,A/R\r\n"
    assert out.read_bytes() == expected.encode()


def test_convert_refuses_an_unknown_extension(tmp_path):
    source = tmp_path / "plan.csv"
    source.write_bytes(write_csv(seed_plan("en")))
    result = raci("convert", str(source), "-o", str(tmp_path / "plan.docx"))
    assert result.returncode == 2 and b".docx" in result.stderr


def test_workload_json_gives_hours_per_role_by_letter_and_nature(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_bytes(write_csv(seed_plan("en")))
    result = raci("workload", str(path), "--format", "json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    roles = {r["role"]: r for r in data["roles"]}
    assert set(roles) == {"SMM", "CM"}
    assert set(roles["SMM"]["by_letter"]) == {"R", "A", "C", "I"}
    assert set(roles["CM"]["by_nature"]) >= {"strategic", "operational"}
    assert sum(r["by_letter"]["R"] for r in data["roles"]) == pytest.approx(data["assigned_effort"], abs=0.02)


def test_workload_text_is_a_table_in_the_chosen_language(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_bytes(write_csv(seed_plan("es")))
    out = raci("workload", str(path), "--lang", "es").stdout.decode()
    assert "Estratégica" in out and "Operativa" in out and "SMM" in out and "horas de tareas al mes" in out


@pytest.mark.parametrize("kind, suffix, magic", [("workload", "png", b"\x89PNG"), ("heatmap", "svg", b"<svg"),
                                                 ("split", "pdf", b"%PDF")])
def test_chart_writes_slide_images(tmp_path, kind, suffix, magic):
    from raci.output.images import image_export_available

    if not image_export_available():
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing: CI must install it")
        pytest.skip("no Chromium here")
    source = tmp_path / "plan.csv"
    source.write_bytes(write_csv(seed_plan("es")))
    out = tmp_path / f"chart.{suffix}"
    result = subprocess.run([sys.executable, "-m", "raci", "chart", str(source), "--kind", kind, "-o", str(out),
                             "--lang", "es"], cwd=ROOT, capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert magic in out.read_bytes()[:400]


def test_chart_refuses_a_format_it_cannot_write(tmp_path):
    source = tmp_path / "plan.csv"
    source.write_bytes(write_csv(seed_plan("en")))
    result = raci("chart", str(source), "--kind", "split", "-o", str(tmp_path / "chart.gif"), "--lang", "en")
    assert result.returncode == 2 and b".gif" in result.stderr and b"Traceback" not in result.stderr


def test_an_output_that_cannot_be_written_exits_2_without_a_traceback(tmp_path):
    result = raci("seed", "-o", str(tmp_path / "missing-folder" / "plan.csv"), "--lang", "en")
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert b"cannot be written" in result.stderr


# ----- hostile text, closed pipes ------------------------------------------------------------------
@pytest.fixture
def escape_plan(tmp_path: Path) -> Path:
    path = tmp_path / "escapes.csv"
    name = "\x1b]0;pwned\x07Evil \x1b[31mred\u0085"
    path.write_text(f"task,SMM,CM\n\"{name}\",A/R,I\n\"{name}\",A/R,I\n", encoding="utf-8")
    return path


def test_terminal_escapes_in_task_names_are_never_printed_raw(escape_plan):
    text = raci("check", str(escape_plan), "--lang", "en")
    assert text.returncode == 1 and b"duplicate-task" in text.stdout
    assert b"\x1b" not in text.stdout and b"\x07" not in text.stdout and "\u0085".encode() not in text.stdout
    assert b"\\x1b]0;pwned\\x07Evil \\x1b[31mred\\x85" in text.stdout  # shown, as escapes
    as_json = raci("check", str(escape_plan), "--format", "json")
    assert b"\x1b" not in as_json.stdout and "\u0085".encode() not in as_json.stdout
    messages = [row["message"] for row in json.loads(as_json.stdout)]
    assert "\x1b]0;pwned\x07Evil \x1b[31mred\u0085" in messages[0]  # valid JSON that keeps the text


def test_a_direction_override_in_a_name_is_refused_and_shown_as_an_escape(tmp_path):
    path = tmp_path / "override.csv"
    path.write_text("task,SMM,CM\n\"Pay \u202etxt.exe\",A/R,I\n", encoding="utf-8")
    result = raci("check", str(path), "--lang", "es")
    assert result.returncode == 2 and "\u202e".encode() not in result.stdout + result.stderr
    assert b"Fila 2" in result.stderr and b"U+202E" in result.stderr


def test_check_into_a_closed_pipe_exits_quietly(tmp_path):
    path = tmp_path / "many.csv"
    path.write_text("task,SMM,CM\n" + "".join(f"t{i},,\n" for i in range(20_000)), encoding="utf-8")
    result = subprocess.run(f"'{sys.executable}' -m raci check '{path}' | head -n 2", shell=True, cwd=ROOT,
                            capture_output=True, timeout=120, env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
                                                                   "PYTHONPATH": str(ROOT)})
    assert result.stdout.count(b"\n") == 2 and b"unassigned-task" in result.stdout
    assert result.stderr == b""  # no "Exception ignored ... BrokenPipeError", no traceback


# ----- the meeting deck ------------------------------------------------------------------------
def test_deck_writes_a_powerpoint_file_in_the_chosen_language(tmp_path):
    from pptx import Presentation

    source = tmp_path / "marca_sol.csv"
    source.write_bytes(write_csv(seed_plan("es")))
    out = tmp_path / "deck.pptx"
    result = raci("deck", str(source), "-o", str(out), "--lang", "es", "--title", "Marca Sol · Q1")
    assert result.returncode == 0, result.stderr
    deck = Presentation(str(out))
    first = [shape.text_frame.text for shape in deck.slides[0].shapes if shape.has_text_frame]
    assert "Marca Sol · Q1" in first and any("22 tareas" in text for text in first)
    assert sum(shape.has_chart for slide in deck.slides for shape in slide.shapes) == 3  # no capacities: no utilisation
    titled = raci("deck", str(source), "-o", str(tmp_path / "en.pptx"), "--lang", "en")
    assert titled.returncode == 0
    assert Presentation(str(tmp_path / "en.pptx")).core_properties.title == "marca_sol"  # the file's name


def test_deck_of_an_unreadable_plan_exits_2_and_writes_nothing(tmp_path, broken_plan):
    source = tmp_path / "empty.csv"
    source.write_bytes(b"")
    out = tmp_path / "deck.pptx"
    result = raci("deck", str(source), "-o", str(out), "--lang", "es")
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert result.stderr.decode().count("\n") == 1 and not out.exists()
