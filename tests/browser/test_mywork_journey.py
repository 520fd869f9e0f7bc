"""My work in a real browser: pick a role, see its brief, download it as HTML and as a one-page PDF."""

from pathlib import Path

import pypdfium2 as pdfium
from playwright.sync_api import Page, expect

from tools.browser import wait_idle

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def test_a_roles_brief_on_screen_and_as_html_and_pdf(page: Page, app_url: str, tmp_path: Path):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{app_url}/mywork")
    wait_idle(page)
    expect(page.get_by_role("heading", name="Mi trabajo")).to_be_visible()
    expect(page.get_by_role("heading", name="SMM · Social Media Manager")).to_be_visible()

    # The CM, picked in the role list: its load and its sections.
    page.get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name="CM · Community Manager").click()
    wait_idle(page)
    expect(page.get_by_role("heading", name="CM · Community Manager")).to_be_visible()
    expect(page.get_by_test_id("stMain").get_by_test_id("stMetric").first).to_contain_text("115,4 h")
    expect(page.get_by_role("heading", name="Lo que hago (R, A/R)")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "mywork-cm.png"))

    with page.expect_download() as download:
        page.get_by_role("button", name="Ficha (HTML)").click()
    assert download.value.suggested_filename == "equipo-de-redes-sociales-cm.html"
    html = tmp_path / "cm.html"
    download.value.save_as(html)
    assert "Moderar conversaciones en línea" in html.read_text(encoding="utf-8")

    with page.expect_download() as download:
        page.get_by_role("button", name="Ficha (PDF)").click()
    pdf = tmp_path / "cm.pdf"
    download.value.save_as(pdf)
    document = pdfium.PdfDocument(pdf.read_bytes())
    try:
        assert len(document) == 1 and "Lo que hago" in document[0].get_textpage().get_text_range()
    finally:
        document.close()
