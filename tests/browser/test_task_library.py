"""The add-task form in a real browser: the library's matches appear as one types, a pick fills the form."""

import os
from pathlib import Path

from playwright.sync_api import Page, expect

from tools.browser import wait_idle

SHOT = os.environ.get("RACI_LIBRARY_SHOT")  # a path: keep a screenshot of the form showing matches


def test_typing_shows_the_librarys_matches_and_a_pick_adds_the_task(page: Page, app_url: str):
    page.goto(f"{app_url}/matrix?lang=es")
    wait_idle(page)
    page.get_by_text("Tareas: añadir, mover, eliminar").click()
    field = page.locator(".st-key-new_task_name input")
    field.click()
    field.type("reseñas", delay=60)  # no Enter: the field commits by itself after a pause
    pick = page.get_by_role("button", name="Responder a reseñas y valoraciones online")
    expect(pick).to_be_visible(timeout=15_000)
    wait_idle(page)
    labels = page.locator("[class*='st-key-library_pick'] button").all_inner_texts()
    assert any("Responder a reseñas y valoraciones online" in label for label in labels), labels
    assert "Sugerencia: categoría Atención al cliente" in page.get_by_test_id("stMain").inner_text()
    if SHOT:
        form = page.locator(".st-key-new_task_name").locator("xpath=ancestor::*[@data-testid='stExpander'][1]")
        Path(SHOT).parent.mkdir(parents=True, exist_ok=True)
        form.screenshot(path=SHOT)
    pick.click()
    expect(field).to_have_value("Responder a reseñas y valoraciones online", timeout=15_000)
    wait_idle(page)
    page.get_by_role("button", name="Añadir tarea").click()
    expect(page.get_by_test_id("stAlert").first).to_contain_text(
        "Tarea 'Responder a reseñas y valoraciones online' añadida", timeout=15_000)
