"""The deck as LibreOffice Impress draws it: it converts headless (no repair prompt: a file Impress
cannot read fails the conversion), one PDF page per slide, and every page shows something.

The pages are kept as PNGs in test-artifacts/deck/ to look at. Without LibreOffice the test skips
on a workstation and fails in CI (CI=true), where .ci/run installs libreoffice-impress-nogui.
"""

import io
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pptx import Presentation

from raci.output.deck import deck_pptx, slide_count
from raci.seed import seed_plan
from tests.core.test_deck import four_roles
from tools.office import pdf_pages, soffice, to_pdf

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "deck"


def _need_soffice() -> None:
    if soffice() is None:
        message = "LibreOffice is not installed: apt-get install -y --no-install-recommends libreoffice-impress-nogui"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}: in CI the deck render test must run", pytrace=False)
        pytest.skip(message)


@pytest.mark.parametrize(("name", "lang"), [("seeded", "es"), ("four-roles", "en")])
def test_impress_renders_every_slide_of_the_deck(name, lang, tmp_path):
    _need_soffice()
    plan = seed_plan(lang) if name == "seeded" else four_roles(lang)
    source = tmp_path / f"{name}-{lang}.pptx"
    data = deck_pptx(plan, lang, title=f"Marca Sol · {name}")
    charted = [any(shape.has_chart for shape in slide.shapes) for slide in Presentation(io.BytesIO(data)).slides]
    source.write_bytes(data)
    out = ARTIFACTS / f"{name}-{lang}"
    pages = pdf_pages(to_pdf(source, tmp_path), out, scale=0.75)
    assert len(pages) == slide_count(plan)
    for page, has_chart in zip(pages, charted, strict=True):
        image = Image.open(page)
        assert image.width > image.height  # 16:9, landscape
        grey = np.asarray(image.convert("L"), dtype=float)
        assert (grey < 200).mean() > 0.002, f"{page.name} looks blank"  # a heading alone darkens more
        if has_chart:  # the chart is drawn: the role and letter colours fill part of the page
            saturation = np.asarray(image.convert("HSV"), dtype=float)[..., 1]
            assert (saturation > 80).mean() > 0.04, f"{page.name}: its chart is not drawn"
