"""Suggest a balance in a real browser: an overloaded CM, the proposal, two of its three moves accepted."""

from pathlib import Path

from playwright.sync_api import Page, expect

from raci.seed import seed_plan
from raci.storage import Store
from tools.browser import wait_idle

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def test_propose_and_accept_two_moves(page: Page, app_url: str, tmp_path: Path):
    ARTIFACTS.mkdir(exist_ok=True)
    with Store(f"sqlite:///{tmp_path / 'raci.db'}") as store:  # the app's own database (see conftest)
        info = store.create_plan("Marca B", seed_plan("es").update_role("CM", capacity=64.0))
    page.goto(f"{app_url}/?plan={info.id}")
    wait_idle(page)
    panel = page.locator(".st-key-load_panel")
    expect(panel.get_by_text("115,4 / 64 h")).to_be_visible()
    page.get_by_role("button", name="Proponer reparto").click()
    wait_idle(page)
    page.get_by_text("Respetar la naturaleza de cada tarea").click()
    page.get_by_role("button", name="Proponer", exact=True).click()
    wait_idle(page)
    expect(page.get_by_text("3 cambios bajan la utilización más alta del 180 % al 97 % (óptimo demostrado).")) \
        .to_be_visible()
    expect(page.locator(".st-key-balance_panel_assign .js-plotly-plot")).to_be_visible()
    page.get_by_text("Moderar conversaciones en línea: CM").click()  # untick the third move
    wait_idle(page)
    accept = page.get_by_role("button", name="Aceptar los cambios marcados (2)")
    accept.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "balance-proposal.png"))
    accept.click()
    wait_idle(page)
    expect(page.get_by_text("Proponer", exact=True)).to_have_count(0)  # the panel closed
    # Build the community (17,3 h) and replies (22,7 h) moved: the CM carries 115,4 - 40,0 h
    expect(panel.get_by_text("75,4 / 64 h")).to_be_visible()
    expect(page.get_by_text("Guardado · versión 2")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "balance-accepted.png"))
