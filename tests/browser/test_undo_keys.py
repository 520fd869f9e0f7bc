"""Ctrl+Z and Ctrl+Shift+Z undo and redo an owner change, as the sidebar buttons do; typing in a text
field keeps the browser's own Ctrl+Z for the text."""

from pathlib import Path

from playwright.sync_api import Page, expect

from tools.browser import choice, wait_idle

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def chosen(page: Page) -> str:
    """The owner shown for the first task (the pressed button of its control)."""
    return choice(page, "select-platforms").locator("button[aria-checked='true']").inner_text()


def test_ctrl_z_undoes_and_ctrl_shift_z_redoes(page: Page, app_url: str):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{app_url}/?lang=es")
    wait_idle(page)
    assert chosen(page) == "SMM"
    choice(page, "select-platforms").get_by_role("radio", name="CM", exact=True).click()
    wait_idle(page)
    assert chosen(page) == "CM"
    expect(page.get_by_test_id("stSidebar").get_by_text("versión 2")).to_be_visible()

    page.get_by_role("heading", name="¿Quién es dueño de cada tarea?").click()  # the page has focus, no field
    page.keyboard.press("Control+z")
    wait_idle(page)
    assert chosen(page) == "SMM"
    expect(page.get_by_test_id("stSidebar").get_by_text("versión 3")).to_be_visible()  # a new version
    page.screenshot(path=str(ARTIFACTS / "undo-ctrl-z.png"))

    page.keyboard.press("Control+Shift+z")
    wait_idle(page)
    assert chosen(page) == "CM"
    expect(page.get_by_test_id("stSidebar").get_by_text("versión 4")).to_be_visible()

    # In the name field, Ctrl+Z is the browser's text undo: the plan stays as it is.
    field = page.get_by_test_id("stSidebar").get_by_role("textbox", name="Tu nombre")
    field.click()
    field.type("Ana")
    page.keyboard.press("Control+z")
    page.wait_for_timeout(500)
    wait_idle(page)
    assert chosen(page) == "CM"
    expect(page.get_by_test_id("stSidebar").get_by_text("versión 4")).to_be_visible()
