"""``python -m raci brief``: a role's brief as HTML (stdout or a file) or PDF, one A4 page for the seeded roles;
bad input gets one line in the user's language and exit 2, never a traceback."""

import os

import pypdfium2 as pdfium
import pytest

from raci.files.csv import write_csv
from raci.files.json import write_json
from raci.output.images import browser_path
from raci.seed import seed_plan
from raci.team import Person
from tests.cli.test_cli import raci


@pytest.fixture
def seeded(tmp_path):
    path = tmp_path / "marca.csv"
    path.write_bytes(write_csv(seed_plan("es")))
    return path


@pytest.fixture
def needs_chromium():
    if browser_path() is None:
        message = "Chromium is not installed (apt-get install -y chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}: in CI the PDF briefs must be printed", pytrace=False)
        pytest.skip(message)


@pytest.mark.parametrize("lang, heading", [("es", "Lo que hago (R, A/R)"), ("en", "What I do (R, A/R)")])
def test_html_to_standard_output_in_the_users_language(seeded, lang, heading):
    result = raci("brief", str(seeded), "--role", "CM", "--lang", lang)
    assert result.returncode == 0, result.stderr
    page = result.stdout.decode("utf-8")
    assert page.startswith("<!DOCTYPE html>") and heading in page and "marca" in page
    assert ("Moderar conversaciones en línea" if lang == "es" else "Moderate online conversations") in page


def test_html_to_a_file(seeded, tmp_path):
    out = tmp_path / "smm.html"
    result = raci("brief", str(seeded), "--role", "SMM", "-o", str(out), "--lang", "en", "--title", "Brand & co")
    assert result.returncode == 0 and result.stdout == b""
    page = out.read_text(encoding="utf-8")
    assert "Brief: SMM · Brand &amp; co" in page and "Social Media Manager" in page


def test_a_persons_brief(tmp_path):
    path = tmp_path / "team.json"
    path.write_bytes(write_json(seed_plan("en").add_person(Person("Lucía", 140, {"CM": 1.0}))))
    result = raci("brief", str(path), "--person", "Lucía", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "Brief: Lucía" in result.stdout.decode() and "CM 100%" in result.stdout.decode()


@pytest.mark.parametrize("args, lang, message", [
    (["--role", "XX"], "es", "No hay ningún rol llamado 'XX'. Los roles del plan: SMM, CM."),
    (["--role", "XX"], "en", "There is no role called 'XX'. The plan's roles: SMM, CM."),
    ([], "en", "Name a role (--role) or a person (--person), one of them. The plan's roles: SMM, CM."),
    (["--person", "Ana"], "es", "No hay ninguna persona llamada 'Ana'. Las personas del plan: ninguna."),
    (["--role", "CM", "-o", "cm.docx"], "en", "'.docx' is not a brief format: name the output .html or .pdf."),
])
def test_bad_input_says_why_in_the_users_language_and_exits_2(seeded, args, lang, message):
    result = raci("brief", str(seeded), *args, "--lang", lang)
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.decode().strip() == message


def test_an_unreadable_file_exits_2_without_a_traceback(tmp_path):
    result = raci("brief", str(tmp_path / "nope.csv"), "--role", "CM", "--lang", "es")
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert "No se puede leer" in result.stderr.decode()


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("role", ["SMM", "CM"])
def test_pdf_is_one_a4_page_per_seeded_role(seeded, tmp_path, needs_chromium, role, lang):
    out = tmp_path / f"{role}.pdf"
    result = raci("brief", str(seeded), "--role", role, "--lang", lang, "-o", str(out))
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    pdf = pdfium.PdfDocument(data)
    try:
        assert len(pdf) == 1
        width, height = pdf[0].get_size()
        assert (round(width), round(height)) == (595, 842)  # A4 portrait, in points
        text = pdf[0].get_textpage().get_text_range()
        assert role in text and ("Lo que hago" if lang == "es" else "What I do") in text
    finally:
        pdf.close()


def _pages(data: bytes) -> list[str]:
    pdf = pdfium.PdfDocument(data)
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


@pytest.mark.parametrize("count, density", [(24, "normal"), (34, "compact"), (45, "dense"), (90, "dense continues")])
def test_a_denser_brief_gets_smaller_type_and_only_a_brief_said_to_continue_takes_more_pages(
        needs_chromium, count, density):
    from raci.model import Plan, Role, Task
    from raci.output.brief import brief, brief_html, brief_pdf

    seeded = seed_plan("es")
    tasks = [Task(f"{seeded.names[i % 22]} {i}", seeded.categories[i % 22], "", 4, seeded.recurrences[i % 22])
             for i in range(count)]
    plan = Plan.create(tasks, [Role("CM"), Role("SMM")], [["A/R", "C"] if i % 3 else ["C", "A/R"]
                                                          for i in range(count)], seeded.team)
    page = brief_html(brief(plan, "es", role="CM"), "es")
    assert f'<body class="brief {density}">' in page
    pages = _pages(brief_pdf(page))
    if "continues" in density:
        assert len(pages) > 1 and all("CM · continúa" in text for text in pages[1:])
        assert f"Página {len(pages)} / {len(pages)}" in pages[-1]
    else:
        assert len(pages) == 1 and "continúa" not in pages[0] and "Página 1 / 1" in pages[0]


def test_pdf_without_chromium_says_so_and_exits_2(seeded, tmp_path):
    import subprocess
    import sys

    from tests.cli.test_cli import ROOT

    out = tmp_path / "cm.pdf"
    result = subprocess.run([sys.executable, "-m", "raci", "brief", str(seeded), "--role", "CM", "-o", str(out),
                             "--lang", "es"], cwd=ROOT, capture_output=True, timeout=60,
                            env={"PATH": str(tmp_path), "LANG": "C.UTF-8", "PYTHONPATH": str(ROOT)})
    assert result.returncode == 2 and not out.exists()
    assert result.stderr.decode().startswith("Una ficha en PDF necesita Chromium en este equipo")
