"""A manager's journey in a real browser: language, one-click owner, charts, CSV out and in."""

from pathlib import Path

from playwright.sync_api import Page, expect
from pptx import Presentation

from raci.files.csv import read_csv
from tools.browser import choice, wait_idle

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def open_page(page: Page, label: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_text(label, exact=True).click()
    wait_idle(page)


def smm_r_hours(page: Page) -> float:
    page.wait_for_selector(".js-plotly-plot")
    return page.evaluate("document.querySelector('.js-plotly-plot').data[0].y[0]")


def test_the_whole_journey(page: Page, app_url: str, tmp_path: Path):
    ARTIFACTS.mkdir(exist_ok=True)
    # The browser speaks Spanish: the app opens in Spanish on the seeded plan.
    page.goto(app_url)
    wait_idle(page)
    expect(page.get_by_role("heading", name="¿Quién es dueño de cada tarea?")).to_be_visible()
    expect(page.get_by_text("Seleccionar plataformas de redes sociales")).to_be_visible()

    # The visible switch turns everything to English and says so in the URL.
    page.get_by_test_id("stSidebar").get_by_role("radio", name="English").click()
    wait_idle(page)
    expect(page.get_by_role("heading", name="Who owns each task?")).to_be_visible()
    expect(page.get_by_text("Select social media platforms")).to_be_visible()
    assert "lang=en" in page.url

    # The dashboard shows the SMM's hours; one click on the assignment screen moves them.
    open_page(page, "Dashboard")
    before = smm_r_hours(page)
    open_page(page, "Assignment")
    # Streamlit marks each keyed widget with a class: the owner control of the first task.
    choice(page, "select-platforms").get_by_role("radio", name="CM", exact=True).click()
    wait_idle(page)
    open_page(page, "Dashboard")
    page.wait_for_function(f"document.querySelector('.js-plotly-plot').data[0].y[0] !== {before}")
    assert smm_r_hours(page) == before - 2  # the task's 2 h/month moved to the CM
    page.screenshot(path=str(ARTIFACTS / "dashboard-after-reassign.png"), full_page=True)

    # The CSV download holds the change.
    open_page(page, "Plan files")
    with page.expect_download() as download:
        page.get_by_role("button", name="CSV (comma)").click()
    # Named after the plan (created while the browser spoke Spanish), not "raci-plan.csv".
    assert download.value.suggested_filename == "equipo-de-redes-sociales-raci.csv"
    saved = tmp_path / "plan.csv"
    download.value.save_as(saved)
    plan = read_csv(saved.read_bytes())
    assert plan.tasks["name"].iloc[0] == "Select social media platforms"
    assert plan.letters().iloc[0].tolist() == ["I", "A/R"]

    # So does the meeting deck, in English, with the change in its matrix.
    with page.expect_download() as download:
        page.get_by_role("button", name="Meeting deck (PowerPoint)").click()
    assert download.value.suggested_filename == "equipo-de-redes-sociales-deck.pptx"
    deck = Presentation(download.value.path())
    table = next(shape.table for slide in deck.slides for shape in slide.shapes if shape.has_table)
    assert table.cell(1, 1).text == "Select social media platforms"
    assert [table.cell(1, k).text for k in (4, 5)] == ["I", "A/R"]

    # Uploading a file replaces the plan; a refused one changes nothing and says why.
    refused = tmp_path / "refused.csv"
    refused.write_bytes(b"task,SMM\r\nPlan,X\r\n")
    page.locator("input[type='file']").set_input_files(str(refused))
    wait_idle(page)
    expect(page.get_by_text("Row 2, column 'SMM'")).to_be_visible()
    edited = saved.read_bytes().replace(b"Select social media platforms", b"Elegir redes \xf0\x9f\x9a\x80")
    upload = tmp_path / "edited.csv"
    upload.write_bytes(edited)
    page.locator("input[type='file']").set_input_files(str(upload))
    wait_idle(page)
    expect(page.get_by_text("'edited.csv' imported: 22 tasks, 2 roles.")).to_be_visible()
    open_page(page, "Assignment")
    expect(page.get_by_text("Elegir redes 🚀")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "assignment-after-upload.png"), full_page=True)
