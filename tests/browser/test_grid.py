"""The RACI grid in a real browser: edits one after another, none lost or needing doing twice.

The grid is a canvas (glide-data-grid): cells are reached by position, and the
editor opens as an overlay. After a rerun the first click may only give the
grid focus, so the editor is checked to be on the intended cell before typing.
"""

from playwright.sync_api import Page

from tools.browser import wait_idle

TASK_COLUMN, LETTER_COLUMN, ROW = 400, 75, 35  # px: the task column is "large", letters "small"


def open_editor(page: Page, row: int, role_column: int, current: list[str]) -> None:
    grid = page.get_by_test_id("stDataFrame").first
    grid.locator("canvas").first.wait_for()
    box = grid.bounding_box()
    x = box["x"] + TASK_COLUMN + LETTER_COLUMN * role_column + LETTER_COLUMN / 2
    y = box["y"] + ROW * (row + 1) + ROW / 2
    overlay = page.locator(".gdg-clip-region")
    for attempt in range(8):
        page.mouse.click(x, y)
        page.wait_for_timeout(400 + 100 * attempt)
        page.keyboard.press("Enter")
        try:
            overlay.wait_for(timeout=1500)
        except Exception:  # the click only focused the grid: try again
            continue
        page.wait_for_timeout(200)
        if overlay.locator("[class*='multiValue']").all_inner_texts() == current:
            return
        page.keyboard.press("Escape")
        page.wait_for_timeout(400)
    raise AssertionError(f"could not open the editor of row {row}, role column {role_column}")


def set_letter(page: Page, row: int, role_column: int, current: list[str], letter: str, *, clear: bool = True) -> None:
    open_editor(page, row, role_column, current)
    overlay = page.locator(".gdg-clip-region")
    for remove in overlay.get_by_role("button").all() if clear else []:
        remove.click()
    page.keyboard.type(letter)
    page.keyboard.press("Enter")
    page.wait_for_timeout(200)
    page.locator("h1").first.click()  # leaving the cell (for the page title) commits the edit
    wait_idle(page)


def findings(page: Page) -> str:
    return "\n".join(page.get_by_test_id("stAlert").all_inner_texts())


def test_successive_grid_edits_are_all_kept(page: Page, app_url: str):
    page.goto(f"{app_url}/matrix?lang=en")
    wait_idle(page)
    assert "No findings" in findings(page)

    set_letter(page, 0, 0, ["A/R"], "C")  # SMM on "Select social media platforms"
    assert "'Select social media platforms' has no Accountable role" in findings(page)

    set_letter(page, 1, 0, ["A/R"], "I")  # SMM on "Plan the content strategy"
    text = findings(page)
    assert "'Select social media platforms' has no Accountable role" in text  # the first edit is kept
    assert "'Plan the content strategy' has no Accountable role" in text

    set_letter(page, 0, 0, ["C"], "A")  # the first cell again: edited once, applied once
    text = findings(page)
    assert "'Select social media platforms' has nobody Responsible" in text
    assert "'Select social media platforms' has no Accountable role" not in text
    assert "'Plan the content strategy' has no Accountable role" in text

    # The other pages see the same plan: the dashboard counts the three errors.
    page.get_by_test_id("stSidebarNav").get_by_text("Dashboard", exact=True).click()
    wait_idle(page)
    assert "Errors: 3" in page.get_by_test_id("stMain").inner_text()


def test_one_pick_replaces_the_letter_and_the_cell_shows_it_alone(page: Page, app_url: str):
    page.goto(f"{app_url}/matrix?lang=es")
    wait_idle(page)
    set_letter(page, 0, 0, ["A/R"], "C", clear=False)  # C picked next to A/R, as a user does
    assert "'Seleccionar plataformas de redes sociales' no tiene Aprobador" in findings(page)
    open_editor(page, 0, 0, ["C"])  # the cell was redrawn with one pill: C
    page.keyboard.press("Escape")


def test_a_task_of_ones_own_is_added_by_typing_its_name(page: Page, app_url: str):
    page.goto(f"{app_url}/matrix?lang=es")
    wait_idle(page)
    page.get_by_text("Tareas: añadir, mover, eliminar").click()  # the tasks' expander
    field = page.locator(".st-key-new_task_name input")
    field.click()
    field.type("Diseñar banners")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Añadir tarea").click()
    wait_idle(page)
    assert "Diseñar banners" in page.get_by_test_id("stAlert").first.inner_text()  # "added" message
